"""Registering and reading candidates: roles, validation, duplicates, evidence, the demo."""

from __future__ import annotations

import pytest

from fairscreen.accounts.roles import Role
from fairscreen.core.errors import InvalidInput, NotFound, PermissionDenied
from fairscreen.demo.decisions import DECIDED_CANDIDATES
from fairscreen.demo.findings import SCREENED_CANDIDATES
from fairscreen.demo.seed import DEMO_CANDIDATES, seed_demo_organisation
from fairscreen.domain.ledger import LedgerEntry
from fairscreen.evidence.models import Event
from fairscreen.privacy.models import DestructionReason, SubjectKey
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings import selectors
from fairscreen.screenings.models import Candidate
from fairscreen.screenings.services import (
    CandidateAlreadyRegistered,
    destroy_candidate_keys,
    register_candidate,
)
from tests.factories import access_for, create_member

pytestmark = pytest.mark.django_db

VALUES = {
    "full_name": "测试候选人乙",
    "id_number": "990000200002020028",
    "phone": "13800000002",
    "email": "candidate.yi@example.com",
}


def member_access(organisation, *roles):
    return access_for(create_member(organisation, *roles), organisation)


@pytest.mark.parametrize("role", [Role.RECRUITER, Role.HR_ADMIN])
def test_recruiters_and_hr_admins_register_candidates(make_organisation, role) -> None:
    organisation = make_organisation()
    access = member_access(organisation, role)

    candidate = register_candidate(access=access, **VALUES)

    view = selectors.candidate(access=access, candidate_id=candidate.id)
    assert (view.full_name, view.id_number, view.phone, view.email) == tuple(VALUES.values())
    assert view.id_number_masked == "990000********0028"
    assert view.destroyed_at is None
    assert SubjectKey.objects.get(subject=f"candidate:{candidate.id}").organisation == organisation


@pytest.mark.parametrize(
    "role", [Role.ANALYST, Role.REVIEWER, Role.APPROVER, Role.DPO, Role.AUDITOR]
)
def test_other_roles_cannot_register(make_organisation, role) -> None:
    organisation = make_organisation()

    with pytest.raises(PermissionDenied):
        register_candidate(access=member_access(organisation, role), **VALUES)

    assert not Candidate.objects.exists()
    assert not SubjectKey.objects.exists()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.APPROVER, Role.AUDITOR])
def test_roles_without_a_need_do_not_read_candidates(make_organisation, make_candidate, role):
    organisation = make_organisation()
    candidate = make_candidate(organisation)
    access = member_access(organisation, role)

    with pytest.raises(PermissionDenied):
        selectors.candidates_for(access=access)
    with pytest.raises(PermissionDenied):
        selectors.candidate(access=access, candidate_id=candidate.id)


def test_invalid_input_changes_nothing_and_is_not_echoed(make_organisation) -> None:
    organisation = make_organisation()
    access = member_access(organisation, Role.RECRUITER)
    events = Event.objects.count()

    with pytest.raises(InvalidInput) as raised:
        register_candidate(
            access=access, **{**VALUES, "id_number": "990000200002020029", "phone": "23800000002"}
        )

    assert set(raised.value.details) == {"id_number", "phone"}
    assert "990000200002020029" not in str(raised.value.details)
    assert "23800000002" not in str(raised.value.details)
    assert not Candidate.objects.exists()
    assert not SubjectKey.objects.exists()
    assert Event.objects.count() == events


def test_one_id_number_is_one_candidate_per_organisation(make_organisation) -> None:
    ours, theirs = make_organisation(), make_organisation()
    register_candidate(access=member_access(ours, Role.RECRUITER), **VALUES)

    spaced = "９９００００ ２０００ ０２０２ ００２８"  # the same number, typed differently
    with pytest.raises(CandidateAlreadyRegistered) as raised:
        register_candidate(
            access=member_access(ours, Role.HR_ADMIN), **{**VALUES, "id_number": spaced}
        )
    register_candidate(access=member_access(theirs, Role.RECRUITER), **VALUES)

    assert VALUES["id_number"] not in raised.value.message
    assert Candidate.objects.filter(organisation=ours).count() == 1
    assert Candidate.objects.filter(organisation=theirs).count() == 1
    ours_index, theirs_index = (
        Candidate.objects.get(organisation=organisation).id_number_index
        for organisation in (ours, theirs)
    )
    assert ours_index != theirs_index, "organisations cannot join their blind indexes"


def test_registration_evidence_names_the_candidate_by_opaque_id_only(make_organisation):
    organisation = make_organisation()
    access = member_access(organisation, Role.RECRUITER)

    candidate = register_candidate(access=access, **VALUES)

    entries = {
        event.event_type: LedgerEntry.from_bytes(bytes(event.entry))
        for event in Event.objects.filter(subject=f"candidate:{candidate.id}")
    }
    assert set(entries) == {"subject_key.created", "candidate.registered"}
    assert entries["candidate.registered"].payload == {}
    assert entries["candidate.registered"].actor == access.principal.reference
    everything = b"".join(bytes(event.entry) for event in Event.objects.all())
    for value in VALUES.values():
        assert value.encode() not in everything


def test_lookup_by_id_number_uses_the_blind_index_within_the_organisation(
    make_organisation, make_candidate
) -> None:
    ours, theirs = make_organisation(), make_organisation()
    candidate = make_candidate(ours, **VALUES)
    make_candidate(theirs, **{**VALUES, "id_number": "99000020000303048X"})
    access = member_access(ours, Role.REVIEWER)

    found = selectors.find_candidate_by_id_number(access=access, id_number="990000 20000202 0028")
    missing = selectors.find_candidate_by_id_number(access=access, id_number="99000020000303048x")

    assert found is not None
    assert found.id == candidate.id
    assert missing is None
    with pytest.raises(InvalidInput):
        selectors.find_candidate_by_id_number(access=access, id_number="not a number")


def test_another_organisations_candidate_is_not_found(make_organisation, make_candidate):
    ours, theirs = make_organisation(), make_organisation()
    candidate = make_candidate(theirs)
    access = member_access(ours, Role.HR_ADMIN, Role.DPO)

    with pytest.raises(NotFound):
        selectors.candidate(access=access, candidate_id=candidate.id)
    assert selectors.candidates_for(access=access) == []


def test_the_demo_seeds_ten_fictional_candidates_once() -> None:
    first = seed_demo_organisation()
    second = seed_demo_organisation()

    assert first.created
    assert not second.created
    rows = Candidate.objects.filter(organisation=first.organisation)
    expected = (
        {candidate.full_name for candidate in DEMO_CANDIDATES}
        | {values[0] for values in SCREENED_CANDIDATES}
        | {values[0] for values in DECIDED_CANDIDATES}
    )
    assert rows.count() == len(expected) == 10
    assert {row.full_name.reveal() for row in rows} == expected
    emails = [row.email.reveal() for row in rows]
    assert all(str(email).endswith("@example.com") for email in emails)


def test_the_demo_does_not_bring_back_a_shredded_candidate() -> None:
    organisation = seed_demo_organisation().organisation
    dpo = member_access(organisation, Role.DPO)
    shredded = Candidate.objects.filter(organisation=organisation).first()
    destroy_candidate_keys(
        access=dpo, candidate_id=shredded.id, reason=DestructionReason.DELETION_REQUEST
    )

    seed_demo_organisation()

    views = selectors.candidates_for(access=dpo)
    assert len(views) == 10
    assert sum(isinstance(view.full_name, Destroyed) for view in views) == 1
