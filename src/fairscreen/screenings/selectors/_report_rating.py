"""The rating as the report shows it: the light, each shown finding's disposition, the version.

The rating is advice (PIPL Art. 24); the report says so, names the exact rulebook version
(linked to its published page) and explains, per finding, the rule that counted or
excluded it — only for the findings the report shows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from fairscreen.domain import scope
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import Screening, StoredRating

__all__ = ["DispositionView", "RatingView", "rating_view"]


@dataclass(frozen=True)
class DispositionView:
    """What the published rulebook did with one finding: counted with a severity, or why not."""

    outcome: str
    severity: str | None
    reason: str | None
    explanation: scope.Text


@dataclass(frozen=True)
class RatingView:
    """The light with its explanation and the exact rulebook version that gave it (advice)."""

    light: str
    light_explanation: scope.Text
    light_meaning: scope.Text
    notice: scope.Text
    rulebook_version: str
    as_of: date
    rated_at: datetime
    dispositions: Mapping[str, DispositionView]

    def for_finding(self, finding_id: UUID) -> DispositionView | None:
        return self.dispositions.get(str(finding_id))


def rating_view(screening: Screening, shown: set[str]) -> RatingView | None:
    """The latest rating, with the dispositions of the findings this report shows only:
    what the report does not contain (an unverified remark) is not hinted at either."""
    row = StoredRating.objects.filter(screening=screening).order_by("-rated_at", "-id").first()
    if row is None:
        return None
    result = row.result.reveal()
    if isinstance(result, Destroyed):
        return None
    document = json.loads(result)
    return RatingView(
        light=row.light,
        light_explanation=_text(document["light_explanation"]),
        light_meaning=_text(document["light_meaning"]),
        notice=_text(document["notice"]),
        rulebook_version=row.rulebook_version,
        as_of=row.as_of,
        rated_at=row.rated_at,
        dispositions={
            entry["finding_id"]: DispositionView(
                outcome=entry["outcome"],
                severity=entry["severity"],
                reason=entry["reason"],
                explanation=_text(entry["explanation"]),
            )
            for entry in document["findings"]
            if entry["finding_id"] in shown
        },
    )


def _text(value: Mapping[str, str]) -> scope.Text:
    return scope.Text(zh=value["zh"], en=value["en"])
