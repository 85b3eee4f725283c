"""Tampering directly in the database, past the guards, is detected and located by the audit.

Each test plays someone with full database access: it drops the append-only triggers,
changes the evidence tables with raw SQL, and restores the triggers afterwards. Runs on
SQLite and, with FAIRSCREEN_TEST_DATABASE_URL, on PostgreSQL (bytes go as parameters).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db import connection, transaction

from fairscreen.domain.ledger import LedgerEntry, leaf_hash
from fairscreen.evidence import guards, signer
from fairscreen.evidence.audit import AuditUnavailable, CheckpointRejected, audit_database
from fairscreen.evidence.models import Event, SignedCheckpoint
from fairscreen.evidence.services import create_checkpoint, record_event

pytestmark = pytest.mark.django_db

SIZE = 20
SELECT_ROW = (
    "SELECT sequence, recorded_at, event_type, organisation_id, actor, subject, entry, "
    "leaf_hash FROM evidence_event WHERE sequence = %s"
)
INSERT_ROW = (
    "INSERT INTO evidence_event (sequence, recorded_at, event_type, organisation_id, actor, "
    "subject, entry, leaf_hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)


@pytest.fixture
def ledger() -> SignedCheckpoint:
    """Twenty events of a fictional organisation, and a signed checkpoint over them."""
    with transaction.atomic():
        for number in range(SIZE):
            record_event(
                event_type="test.step_recorded",
                actor="user:test-hr",
                subject=f"screening:test-{number}",
                organisation="org:test",
                payload={"step": number, "outcome": "passed"},
            )
    assert Event.objects.count() == SIZE  # the tests assume a log of exactly SIZE events
    return create_checkpoint()


@contextmanager
def unguarded() -> Iterator[Any]:
    """Drop the append-only triggers (as a database owner could), restore them after."""
    with connection.cursor() as cursor:
        for statement in guards.uninstall_sql(connection.vendor):
            cursor.execute(statement)
        try:
            with transaction.atomic():
                yield cursor
        finally:
            for statement in guards.install_sql(connection.vendor):
                cursor.execute(statement)


def read_row(cursor: Any, sequence: int) -> list[Any]:
    cursor.execute(SELECT_ROW, [sequence])
    row = list(cursor.fetchone())
    row[6], row[7] = bytes(row[6]), bytes(row[7])
    return row


def insert_row(cursor: Any, row: list[Any]) -> None:
    values = list(row)
    if isinstance(values[1], datetime):  # SQLite's raw cursor returns the stored text
        values[1] = connection.ops.adapt_datetimefield_value(values[1])
    cursor.execute(INSERT_ROW, values)


def set_entry(cursor: Any, sequence: int, entry: bytes, *, with_hash: bool = False) -> None:
    if with_hash:
        cursor.execute(
            "UPDATE evidence_event SET entry = %s, leaf_hash = %s WHERE sequence = %s",
            [entry, leaf_hash(entry), sequence],
        )
    else:
        cursor.execute(
            "UPDATE evidence_event SET entry = %s WHERE sequence = %s", [entry, sequence]
        )


def flip_payload_byte(entry: bytes) -> bytes:
    """'"outcome":"passed"' -> '"outcome":"pbssed"': one byte, still a canonical entry."""
    position = entry.index(b'"passed"') + 2
    return entry[:position] + bytes([entry[position] ^ 0x03]) + entry[position + 1 :]


def forged_row(sequence: int) -> list[Any]:
    when = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    entry = LedgerEntry(
        sequence=sequence,
        recorded_at=when,
        event_type="test.step_recorded",
        actor="user:test-forger",
        organisation="org:test",
        payload={"step": 99, "outcome": "passed"},
    ).to_bytes()
    return [sequence, when, "test.step_recorded", "org:test", "user:test-forger", "", entry,
            leaf_hash(entry)]  # fmt: skip


def located(report: Any) -> list[tuple[int | None, str]]:
    return [(problem.sequence, problem.kind) for problem in report.problems]


def test_an_untouched_log_passes_the_audit(ledger: SignedCheckpoint) -> None:
    report = audit_database()

    assert report.ok, report.problems
    assert (report.tree_size, report.root_hash) == (SIZE, bytes(ledger.root_hash))


def test_a_changed_payload_byte_is_located(ledger: SignedCheckpoint) -> None:
    with unguarded() as cursor:
        set_entry(cursor, 7, flip_payload_byte(read_row(cursor, 7)[6]))

    report = audit_database()

    assert not report.ok
    assert located(report)[0] == (7, "altered")


def test_a_changed_payload_with_a_recomputed_leaf_hash_still_breaks_the_root(
    ledger: SignedCheckpoint,
) -> None:
    with unguarded() as cursor:
        set_entry(cursor, 7, flip_payload_byte(read_row(cursor, 7)[6]), with_hash=True)

    report = audit_database()

    assert not report.ok
    assert located(report) == [(None, "root_mismatch")]
    assert f"between sequence 0 and {SIZE - 1}" in report.problems[0].message


def test_a_deleted_row_is_reported_missing(ledger: SignedCheckpoint) -> None:
    with unguarded() as cursor:
        cursor.execute("DELETE FROM evidence_event WHERE sequence = %s", [11])

    report = audit_database()

    assert located(report)[0] == (11, "missing")


def test_swapped_entries_are_located_at_the_first(ledger: SignedCheckpoint) -> None:
    with unguarded() as cursor:
        fourth, ninth = read_row(cursor, 4), read_row(cursor, 9)
        set_entry(cursor, 4, ninth[6], with_hash=True)
        set_entry(cursor, 9, fourth[6], with_hash=True)

    report = audit_database()

    assert not report.ok
    assert located(report)[0] == (4, "reordered")


def test_a_cut_off_tail_is_reported_truncated(ledger: SignedCheckpoint) -> None:
    with unguarded() as cursor:
        cursor.execute("DELETE FROM evidence_event WHERE sequence >= %s", [SIZE - 3])

    report = audit_database()

    assert located(report) == [(SIZE - 3, "truncated")]


def test_a_forged_row_after_the_checkpoint_is_uncovered_not_proven(
    ledger: SignedCheckpoint,
) -> None:
    with unguarded() as cursor:
        insert_row(cursor, forged_row(SIZE))

    report = audit_database()

    assert report.ok  # no new checkpoint was signed: the old one still verifies ...
    assert (report.tree_size, report.uncovered) == (SIZE, 1)  # ... and the row is unproven


def test_a_forged_row_in_the_middle_is_located_where_it_was_inserted(
    ledger: SignedCheckpoint,
) -> None:
    position = 6
    with unguarded() as cursor:
        later = [read_row(cursor, sequence) for sequence in range(position, SIZE)]
        cursor.execute("DELETE FROM evidence_event WHERE sequence >= %s", [position])
        for row in reversed(later):
            insert_row(cursor, [row[0] + 1, *row[1:]])
        insert_row(cursor, forged_row(position))

    report = audit_database()

    assert not report.ok
    assert located(report)[0] == (position, "inserted")


def test_an_indexed_column_that_disagrees_with_its_entry_is_altered(
    ledger: SignedCheckpoint,
) -> None:
    with unguarded() as cursor:
        cursor.execute(
            "UPDATE evidence_event SET actor = %s, subject = %s WHERE sequence = %s",
            ["user:someone-else", "screening:other", 3],
        )

    report = audit_database()

    assert located(report) == [(3, "altered")]
    assert "actor, subject" in report.problems[0].message
    assert "someone-else" not in report.problems[0].message


def test_a_checkpoint_row_that_no_longer_matches_its_signature_fails(
    ledger: SignedCheckpoint,
) -> None:
    with unguarded() as cursor:
        note = ledger.note.replace(f"\n{SIZE}\n", f"\n{SIZE - 1}\n")
        cursor.execute(
            "UPDATE evidence_signedcheckpoint SET note = %s WHERE tree_size = %s", [note, SIZE]
        )

    with pytest.raises(CheckpointRejected, match="does not verify"):
        audit_database()


def test_without_a_checkpoint_the_audit_says_so(db: None) -> None:
    with pytest.raises(AuditUnavailable, match="no signed checkpoint"):
        audit_database()


# An independent signed-note verifier, written from c2sp.org/signed-note and
# c2sp.org/tlog-checkpoint with nothing from fairscreen: it checks that the format
# fairscreen publishes is the standard one, not merely self-consistent.


def independent_verify(note: str, verifier_key: str) -> tuple[str, int, bytes]:
    name, key_id_hex, key_base64 = verifier_key.split("+", 2)  # base64 may contain "+"
    key_material = base64.b64decode(key_base64)
    assert key_material[0] == 0x01  # signature type: Ed25519
    assert len(key_material) == 33
    public_key = key_material[1:]
    key_id = hashlib.sha256(name.encode() + b"\n" + b"\x01" + public_key).digest()[:4]
    assert key_id.hex() == key_id_hex
    text, _, signatures = note.rpartition("\n\n")
    text += "\n"
    verified = False
    for line in signatures.splitlines():
        signer_name, blob_base64 = line.removeprefix("\u2014 ").split(" ")
        blob = base64.b64decode(blob_base64)
        if signer_name == name and blob[:4] == key_id:
            Ed25519PublicKey.from_public_bytes(public_key).verify(blob[4:], text.encode())
            verified = True
    assert verified, "no signature line from the key"
    origin, size, root = text.splitlines()[:3]
    return origin, int(size), base64.b64decode(root)


def independent_root(leaves: list[bytes]) -> bytes:
    """RFC 9162 section 2.1.1, recursively: split at the largest power of two below n."""
    if len(leaves) == 1:
        return leaves[0]
    split = 1 << ((len(leaves) - 1).bit_length() - 1)
    left, right = independent_root(leaves[:split]), independent_root(leaves[split:])
    return hashlib.sha256(b"\x01" + left + right).digest()


def test_a_checkpoint_verifies_with_an_independent_implementation(
    ledger: SignedCheckpoint,
) -> None:
    entries = [bytes(entry) for entry in Event.objects.values_list("entry", flat=True)]
    leaves = [hashlib.sha256(b"\x00" + entry).digest() for entry in entries]

    origin, size, root = independent_verify(ledger.note, signer.verifier_key())

    assert (origin, size) == (signer.origin(), SIZE)
    assert root == independent_root(leaves)


def test_a_modified_checkpoint_fails_the_independent_verifier(ledger: SignedCheckpoint) -> None:
    modified = ledger.note.replace(f"\n{SIZE}\n", f"\n{SIZE + 1}\n", 1)
    assert modified != ledger.note

    with pytest.raises(InvalidSignature):
        independent_verify(modified, signer.verifier_key())
