"""Jobs of the decisions context: the feedback clock and the calendar watch."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from fairscreen.decisions.services import sweep_feedback_deadlines
from fairscreen.decisions.services._calendar import warn_if_calendar_runs_out


@db_periodic_task(crontab(minute="5"))  # type: ignore[untyped-decorator]
def sweep_feedback() -> None:
    """Hourly: reminders on the 2nd working day, escalation to HR admins once overdue."""
    sweep_feedback_deadlines()


@db_periodic_task(crontab(minute="30", hour="1"))  # type: ignore[untyped-decorator]
def watch_calendar() -> None:
    """Daily: 30 days before the working-day calendar runs out, tell the HR admins."""
    warn_if_calendar_runs_out()
