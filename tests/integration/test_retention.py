"""Retention with controlled time: exactly what is due is destroyed, holds are respected,
and a sweep that stops half-way leaves nothing half-destroyed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fairscreen.evidence.models import Event
from fairscreen.privacy.models import SubjectKey
from fairscreen.privacy.subjects import Destroyed
from fairscreen.retention import services
from fairscreen.retention.schedule import due_candidates
from fairscreen.screenings import services as screenings
from fairscreen.screenings.models import Candidate
from tests.factories import create_candidate, create_consented_screening, create_hiring_setup

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def destroyed(candidate) -> bool:
    return SubjectKey.objects.get(subject=f"candidate:{candidate.id}").destroyed_at is not None


def registered_days_ago(setup, days):
    candidate = create_candidate(setup.organisation)
    Candidate.objects.filter(id=candidate.id).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    return candidate


@pytest.fixture
def world():
    setup = create_hiring_setup()
    withdrawn = create_candidate(setup.organisation)
    screening = create_consented_screening(setup, withdrawn)
    screenings.record_withdrawal_for_candidate(access=setup.recruiter, screening_id=screening.id)
    running = create_candidate(setup.organisation)
    create_consented_screening(setup, running)
    never_screened_long_ago = registered_days_ago(setup, 40)
    never_screened_recently = registered_days_ago(setup, 10)
    return setup, withdrawn, running, never_screened_long_ago, never_screened_recently


def test_the_sweep_destroys_exactly_what_is_due(world):
    _setup, withdrawn, running, long_ago, recently = world
    due = {found.candidate_id: found.reason for found in due_candidates(today=TODAY)}
    assert due == {withdrawn.id: "consent_withdrawn", long_ago.id: "retention_expired"}

    report = services.sweep_retention(today=TODAY)

    assert (report.due, report.destroyed) == (2, 2)
    assert [destroyed(c) for c in (withdrawn, running, long_ago, recently)] == [
        True,
        False,
        True,
        False,
    ]
    certificates = Event.objects.filter(event_type="subject_key.destroyed")
    assert certificates.count() == 2
    assert b'"reason":"consent_withdrawn"' in bytes(certificates.order_by("sequence").first().entry)
    assert isinstance(Candidate.objects.get(id=withdrawn.id).full_name.reveal(), Destroyed)
    assert services.sweep_retention(today=TODAY).destroyed == 0  # nothing twice


def test_a_decided_screening_is_kept_for_the_promised_months_then_destroyed(world):
    from fairscreen.decisions.models import Decision

    setup = world[0]
    candidate = create_candidate(setup.organisation)
    screening = create_consented_screening(setup, candidate)
    months = screening.notice["retention_months"]
    final_at = timezone.now() - timedelta(days=10)
    Decision.objects.create(
        organisation=setup.organisation,
        screening=screening,
        candidate=candidate,
        state="final",
        outcome="proceed",
        tier="L3",
        chain=[],
        opened_by="test",
        final_at=final_at,
    )
    later = timezone.localdate(final_at) + timedelta(days=31 * months + 1)

    assert candidate.id not in {f.candidate_id for f in due_candidates(today=TODAY)}
    assert candidate.id in {f.candidate_id for f in due_candidates(today=later)}


def test_a_legal_hold_pauses_destruction_until_it_is_released(world):
    setup, withdrawn, *_ = world
    hold = services.place_legal_hold(
        access=setup.dpo,
        candidate_id=withdrawn.id,
        reason="测试：劳动仲裁案件审理中 (arbitration pending)",
    )
    services.sweep_retention(today=TODAY)
    assert not destroyed(withdrawn)
    assert "仲裁".encode() not in bytes(
        Event.objects.filter(event_type="legal_hold.placed").get().entry
    )

    services.release_legal_hold(access=setup.dpo, hold_id=hold.id)
    services.sweep_retention(today=TODAY)
    assert destroyed(withdrawn)


def test_a_sweep_stopped_half_way_leaves_nothing_half_destroyed_and_a_rerun_finishes(world):
    setup = world[0]
    extra = [registered_days_ago(setup, 60) for _ in range(3)]
    first = services.sweep_retention(today=TODAY, limit=2)  # as if killed after two
    assert first.destroyed == 2
    for candidate in [world[1], world[3], *extra]:
        key = SubjectKey.objects.get(subject=f"candidate:{candidate.id}")
        row = Candidate.objects.get(id=candidate.id)
        if key.destroyed_at is None:
            assert key.wrapped_key
            assert row.id_number_index
            assert not isinstance(row.full_name.reveal(), Destroyed)
        else:
            assert not key.wrapped_key
            assert row.id_number_index is None
    rest = services.sweep_retention(today=TODAY)
    assert first.destroyed + rest.destroyed == 5
    assert not list(due_candidates(today=TODAY))


def test_only_the_dpo_places_holds_and_a_reason_is_required(world):
    from fairscreen.core.errors import FairscreenError, PermissionDenied

    setup, withdrawn, *_ = world
    with pytest.raises(PermissionDenied):
        services.place_legal_hold(access=setup.recruiter, candidate_id=withdrawn.id, reason="x")
    with pytest.raises(FairscreenError) as raised:
        services.place_legal_hold(access=setup.dpo, candidate_id=withdrawn.id, reason="  ")
    assert "reason" in raised.value.details


def test_an_unanswered_invitation_closes_the_screening_after_the_grace_period(world):
    setup = world[0]
    candidate = create_candidate(setup.organisation)
    screening = screenings.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=["identity"],
    )
    screenings.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    from fairscreen.screenings.models import Invitation

    Invitation.objects.filter(screening=screening).update(
        expires_at=timezone.now() - timedelta(days=31)
    )
    assert candidate.id in {f.candidate_id for f in due_candidates(today=TODAY)}
    assert candidate.id not in {f.candidate_id for f in due_candidates(today=date(2000, 1, 1))}


def test_the_sweep_deletes_the_evidence_files_of_destroyed_candidates(world):
    from datetime import UTC, datetime

    from fairscreen.domain.findings import AuthorityLevel
    from fairscreen.privacy.files import encrypted_storage
    from fairscreen.screenings.connectors import SourceIn
    from fairscreen.screenings.models import FindingSource
    from fairscreen.screenings.services import EvidenceIn

    setup, *_ = world
    candidate = create_candidate(setup.organisation)
    screening = create_consented_screening(setup, candidate)
    screenings.record_finding(
        access=setup.analyst,
        screening_id=screening.id,
        item_code="dishonest_debtor",
        category="dishonest_debtor.currently_listed",
        details={
            "case_number": "(2025)测执9号",
            "court": "测试法院",
            "listed_on": "2025-06-01",
            "summary": "测试 (test)",
        },
        source=SourceIn(
            kind="court_records",
            authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
            origin="registry:debtors",
            reference="测试",
            retrieved_at=datetime(2026, 11, 20, tzinfo=UTC),
        ),
        evidence=EvidenceIn(content=b"%PDF-1.4 test", media_type="application/pdf"),
    )
    name = FindingSource.objects.get().evidence_file
    screenings.record_withdrawal_for_candidate(access=setup.recruiter, screening_id=screening.id)

    report = services.sweep_retention(today=TODAY)

    assert report.files_deleted == 1
    assert not encrypted_storage().exists(name)
    assert FindingSource.objects.get().evidence_file == ""
