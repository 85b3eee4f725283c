"""The analyst's check queue: what is left to do across the organisation's screenings.

Every check that may run (consented) or is running, on screenings whose consent still
stands, with how many of its findings are still unverified — work to do, not facts. It
decrypts only the candidate's name (analysts see it on the screening page too), never an ID
number or a contact (PIPL Art. 6: the minimum necessary). A run's error is the connector's
own code and fixed message, never a provider's response text.

`finding_item` names the check a finding belongs to — no personal data, so reading it is
not a read of the findings (those are recorded by `findings_for_analyst`). `report_cover` is
what a report reader sees before stating why they open the report: whose
report and for which position, nothing of its findings (those are read, and the read is
recorded with its purpose, only by `employer_report`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db.models import Count, Q

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import NotFound
from fairscreen.domain import findings as domain
from fairscreen.domain import scope
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.subjects import Revealed
from fairscreen.screenings.models import (
    Finding,
    ItemState,
    Screening,
    ScreeningItem,
    ScreeningStatus,
)
from fairscreen.screenings.policy import FINDING_READERS, REPORT_READERS, require
from fairscreen.screenings.selectors._runs_api import RunView, _run_view
from fairscreen.screenings.team_access import team_q

__all__ = ["QueuedCheck", "ReportCover", "check_queue", "finding_item", "report_cover"]

_QUEUED_STATES = (ItemState.CONSENTED, ItemState.RUNNING)


@dataclass(frozen=True)
class QueuedCheck:
    """A check that is waiting to start or running, with what is still unverified."""

    screening_id: UUID
    candidate_name: Revealed
    position_title: str
    item: str
    item_name: scope.Text
    state: str
    started_at: datetime | None
    runs: tuple[RunView, ...]
    findings: int
    unverified: int


def check_queue(
    *, access: OrganisationAccess, unverified_only: bool = False
) -> tuple[QueuedCheck, ...]:
    """Consented and running checks of active screenings, oldest screening first.

    Each screening's checks come in catalogue order: the order its consent notice listed them.
    """
    require(access, FINDING_READERS)
    rows = (
        ScreeningItem.objects.filter(
            team_q(access, "screening__position_id"),
            screening__organisation=access.organisation,
            screening__status=ScreeningStatus.ACTIVE,
            state__in=_QUEUED_STATES,
        )
        .select_related("screening__candidate", "screening__position")
        .prefetch_related("runs")
        .annotate(
            findings_count=Count(
                "findings",
                filter=~Q(findings__lifecycle=domain.Lifecycle.RETRACTED),
                distinct=True,
            ),
            unverified_count=Count(
                "findings",
                filter=Q(findings__status=domain.VerificationStatus.UNVERIFIED),
                distinct=True,
            ),
        )
    )
    if unverified_only:
        rows = rows.filter(unverified_count__gt=0)
    order = scope.CATALOGUE.codes()
    items = sorted(
        rows,
        key=lambda item: (
            item.screening.ordered_at,
            str(item.screening_id),
            order.index(item.code),
        ),
    )
    with data_key_scope():
        prime(item.screening.candidate.encryption_subject() for item in items)
        return tuple(_queued(item) for item in items)


def _queued(item: ScreeningItem) -> QueuedCheck:
    screening = item.screening
    return QueuedCheck(
        screening_id=screening.id,
        candidate_name=screening.candidate.full_name.reveal(),
        position_title=screening.position.title,
        item=item.code,
        item_name=scope.CATALOGUE.item(item.code).name,
        state=item.state,
        started_at=item.started_at,
        runs=tuple(
            _run_view(run)
            for run in sorted(item.runs.all(), key=lambda run: run.requested_at, reverse=True)
        ),
        findings=getattr(item, "findings_count", 0),
        unverified=getattr(item, "unverified_count", 0),
    )


@dataclass(frozen=True)
class ReportCover:
    screening_id: UUID
    candidate_name: Revealed
    position_title: str


def report_cover(*, access: OrganisationAccess, screening_id: UUID) -> ReportCover:
    """Whose report it is; another organisation's screening is `NotFound`."""
    require(access, REPORT_READERS)
    row = (
        Screening.objects.select_related("candidate", "position")
        .filter(team_q(access), organisation=access.organisation, id=screening_id)
        .first()
    )
    if row is None:
        raise NotFound("Not found.")
    with data_key_scope():
        return ReportCover(
            screening_id=row.id,
            candidate_name=row.candidate.full_name.reveal(),
            position_title=row.position.title,
        )


def finding_item(*, access: OrganisationAccess, screening_id: UUID, finding_id: UUID) -> str:
    """The item code of a finding of this screening; anything else is `NotFound`."""
    require(access, FINDING_READERS)
    code = (
        Finding.objects.filter(
            team_q(access, "screening__position_id"),
            organisation=access.organisation,
            screening_id=screening_id,
            id=finding_id,
        )
        .values_list("item__code", flat=True)
        .first()
    )
    if code is None:
        raise NotFound("Not found.")
    return str(code)
