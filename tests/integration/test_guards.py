"""The database itself keeps the evidence tables append-only, whoever asks (ORM or raw SQL).

Each refused statement runs in a savepoint: on PostgreSQL an error aborts the enclosing
transaction, and the test must still read the row afterwards to show it is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction

from fairscreen.evidence import guards
from fairscreen.evidence.models import Event, SignedCheckpoint, TreeNode
from fairscreen.evidence.services import create_checkpoint, record_event

pytestmark = pytest.mark.django_db

REFUSED = "append-only"


@pytest.fixture
def ledger() -> None:
    """Four events (so interior tree nodes exist) and a checkpoint."""
    with transaction.atomic():
        for number in range(4):
            record_event(event_type="test.guarded", actor="user:test", payload={"n": number})
    create_checkpoint()


def refused(action: Callable[[], object]) -> None:
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
        action()


def raw(statement: str, parameters: list[object]) -> Callable[[], object]:
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(statement, parameters)

    return run


def snapshot() -> tuple[list[tuple[object, ...]], ...]:
    return (
        [(e.sequence, e.actor, bytes(e.entry), bytes(e.leaf_hash)) for e in Event.objects.all()],
        [
            (n.level, n.position, bytes(n.hash))
            for n in TreeNode.objects.order_by("level", "position")
        ],
        [(c.tree_size, c.note) for c in SignedCheckpoint.objects.all()],
    )


def test_orm_updates_are_refused_and_change_nothing(ledger: None) -> None:
    before = snapshot()
    event = Event.objects.get(sequence=1)
    event.actor = "user:intruder"

    refused(event.save)
    refused(lambda: Event.objects.filter(sequence=2).update(entry=b"{}"))
    refused(lambda: TreeNode.objects.filter(level=1).update(hash=b"\x00" * 32))
    refused(lambda: SignedCheckpoint.objects.update(note="forged"))

    assert snapshot() == before


def test_orm_deletes_are_refused_and_change_nothing(ledger: None) -> None:
    before = snapshot()

    refused(Event.objects.get(sequence=3).delete)
    refused(Event.objects.all().delete)
    refused(TreeNode.objects.all().delete)
    refused(SignedCheckpoint.objects.all().delete)

    assert snapshot() == before


@pytest.mark.parametrize(
    ("statement", "parameters"),
    [
        ("UPDATE evidence_event SET entry = %s WHERE sequence = %s", [b"{}", 0]),
        ("UPDATE evidence_event SET sequence = sequence + 100", []),
        ("DELETE FROM evidence_event WHERE sequence = %s", [3]),
        ("UPDATE evidence_treenode SET hash = %s", [b"\x00" * 32]),
        ("DELETE FROM evidence_treenode", []),
        ("UPDATE evidence_signedcheckpoint SET note = %s", ["forged"]),
        ("DELETE FROM evidence_signedcheckpoint", []),
    ],
)
def test_raw_sql_updates_and_deletes_are_refused(
    ledger: None, statement: str, parameters: list[object]
) -> None:
    before = snapshot()

    refused(raw(statement, parameters))

    assert snapshot() == before


def test_appending_still_works_through_the_services_and_raw_sql(ledger: None) -> None:
    with transaction.atomic():
        record_event(event_type="test.guarded", actor="user:test")
    checkpoint = create_checkpoint()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO evidence_treenode (level, position, hash) VALUES (%s, %s, %s)",
            [9, 9, b"\x01" * 32],
        )

    assert Event.objects.count() == 5
    assert checkpoint.tree_size == 5
    assert SignedCheckpoint.objects.count() == 2
    assert TreeNode.objects.filter(level=9, position=9).exists()


def test_the_guards_come_back_after_being_dropped(ledger: None) -> None:
    with connection.cursor() as cursor:
        for statement in guards.uninstall_sql(connection.vendor):
            cursor.execute(statement)
        with transaction.atomic():
            Event.objects.filter(sequence=0).update(actor="user:while-unguarded")
        for statement in guards.install_sql(connection.vendor):
            cursor.execute(statement)

    refused(lambda: Event.objects.filter(sequence=0).update(actor="user:after"))

    assert Event.objects.get(sequence=0).actor == "user:while-unguarded"
