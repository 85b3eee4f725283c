"""Response schemas of the findings API (see `api_findings` for the endpoints).

Outputs are built from the selectors' frozen views (`of`), never from models, so a response
cannot reach more than the selector chose to read. A crypto-shredded value is `null`, with
`destroyed_at` saying since when (as the candidates API renders one).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from fairscreen.positions.api import TextOut
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings import services
from fairscreen.screenings.api_screenings import ScreeningSummaryOut
from fairscreen.screenings.selectors import (
    DetailView,
    FindingView,
    ReportView,
    RunView,
    SourceView,
)


class EvidenceOut(Schema):
    sha256: str
    media_type: str
    size: int | None


class SourceOut(Schema):
    id: UUID
    kind: str
    authority: str
    origin: str
    reference: str | None = Field(..., description="null once the candidate's keys are destroyed")
    statement: str | None
    retrieved_at: datetime
    evidence: EvidenceOut | None

    @staticmethod
    def of(view: SourceView) -> SourceOut:
        return SourceOut(
            id=view.id,
            kind=view.kind,
            authority=view.authority,
            origin=view.origin,
            reference=plain(view.reference),
            statement=plain(view.statement) or None,
            retrieved_at=view.retrieved_at,
            evidence=EvidenceOut(
                sha256=view.evidence_sha256,
                media_type=view.evidence_media_type,
                size=view.evidence_size,
            )
            if view.evidence_sha256
            else None,
        )


class DetailOut(Schema):
    name: str
    label: TextOut
    value: str
    choice_label: TextOut | None

    @staticmethod
    def of(view: DetailView) -> DetailOut:
        return DetailOut(
            name=view.name,
            label=TextOut.of(view.label),
            value=view.value,
            choice_label=TextOut.of(view.choice_label) if view.choice_label else None,
        )


class ReportFindingOut(Schema):
    """What the employer reads of a finding: the fact, its status, the sources relied on."""

    id: UUID
    item: str
    item_name: TextOut
    category: str | None = Field(..., description="null once the candidate's keys are destroyed")
    status: str
    occurred_on: date | None
    details: list[DetailOut]
    sources: list[SourceOut]
    destroyed_at: datetime | None

    @staticmethod
    def of(view: FindingView) -> ReportFindingOut:
        return ReportFindingOut(**_finding_fields(view))


class FindingOut(ReportFindingOut):
    """The analyst's view: every status, the lifecycle, and who recorded it."""

    lifecycle: str
    employer_visible: bool = Field(..., description="whether the employer's report can show it")
    recorded_at: datetime
    recorded_by: str = Field(..., description="an opaque principal reference")
    external_ref: str

    @staticmethod
    def of(view: FindingView) -> FindingOut:
        return FindingOut(
            **_finding_fields(view),
            lifecycle=view.lifecycle,
            employer_visible=view.employer_visible,
            recorded_at=view.recorded_at,
            recorded_by=view.recorded_by,
            external_ref=view.external_ref,
        )


def _finding_fields(view: FindingView) -> dict[str, Any]:
    """The fields the employer's and the analyst's views share (typed by the schemas)."""
    return {
        "id": view.id,
        "item": view.item,
        "item_name": TextOut.of(view.item_name),
        "category": plain(view.category),
        "status": view.status,
        "occurred_on": view.occurred_on,
        "details": [DetailOut.of(detail) for detail in view.details],
        "sources": [SourceOut.of(source) for source in view.sources],
        "destroyed_at": view.category.destroyed_at
        if isinstance(view.category, Destroyed)
        else None,
    }


class InterviewOut(Schema):
    findings: list[FindingOut] = Field(
        ..., description="one per concern (first-hand) and one for the opinion (hearsay)"
    )


class ReportOut(Schema):
    screening: ScreeningSummaryOut
    purpose: str = Field(..., description="recorded in the evidence ledger with this read")
    findings: list[ReportFindingOut] = Field(
        ..., description="verified, corroborated or corrected findings of in-scope items only"
    )

    @staticmethod
    def of(view: ReportView) -> ReportOut:
        return ReportOut(
            screening=ScreeningSummaryOut.of(view.screening),
            purpose=view.purpose,
            findings=[ReportFindingOut.of(finding) for finding in view.findings],
        )


class RunOut(Schema):
    id: UUID
    screening_id: UUID
    item: str
    connector: str
    state: str = Field(..., description="queued, running, retrying, succeeded, failed, cancelled")
    attempts: int
    max_attempts: int
    next_attempt_at: datetime | None = Field(
        ...,
        description="retrying: when the next attempt is due; running: when the attempt's lease"
        " ends (a lost attempt is then taken over)",
    )
    last_error_code: str | None = Field(..., description="a code the connector wrote")
    last_error_message: str | None = Field(..., description="a fixed message, no provider text")
    findings_recorded: int
    requested_by: str
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @staticmethod
    def of(view: RunView) -> RunOut:
        return RunOut(
            id=view.id,
            screening_id=view.screening_id,
            item=view.item,
            connector=view.connector,
            state=view.state,
            attempts=view.attempts,
            max_attempts=view.max_attempts,
            next_attempt_at=view.next_attempt_at,
            last_error_code=view.last_error_code or None,
            last_error_message=view.last_error_message or None,
            findings_recorded=view.findings_recorded,
            requested_by=view.requested_by,
            requested_at=view.requested_at,
            started_at=view.started_at,
            finished_at=view.finished_at,
        )


class ImportProblemOut(Schema):
    row: int = Field(..., description="1-based: the CSV line after the header, or JSON position")
    field: str
    message: str = Field(..., description="the rule broken; never the submitted value")


class ImportReportOut(Schema):
    rows: int
    recorded: int = Field(..., description="0 on a dry run")
    duplicates: int = Field(..., description="rows whose external_ref was already recorded")
    dry_run: bool
    problems: list[ImportProblemOut]

    @staticmethod
    def of(report: services.ImportReport, *, dry_run: bool) -> ImportReportOut:
        return ImportReportOut(
            rows=report.rows,
            recorded=report.recorded,
            duplicates=report.duplicates,
            dry_run=dry_run,
            problems=[
                ImportProblemOut(row=problem.row, field=problem.field, message=problem.message)
                for problem in report.problems
            ],
        )


def plain(value: Revealed) -> str | None:
    return None if isinstance(value, Destroyed) else value
