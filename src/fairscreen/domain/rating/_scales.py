"""The scales of a rating: severity of one finding, the light of a case, why a finding is out.

Each scale is ordered (`rank`), and the order is what the monotonicity guarantees rest on:
an excluded finding adds nothing, and a counted finding can only move the light up.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["EXCLUSION_ORDER", "ExclusionReason", "Light", "Outcome", "Severity"]


class Severity(StrEnum):
    """How much one counted finding weighs, from nothing to serious.

    `none` exists so a finding can be verified and relevant yet carry no risk by rule
    (e.g. a consumption restriction imposed on a company the candidate represented).
    """

    NONE = "none"
    MINOR = "minor"
    MODERATE = "moderate"
    SERIOUS = "serious"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def stepped(self, steps: int) -> Severity:
        """This severity moved `steps` up (or down), kept within none..serious."""
        index = min(max(self.rank + steps, 0), len(_SEVERITIES) - 1)
        return _SEVERITIES[index]


_SEVERITIES = tuple(Severity)
_SEVERITY_RANK = {severity: index for index, severity in enumerate(_SEVERITIES)}


class Light(StrEnum):
    """The traffic light of a case (绿灯/蓝灯/黄灯/红灯), risk from low to high. Advice only."""

    GREEN = "green"
    BLUE = "blue"
    YELLOW = "yellow"
    RED = "red"

    @property
    def rank(self) -> int:
        return _LIGHT_RANK[self]


_LIGHT_RANK = {light: index for index, light in enumerate(Light)}


class Outcome(StrEnum):
    COUNTED = "counted"
    EXCLUDED = "excluded"


class ExclusionReason(StrEnum):
    """Why a finding did not count; stable codes that reports and statistics group by."""

    PROTECTED_GROUND = "protected_ground"
    NOT_CONSENTED = "not_consented"
    NOT_VERIFIED = "not_verified"
    CLAIMANT_ROLE = "claimant_role"
    NOT_LIABLE = "not_liable"
    NOT_RELEVANT_TO_POSITION = "not_relevant_to_position"
    OUTSIDE_LOOKBACK = "outside_lookback"


EXCLUSION_ORDER: tuple[ExclusionReason, ...] = tuple(ExclusionReason)
"""The order the engine applies the exclusions in; the first that applies is *the* reason.

Lawfulness first (a protected ground may not even be looked at; without consent nothing
may be used), then truth (unverified), then the universal litigation rules (suing is a
right; being sued is not a fault, whatever the job), then the position (relevance), then
time. The universal litigation reasons come before relevance on purpose: they are the
reason that holds for every position, which is what the candidate is owed as the answer.
"""
