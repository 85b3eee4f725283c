"""The 3-working-day feedback clock (结果反馈): started, reminded, escalated, met.

Whatever the outcome, the candidate hears the result and the reasons within 3 working days
of the trigger the organisation chose — the report being complete (the default: candidates
should not wait on a slow committee) or the decision being signed. On the 2nd working day
the deciders are reminded; once overdue, the HR admins are told. A notice to the candidate
meets the deadline (`_notices.issue_notice`).

A trigger that falls where the calendar has no data still starts a clock, marked with the
problem and with no due date (none is known: inventing one would be a false record), so
the dashboard shows it and the HR admins are told to load the year, instead of the
deadline silently vanishing; loading the year counts it (`_calendar.load_calendar_schedule`).
"Today" is the organisation's day, for each deadline its own organisation's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.local_time import organisation_today
from fairscreen.decisions.models import DecisionPolicy, FeedbackDeadline, FeedbackTrigger
from fairscreen.decisions.services._calendar import calendar_for, calendar_problem
from fairscreen.decisions.services._messages import tell_staff
from fairscreen.domain import decisions as domain
from fairscreen.domain import workdays
from fairscreen.evidence.services import record_event
from fairscreen.screenings.models import Screening
from fairscreen.screenings.signals import report_completed


def connect() -> None:
    report_completed.connect(_on_report_completed, dispatch_uid="decisions.feedback")


def _on_report_completed(sender: Any, *, screening: Screening, actor: str, **_: Any) -> None:
    policy = DecisionPolicy.objects.filter(organisation_id=screening.organisation_id).first()
    trigger = policy.feedback_trigger if policy else FeedbackTrigger.REPORT_COMPLETED
    if trigger == FeedbackTrigger.REPORT_COMPLETED:
        start_feedback_clock(screening, trigger=trigger, actor=actor)


def start_feedback_clock(
    screening: Screening, *, trigger: str, actor: str, today: date | None = None
) -> FeedbackDeadline | None:
    """Start the screening's clock once (inside the caller's transaction)."""
    if FeedbackDeadline.objects.filter(screening=screening).exists():
        return None
    today = today or organisation_today(screening.organisation)
    problem = ""
    remind_on: date | None = None
    due_on: date | None = None
    try:
        clock = domain.feedback_clock(today, calendar_for(screening.organisation))
        remind_on, due_on = clock.remind_on, clock.due_on
    except workdays.CalendarNotAvailable as missing:
        problem = calendar_problem(missing)
    deadline = FeedbackDeadline.objects.create(
        organisation_id=screening.organisation_id,
        screening=screening,
        trigger=trigger,
        triggered_on=today,
        remind_on=remind_on,
        due_on=due_on,
        calendar_problem=problem,
    )
    record_event(
        event_type="feedback.clock_started",
        actor=actor,
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "screening": str(screening.id),
            "due_on": due_on.isoformat() if due_on else None,
            "trigger": trigger,
            "calendar_problem": problem,
        },
    )
    return deadline


@dataclass(frozen=True, slots=True)
class SweepReport:
    reminded: int
    escalated: int


def sweep_feedback_deadlines(*, today: date | None = None) -> SweepReport:
    """The periodic job: remind on day 2, escalate to HR admins once overdue (each once).

    `today` is for tests; by default each deadline is judged on its organisation's day.
    """
    reminded = escalated = 0
    for deadline_id in FeedbackDeadline.objects.filter(met_at=None).values_list("id", flat=True):
        outcome = _sweep_one(deadline_id, today)
        reminded += outcome == "reminded"
        escalated += outcome == "escalated"
    return SweepReport(reminded=reminded, escalated=escalated)


@transaction.atomic
def _sweep_one(deadline_id: UUID, today: date | None) -> str:
    deadline = (
        FeedbackDeadline.objects.select_for_update().select_related("screening").get(id=deadline_id)
    )
    if deadline.met_at is not None:
        return ""
    clock = counted_clock(deadline)
    if clock is None:  # not counted: the HR admins must load the calendar
        return _escalate(deadline, kind="feedback.uncounted")
    stage = clock.stage(today or organisation_today(deadline.organisation))
    if stage is domain.FeedbackStage.OVERDUE:
        return _escalate(deadline, kind="feedback.overdue")
    reminding = stage in (domain.FeedbackStage.REMIND, domain.FeedbackStage.DUE_TODAY)
    if reminding and deadline.reminded_at is None:
        deadline.reminded_at = timezone.now()
        deadline.save(update_fields=["reminded_at"])
        _event(deadline, "feedback.reminded")
        tell_staff(deadline, kind="feedback.reminder")
        return "reminded"
    return ""


def counted_clock(deadline: FeedbackDeadline) -> domain.FeedbackClock | None:
    """The deadline's clock, or None while it cannot be counted (no calendar for its year)."""
    if deadline.calendar_problem or deadline.remind_on is None or deadline.due_on is None:
        return None
    return domain.FeedbackClock(deadline.triggered_on, deadline.remind_on, deadline.due_on)


def _escalate(deadline: FeedbackDeadline, *, kind: str) -> str:
    if deadline.escalated_at is not None:
        return ""
    deadline.escalated_at = timezone.now()
    deadline.save(update_fields=["escalated_at"])
    _event(deadline, "feedback.escalated")
    tell_staff(deadline, kind=kind)
    return "escalated"


def _event(deadline: FeedbackDeadline, event_type: str) -> None:
    record_event(
        event_type=event_type,
        actor="system:feedback-clock",
        subject=deadline.screening.encryption_subject().subject,
        organisation=str(deadline.organisation_id),
        payload={
            "screening": str(deadline.screening_id),
            "due_on": deadline.due_on.isoformat() if deadline.due_on else None,
            "calendar_problem": deadline.calendar_problem,
        },
    )
