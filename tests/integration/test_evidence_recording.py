"""Services append their evidence in their own transaction: both commit or neither does."""

import pytest
from django.db import transaction

from fairscreen.accounts import services
from fairscreen.accounts.roles import Role
from fairscreen.demo.seed import seed_demo_organisation
from fairscreen.domain.ledger import (
    LedgerEntry,
    verify_consistency,
    verify_inclusion,
)
from fairscreen.evidence import store
from fairscreen.evidence.models import Event
from fairscreen.evidence.services import LedgerUsageError, record_event
from tests.factories import access_for

pytestmark = pytest.mark.django_db


def payloads(event_type: str) -> list[dict]:
    return [
        LedgerEntry.from_bytes(bytes(event.entry)).payload
        for event in Event.objects.filter(event_type=event_type)
    ]


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_a_programming_error() -> None:
    with pytest.raises(LedgerUsageError):
        record_event(event_type="test.orphan", actor="system")
    assert not Event.objects.exists()


def test_role_changes_are_recorded_with_before_and_after(make_organisation, make_member):
    organisation = make_organisation()
    admin = make_member(organisation, Role.HR_ADMIN)
    colleague = make_member(organisation, Role.RECRUITER)

    services.set_member_roles(
        access=access_for(admin, organisation),
        membership=colleague.memberships.get(),
        roles=frozenset({Role.REVIEWER, Role.APPROVER}),
    )

    last = Event.objects.filter(event_type="membership.roles_changed").last()
    entry = LedgerEntry.from_bytes(bytes(last.entry))
    assert entry.payload == {"before": ["recruiter"], "after": ["approver", "reviewer"]}
    assert entry.actor == f"user:{admin.id}"
    assert entry.subject == f"user:{colleague.id}"


def test_a_refused_change_leaves_no_evidence(make_organisation, make_member) -> None:
    organisation = make_organisation()
    admin = make_member(organisation, Role.HR_ADMIN)
    before = store.current_size()

    with pytest.raises(services.LastHrAdmin):
        services.set_member_roles(
            access=access_for(admin, organisation),
            membership=admin.memberships.get(),
            roles=frozenset({Role.AUDITOR}),
        )

    assert store.current_size() == before


@transaction.atomic
def change_that_fails_after_recording() -> None:
    record_event(event_type="test.discarded", actor="system")
    raise RuntimeError("the change failed after its event was written")


def test_a_rolled_back_transaction_takes_its_events_and_sequence_numbers_with_it() -> None:
    with transaction.atomic():
        record_event(event_type="test.kept", actor="system")
    with pytest.raises(RuntimeError, match="failed after"):
        change_that_fails_after_recording()
    with transaction.atomic():
        record_event(event_type="test.kept", actor="system")

    assert list(Event.objects.values_list("sequence", "event_type")) == [
        (0, "test.kept"),
        (1, "test.kept"),
    ]


def test_the_demo_leaves_a_verifiable_trail_without_personal_data() -> None:
    seed_demo_organisation()

    size = store.current_size()
    root = store.root_at(size)
    everything = b"".join(bytes(entry) for entry in Event.objects.values_list("entry", flat=True))

    assert size >= 15  # organisation + 7 users + 7 role grants
    assert b"@example.com" not in everything
    assert "测试".encode() not in everything
    for event in Event.objects.all():
        verify_inclusion(
            leaf_hash=bytes(event.leaf_hash),
            index=event.sequence,
            tree_size=size,
            proof=store.inclusion_proof(event.sequence, size),
            root=root,
        )
    for first in range(1, size + 1):
        verify_consistency(
            first=first,
            second=size,
            first_root=store.root_at(first),
            second_root=root,
            proof=store.consistency_proof(first, size),
        )


def test_token_issue_and_revoke_are_recorded(make_organisation, make_member) -> None:
    organisation = make_organisation()
    access = access_for(make_member(organisation, Role.HR_ADMIN), organisation)

    issued = services.issue_api_token(access=access, name="测试", roles=frozenset({Role.AUDITOR}))
    services.revoke_api_token(access=access, token=issued.token)

    assert payloads("api_token.issued") == [{"roles": ["auditor"], "expires_in_days": None}]
    assert Event.objects.filter(
        event_type="api_token.revoked", subject=f"api_token:{issued.token.id}"
    ).exists()
    assert issued.plaintext.encode() not in b"".join(
        bytes(e) for e in Event.objects.values_list("entry", flat=True)
    )
