"""Reads of disputes for the analysts who re-verify them (CONTEXT.md point 7, PIPL Art. 46).

A candidate's objection is personal data twice over: their own statement and evidence,
and the finding they object to. Only the roles that see every finding (`FINDING_READERS`:
analysts, and the data protection officer, read-only) read disputes; another
organisation's dispute is `NotFound`, never "forbidden" (no existence leaks).

Opening a dispute and downloading its evidence are recorded with the purpose
`dispute_handling` like every read of a report — an access record and its ledger event, in
the same transaction as the read (DESIGN.md rule 3) — so the access log shows who read the
candidate's objection and when. The queue decrypts
only what an analyst needs to choose what to work on — the candidate's name and the plain
name of the disputed finding's category — as the check queue does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet

from fairscreen.accounts.models import User
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import NotFound
from fairscreen.domain import findings as domain
from fairscreen.domain import scope
from fairscreen.portal.models import Dispute, DisputeOutcome, DisputeState
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.files import read_file
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings.access_log import record_access
from fairscreen.screenings.models import Finding
from fairscreen.screenings.policy import FINDING_READERS, require
from fairscreen.screenings.selectors._findings import (
    DetailView,
    FindingView,
    ReportPurpose,
    _detail_views,
    _finding_view,
)
from fairscreen.screenings.selectors._report_rating import RatingView, rating_view
from fairscreen.screenings.team_access import team_q

__all__ = [
    "DisputeEvidence",
    "DisputeSummary",
    "DisputeView",
    "EvidenceFile",
    "dispute",
    "dispute_evidence",
    "dispute_item",
    "dispute_of_finding",
    "disputes_for",
]


@dataclass(frozen=True)
class DisputeSummary:
    """One line of the dispute queue: whose, which finding, and how urgent."""

    id: UUID
    screening_id: UUID
    candidate_name: Revealed
    position_title: str
    item: str
    item_name: scope.Text
    category: Revealed
    opened_at: datetime
    due_on: date | None
    state: str
    outcome: str
    overdue: bool

    @property
    def is_open(self) -> bool:
        return self.state == DisputeState.OPEN


@dataclass(frozen=True)
class DisputeEvidence:
    """What the candidate attached: identified by its hash, downloaded separately."""

    sha256: str
    media_type: str


@dataclass(frozen=True)
class DisputeView:
    """The whole dispute for the analyst's page: the objection, the finding, the outcome.

    `details_before` and `category_before` are the finding as it read before a correction
    (empty otherwise), so the page shows what changed; `rating` is the current one.
    """

    summary: DisputeSummary
    statement: Revealed
    evidence: DisputeEvidence | None
    light_before: str
    light_after: str
    reasons: Revealed
    category_before: Revealed
    details_before: tuple[DetailView, ...]
    decision_reopened: bool
    resolved_by: str
    resolved_at: datetime | None
    finding: FindingView
    rating: RatingView | None


@dataclass(frozen=True)
class EvidenceFile:
    """The candidate's evidence, decrypted for one download, or `Destroyed`."""

    content: bytes | Destroyed
    media_type: str
    sha256: str


def disputes_for(*, access: OrganisationAccess, today: date) -> tuple[DisputeSummary, ...]:
    """Open disputes first — undated ones (no calendar yet) then by due date — then resolved.

    `today` is the organisation's date, for the overdue mark: the deadline is the
    re-verification period the candidate was promised (15 working days by default).
    """
    require(access, FINDING_READERS)
    rows = list(_disputes(access))
    open_rows = sorted(
        (row for row in rows if row.state == DisputeState.OPEN),
        key=lambda row: (row.due_on is not None, row.due_on or today, row.opened_at),
    )
    resolved_rows = sorted(
        (row for row in rows if row.state != DisputeState.OPEN),
        key=lambda row: row.resolved_at or row.opened_at,
        reverse=True,
    )
    with data_key_scope():
        prime(row.encryption_subject() for row in rows)
        return tuple(_summary(row, today) for row in [*open_rows, *resolved_rows])


@transaction.atomic
def dispute(*, access: OrganisationAccess, dispute_id: UUID, today: date) -> DisputeView:
    """One dispute with its finding and every source; the read is recorded with its purpose."""
    require(access, FINDING_READERS)
    row = _one(access, dispute_id)
    finding = (
        Finding.objects.select_related("item").prefetch_related("sources").get(id=row.finding_id)
    )
    with data_key_scope():
        category_before, details_before = _before(row)
        view = DisputeView(
            summary=_summary(row, today),
            statement=row.statement.reveal(),
            evidence=DisputeEvidence(sha256=row.evidence_sha256, media_type=row.evidence_media_type)
            if row.evidence_file
            else None,
            light_before=row.light_before,
            light_after=row.light_after,
            reasons=row.reasons.reveal() if row.state == DisputeState.RESOLVED else "",
            category_before=category_before,
            details_before=details_before,
            decision_reopened=row.decision_reopened,
            resolved_by=_staff_name(row.resolved_by),
            resolved_at=row.resolved_at,
            finding=_finding_view(finding),
            rating=rating_view(row.screening, {str(finding.id)}),
        )
    _record_read(access, row, "dispute.viewed")
    return view


