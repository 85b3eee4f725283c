"""Reads of findings: every finding for analysts, only verified facts for the employer.

The employer's report (`employer_report`) holds only findings whose status is verified,
corroborated or corrected, for items the candidate consented to that the position's current
profile still permits — and of their sources only those that are not hearsay. Unverified
findings and hearsay are visible to analysts only (`findings_for_analyst`), labelled as
such: they are work to do, not facts (the Beijing Fengtai case).

Reading the report is recorded in the evidence ledger with its purpose, in the same
transaction as the read (DESIGN.md rule 3).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from django.db import transaction

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import InvalidInput, NotFound
from fairscreen.domain import findings as domain
from fairscreen.domain import scope
from fairscreen.positions.services import current_version
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings.access_log import record_access
from fairscreen.screenings.models import (
    Finding,
    FindingSource,
    ItemState,
    Screening,
)
from fairscreen.screenings.policy import FINDING_READERS, REPORT_READERS, require
from fairscreen.screenings.selectors._report_rating import DispositionView, RatingView, rating_view
from fairscreen.screenings.selectors._screenings import ScreeningView, screening_view_of
from fairscreen.screenings.services._rating import rate_screening
from fairscreen.screenings.team_access import team_q

__all__ = [
    "DetailView",
    "DispositionView",
    "FindingView",
    "RatingView",
    "ReportPurpose",
    "ReportView",
    "SourceView",
    "employer_report",
    "findings_for_analyst",
]

_IN_SCOPE_STATES = frozenset({ItemState.RUNNING, ItemState.COMPLETED})


class ReportPurpose(StrEnum):
    """Why someone reads a report; recorded with every read (PIPL Art. 6: a stated purpose)."""

    REVIEW = "review"
    DECISION = "decision"
    DISPUTE_HANDLING = "dispute_handling"
    AUDIT = "audit"
    CANDIDATE_REQUEST = "candidate_request"


@dataclass(frozen=True)
class DetailView:
    name: str
    label: scope.Text
    value: str
    choice_label: scope.Text | None


@dataclass(frozen=True)
class SourceView:
    id: UUID
    kind: str
    authority: str
    origin: str
    reference: Revealed
    statement: Revealed
    retrieved_at: datetime
    evidence_sha256: str
    evidence_media_type: str
    evidence_size: int | None


@dataclass(frozen=True)
class FindingView:
    id: UUID
    item: str
    item_name: scope.Text
    category: Revealed
    details: tuple[DetailView, ...]
    occurred_on: date | None
    status: str
    lifecycle: str
    sources: tuple[SourceView, ...]
    recorded_at: datetime
    recorded_by: str
    external_ref: str
    destroyed: bool

    @property
    def employer_visible(self) -> bool:
        return self.status in domain.EMPLOYER_VISIBLE

    def detail(self, name: str) -> str | None:
        return next((detail.value for detail in self.details if detail.name == name), None)


@dataclass(frozen=True)
class ReportView:
    screening: ScreeningView
    findings: tuple[FindingView, ...]
    purpose: str
    rating: RatingView | None = None


@transaction.atomic
def findings_for_analyst(
    *, access: OrganisationAccess, screening_id: UUID
) -> tuple[FindingView, ...]:
    """Every finding of the screening, whatever its status, with every source.

    The purpose is the analyst's own work (verification); the read is recorded like any
    other, so the access log shows who saw unverified material too.
    """
    require(access, FINDING_READERS)
    screening = _screening(access, screening_id)
    with data_key_scope():
        views = tuple(_finding_view(row) for row in _finding_rows(screening))
    record_access(
        access, screening, kind="findings.viewed", purpose="verification", findings=len(views)
    )
    return views


@transaction.atomic
def employer_report(*, access: OrganisationAccess, screening_id: UUID, purpose: str) -> ReportView:
    """The report the hiring team reads (see the module docstring), with the read recorded."""
    return assembled_report(
        access=access, screening_id=screening_id, purpose=purpose, kind="report.viewed"
    )


def assembled_report(
    *, access: OrganisationAccess, screening_id: UUID, purpose: str, kind: str, **facts: object
) -> ReportView:
    """The report, recorded as `kind` (a view, or an export); inside the caller's transaction."""
    require(access, REPORT_READERS)
    if purpose not in ReportPurpose.__members__.values():
        raise InvalidInput(
            "State why you open this report.",
            details={"purpose": "one of: " + ", ".join(ReportPurpose)},
        )
    if access.roles <= {Role.AUDITOR} and purpose != ReportPurpose.AUDIT:
        raise InvalidInput(
            "An auditor opens reports for an audit only.", details={"purpose": "audit"}
        )
    screening = _screening(access, screening_id)
    in_scope = _items_in_scope(screening)
    rows = [
        row
        for row in _finding_rows(screening)
        if row.status in domain.EMPLOYER_VISIBLE and row.item.code in in_scope
    ]
    rate_screening(screening, actor=access.principal.reference, trigger="report.viewed")
    with data_key_scope():
        findings = tuple(_finding_view(row, hide_hearsay=True) for row in rows)
        view = ReportView(
            screening=screening_view_of(screening),
            findings=findings,
            purpose=purpose,
            rating=rating_view(screening, {str(finding.id) for finding in findings}),
        )
    record_access(access, screening, kind=kind, purpose=purpose, findings=len(findings), **facts)
    return view


