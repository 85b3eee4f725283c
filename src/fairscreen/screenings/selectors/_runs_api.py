"""Reads of connector runs: how a check's automated verification is going, and why it failed.

A run holds no personal data (its error is a code and a fixed message the connector wrote,
never the provider's response), but it tells who is being checked for what, so only the
people who see the findings see the runs (`FINDING_READERS`). Another organisation's
screening or run is `NotFound`, so its existence does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import NotFound
from fairscreen.screenings.models import CheckRun, Screening
from fairscreen.screenings.policy import FINDING_READERS, require
from fairscreen.screenings.team_access import team_q

__all__ = ["RunView", "check_run", "check_runs"]


@dataclass(frozen=True)
class RunView:
    id: UUID
    screening_id: UUID
    item: str
    connector: str
    state: str
    attempts: int
    max_attempts: int
    next_attempt_at: datetime | None
    last_error_code: str
    last_error_message: str
    findings_recorded: int
    requested_by: str
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def check_runs(*, access: OrganisationAccess, screening_id: UUID, code: str) -> tuple[RunView, ...]:
    """The runs of one check item, newest first; an item that was never ordered is `NotFound`."""
    require(access, FINDING_READERS)
    screening = Screening.objects.filter(
        team_q(access), organisation=access.organisation, id=screening_id
    ).first()
    if screening is None:
        raise NotFound("Not found.")
    item = screening.items.filter(code=code).first()
    if item is None:
        raise NotFound("This item was not ordered for this screening.")
    runs = CheckRun.objects.filter(organisation=access.organisation, item=item).select_related(
        "item"
    )
    return tuple(_run_view(run) for run in runs.order_by("-requested_at", "-id"))


def check_run(*, access: OrganisationAccess, run_id: UUID) -> RunView:
    """One run of the organisation's; another organisation's is `NotFound`."""
    require(access, FINDING_READERS)
    run = (
        CheckRun.objects.select_related("item")
        .filter(
            team_q(access, "item__screening__position_id"),
            organisation=access.organisation,
            id=run_id,
        )
        .first()
    )
    if run is None:
        raise NotFound("Not found.")
    return _run_view(run)


def _run_view(run: CheckRun) -> RunView:
    return RunView(
        id=run.id,
        screening_id=run.item.screening_id,
        item=run.item.code,
        connector=run.connector,
        state=run.state,
        attempts=run.attempts,
        max_attempts=run.max_attempts,
        next_attempt_at=run.next_attempt_at,
        last_error_code=run.last_error_code,
        last_error_message=run.last_error_message,
        findings_recorded=run.findings_recorded,
        requested_by=run.requested_by,
        requested_at=run.requested_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
    )
