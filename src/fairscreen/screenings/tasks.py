"""Jobs of the screenings context: connector runs and their retries."""

from uuid import UUID

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from fairscreen.screenings.services._rating import recheck_ratings
from fairscreen.screenings.services._runs import due_runs, execute_run


@db_task()  # type: ignore[untyped-decorator]
def run_check(run_id: str) -> None:
    """Run a connector as soon as a worker is free (queued when the run was requested)."""
    execute_run(UUID(run_id))


@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def run_due_checks() -> None:
    """Every minute: attempts whose retry time has come, and runs a lost worker left queued."""
    for run_id in due_runs():
        execute_run(run_id)


@db_periodic_task(crontab(minute="17", hour="3"))  # type: ignore[untyped-decorator]
def recheck_stored_ratings() -> None:
    """Every night: stored inputs must still rate exactly as they did, or an alarm is raised."""
    recheck_ratings()
