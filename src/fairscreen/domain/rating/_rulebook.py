"""The rulebook as values: what the published TOML file says, checked and frozen.

The rulebook is data, not code, so that it can be published (`/rulebook`), versioned and
compared between versions, and so that every rating can name the exact rules it applied
(`version` and `content_hash`). Similar risks are then handled alike, by rules anyone can
read in advance (CONTEXT.md: "explainable, relevant rating").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from fairscreen.domain.findings import LitigationOutcome, LitigationRole, Performance
from fairscreen.domain.rating._scales import ExclusionReason, Light, Severity
from fairscreen.domain.scope import Text

__all__ = [
    "CategoryRule",
    "CombinationRule",
    "ExclusionRule",
    "LightMeaning",
    "LitigationRules",
    "RuleText",
    "Rulebook",
]


@dataclass(frozen=True, slots=True)
class RuleText:
    """The plain-language part every rule has: why, and at least one example."""

    explanation: Text
    examples: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class CategoryRule:
    """How a finding category weighs when it counts, and how long it stays relevant.

    `lookback_months` is this rulebook's period for the category (None: the item's); the
    engine never looks back further than the item's look-back the candidate was told in the
    consent notice (PIPL Art. 17). `ongoing` marks a state that is true now (an active
    listing, an invalid licence): how long ago it began does not make it old.
    """

    category: str
    severity: Severity
    lookback_months: int | None
    ongoing: bool
    text: RuleText


@dataclass(frozen=True, slots=True)
class CombinationRule:
    """If at least `at_least` counted findings are `severity` or worse, the light is at
    least `light`."""

    severity: Severity
    at_least: int
    light: Light
    text: RuleText


@dataclass(frozen=True, slots=True)
class ExclusionRule:
    """Why findings of one kind never count, in words the candidate and the employer read."""

    reason: ExclusionReason
    title: Text
    text: RuleText


@dataclass(frozen=True, slots=True)
class LightMeaning:
    light: Light
    meaning: Text


@dataclass(frozen=True, slots=True)
class LitigationRules:
    """The role and outcome rules of civil litigation (see `fairscreen.domain.findings`).

    `claimant_roles` never count; other roles count only with a `liable_outcomes` outcome.
    `performance_steps` moves the category's severity when the judgment was (not) carried
    out: an unperformed judgment weighs more than a performed one.
    """

    claimant_roles: frozenset[LitigationRole]
    liable_outcomes: frozenset[LitigationOutcome]
    performance_steps: tuple[tuple[Performance, int], ...]
    roles: RuleText
    performance: RuleText

    def steps_for(self, performance: Performance) -> int:
        for known, steps in self.performance_steps:
            if known is performance:
                return steps
        return 0


@dataclass(frozen=True, slots=True)
class Rulebook:
    """One published version of the rules. `content_hash` is `sha256:` of the canonical
    JSON of the parsed file, so comments and formatting never change it and any change of
    a rule always does."""

    version: str
    published: date
    catalogue_version: str
    summary: Text
    notice: Text
    lights: tuple[LightMeaning, ...]
    combination: tuple[CombinationRule, ...]
    exclusions: tuple[ExclusionRule, ...]
    litigation: LitigationRules
    categories: tuple[CategoryRule, ...]
    content_hash: str
    _by_category: Mapping[str, CategoryRule] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _by_reason: Mapping[ExclusionReason, ExclusionRule] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        by_category = {rule.category: rule for rule in self.categories}
        by_reason = {rule.reason: rule for rule in self.exclusions}
        object.__setattr__(self, "_by_category", MappingProxyType(by_category))
        object.__setattr__(self, "_by_reason", MappingProxyType(by_reason))

    def category(self, category: str) -> CategoryRule | None:
        """The rule for a finding category, or None if this rulebook does not know it."""
        return self._by_category.get(category)

    def exclusion(self, reason: ExclusionReason) -> ExclusionRule:
        return self._by_reason[reason]

    def meaning(self, light: Light) -> Text:
        for entry in self.lights:
            if entry.light is light:
                return entry.meaning
        raise KeyError(light)  # the loader guarantees every light has a meaning

    @property
    def sort_key(self) -> tuple[int, int]:
        """Versions are `YEAR.N`; this orders them numerically (2026.10 after 2026.9)."""
        year, number = self.version.split(".")
        return int(year), int(number)
