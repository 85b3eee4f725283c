"""What the candidate reads about their own screening, beyond the screenings' own selectors.

PIPL Art. 45: a person may consult and copy their personal information; Art. 46: have it
corrected. So the candidate reads the same report the employer reads (`report_copy`), and
also the findings they dispute — which leave the employer's report while they are being
re-verified, but are still about them and must not silently vanish from their copy. They
see their disputes with the outcome and the reasons, and when each check should be done.

Every function takes the screening id from the portal session (`pages.candidate_page`),
never from an address, so a candidate can only ever read their own screening.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from fairscreen.decisions.models import Decision
from fairscreen.decisions.services import calendar_for
from fairscreen.domain import findings as domain
from fairscreen.domain import scope, workdays
from fairscreen.domain.decisions import DecisionState
from fairscreen.evidence.services import record_event
from fairscreen.portal.models import Dispute, DisputeState, PortalAccess
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.subjects import Revealed
from fairscreen.screenings.models import Finding, ItemState, Screening
from fairscreen.screenings.selectors import ScreeningView, report_copy
from fairscreen.screenings.selectors._findings import _finding_view, _items_in_scope
from fairscreen.screenings.selectors._report_copy import _finding_document

__all__ = [
    "TYPICAL_WORKING_DAYS",
    "CandidateReport",
    "CheckEstimate",
    "DisputeView",
    "awaiting_response",
    "candidate_disputes",
    "candidate_report",
    "check_estimates",
    "link_revoked_since",
    "live_access_expires_at",
]

TYPICAL_WORKING_DAYS: Mapping[str, int] = MappingProxyType(
    {
        "identity": 1,
        "education": 2,
        "professional_qualification": 2,
        "employment_history": 4,
        "reference_interview": 4,
        "civil_litigation": 3,
        "criminal_record": 5,
        "sexual_offence_record": 5,
        "dishonest_debtor": 1,
        "consumption_restriction": 1,
        "credit_report": 3,
        "business_interests": 2,
        "administrative_penalties": 3,
        "driving_record": 2,
    }
)
"""Typical working days from consent to a finished check, per check item.

Chinese providers quote 3-4 working days for a basic check and about 7 for a deep one
(CONTEXT.md); a registry look-up (identity, the dishonest-debtor list) is about a day,
anything that waits on people (a former employer, a referee) or an authority's reply (a
criminal-record certificate) takes longer. This is what the candidate is told to expect,
not a promise; an item missing here gets no date rather than a made-up one.
"""

_PENDING = frozenset({ItemState.CONSENTED, ItemState.RUNNING})


@dataclass(frozen=True)
class CheckEstimate:
    """When one consented check should be done: a date, or "to be confirmed", or done."""

    code: str
    expected_on: date | None
    to_be_confirmed: bool
    overdue: bool


def check_estimates(
    screening: ScreeningView, *, today: date | None = None
) -> Mapping[str, CheckEstimate]:
    """Per pending item, its consent date plus its typical working days on the
    organisation's calendar; a year without calendar data gives "to be confirmed"."""
    pending = [item for item in screening.items if item.state in _PENDING]
    if not pending or screening.consented_at is None:
        return {}
    organisation = Screening.objects.select_related("organisation").get(id=screening.id)
    zone = ZoneInfo(organisation.organisation.time_zone)
    consented_on = timezone.localtime(screening.consented_at, zone).date()
    today = today or timezone.localtime(timezone.now(), zone).date()
    calendar = calendar_for(organisation.organisation)
    estimates = {}
    for item in pending:
        days = TYPICAL_WORKING_DAYS.get(item.code)
        expected: date | None = None
        if days is not None:
            try:
                expected = calendar.add_working_days(consented_on, days)
            except workdays.CalendarNotAvailable:
                expected = None
        estimates[item.code] = CheckEstimate(
            code=item.code,
            expected_on=expected,
            to_be_confirmed=expected is None,
            overdue=expected is not None and today > expected,
        )
    return estimates


