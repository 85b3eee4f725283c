"""The report copy (the JSON document `report_copy` makes) as the candidate reads it.

The same document backs the candidate's report page and the copy inside a preliminary
notice, so both show exactly what the employer's report shows (PIPL Art. 45; the FCRA's
pre-adverse copy): each finding with its details and non-hearsay sources, the light with
its explanation, each finding's disposition under the rules, and the exact rulebook
version, linked to its published text. Everything is picked in the reader's language here,
so templates only print.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fairscreen.domain import findings as domain
from fairscreen.domain.rating import LIGHT_LABELS, SEVERITY_LABELS
from fairscreen.domain.scope import Text
from fairscreen.screenings.views_labels import authority_label, source_kind_label

STATUS_LABELS: Mapping[str, Promise] = {
    domain.VerificationStatus.VERIFIED: _("Verified"),
    domain.VerificationStatus.CORROBORATED: _("Corroborated by independent sources"),
    domain.VerificationStatus.CORRECTED: _("Corrected"),
    domain.VerificationStatus.DISPUTED: _("Under dispute"),
}
RULEBOOK_VERSION = re.compile(r"\d{4}\.[1-9][0-9]*")


@dataclass(frozen=True)
class DetailLine:
    label: str
    value: str


@dataclass(frozen=True)
class SourceLine:
    kind: str
    authority: str
    reference: str
    retrieved_on: date | None


@dataclass(frozen=True)
class FindingCard:
    """One finding as the report shows it, with what the rules did with it."""

    id: str
    item: str
    item_name: str
    category: str
    status: str
    status_label: Promise | str
    details: tuple[DetailLine, ...]
    sources: tuple[SourceLine, ...]
    counted: bool | None
    severity: str
    explanation: str

    @property
    def under_dispute(self) -> bool:
        return self.status == domain.VerificationStatus.DISPUTED


@dataclass(frozen=True)
class RatingCard:
    """The light (advice, PIPL Art. 24) and the published rules that gave it."""

    light: str
    light_label: str
    explanation: str
    meaning: str
    notice: str
    rulebook_version: str
    rulebook_url: str
    as_of: str


@dataclass(frozen=True)
class ReportCopyPage:
    position: str
    findings: tuple[FindingCard, ...]
    rating: RatingCard | None

    def for_item(self, code: str) -> tuple[FindingCard, ...]:
        return tuple(card for card in self.findings if card.item == code)


def report_copy_page(
    document: Mapping[str, Any] | None,
    *,
    language: str,
    disputed: Sequence[Mapping[str, Any]] = (),
) -> ReportCopyPage:
    """The document's findings (then the disputed ones, labelled) and its rating."""
    document = document or {}
    rating = document.get("rating") if isinstance(document.get("rating"), Mapping) else None
    dispositions = {
        str(entry.get("finding_id")): entry
        for entry in (rating or {}).get("findings") or ()
        if isinstance(entry, Mapping)
    }
    shown = [_card(finding, language, dispositions) for finding in document.get("findings") or ()]
    under_dispute = [_card(finding, language, {}) for finding in disputed]
    return ReportCopyPage(
        position=str(document.get("position") or ""),
        findings=tuple(shown + under_dispute),
        rating=_rating(rating, language) if rating else None,
    )


def light_label(light: str, language: str) -> str:
    label = LIGHT_LABELS.get(light)  # type: ignore[call-overload]
    return label.get(language) if isinstance(label, Text) else light


def _card(
    finding: Mapping[str, Any], language: str, dispositions: Mapping[str, Mapping[str, Any]]
) -> FindingCard:
    finding_id = str(finding.get("id") or "")
    status = str(finding.get("status") or "")
    disposition = dispositions.get(finding_id)
    counted = None if disposition is None else disposition.get("outcome") == "counted"
    severity = ""
    if disposition is not None and disposition.get("severity"):
        label = SEVERITY_LABELS.get(disposition["severity"])
        severity = label.get(language) if isinstance(label, Text) else str(disposition["severity"])
    category = str(finding.get("category") or "")
    return FindingCard(
        id=finding_id,
        item=str(finding.get("item") or ""),
        item_name=_pick(finding.get("item_name"), language),
        category=domain.category_label(category).get(language),
        status=status,
        status_label=STATUS_LABELS.get(status, status),
        details=tuple(_detail(detail, language) for detail in finding.get("details") or ()),
        sources=tuple(_source(source) for source in finding.get("sources") or ()),
        counted=counted,
        severity=severity,
        explanation=_pick(disposition.get("explanation"), language) if disposition else "",
    )


def _detail(detail: Mapping[str, Any], language: str) -> DetailLine:
    choice = detail.get("choice")
    value = _pick(choice, language) if isinstance(choice, Mapping) else str(detail.get("value"))
    return DetailLine(label=_pick(detail.get("label"), language), value=value)


def _source(source: Mapping[str, Any]) -> SourceLine:
    retrieved = source.get("retrieved_at")
    try:
        retrieved_on = datetime.fromisoformat(str(retrieved)).date() if retrieved else None
    except ValueError:
        retrieved_on = None
    return SourceLine(
        kind=source_kind_label(str(source.get("kind") or "")),
        authority=authority_label(str(source.get("authority") or "")),
        reference=str(source.get("reference") or ""),
        retrieved_on=retrieved_on,
    )


def _rating(rating: Mapping[str, Any], language: str) -> RatingCard:
    rulebook = rating.get("rulebook") if isinstance(rating.get("rulebook"), Mapping) else {}
    version = str((rulebook or {}).get("version") or "")
    url = ""
    if RULEBOOK_VERSION.fullmatch(version):
        url = reverse("rulebook:version", kwargs={"version": version})
    light = str(rating.get("light") or "")
    return RatingCard(
        light=light,
        light_label=light_label(light, language),
        explanation=_pick(rating.get("light_explanation"), language),
        meaning=_pick(rating.get("light_meaning"), language),
        notice=_pick(rating.get("notice"), language),
        rulebook_version=version,
        rulebook_url=url,
        as_of=str(rating.get("as_of") or ""),
    )


def _pick(text: object, language: str) -> str:
    if not isinstance(text, Mapping):
        return ""
    return Text(zh=str(text.get("zh") or ""), en=str(text.get("en") or "")).get(language)