@transaction.atomic
def dispute_evidence(*, access: OrganisationAccess, dispute_id: UUID) -> EvidenceFile:
    """The candidate's evidence file; `NotFound` if there is none. Files have no URL."""
    require(access, FINDING_READERS)
    row = _one(access, dispute_id)
    if not row.evidence_file:
        raise NotFound("Not found.")
    content = read_file(row, "evidence_file", row.evidence_file)
    _record_read(access, row, "dispute.evidence_viewed")
    return EvidenceFile(
        content=content, media_type=row.evidence_media_type, sha256=row.evidence_sha256
    )


def dispute_item(*, access: OrganisationAccess, dispute_id: UUID) -> str:
    """The disputed finding's check item, to build the resolution forms (no personal data).

    The hiring team's only, like the dispute itself: to anyone else it does not exist.
    """
    require(access, FINDING_READERS)
    code = (
        _team_disputes(access)
        .filter(id=dispute_id)
        .values_list("finding__item__code", flat=True)
        .first()
    )
    if code is None:
        raise NotFound("Not found.")
    return str(code)


def dispute_of_finding(*, access: OrganisationAccess, finding_id: UUID) -> UUID:
    """The finding's open dispute, else its latest one: what the workspace links to."""
    require(access, FINDING_READERS)
    found = (
        _team_disputes(access)
        .filter(finding_id=finding_id)
        .order_by("state", "-opened_at")  # "open" sorts before "resolved"
        .values_list("id", flat=True)
        .first()
    )
    if found is None:
        raise NotFound("Not found.")
    return found


def _team_disputes(access: OrganisationAccess) -> QuerySet[Dispute]:
    """The organisation's disputes on positions whose hiring team the reader is on."""
    return Dispute.objects.filter(
        team_q(access, "screening__position_id"), organisation=access.organisation
    )


def _disputes(access: OrganisationAccess) -> QuerySet[Dispute]:
    return _team_disputes(access).select_related(
        "candidate", "screening__position", "finding__item"
    )


def _one(access: OrganisationAccess, dispute_id: UUID) -> Dispute:
    row = _disputes(access).filter(id=dispute_id).first()
    if row is None:
        raise NotFound("Not found.")
    return row


def _summary(row: Dispute, today: date) -> DisputeSummary:
    code = row.finding.item.code
    is_open = row.state == DisputeState.OPEN
    return DisputeSummary(
        id=row.id,
        screening_id=row.screening_id,
        candidate_name=row.candidate.full_name.reveal(),
        position_title=row.screening.position.title,
        item=code,
        item_name=scope.CATALOGUE.item(code).name,
        category=_disputed_category(row),
        opened_at=row.opened_at,
        due_on=row.due_on,
        state=row.state,
        outcome=row.outcome,
        overdue=is_open and row.due_on is not None and row.due_on < today,
    )


def _disputed_category(row: Dispute) -> Revealed:
    """The category the candidate objected to: before the correction, if one was made."""
    if row.outcome == DisputeOutcome.CORRECTED:
        category, _details = _before(row)
        if category:
            return category
    return row.finding.category.reveal()


def _before(row: Dispute) -> tuple[Revealed, tuple[DetailView, ...]]:
    """The finding's category and details as they read before a correction, if any."""
    stored = row.details_before.reveal() if row.details_before else ""
    if isinstance(stored, Destroyed):
        return stored, ()
    if not stored:
        return "", ()
    try:
        parsed = domain.FindingDetails.from_json(json.loads(stored))
    except (ValueError, domain.InvalidFinding):
        return "", ()  # a schema changed since: the current finding is still shown in full
    return parsed.category, _detail_views(parsed)


def _staff_name(reference: str) -> str:
    """The analyst who resolved it, by name (staff names are not the candidate's data)."""
    kind, _separator, user_id = reference.partition(":")
    if kind != "user" or not user_id:
        return reference
    name = User.objects.filter(id=user_id).values_list("display_name", flat=True).first()
    return str(name) if name else reference


def _record_read(access: OrganisationAccess, row: Dispute, kind: str) -> None:
    """An access record with its ledger event: the candidate's objection is their report too."""
    record_access(
        access,
        row.screening,
        kind=kind,
        purpose=ReportPurpose.DISPUTE_HANDLING.value,
        dispute=str(row.id),
        finding=str(row.finding_id),
    )
