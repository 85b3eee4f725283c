"""The result of rating one case: the light, and for every finding why it counted or not.

A rating is advice to the person who decides, never a decision (PIPL Art. 24: a person has
the right to refuse a decision made solely by automated means, and to an explanation).
So it carries its own explanation for every finding and the exact rules applied — the
rulebook's version and content hash, and a hash of all its inputs — so the candidate, the
employer and an auditor can re-run it and get the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fairscreen.domain.rating._canonical import canonical_json
from fairscreen.domain.rating._scales import ExclusionReason, Light, Outcome, Severity
from fairscreen.domain.scope import Text

__all__ = ["Disposition", "Rating"]


def _text_json(text: Text) -> dict[str, str]:
    return {"en": text.en, "zh": text.zh}


@dataclass(frozen=True, slots=True)
class Disposition:
    """What the rules did with one finding: `counted` with a severity, or `excluded` with a
    reason (and any further reasons that also applied, in the engine's order).

    `rules` names every rule that decided (`categories.<category>`, `exclusions.<reason>`,
    `litigation.performance`), primary first, so each can be looked up on the rulebook's
    published page. For a protected ground `item` and `category` are withheld: the rating
    must not repeat what may not even be collected.
    """

    finding_id: str
    item: str | None
    category: str | None
    outcome: Outcome
    severity: Severity | None
    reason: ExclusionReason | None
    other_reasons: tuple[ExclusionReason, ...]
    rules: tuple[str, ...]
    lookback_months: int | None
    explanation: Text

    @property
    def counted(self) -> bool:
        return self.outcome is Outcome.COUNTED

    def to_json(self) -> dict[str, object]:
        return {
            "category": self.category,
            "explanation": _text_json(self.explanation),
            "finding_id": self.finding_id,
            "item": self.item,
            "lookback_months": self.lookback_months,
            "other_reasons": [str(reason) for reason in self.other_reasons],
            "outcome": str(self.outcome),
            "reason": None if self.reason is None else str(self.reason),
            "rules": list(self.rules),
            "severity": None if self.severity is None else str(self.severity),
        }


@dataclass(frozen=True, slots=True)
class Rating:
    """A case's light under one rulebook version, with every finding's disposition.

    `dispositions` are ordered by finding id, so the rating does not depend on the order
    the findings were given in. `inputs_hash` is `sha256:` of the canonical JSON of the
    profile hash, the findings (by id), `as_of` and the rulebook's content hash.
    """

    light: Light
    light_rule: str | None
    light_explanation: Text
    light_meaning: Text
    as_of: date
    rulebook_version: str
    rulebook_hash: str
    profile_hash: str
    inputs_hash: str
    dispositions: tuple[Disposition, ...]
    notice: Text

    advisory = True
    """Always true: the rating informs a person's decision and never makes it (PIPL Art. 24)."""

    def counted(self) -> tuple[Disposition, ...]:
        return tuple(disposition for disposition in self.dispositions if disposition.counted)

    def excluded(self) -> tuple[Disposition, ...]:
        return tuple(disposition for disposition in self.dispositions if not disposition.counted)

    def disposition(self, finding_id: str) -> Disposition:
        for disposition in self.dispositions:
            if disposition.finding_id == finding_id:
                return disposition
        raise KeyError(finding_id)

    def to_document(self) -> dict[str, object]:
        """The rating as a JSON-safe document (see the package README for its shape)."""
        return {
            "advisory": self.advisory,
            "as_of": self.as_of.isoformat(),
            "findings": [disposition.to_json() for disposition in self.dispositions],
            "inputs_hash": self.inputs_hash,
            "light": str(self.light),
            "light_explanation": _text_json(self.light_explanation),
            "light_meaning": _text_json(self.light_meaning),
            "light_rule": self.light_rule,
            "notice": _text_json(self.notice),
            "profile_hash": self.profile_hash,
            "rulebook": {"content_hash": self.rulebook_hash, "version": self.rulebook_version},
        }

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, no spaces, UTF-8): the same inputs, the same bytes."""
        return canonical_json(self.to_document())
