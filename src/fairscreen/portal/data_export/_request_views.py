"""Reads of data-subject requests: the DPO's queue and request page, the candidate's list.

PIPL Art. 50: requests must be accepted and handled, within a deadline. The queue puts
what needs the DPO first: overdue requests, then those whose deadline could not be counted
(no working-day calendar for the year: "to be set", never guessed), then by due date.
Each DPO read is recorded in the ledger like any other read of a candidate's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import NotFound
from fairscreen.evidence.services import record_event
from fairscreen.portal.models import DataRequest, DataRequestKind, DataRequestState, Dispute
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.fields import EncryptedValue
from fairscreen.privacy.subjects import Revealed
from fairscreen.retention.models import LegalHold
from fairscreen.screenings.models import Finding
from fairscreen.screenings.policy import require

__all__ = [
    "DATA_REQUEST_HANDLERS",
    "RequestDetail",
    "RequestQueue",
    "RequestSummary",
    "candidate_requests",
    "data_request_detail",
    "data_request_queue",
]

DATA_REQUEST_HANDLERS = frozenset({Role.DPO})
"""The data protection officer handles requests (PIPL Art. 52: the accountable person)."""
HANDLED_SHOWN = 50


@dataclass(frozen=True)
class RequestSummary:
    id: UUID
    kind: str
    state: str
    received_at: datetime
    due_on: date | None
    calendar_problem: str
    handled_at: datetime | None
    is_open: bool
    overdue: bool
    candidate_name: Revealed
    position_title: str

    @property
    def kind_label(self) -> str:
        return str(DataRequestKind(self.kind).label)

    @property
    def state_label(self) -> str:
        return str(DataRequestState(self.state).label)


@dataclass(frozen=True)
class RequestQueue:
    open: tuple[RequestSummary, ...]
    handled: tuple[RequestSummary, ...]
    copies_provided: int


@dataclass(frozen=True)
class FindingBrief:
    id: UUID
    item: str
    category: Revealed
    status: str


@dataclass(frozen=True)
class RequestDetail:
    summary: RequestSummary
    screening_id: UUID
    text: Revealed
    outcome: Revealed
    started_at: datetime | None
    finding: FindingBrief | None
    dispute_id: UUID | None
    dispute_state: str
    dispute_outcome: str
    destruction_event: int | None
    legal_hold: bool = False


def _summary(row: DataRequest, today: date) -> RequestSummary:
    overdue = row.is_open and row.due_on is not None and today > row.due_on
    return RequestSummary(
        id=row.id,
        kind=row.kind,
        state=row.state,
        received_at=row.received_at,
        due_on=row.due_on,
        calendar_problem=row.calendar_problem,
        handled_at=row.handled_at,
        is_open=row.is_open,
        overdue=overdue,
        candidate_name=_revealed(row.candidate.full_name),
        position_title=row.screening.position.title,
    )


def _urgency(summary: RequestSummary) -> tuple[int, date, datetime]:
    """Overdue first, then a deadline still to be set, then the nearest deadline."""
    rank = 0 if summary.overdue else 1 if summary.due_on is None else 2
    return rank, summary.due_on or date.min, summary.received_at


def _rows(access: OrganisationAccess) -> QuerySet[DataRequest]:
    return DataRequest.objects.filter(organisation=access.organisation).select_related(
        "candidate", "screening__position"
    )


@transaction.atomic
def data_request_queue(*, access: OrganisationAccess, today: date | None = None) -> RequestQueue:
    """Open requests by urgency, and the latest handled ones (copies are only counted)."""
    require(access, DATA_REQUEST_HANDLERS)
    today = today or timezone.localdate()
    rows = _rows(access).exclude(kind=DataRequestKind.COPY)
    open_rows = list(rows.filter(state__in=("received", "in_progress")))
    handled_rows = list(
        rows.exclude(state__in=("received", "in_progress")).order_by("-handled_at")[:HANDLED_SHOWN]
    )
    with data_key_scope():
        prime(row.encryption_subject() for row in [*open_rows, *handled_rows])
        open_views = sorted((_summary(row, today) for row in open_rows), key=_urgency)
        handled = tuple(_summary(row, today) for row in handled_rows)
    record_event(
        event_type="data_requests.viewed",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={"open": len(open_views), "handled": len(handled)},
    )
    return RequestQueue(
        open=tuple(open_views),
        handled=handled,
        copies_provided=_rows(access).filter(kind=DataRequestKind.COPY).count(),
    )


@transaction.atomic
def data_request_detail(
    *, access: OrganisationAccess, request_id: UUID, today: date | None = None
) -> RequestDetail:
    """One request with the candidate's text, the finding it concerns and its dispute."""
    require(access, DATA_REQUEST_HANDLERS)
    row = _rows(access).filter(id=request_id).first()
    if row is None:
        raise NotFound("Not found.")
    dispute = Dispute.objects.filter(id=row.dispute_id).first() if row.dispute_id else None
    with data_key_scope():
        detail = RequestDetail(
            summary=_summary(row, today or timezone.localdate()),
            screening_id=row.screening_id,
            text=_revealed(row.text),
            outcome=_revealed(row.outcome),
            started_at=row.started_at,
            finding=_finding_brief(row.finding_id),
            dispute_id=row.dispute_id,
            dispute_state=dispute.state if dispute else "",
            dispute_outcome=dispute.outcome if dispute else "",
            destruction_event=row.destruction_event,
            legal_hold=LegalHold.objects.filter(
                candidate_id=row.candidate_id, released_at=None
            ).exists(),
        )
    record_event(
        event_type="data_request.viewed",
        actor=access.principal.reference,
        subject=row.encryption_subject().subject,
        organisation=str(access.organisation.id),
        payload={"request": str(row.id), "kind": row.kind},
    )
    return detail


def candidate_requests(*, candidate_id: UUID, today: date | None = None) -> list[RequestDetail]:
    """The candidate's own correction and deletion requests (their portal session)."""
    rows = (
        DataRequest.objects.filter(candidate_id=candidate_id)
        .exclude(kind=DataRequestKind.COPY)
        .select_related("candidate", "screening__position")
    )
    today = today or timezone.localdate()
    with data_key_scope():
        return [
            RequestDetail(
                summary=_summary(row, today),
                screening_id=row.screening_id,
                text=_revealed(row.text),
                outcome=_revealed(row.outcome),
                started_at=row.started_at,
                finding=_finding_brief(row.finding_id),
                dispute_id=row.dispute_id,
                dispute_state="",
                dispute_outcome="",
                destruction_event=row.destruction_event,
            )
            for row in rows
        ]


def _finding_brief(finding_id: UUID | None) -> FindingBrief | None:
    if finding_id is None:
        return None
    finding = Finding.objects.select_related("item").get(id=finding_id)
    return FindingBrief(
        id=finding.id,
        item=finding.item.code,
        category=finding.category.reveal(),
        status=finding.status,
    )


def _revealed(value: EncryptedValue | None) -> Revealed:
    return "" if value is None else value.reveal()
