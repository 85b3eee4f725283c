"""The organisation's working-day calendar: the official one plus what its HR admin loaded.

The official schedule for a year is published each November; until the maintained package
has it, an HR admin loads the State Council's notice as text (`load_calendar_schedule`), and
can add the organisation's own closures. A deadline that falls in a year nobody loaded is
refused loudly (`CalendarNotAvailable`), never guessed; a feedback clock that could not be
counted for that reason is counted when the year is loaded, in the same transaction.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from fairscreen.accounts.local_time import organisation_today
from fairscreen.accounts.models import Organisation
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import InvalidInput
from fairscreen.decisions.models import CalendarSchedule, DecisionPolicy, FeedbackDeadline
from fairscreen.decisions.policy import POLICY_EDITORS
from fairscreen.domain import decisions as domain
from fairscreen.domain import workdays
from fairscreen.evidence.services import record_event
from fairscreen.screenings.policy import require

MAX_SCHEDULE_TEXT = 20_000


def calendar_problem(missing: workdays.CalendarNotAvailable) -> str:
    """How a deadline records the year it could not be counted in."""
    return f"calendar_not_available:{missing.year}"


def calendar_for(organisation: Organisation) -> workdays.Calendar:
    latest = CalendarSchedule.objects.filter(organisation=organisation).first()
    if latest is None:
        return workdays.official_calendar()
    return workdays.official_calendar(overrides=workdays.parse_schedule(latest.text))


@transaction.atomic
def load_calendar_schedule(*, access: OrganisationAccess, text: str) -> CalendarSchedule:
    """Replace the organisation's additions with `text`; every problem is listed by line."""
    require(access, POLICY_EDITORS)
    if len(text) > MAX_SCHEDULE_TEXT:
        raise InvalidInput(
            "The schedule is too long.", details={"text": "at most 20000 characters"}
        )
    try:
        table = workdays.parse_schedule(text)
    except workdays.InvalidSchedule as invalid:
        raise InvalidInput(
            "The schedule has problems; nothing was loaded.",
            details={
                "problems": [
                    {"line": problem.line, "code": problem.code, "message": problem.message}
                    for problem in invalid.problems
                ]
            },
        ) from None
    schedule = CalendarSchedule.objects.create(
        organisation=access.organisation, text=text, loaded_by=access.principal.reference
    )
    recounted = _recount_uncounted_clocks(
        access.organisation, workdays.official_calendar(overrides=table), access.principal.reference
    )
    record_event(
        event_type="calendar.loaded",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={
            "schedule": str(schedule.id),
            "years": sorted(year.year for year in table.schedules),
            "days": len(table.days),
            "recounted": recounted,
        },
    )
    return schedule


def _recount_uncounted_clocks(
    organisation: Organisation, calendar: workdays.Calendar, actor: str
) -> int:
    """Count the open feedback clocks that had no calendar; returns how many now have one.

    A recounted clock runs afresh: its reminder and its escalation (the earlier one said
    the calendar was missing, not that the deadline passed) go out as for any other.
    """
    recounted = 0
    uncounted = (
        FeedbackDeadline.objects.select_for_update()
        .select_related("screening")
        .filter(organisation=organisation, met_at=None)
        .exclude(calendar_problem="")
        .order_by("triggered_on", "id")
    )
    for deadline in uncounted:
        try:
            clock = domain.feedback_clock(deadline.triggered_on, calendar)
        except workdays.CalendarNotAvailable as missing:
            if deadline.calendar_problem == calendar_problem(missing):
                continue
            deadline.calendar_problem = calendar_problem(missing)  # a later year is missing
        else:
            deadline.remind_on, deadline.due_on = clock.remind_on, clock.due_on
            deadline.calendar_problem = ""
            deadline.escalated_at = None
            recounted += 1
        deadline.save(update_fields=["remind_on", "due_on", "calendar_problem", "escalated_at"])
        record_event(
            event_type="feedback.clock_recounted",
            actor=actor,
            subject=deadline.screening.encryption_subject().subject,
            organisation=str(organisation.id),
            payload={
                "screening": str(deadline.screening_id),
                "remind_on": deadline.remind_on.isoformat() if deadline.remind_on else None,
                "due_on": deadline.due_on.isoformat() if deadline.due_on else None,
                "calendar_problem": deadline.calendar_problem,
            },
        )
    return recounted


def warn_if_calendar_runs_out(*, today: date | None = None) -> list[str]:
    """The daily job: warn each organisation, once, 30 days before its calendar runs out.

    The warning is an evidence event and a banner on the HR admin's decision-policy page
    and the deadlines dashboard (it concerns no candidate, so nothing is mailed: every
    stored message is encrypted under the key of the candidate it is about).

    Returns the ids of the organisations warned (for the job's log line: ids only). Each
    organisation is judged on its own day (`today` is for tests).
    """
    warned = []
    for organisation in Organisation.objects.all():
        calendar = calendar_for(organisation)
        day = today or organisation_today(organisation)
        if not workdays.needs_next_year_warning(calendar, today=day):
            continue
        if _warn_once(organisation, calendar.covered_until()):
            warned.append(str(organisation.id))
    return warned


@transaction.atomic
def _warn_once(organisation: Organisation, covered_until: date) -> bool:
    policy, _created = DecisionPolicy.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    if policy.calendar_warned_for == covered_until:
        return False
    policy.calendar_warned_for = covered_until
    policy.save(update_fields=["calendar_warned_for"])
    record_event(
        event_type="calendar.running_out",
        actor="system:calendar-watch",
        organisation=str(organisation.id),
        payload={"covered_until": covered_until.isoformat()},
    )
    return True
