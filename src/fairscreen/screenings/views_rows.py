"""Findings as the workspace and the report show them: labelled, in the reader's language.

Templates cannot look labels up by a variable, so each finding is turned into a row here
once: its status in words (and whether it is in the employer's report at all), its details
under their schema labels, and its sources with their kind and authority — a source that is
a former employer or referee named by who they are rather than by an opaque id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fairscreen.domain import findings as domain
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.selectors import FindingView, SourceView, ThirdPartyView
from fairscreen.screenings.views_labels import (
    authority_label,
    category_label,
    in_language,
    source_kind_label,
    status_label,
)


@dataclass(frozen=True)
class DetailRow:
    label: str
    value: str


@dataclass(frozen=True)
class SourceRow:
    view: SourceView
    kind: str
    authority: str
    hearsay: bool
    origin: str


@dataclass(frozen=True)
class DispositionRow:
    """How the published rulebook treated the finding, in the reader's language."""

    counted: bool
    severity: str
    reason: str
    explanation: str


@dataclass(frozen=True)
class FindingRow:
    view: FindingView
    item_name: str
    status: str
    status_label: str
    in_report: bool
    retracted: bool
    category: str
    details: tuple[DetailRow, ...]
    sources: tuple[SourceRow, ...]
    disposition: DispositionRow | None = None


def finding_rows(
    findings: Iterable[FindingView], third_parties: Sequence[ThirdPartyView] = ()
) -> tuple[FindingRow, ...]:
    names = {f"third_party:{party.id}": str(party.name) for party in third_parties}
    return tuple(_row(finding, names) for finding in findings)


def _row(finding: FindingView, names: dict[str, str]) -> FindingRow:
    category = finding.category
    return FindingRow(
        view=finding,
        item_name=in_language(finding.item_name),
        status=finding.status,
        status_label=status_label(finding.status),
        in_report=finding.employer_visible,
        retracted=finding.lifecycle == domain.Lifecycle.RETRACTED,
        category=str(category) if isinstance(category, Destroyed) else category_label(category),
        details=tuple(
            DetailRow(
                label=in_language(detail.label),
                value=in_language(detail.choice_label) if detail.choice_label else detail.value,
            )
            for detail in finding.details
        ),
        sources=tuple(_source_row(source, names) for source in finding.sources),
    )


def _source_row(source: SourceView, names: dict[str, str]) -> SourceRow:
    return SourceRow(
        view=source,
        kind=source_kind_label(source.kind),
        authority=authority_label(source.authority),
        hearsay=source.authority == domain.AuthorityLevel.HEARSAY,
        origin=names.get(source.origin, source.origin),
    )
