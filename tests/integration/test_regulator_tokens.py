"""Regulator tokens: issued and revoked with their evidence, stored only as digests."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from fairscreen.core.errors import InvalidInput, NotFound
from fairscreen.evidence.models import Event, RegulatorToken
from fairscreen.evidence.regulators import (
    OPERATOR_ACTOR,
    RegulatorTokenAlreadyRevoked,
    authenticate_regulator_token,
    issue_regulator_token,
    regulator_token_by_key_id,
    revoke_regulator_token,
)

pytestmark = pytest.mark.django_db
TOKEN_FORMAT = re.compile(r"^fsr_([0-9a-f]{12})_([0-9a-f]{64})$")
INSPECTORATE = "测试劳动监察大队 (test labour inspectorate)"


class RolledBack(Exception):
    """Raised inside a transaction to prove its writes go together."""


def test_issue_returns_the_plaintext_once_and_stores_only_its_digest(make_user) -> None:
    operator = make_user()

    token, plaintext = issue_regulator_token(name=f"  {INSPECTORATE} ", created_by=operator)

    match = TOKEN_FORMAT.match(plaintext)
    assert match is not None
    key_id, secret = match.groups()
    stored = RegulatorToken.objects.get(id=token.id)
    assert stored.key_id == key_id
    assert stored.name == INSPECTORATE
    assert stored.created_by == operator
    assert stored.secret_digest == hashlib.sha256(secret.encode()).hexdigest()
    columns = [
        str(value) for value in RegulatorToken.objects.filter(id=token.id).values().get().values()
    ]
    assert not any(secret in value for value in columns)


def test_issue_records_an_evidence_event_naming_no_person(make_user) -> None:
    operator = make_user()

    token, _plaintext = issue_regulator_token(name=INSPECTORATE, created_by=operator)

    event = Event.objects.get(event_type="regulator_token.issued")
    assert event.subject == f"regulator_token:{token.id}"
    assert event.actor == f"user:{operator.id}"
    assert token.key_id in bytes(event.entry).decode()
    assert INSPECTORATE not in bytes(event.entry).decode()
    assert operator.email not in bytes(event.entry).decode()


def fail_after(action: Callable[[], object]) -> None:
    """Run `action` in a transaction that then fails, as a later step of a use case might."""
    with transaction.atomic():
        action()
        raise RolledBack


def test_a_failure_after_issue_rolls_back_the_token_and_its_event() -> None:
    with pytest.raises(RolledBack):
        fail_after(lambda: issue_regulator_token(name=INSPECTORATE))

    assert not RegulatorToken.objects.exists()
    assert not Event.objects.exists()


def test_a_token_without_a_name_is_refused_and_changes_nothing() -> None:
    for name in ("", "   ", "x" * 101):
        with pytest.raises(InvalidInput):
            issue_regulator_token(name=name)

    assert not RegulatorToken.objects.exists()
    assert not Event.objects.exists()


def test_authenticate_accepts_the_token_and_records_use_at_most_once_a_minute() -> None:
    token, plaintext = issue_regulator_token(name=INSPECTORATE)
    start = timezone.now()

    first = authenticate_regulator_token(plaintext, now=start)
    soon = authenticate_regulator_token(plaintext, now=start + timedelta(seconds=30))
    stored_soon = RegulatorToken.objects.get(id=token.id).last_used_at
    later = authenticate_regulator_token(plaintext, now=start + timedelta(minutes=2))
    stored_later = RegulatorToken.objects.get(id=token.id).last_used_at

    assert first is not None
    assert first.id == token.id
    assert soon is not None
    assert later is not None
    assert stored_soon == start
    assert stored_later == start + timedelta(minutes=2)


def test_authenticate_refuses_anything_else() -> None:
    _token, plaintext = issue_regulator_token(name=INSPECTORATE)
    key_id = plaintext.split("_")[1]
    wrong_secret = f"fsr_{key_id}_{'0' * 64}"
    staff_shaped = plaintext.replace("fsr_", "fs_", 1)
    unknown_key = f"fsr_{'a' * 12}_{plaintext.split('_')[2]}"

    for candidate in ("", "fsr_", "fsr__", wrong_secret, staff_shaped, unknown_key, "Bearer x"):
        assert authenticate_regulator_token(candidate) is None, candidate


def test_revoke_stops_the_token_records_the_event_and_refuses_a_second_time() -> None:
    token, plaintext = issue_regulator_token(name=INSPECTORATE)

    revoked = revoke_regulator_token(token=token)
    with pytest.raises(RegulatorTokenAlreadyRevoked) as second:
        revoke_regulator_token(token=token)

    assert revoked.revoked_at is not None
    assert authenticate_regulator_token(plaintext) is None
    assert second.value.status == 409
    assert second.value.code == "regulator_token_already_revoked"
    events = list(Event.objects.values_list("event_type", "actor", "subject"))
    assert events == [
        ("regulator_token.issued", OPERATOR_ACTOR, f"regulator_token:{token.id}"),
        ("regulator_token.revoked", OPERATOR_ACTOR, f"regulator_token:{token.id}"),
    ]


def test_a_failure_after_revoke_leaves_the_token_working() -> None:
    token, plaintext = issue_regulator_token(name=INSPECTORATE)

    with pytest.raises(RolledBack):
        fail_after(lambda: revoke_regulator_token(token=token))

    assert authenticate_regulator_token(plaintext) is not None
    assert list(Event.objects.values_list("event_type", flat=True)) == ["regulator_token.issued"]


def test_lookup_by_an_unknown_key_id_is_not_found() -> None:
    with pytest.raises(NotFound):
        regulator_token_by_key_id("0" * 12)


def test_the_cli_issues_and_revokes_a_token() -> None:
    issued = StringIO()

    call_command("regulator_token", "issue", "--name", INSPECTORATE, stdout=issued)
    plaintext = issued.getvalue().strip().splitlines()[-1]
    match = TOKEN_FORMAT.match(plaintext)
    assert match is not None
    key_id = match.group(1)
    assert authenticate_regulator_token(plaintext) is not None

    call_command("regulator_token", "revoke", key_id, stdout=StringIO())
    with pytest.raises(CommandError, match="already revoked"):
        call_command("regulator_token", "revoke", key_id, stdout=StringIO())
    with pytest.raises(CommandError, match="No regulator token"):
        call_command("regulator_token", "revoke", "f" * 12, stdout=StringIO())
    with pytest.raises(CommandError, match="needs a name"):
        call_command("regulator_token", "issue", "--name", " ", stdout=StringIO())

    assert authenticate_regulator_token(plaintext) is None
