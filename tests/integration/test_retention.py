"""Retention with controlled time: exactly what is due is destroyed, holds are respected
(even one placed while the sweep runs), and a sweep that fails half-way through a
candidate leaves nothing half-destroyed."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from django.utils import timezone

from fairscreen.evidence.models import Event
from fairscreen.privacy import services as privacy_services
from fairscreen.privacy.files import encrypted_storage
from fairscreen.privacy.models import SubjectKey
from fairscreen.privacy.subjects import Destroyed
from fairscreen.retention import services
from fairscreen.retention.models import LegalHold
from fairscreen.retention.schedule import due_candidates
from fairscreen.screenings import services as screenings
from fairscreen.screenings.models import Candidate
from tests.factories import create_candidate, create_consented_screening, create_hiring_setup
from tests.integration.decision_support import decision_world

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


def assert_whole(candidate) -> None:
    """Either every trace of the key is gone, or nothing of the candidate was touched."""
    key = SubjectKey.objects.get(subject=f"candidate:{candidate.id}")
    row = Candidate.objects.get(id=candidate.id)
    certified = Event.objects.filter(
        event_type="subject_key.destroyed", subject=f"candidate:{candidate.id}"
    ).exists()
    if key.destroyed_at is None:
        assert key.wrapped_key
        assert row.id_number_index
        assert not isinstance(row.full_name.reveal(), Destroyed)
        assert not certified
    else:
        assert not key.wrapped_key
        assert row.id_number_index is None
        assert certified


def test_a_failure_after_the_key_is_erased_rolls_the_candidate_back_and_the_sweep_goes_on(
    world, monkeypatch, caplog
):
    """Fault injection at the worst moment: the key is erased and certified, then the
    transaction dies. The candidate must come back whole; the others and the file clean-up
    go on; the log names the candidate by id only; a rerun finishes."""
    setup, withdrawn, _running, long_ago, _recently = world
    extra = [registered_days_ago(setup, 60) for _ in range(3)]
    with_file = create_candidate(setup.organisation)
    name = record_evidence_then_withdraw(setup, with_file)
    victim = extra[1]
    secret = victim.full_name.reveal()
    real = privacy_services.destroy_subject_keys

    def erase_then_die(**arguments):
        certificate = real(**arguments)
        if arguments["subject"] == f"candidate:{victim.id}":
            raise RuntimeError(f"killed while destroying {secret}")
        return certificate

    monkeypatch.setattr(privacy_services, "destroy_subject_keys", erase_then_die)
    with caplog.at_level(logging.ERROR, logger="fairscreen.retention"):
        first = services.sweep_retention(today=TODAY)

    assert (first.due, first.destroyed, first.failed) == (6, 5, 1)
    assert not destroyed(victim)
    for candidate in [withdrawn, long_ago, *extra, with_file]:
        assert_whole(candidate)
    assert first.files_deleted == 1  # the clean-up ran despite the failure
    assert not encrypted_storage().exists(name)
    assert f"candidate:{victim.id}" in caplog.text
    assert "RuntimeError" in caplog.text
    assert secret not in caplog.text  # never the exception's message: it may quote a value
    assert "killed" not in caplog.text
    sequences = list(Event.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(len(sequences)))  # the rolled-back certificate left no gap

    monkeypatch.setattr(privacy_services, "destroy_subject_keys", real)
    rest = services.sweep_retention(today=TODAY)
    assert (rest.destroyed, rest.failed) == (1, 0)
    assert destroyed(victim)
    assert not list(due_candidates(today=TODAY))


def test_a_hold_placed_after_the_list_was_made_is_honoured(world, monkeypatch):
    setup, withdrawn, _running, long_ago, _recently = world
    listed = services.due_candidates

    def list_then_hold(*, today):
        found = list(listed(today=today))
        services.place_legal_hold(
            access=setup.dpo, candidate_id=withdrawn.id, reason="测试：仲裁 (arbitration)"
        )
        return iter(found)

    monkeypatch.setattr(services, "due_candidates", list_then_hold)
    report = services.sweep_retention(today=TODAY)

    assert (report.due, report.destroyed) == (2, 1)
    assert not destroyed(withdrawn)
    assert destroyed(long_ago)


def test_a_candidate_no_longer_due_when_its_turn_comes_is_kept(world, monkeypatch):
    """Listed as never screened; a screening ordered since reopens the case."""
    setup, withdrawn, _running, long_ago, _recently = world
    listed = services.due_candidates

    def list_then_order(*, today):
        found = list(listed(today=today))
        screenings.order_screening(
            access=setup.recruiter,
            candidate_id=long_ago.id,
            position_id=setup.position_id,
            items=["identity"],
        )
        return iter(found)

    monkeypatch.setattr(services, "due_candidates", list_then_order)
    report = services.sweep_retention(today=TODAY)

    assert (report.due, report.destroyed) == (2, 1)
    assert destroyed(withdrawn)
    assert not destroyed(long_ago)


def test_a_hold_on_a_destroyed_candidate_is_refused_and_changes_nothing(world):
    setup, withdrawn, *_ = world
    services.sweep_retention(today=TODAY)
    assert destroyed(withdrawn)
    events = Event.objects.count()

    with pytest.raises(services.CandidateAlreadyDestroyed) as raised:
        services.place_legal_hold(
            access=setup.dpo, candidate_id=withdrawn.id, reason="测试：太迟 (too late)"
        )

    assert raised.value.status == 409
    assert not LegalHold.objects.filter(candidate_id=withdrawn.id).exists()
    assert Event.objects.count() == events


def test_a_sweep_as_of_a_future_date_is_refused_and_destroys_nothing(world):
    _setup, withdrawn, _running, long_ago, recently = world
    later = TODAY + timedelta(days=30)
    assert recently.id in {f.candidate_id for f in due_candidates(today=later)}  # a look ahead

    with pytest.raises(services.SweepDateInFuture):
        services.sweep_retention(today=later)

    assert not any(destroyed(c) for c in (withdrawn, long_ago, recently))
    assert not Event.objects.filter(event_type="subject_key.destroyed").exists()


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


def record_evidence_then_withdraw(setup, candidate) -> str:
    """A finding with an evidence file, then the candidate withdraws: the file is due."""
    from datetime import UTC, datetime

    from fairscreen.domain.findings import AuthorityLevel
    from fairscreen.screenings.connectors import SourceIn
    from fairscreen.screenings.models import FindingSource
    from fairscreen.screenings.services import EvidenceIn

    screening = create_consented_screening(setup, candidate)
    finding = screenings.record_finding(
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
    name = FindingSource.objects.get(finding_id=finding.id).evidence_file
    assert name
    screenings.record_withdrawal_for_candidate(access=setup.recruiter, screening_id=screening.id)
    return name


def test_the_sweep_deletes_the_evidence_files_of_destroyed_candidates(world):
    from fairscreen.screenings.models import FindingSource

    setup, *_ = world
    name = record_evidence_then_withdraw(setup, create_candidate(setup.organisation))

    report = services.sweep_retention(today=TODAY)

    assert report.files_deleted == 1
    assert not encrypted_storage().exists(name)
    assert FindingSource.objects.get().evidence_file == ""


def test_the_sweep_deletes_the_files_a_candidate_uploaded_with_a_dispute():
    from fairscreen.portal.models import Dispute
    from fairscreen.portal.services import open_dispute
    from fairscreen.screenings.services import EvidenceIn

    world = decision_world()
    dispute = open_dispute(
        screening_id=world.screening.id,
        finding_id=world.finding.id,
        statement="测试：已履行 (paid in full)",
        evidence=EvidenceIn(content=b"%PDF-1.4 receipt", media_type="application/pdf"),
    )
    name = dispute.evidence_file
    assert encrypted_storage().exists(name)
    screenings.withdraw_consent(
        screening_id=world.screening.id, actor=f"candidate:{world.screening.candidate_id}"
    )

    report = services.sweep_retention(today=TODAY)

    assert report.destroyed == 1
    assert report.files_deleted == 1
    assert not encrypted_storage().exists(name)
    assert Dispute.objects.get(id=dispute.id).evidence_file == ""
    assert services.sweep_retention(today=TODAY).files_deleted == 0  # idempotent


def test_every_column_of_the_retention_policy_is_a_rule_the_sweep_applies():
    """A setting that is read nowhere is a promise nobody keeps."""
    import dataclasses

    from fairscreen.domain.retention import RetentionRules
    from fairscreen.retention.models import RetentionPolicy

    bookkeeping = {"id", "organisation", "updated_by", "updated_at"}
    columns = {field.name for field in RetentionPolicy._meta.concrete_fields} - bookkeeping
    assert columns == {field.name for field in dataclasses.fields(RetentionRules)}
