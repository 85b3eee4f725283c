"""Disputes correct the record: an objection freezes the decision; a correction that moves
the light forces the decision to be taken again (the Shanghai Jinshan case)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from fairscreen.accounts.roles import Role
from fairscreen.core.errors import FairscreenError, NotFound
from fairscreen.decisions import services as decisions
from fairscreen.decisions.models import Decision
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.evidence.models import Event
from fairscreen.notifications.models import Notification
from fairscreen.portal.models import Dispute
from fairscreen.portal.services import Correction, open_dispute, resolve_dispute
from fairscreen.screenings import selectors, services
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.models import AccessRecord, Finding, StoredRating
from fairscreen.screenings.services import EvidenceIn
from tests.factories import TEST_PASSWORD, access_for, create_member
from tests.integration.decision_support import LISTED, decision_world

pytestmark = pytest.mark.django_db

REASONS = "测试：岗位负责现金，失信记录与职责直接相关 (handles cash)"
COURT = SourceIn(
    kind="court_records",
    authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
    origin="registry:debtors-recheck",
    reference="失信名单复核（测试）",
    retrieved_at=datetime(2026, 11, 30, tzinfo=UTC),
)


@pytest.fixture
def world():
    return decision_world()


def preliminary(world):
    decision = decisions.open_decision(access=world.reviewer, screening_id=world.screening.id)
    decisions.record_assessment(
        access=world.reviewer,
        decision_id=decision.id,
        findings=[world.finding.id],
        nature_and_gravity="测试：仍在失信名单上 (still listed)",
        time_elapsed="测试：2025 年 6 月列入 (listed June 2025)",
        relevance_to_duties="测试：出纳保管现金 (keeps cash)",
        candidate_statement="测试：候选人尚未说明 (nothing yet)",
    )
    decisions.propose_decision(
        access=world.reviewer, decision_id=decision.id, outcome="do_not_proceed", reasons=REASONS
    )
    return decisions.sign_decision(
        access=world.approver,
        decision_id=decision.id,
        password=TEST_PASSWORD,
        today=date(2026, 3, 2),
    )


def dispute(world, **more):
    return open_dispute(
        screening_id=world.screening.id,
        finding_id=world.finding.id,
        statement="测试：该笔债务已于 2025 年 9 月清偿，名单有误 (paid in Sept 2025)",
        today=date(2026, 3, 3),
        **more,
    )


def test_an_objection_freezes_the_decision_and_leaves_the_report(world):
    decision = preliminary(world)
    opened = dispute(
        world, evidence=EvidenceIn(content=b"%PDF-1.4 test receipt", media_type="application/pdf")
    )

    assert opened.due_on == date(2026, 3, 24)  # 15 working days
    world.finding.refresh_from_db()
    assert world.finding.status == "disputed"
    report = selectors.employer_report(
        access=world.reviewer, screening_id=world.screening.id, purpose="decision"
    )
    assert report.findings == ()
    with pytest.raises(FairscreenError) as raised:
        decisions.finalise_decision(
            access=world.approver,
            decision_id=decision.id,
            password=TEST_PASSWORD,
            today=date(2026, 6, 1),
        )
    assert raised.value.code == "dispute_open"
    assert Event.objects.filter(event_type="dispute.opened").count() == 1
    with pytest.raises(FairscreenError) as again:
        dispute(world)
    assert again.value.code == "dispute_closed"


def test_a_correction_that_changes_the_light_reopens_the_decision_and_tells_both_sides(world):
    decision = preliminary(world)
    opened = dispute(world)
    resolved = resolve_dispute(
        access=world.setup.analyst,
        dispute_id=opened.id,
        outcome="corrected",
        reasons="测试：法院确认已于 2025-09 移出名单 (removed from the list in Sept 2025)",
        correction=Correction(
            category="dishonest_debtor.previously_listed",
            details={**LISTED, "removed_on": "2025-09-15"},
        ),
        source=COURT,
    )

    # a former listing is not in the cashier profile's relevance map: it no longer counts
    assert (resolved.light_before, resolved.light_after) == ("red", "green")
    assert resolved.decision_reopened
    decision.refresh_from_db()
    assert decision.state == "superseded"
    finding = Finding.objects.get(id=world.finding.id)
    assert finding.status == "corrected"
    assert finding.category.reveal() == "dishonest_debtor.previously_listed"
    assert "currently_listed" in resolved.details_before.reveal()
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"dispute.resolved", "decision.reopened"} <= kinds
    fresh = decisions.open_decision(access=world.reviewer, screening_id=world.screening.id)
    assert fresh.id != decision.id
    assert fresh.state == "in_review"
    assert StoredRating.objects.filter(screening=world.screening).first().light == "green"


def test_an_upheld_finding_stands_and_the_decision_can_go_on(world):
    decision = preliminary(world)
    opened = dispute(world)
    resolved = resolve_dispute(
        access=world.setup.analyst,
        dispute_id=opened.id,
        outcome="upheld",
        reasons="测试：复核确认仍在名单上 (still listed on re-check)",
        source=COURT,
    )

    assert not resolved.decision_reopened
    world.finding.refresh_from_db()
    assert world.finding.status == "verified"
    final = decisions.finalise_decision(
        access=world.approver,
        decision_id=decision.id,
        password=TEST_PASSWORD,
        today=date(2026, 6, 1),
    )
    assert final.state == "final"


def test_a_removed_finding_leaves_the_report_and_reopens_a_decision_that_rested_on_it(world):
    decision = preliminary(world)
    resolved = resolve_dispute(
        access=world.setup.analyst,
        dispute_id=dispute(world).id,
        outcome="removed",
        reasons="测试：系同名人员 (a namesake)",
    )
    assert resolved.decision_reopened
    assert Decision.objects.get(id=decision.id).state == "superseded"
    assert Finding.objects.get(id=world.finding.id).status == "retracted"


def test_a_correction_without_details_and_a_source_changes_nothing(world):
    opened = dispute(world)
    before = Event.objects.count()
    for kwargs in (
        {},
        {
            "correction": Correction(
                category="dishonest_debtor.previously_listed", details={"listed_on": "soon"}
            ),
            "source": COURT,
        },
    ):
        with pytest.raises(FairscreenError):
            resolve_dispute(
                access=world.setup.analyst,
                dispute_id=opened.id,
                outcome="corrected",
                reasons="测试 (test)",
                **kwargs,
            )
    assert Event.objects.count() == before
    assert Dispute.objects.get(id=opened.id).state == "open"
    assert Finding.objects.get(id=world.finding.id).status == "disputed"


def test_only_findings_the_report_shows_can_be_disputed(world):
    from fairscreen.screenings import services as screenings

    retracted = screenings.retract_finding(
        access=world.setup.analyst, finding_id=world.finding.id, reason="wrong_person"
    )
    with pytest.raises(FairscreenError) as raised:
        open_dispute(screening_id=world.screening.id, finding_id=retracted.id, statement="测试")
    assert raised.value.code == "not_found"


def test_a_correction_stands_only_on_its_own_evidence_not_on_the_sources_it_replaces(world):
    opened = dispute(world)
    receipt = SourceIn(
        kind="court_records",
        authority=AuthorityLevel.OFFICIAL_DOCUMENT,
        origin="candidate:receipt",
        reference="候选人提供的结案证明（测试）",
        retrieved_at=datetime(2026, 11, 30, tzinfo=UTC),
    )
    resolve_dispute(
        access=world.setup.analyst,
        dispute_id=opened.id,
        outcome="corrected",
        reasons="测试：按候选人提供的结案证明更正 (per the candidate's receipt)",
        correction=Correction(
            category="dishonest_debtor.previously_listed",
            details={**LISTED, "removed_on": "2025-09-15"},
        ),
        source=receipt,
    )
    finding = Finding.objects.get(id=world.finding.id)
    assert finding.status == "unverified"  # one document alone: the registry vouched for the old
    report = selectors.employer_report(
        access=world.reviewer, screening_id=world.screening.id, purpose="review"
    )
    assert report.findings == ()


def test_a_disputed_finding_changes_only_through_the_disputes_outcome(world):
    opened = dispute(world)
    before = (Event.objects.count(), Finding.objects.get(id=world.finding.id).lifecycle)
    for change in (
        lambda: services.retract_finding(
            access=world.setup.analyst, finding_id=world.finding.id, reason="wrong_person"
        ),
        lambda: services.add_source(
            access=world.setup.analyst, finding_id=world.finding.id, source=COURT
        ),
    ):
        with pytest.raises(FairscreenError) as raised:
            change()
        assert (raised.value.code, raised.value.details) == (
            "finding_closed",
            {"reason": "under_dispute"},
        )
    assert (Event.objects.count(), Finding.objects.get(id=world.finding.id).lifecycle) == before

    # had the retraction gone through, "upheld" would have put it back into the report
    resolve_dispute(
        access=world.setup.analyst,
        dispute_id=opened.id,
        outcome="upheld",
        reasons="测试：复核确认仍在名单上 (still listed on re-check)",
    )
    retracted = services.retract_finding(
        access=world.setup.analyst, finding_id=world.finding.id, reason="wrong_person"
    )
    assert retracted.status == "retracted"


def test_reading_a_dispute_and_its_evidence_is_in_the_access_log_with_its_purpose(world):
    opened = dispute(
        world, evidence=EvidenceIn(content=b"%PDF-1.4 test", media_type="application/pdf")
    )
    analyst = world.setup.analyst

    selectors.dispute(access=analyst, dispute_id=opened.id, today=date(2026, 3, 4))
    selectors.dispute_evidence(access=analyst, dispute_id=opened.id)

    reads = AccessRecord.objects.filter(screening=world.screening).order_by("at", "kind")
    assert [(read.kind, read.purpose, read.actor) for read in reads] == [
        ("dispute.viewed", "dispute_handling", analyst.principal.reference),
        ("dispute.evidence_viewed", "dispute_handling", analyst.principal.reference),
    ]
    logged = selectors.access_log(access=world.setup.dpo, screening_id=world.screening.id)
    assert {view.kind for view in logged} == {"dispute.viewed", "dispute.evidence_viewed"}
    viewed = Event.objects.filter(event_type="dispute.viewed").get()
    assert json.loads(bytes(viewed.entry))["payload"] == {
        "screening": str(world.screening.id),
        "purpose": "dispute_handling",
        "dispute": str(opened.id),
        "finding": str(world.finding.id),
    }


def test_a_dispute_does_not_exist_for_an_analyst_outside_the_hiring_team(world):
    opened = dispute(world)
    organisation = world.setup.organisation
    outsider = access_for(create_member(organisation, Role.ANALYST), organisation)

    with pytest.raises(NotFound):
        selectors.dispute_item(access=outsider, dispute_id=opened.id)
    with pytest.raises(NotFound):
        selectors.dispute_of_finding(access=outsider, finding_id=world.finding.id)
    assert selectors.dispute_item(access=world.setup.analyst, dispute_id=opened.id) == (
        "dishonest_debtor"
    )
    assert (
        selectors.dispute_of_finding(access=world.setup.analyst, finding_id=world.finding.id)
        == opened.id
    )
