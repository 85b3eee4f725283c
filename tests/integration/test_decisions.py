"""A human decides, step by step; a negative decision is heard before it is final.

Time is controlled with `today=`: the response window and its end are real working days.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from fairscreen.core.errors import FairscreenError, PermissionDenied
from fairscreen.decisions import services
from fairscreen.decisions.models import Decision, DecisionEntry, Notice
from fairscreen.domain.findings import Lifecycle
from fairscreen.evidence.models import Event
from fairscreen.screenings.models import Finding
from tests.factories import TEST_PASSWORD, create_token
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db

REASONS = "测试：岗位负责现金，失信记录与职责直接相关 (handles cash; the listing bears on it)"


@pytest.fixture
def world():
    return decision_world()


def opened(world):
    return services.open_decision(access=world.reviewer, screening_id=world.screening.id)


def assess(world, decision):
    return services.record_assessment(
        access=world.reviewer,
        decision_id=decision.id,
        findings=[world.finding.id],
        nature_and_gravity="测试：仍在失信名单上，拒不履行生效判决 (still listed)",
        time_elapsed="测试：2025 年 6 月列入，至今未移出 (listed June 2025, still)",
        relevance_to_duties="测试：出纳保管现金与票据 (the cashier keeps cash)",
        candidate_statement="测试：候选人称正在协商还款 (says she is negotiating repayment)",
    )


def refused(call, code):
    before = (Decision.objects.count(), DecisionEntry.objects.count(), Event.objects.count())
    states = list(Decision.objects.values_list("state", flat=True))
    with pytest.raises(FairscreenError) as raised:
        call()
    assert raised.value.code == code, raised.value.message
    assert (
        Decision.objects.count(),
        DecisionEntry.objects.count(),
        Event.objects.count(),
    ) == before
    assert list(Decision.objects.values_list("state", flat=True)) == states
    return raised.value


def test_a_positive_decision_is_proposed_signed_and_the_candidate_told_why(world):
    decision = opened(world)
    services.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：名单与岗位风险已另行评估 (assessed separately)",
    )
    signed = services.sign_decision(
        access=world.approver, decision_id=decision.id, password=TEST_PASSWORD
    )

    assert signed.state == "final"
    notice = Notice.objects.get(decision=decision)
    assert notice.kind == "outcome"
    assert json.loads(notice.content.reveal())["reasons"].startswith("测试")
    kinds = list(DecisionEntry.objects.filter(decision=decision).values_list("kind", flat=True))
    assert kinds == ["opened", "proposal", "signature"]
    events = list(
        Event.objects.filter(event_type__startswith="decision.").values_list(
            "event_type", flat=True
        )
    )
    assert events == ["decision.opened", "decision.proposed", "decision.signed"]
    assert Event.objects.filter(event_type="notice.outcome").exists()


def test_not_proceeding_without_an_assessment_is_refused_and_changes_nothing(world):
    decision = opened(world)
    refused(
        lambda: services.propose_decision(
            access=world.reviewer,
            decision_id=decision.id,
            outcome="do_not_proceed",
            reasons=REASONS,
        ),
        "assessment_required",
    )


def test_the_adverse_path_runs_through_a_preliminary_notice_and_the_window(world):
    decision = opened(world)
    assess(world, decision)
    services.propose_decision(
        access=world.reviewer, decision_id=decision.id, outcome="do_not_proceed", reasons=REASONS
    )
    preliminary = services.sign_decision(
        access=world.approver,
        decision_id=decision.id,
        password=TEST_PASSWORD,
        today=date(2026, 2, 12),
    )

    assert preliminary.state == "preliminary"
    assert preliminary.response_deadline == date(2026, 2, 26)  # 5 working days over the festival
    content = json.loads(Notice.objects.get(kind="preliminary").content.reveal())
    assert content["response_deadline"] == "2026-02-26"
    assert [f["item"] for f in content["report"]["findings"]] == ["dishonest_debtor"]
    assert content["report"]["rating"]["light"] == "red"
    assert content["assessment"]["findings"] == [str(world.finding.id)]

    for inside in (date(2026, 2, 13), date(2026, 2, 26)):
        refused(
            lambda day=inside: services.finalise_decision(
                access=world.approver, decision_id=decision.id, password=TEST_PASSWORD, today=day
            ),
            "response_window_open",
        )
    final = services.finalise_decision(
        access=world.approver,
        decision_id=decision.id,
        password=TEST_PASSWORD,
        today=date(2026, 2, 27),
    )
    assert final.state == "final"
    assert list(Notice.objects.filter(decision=decision).values_list("kind", flat=True)) == [
        "preliminary",
        "final",
    ]


def test_an_open_dispute_freezes_the_decision(world):
    decision = opened(world)
    assess(world, decision)
    services.propose_decision(
        access=world.reviewer, decision_id=decision.id, outcome="do_not_proceed", reasons=REASONS
    )
    services.sign_decision(
        access=world.approver,
        decision_id=decision.id,
        password=TEST_PASSWORD,
        today=date(2026, 3, 2),
    )
    Finding.objects.filter(id=world.finding.id).update(
        lifecycle=Lifecycle.DISPUTED, status="disputed"
    )

    refused(
        lambda: services.finalise_decision(
            access=world.approver,
            decision_id=decision.id,
            password=TEST_PASSWORD,
            today=date(2026, 4, 1),
        ),
        "dispute_open",
    )


def test_a_signature_needs_the_password_a_person_and_someone_other_than_the_proposer(world):
    decision = opened(world)
    services.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：无相关风险 (nothing relevant)",
    )
    refused(
        lambda: services.sign_decision(
            access=world.approver, decision_id=decision.id, password="wrong-测试"
        ),
        "reauthentication_failed",
    )
    with pytest.raises(PermissionDenied):  # the reviewer holds no signing role
        services.sign_decision(
            access=world.reviewer, decision_id=decision.id, password=TEST_PASSWORD
        )
    from fairscreen.accounts.principals import OrganisationAccess, Principal
    from fairscreen.accounts.roles import Role

    token = create_token(world.setup.organisation, Role.APPROVER)
    token_access = OrganisationAccess(
        principal=Principal.for_token(token.token),
        organisation=world.setup.organisation,
        roles=frozenset({Role.APPROVER}),
    )
    with pytest.raises(PermissionDenied, match="person"):
        services.sign_decision(access=token_access, decision_id=decision.id, password="")


def test_departing_from_how_the_organisation_decided_the_same_rule_needs_a_reason(world):
    for _ in range(3):
        earlier = decision_world(world.setup)
        decision = opened(earlier)
        assess(earlier, decision)
        services.propose_decision(
            access=earlier.reviewer,
            decision_id=decision.id,
            outcome="do_not_proceed",
            reasons=REASONS,
        )
        services.sign_decision(
            access=earlier.approver,
            decision_id=decision.id,
            password=TEST_PASSWORD,
            today=date(2026, 3, 2),
        )
        services.finalise_decision(
            access=earlier.approver,
            decision_id=decision.id,
            password=TEST_PASSWORD,
            today=date(2026, 3, 20),
        )

    decision = opened(world)
    refused(
        lambda: services.propose_decision(
            access=world.reviewer,
            decision_id=decision.id,
            outcome="proceed",
            reasons="测试：看好候选人",
        ),
        "deviation_reason_required",
    )
    proposed = services.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：看好候选人",
        deviation_reason="测试：该岗位调整为不经手现金 (no cash now)",
    )
    assert proposed.deviation_reason.reveal().startswith("测试")


def test_the_candidate_can_respond_inside_the_window(world):
    decision = opened(world)
    assess(world, decision)
    services.propose_decision(
        access=world.reviewer, decision_id=decision.id, outcome="do_not_proceed", reasons=REASONS
    )
    with pytest.raises(FairscreenError):
        services.record_candidate_response(screening_id=world.screening.id, statement="太早")
    services.sign_decision(access=world.approver, decision_id=decision.id, password=TEST_PASSWORD)
    response = services.record_candidate_response(
        screening_id=world.screening.id, statement="测试：债务已于上周清偿，附法院结案证明 (paid)"
    )
    assert response.statement.reveal().startswith("测试")
    back = services.reconsider_decision(
        access=world.approver,
        decision_id=decision.id,
        reason="测试：候选人称已清偿，待核实 (to re-check)",
    )
    assert back.state == "in_review"


def test_a_chain_with_two_review_steps_needs_both_before_the_signature(world):
    from fairscreen.accounts.roles import Role
    from tests.factories import access_for, create_member, join_team

    services.configure_decisions(
        access=world.setup.hr_admin,
        chain=[
            {"role": "reviewer", "kind": "review"},
            {"role": "hr_admin", "kind": "review"},
            {"role": "approver", "kind": "sign"},
        ],
        feedback_trigger="report_completed",
        response_working_days=7,
    )
    decision = opened(world)
    services.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：无相关风险 (nothing relevant)",
    )
    refused(
        lambda: services.sign_decision(
            access=world.approver, decision_id=decision.id, password=TEST_PASSWORD
        ),
        "conflict",
    )
    hr = access_for(
        create_member(world.setup.organisation, Role.HR_ADMIN), world.setup.organisation
    )
    join_team(world.setup.hr_admin, world.setup.position_id, hr, Role.HR_ADMIN)
    services.endorse_decision(access=hr, decision_id=decision.id, comment="同意 (agreed)")
    assert (
        services.sign_decision(
            access=world.approver, decision_id=decision.id, password=TEST_PASSWORD
        ).state
        == "final"
    )


@pytest.mark.parametrize(
    ("chain", "field"),
    [
        ([{"role": "approver", "kind": "sign"}], "chain"),
        (
            [{"role": "reviewer", "kind": "sign"}, {"role": "approver", "kind": "sign"}],
            "chain[0].kind",
        ),
        (
            [{"role": "analyst", "kind": "review"}, {"role": "approver", "kind": "sign"}],
            "chain[0].role",
        ),
    ],
)
def test_a_bad_policy_changes_nothing_and_says_what_is_wrong(world, chain, field):
    with pytest.raises(FairscreenError) as raised:
        services.configure_decisions(
            access=world.setup.hr_admin,
            chain=chain,
            feedback_trigger="report_completed",
            response_working_days=5,
        )
    assert field in raised.value.details
    with pytest.raises(FairscreenError) as raised:
        services.configure_decisions(
            access=world.setup.hr_admin,
            chain=[{"role": "reviewer", "kind": "review"}, {"role": "approver", "kind": "sign"}],
            feedback_trigger="report_completed",
            response_working_days=4,
        )
    assert "response_working_days" in raised.value.details


def test_the_deciders_see_the_history_the_consistency_and_the_notices(world):
    from fairscreen.decisions import selectors

    assert (
        selectors.decision_for_screening(access=world.reviewer, screening_id=world.screening.id)
        is None
    )
    decision = opened(world)
    assess(world, decision)
    services.propose_decision(
        access=world.reviewer, decision_id=decision.id, outcome="do_not_proceed", reasons=REASONS
    )
    services.sign_decision(
        access=world.approver,
        decision_id=decision.id,
        password=TEST_PASSWORD,
        today=date(2026, 3, 2),
    )

    view = selectors.decision_for_screening(access=world.reviewer, screening_id=world.screening.id)
    assert view.state == "preliminary"
    assert [entry.kind for entry in view.entries] == ["opened", "proposal", "signature"]
    assert view.assessment.findings == (str(world.finding.id),)
    assert [history.rule for history in view.histories] == [
        "categories.dishonest_debtor.currently_listed"
    ]
    assert view.next_step == {"role": "approver", "kind": "sign"}
    assert Event.objects.filter(event_type="decision.viewed").count() == 1
    [notice] = selectors.notices_for_candidate(screening_id=world.screening.id)
    assert notice.kind == "preliminary"
    assert notice.content["response_deadline"] == "2026-03-09"


def test_the_candidate_is_sent_the_notice_by_email_and_in_the_portal(world):
    from fairscreen.notifications.models import Delivery
    from fairscreen.notifications.selectors import portal_messages_for
    from fairscreen.notifications.services import send_due_deliveries

    decision = opened(world)
    services.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：无与岗位相关的风险 (nothing relevant)",
    )
    services.sign_decision(access=world.approver, decision_id=decision.id, password=TEST_PASSWORD)

    channels = sorted(Delivery.objects.values_list("channel", flat=True))
    assert channels == ["email", "portal"]
    send_due_deliveries()  # what the worker does after the commit
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}
    [message] = portal_messages_for(screening_id=world.screening.id)
    assert "无与岗位相关的风险" in message.body


def test_an_expired_report_can_no_longer_back_a_decision(world):
    from datetime import timedelta

    from django.utils import timezone

    from fairscreen.screenings.models import Screening

    decision = opened(world)
    Screening.objects.filter(id=world.screening.id).update(
        report_completed_at=timezone.now() - timedelta(days=91)
    )
    refused(
        lambda: services.propose_decision(
            access=world.reviewer,
            decision_id=decision.id,
            outcome="proceed",
            reasons="测试：无相关风险",
        ),
        "report_not_usable",
    )
    Screening.objects.filter(id=world.screening.id).update(
        report_completed_at=timezone.now() - timedelta(days=89)
    )
    assert services.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：无相关风险",
    ).state == ("awaiting_signature")
