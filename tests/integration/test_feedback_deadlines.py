"""The candidate hears the outcome within 3 working days; the clock reminds and escalates.

Time is controlled: the clock starts on a fixed day and the sweep runs on chosen days.
"""

from __future__ import annotations

from datetime import date

import pytest

from fairscreen.decisions import services
from fairscreen.decisions.models import FeedbackDeadline
from fairscreen.decisions.services._calendar import warn_if_calendar_runs_out
from fairscreen.evidence.models import Event
from tests.factories import TEST_PASSWORD
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return decision_world()


def test_the_report_completing_starts_the_clock(world):
    deadline = FeedbackDeadline.objects.get(screening=world.screening)
    assert deadline.trigger == "report_completed"
    assert deadline.met_at is None
    assert Event.objects.filter(event_type="feedback.clock_started").count() == 1


def test_the_clock_reminds_on_the_second_working_day_and_escalates_once_overdue(world):
    FeedbackDeadline.objects.filter(screening=world.screening).delete()
    deadline = services.start_feedback_clock(
        world.screening, trigger="report_completed", actor="test", today=date(2026, 9, 30)
    )
    assert (deadline.remind_on, deadline.due_on) == (date(2026, 10, 9), date(2026, 10, 10))

    assert services.sweep_feedback_deadlines(today=date(2026, 10, 8)) == services.SweepReport(0, 0)
    assert services.sweep_feedback_deadlines(today=date(2026, 10, 9)) == services.SweepReport(1, 0)
    assert services.sweep_feedback_deadlines(today=date(2026, 10, 10)) == services.SweepReport(0, 0)
    assert services.sweep_feedback_deadlines(today=date(2026, 10, 11)) == services.SweepReport(0, 1)
    assert services.sweep_feedback_deadlines(today=date(2026, 10, 12)) == services.SweepReport(0, 0)
    assert list(
        Event.objects.filter(event_type__in=["feedback.reminded", "feedback.escalated"])
        .order_by("sequence")
        .values_list("event_type", flat=True)
    ) == ["feedback.reminded", "feedback.escalated"]


def test_telling_the_candidate_meets_the_deadline_and_stops_the_clock(world):
    decision = services.open_decision(access=world.reviewer, screening_id=world.screening.id)
    services.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：无与岗位相关的风险 (nothing relevant)",
    )
    services.sign_decision(access=world.approver, decision_id=decision.id, password=TEST_PASSWORD)

    assert FeedbackDeadline.objects.get(screening=world.screening).met_at is not None
    assert services.sweep_feedback_deadlines(today=date(2026, 12, 25)) == services.SweepReport(0, 0)


def test_a_clock_that_cannot_be_computed_is_kept_and_escalated_not_dropped(world):
    FeedbackDeadline.objects.filter(screening=world.screening).delete()
    deadline = services.start_feedback_clock(
        world.screening, trigger="report_completed", actor="test", today=date(2026, 12, 30)
    )
    assert deadline.calendar_problem == "calendar_not_available:2027"
    assert services.sweep_feedback_deadlines(today=date(2026, 12, 30)).escalated == 1


def test_a_loaded_schedule_extends_the_calendar_and_bad_text_loads_nothing(world):
    from fairscreen.core.errors import FairscreenError

    with pytest.raises(FairscreenError) as raised:
        services.load_calendar_schedule(access=world.setup.hr_admin, text="holiday 2027-13-01")
    assert raised.value.details["problems"][0]["line"] == 1
    text = "year 2027 测试：虚构的安排 (a fictional schedule)\nholiday 2027-01-01\n"
    services.load_calendar_schedule(access=world.setup.hr_admin, text=text)
    calendar = services.calendar_for(world.setup.organisation)
    assert calendar.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_admins_are_warned_once_thirty_days_before_the_calendar_runs_out(world):
    organisation_id = str(world.setup.organisation.id)
    assert organisation_id not in warn_if_calendar_runs_out(today=date(2026, 11, 15))
    assert organisation_id in warn_if_calendar_runs_out(today=date(2026, 12, 2))
    assert organisation_id not in warn_if_calendar_runs_out(today=date(2026, 12, 3))
    assert (
        Event.objects.filter(
            event_type="calendar.running_out", organisation_id=organisation_id
        ).count()
        == 1
    )


def test_with_the_signature_trigger_the_clock_starts_and_is_met_at_the_signature(world):
    from tests.factories import TEST_PASSWORD as PASSWORD

    FeedbackDeadline.objects.filter(screening=world.screening).delete()
    services.configure_decisions(
        access=world.setup.hr_admin,
        chain=[{"role": "reviewer", "kind": "review"}, {"role": "approver", "kind": "sign"}],
        feedback_trigger="decision_signed",
        response_working_days=5,
    )
    decision = services.open_decision(access=world.reviewer, screening_id=world.screening.id)
    services.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：无与岗位相关的风险 (nothing relevant)",
    )
    services.sign_decision(access=world.approver, decision_id=decision.id, password=PASSWORD)

    deadline = FeedbackDeadline.objects.get(screening=world.screening)
    assert deadline.trigger == "decision_signed"
    assert deadline.met_at is not None


def test_the_assessment_is_written_by_the_reviewing_step(world):
    from fairscreen.core.errors import PermissionDenied

    decision = services.open_decision(access=world.reviewer, screening_id=world.screening.id)
    with pytest.raises(PermissionDenied):
        services.record_assessment(
            access=world.approver,
            decision_id=decision.id,
            findings=[world.finding.id],
            nature_and_gravity="测试：仍在失信名单上 (still listed)",
            time_elapsed="测试：2025 年 6 月列入 (listed June 2025)",
            relevance_to_duties="测试：出纳保管现金 (keeps cash)",
            candidate_statement="测试：候选人尚未说明 (nothing yet)",
        )
