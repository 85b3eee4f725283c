"""A finding as the rating engine sees it: only what the rules need, nothing personal.

The screening app stores findings with sources, evidence and personal details, encrypted.
The engine needs none of that: an opaque id, which check and which category, how sure we
are (the verification status decided by the findings core), whether the candidate
consented to the check, when it happened, and for a lawsuit the candidate's role, the
outcome and whether a judgment was carried out. Keeping the input this small is PIPL
Art. 6 (minimum necessity) applied to the engine itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from fairscreen.domain.findings import (
    LitigationOutcome,
    LitigationRole,
    Performance,
    VerificationStatus,
)
from fairscreen.domain.rating._errors import InvalidFinding

__all__ = ["FINDING_ID_PATTERN", "LITIGATION_ITEM", "FindingToRate", "LitigationFacts"]

FINDING_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
"""Opaque ids (a UUID, `f1`, `finding:42`): short and without spaces, so that nobody is
tempted to put a name or a case number into them."""

LITIGATION_ITEM = "civil_litigation"
"""The catalogue item whose findings carry litigation facts."""


@dataclass(frozen=True, slots=True)
class LitigationFacts:
    """The candidate's procedural role, the outcome, and whether a judgment was performed.

    The Shanghai Jinshan court (2024-25) ordered damages against an employer who held a
    lawsuit against a candidate who had been the *plaintiff*: the facts of the case, not the
    word "litigation", decide.
    """

    role: LitigationRole
    outcome: LitigationOutcome
    performance: Performance = Performance.NOT_APPLICABLE

    def holds_liable(self) -> bool:
        return self.outcome is LitigationOutcome.AGAINST_CANDIDATE

    def to_json(self) -> dict[str, str]:
        return {
            "outcome": str(self.outcome),
            "performance": str(self.performance),
            "role": str(self.role),
        }


@dataclass(frozen=True, slots=True)
class FindingToRate:
    """One finding to rate. `id` is opaque; it links the disposition back to the stored one.

    `status` is the findings core's `finding_status` (only `EMPLOYER_VISIBLE` statuses can
    count); `consented` is whether the candidate's consent for `item` stands at the time of
    rating; `occurred_on` is when the matter happened (None for a state without a date, e.g.
    "the registry has no record of this degree").
    """

    id: str
    item: str
    category: str
    status: VerificationStatus
    consented: bool
    occurred_on: date | None = None
    litigation: LitigationFacts | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not FINDING_ID_PATTERN.fullmatch(self.id):
            raise InvalidFinding(
                "a finding id is 1-64 letters, digits or . _ : - (an opaque reference)"
            )
        if self.litigation is not None and self.item != LITIGATION_ITEM:
            raise InvalidFinding(
                f"only {LITIGATION_ITEM} findings carry litigation facts (finding {self.id!r})"
            )

    def to_row(self) -> list[object]:
        """The form hashed into a rating's `inputs_hash`: a fixed-order array (cheaper to
        serialise than an object, and just as canonical): id, item, category, status,
        consented, occurred_on, then role, outcome, performance (null without a lawsuit)."""
        facts = self.litigation
        return [
            self.id,
            self.item,
            self.category,
            self.status.value,
            self.consented,
            None if self.occurred_on is None else self.occurred_on.isoformat(),
            None if facts is None else facts.role.value,
            None if facts is None else facts.outcome.value,
            None if facts is None else facts.performance.value,
        ]

    def to_json(self) -> dict[str, object]:
        """The finding as a JSON object (for people and tools; the hash uses `to_row`)."""
        return {
            "category": self.category,
            "consented": self.consented,
            "id": self.id,
            "item": self.item,
            "litigation": None if self.litigation is None else self.litigation.to_json(),
            "occurred_on": None if self.occurred_on is None else self.occurred_on.isoformat(),
            "status": str(self.status),
        }