def _screening(access: OrganisationAccess, screening_id: UUID) -> Screening:
    row = (
        Screening.objects.select_related(
            "candidate", "position__profile", "profile_version__profile"
        )
        .prefetch_related("items", "third_parties", "invitations")
        .filter(team_q(access), organisation=access.organisation, id=screening_id)
        .first()
    )
    if row is None:
        raise NotFound("Not found.")
    return row


def _items_in_scope(screening: Screening) -> frozenset[str]:
    """Consented items that ran and that the position's current profile still permits."""
    current = current_version(screening.position.profile)
    spec = current.profile_spec() if current else None
    return frozenset(
        item.code
        for item in screening.items.all()
        if item.state in _IN_SCOPE_STATES and spec is not None and scope.permits(spec, item.code)
    )


def _finding_rows(screening: Screening) -> list[Finding]:
    return list(
        Finding.objects.filter(screening=screening)
        .select_related("item")
        .prefetch_related("sources")
        .order_by("recorded_at", "id")
    )


def _finding_view(row: Finding, *, hide_hearsay: bool = False) -> FindingView:
    category = row.category.reveal()
    details = row.details.reveal()
    parsed = None
    if not isinstance(details, Destroyed) and not isinstance(category, Destroyed):
        parsed = domain.FindingDetails.from_json(json.loads(details))
    sources = [
        source
        for source in row.sources.all()
        if not (
            hide_hearsay
            and (source.authority == domain.AuthorityLevel.HEARSAY or source.superseded_at)
        )
    ]
    return FindingView(
        id=row.id,
        item=row.item.code,
        item_name=scope.CATALOGUE.item(row.item.code).name,
        category=category,
        details=_detail_views(parsed) if parsed else (),
        occurred_on=parsed.occurred_on if parsed else None,
        status=row.status,
        lifecycle=row.lifecycle,
        sources=tuple(_source_view(source) for source in sources),
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
        external_ref=row.external_ref,
        destroyed=parsed is None,
    )


def _detail_views(parsed: domain.FindingDetails) -> tuple[DetailView, ...]:
    schema = domain.SCHEMAS[parsed.item]
    views = []
    for name, value in parsed.values:
        spec = schema.field(name)
        if spec is None:
            continue
        views.append(
            DetailView(
                name=name, label=spec.label, value=value, choice_label=spec.choice_label(value)
            )
        )
    return tuple(views)


def _source_view(row: FindingSource) -> SourceView:
    return SourceView(
        id=row.id,
        kind=row.kind,
        authority=row.authority,
        origin=row.origin,
        reference=row.reference.reveal(),
        statement=row.statement.reveal() if row.statement is not None else "",
        retrieved_at=row.retrieved_at,
        evidence_sha256=row.evidence_sha256,
        evidence_media_type=row.evidence_media_type,
        evidence_size=row.evidence_size,
    )