@dataclass(frozen=True)
class CandidateReport:
    """The employer's report as the candidate's copy (`report_copy`'s JSON document), the
    disputed findings in the same form, and the items the report covers."""

    document: dict[str, Any]
    disputed: tuple[dict[str, Any], ...]
    items_in_scope: frozenset[str]


@transaction.atomic
def candidate_report(*, screening_id: UUID) -> CandidateReport:
    """The candidate's own report, with the read recorded like every read of a report."""
    screening = (
        Screening.objects.select_related("position__profile", "candidate")
        .prefetch_related("items")
        .get(id=screening_id)
    )
    in_scope = _items_in_scope(screening)
    document: dict[str, Any] = report_copy(screening_id)
    rows = [
        row
        for row in Finding.objects.filter(
            screening=screening, status=domain.VerificationStatus.DISPUTED
        )
        .select_related("item")
        .prefetch_related("sources")
        .order_by("recorded_at", "id")
        if row.item.code in in_scope
    ]
    with data_key_scope():
        disputed = tuple(_finding_document(_finding_view(row, hide_hearsay=True)) for row in rows)
    record_event(
        event_type="portal.report_viewed",
        actor=f"candidate:{screening.candidate_id}",
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "screening": str(screening.id),
            "findings": len(document["findings"]),
            "disputed": len(disputed),
        },
    )
    return CandidateReport(document=document, disputed=disputed, items_in_scope=in_scope)


@dataclass(frozen=True)
class DisputeView:
    """One of the candidate's objections, where it stands, and how it ended and why."""

    id: UUID
    finding_id: UUID
    item: str
    item_name: scope.Text
    category: Revealed
    statement: Revealed
    evidence_media_type: str
    opened_at: datetime
    due_on: date | None
    state: str
    outcome: str
    reasons: Revealed
    light_before: str
    light_after: str
    decision_reopened: bool
    resolved_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.state == DisputeState.OPEN


def candidate_disputes(*, screening_id: UUID) -> tuple[DisputeView, ...]:
    """The screening's disputes, newest first, decrypted for the candidate who opened them."""
    rows = list(
        Dispute.objects.filter(screening_id=screening_id)
        .select_related("finding__item")
        .order_by("-opened_at")
    )
    with data_key_scope():
        return tuple(_dispute_view(row) for row in rows)


def awaiting_response(*, screening_id: UUID) -> bool:
    """Whether the live decision waits for the candidate's answer to a preliminary notice."""
    return (
        Decision.objects.filter(screening_id=screening_id, state=DecisionState.PRELIMINARY)
    ).exists()


def live_access_expires_at(*, screening_id: UUID, now: datetime | None = None) -> datetime | None:
    """Until when the candidate's personal link works (None: there is no live link)."""
    now = now or timezone.now()
    access = PortalAccess.objects.filter(
        screening_id=screening_id, revoked_at__isnull=True, expires_at__gt=now
    ).first()
    return access.expires_at if access else None


def _dispute_view(row: Dispute) -> DisputeView:
    item = row.finding.item.code
    return DisputeView(
        id=row.id,
        finding_id=row.finding_id,
        item=item,
        item_name=scope.CATALOGUE.item(item).name,
        category=row.finding.category.reveal(),
        statement=row.statement.reveal(),
        evidence_media_type=row.evidence_media_type,
        opened_at=row.opened_at,
        due_on=row.due_on,
        state=row.state,
        outcome=row.outcome,
        reasons=row.reasons.reveal(),
        light_before=row.light_before,
        light_after=row.light_after,
        decision_reopened=row.decision_reopened,
        resolved_at=row.resolved_at,
    )


def link_revoked_since(screening_id: UUID, opened_at: datetime) -> bool:
    """Whether a link of the screening was revoked after a session opened at `opened_at`,
    for any reason but its replacement by a newer link (which keeps the session going)."""
    return (
        PortalAccess.objects.filter(screening_id=screening_id, revoked_at__gte=opened_at)
        .exclude(revoked_reason="replaced")
        .exists()
    )
