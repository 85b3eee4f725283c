"""The published rating rulebook and the rating engine (评级规则与评级引擎).

`rate(profile, findings, as_of, rulebook) -> Rating` turns a position's risk profile and
the findings of a screening into a traffic light (green, blue, yellow, red) and, for every
finding, the rule that counted or excluded it, in Chinese and English. The rulebook is
data — versioned TOML files shipped in `rulebooks/`, published at `/rulebook` — so
similar risks are handled alike by rules anyone can read in advance.

The rating is advice only (PIPL Art. 24): it never decides. A finding counts only if it
is lawful to use (not a protected ground: Employment Promotion Law Arts. 3, 26-31;
consented: PIPL Arts. 14, 29), true (verified: the Beijing Fengtai defamation case),
relevant to the duties (Labor Contract Law Art. 8), inside its look-back, and — for a
lawsuit — one in which the candidate was held liable (suing is a right: Shanghai Jinshan,
2024-25).

Pure: the standard library and `fairscreen.domain` only. See README.md beside this file.
"""

from __future__ import annotations

from fairscreen.domain.rating._case import Case, parse_case, rate_case, read_case
from fairscreen.domain.rating._case_schema import case_schema
from fairscreen.domain.rating._engine import combine, rate
from fairscreen.domain.rating._errors import (
    DuplicateFindingId,
    InvalidCase,
    InvalidFinding,
    InvalidRulebook,
    NoRulebookInForce,
    Problem,
    RatingError,
    UnknownRulebookVersion,
)
from fairscreen.domain.rating._finding import FindingToRate, LitigationFacts
from fairscreen.domain.rating._history import (
    Change,
    RulebookChanges,
    RulebookHistory,
    diff_rulebooks,
)
from fairscreen.domain.rating._labels import LIGHT_LABELS, SEVERITY_LABELS, STATUS_LABELS
from fairscreen.domain.rating._library import (
    current_rulebook,
    load_rulebook,
    load_rulebooks,
    parse_rulebook,
    published_rulebooks,
    read_rulebook,
    shipped_rulebook_directory,
    use_rulebook_directory,
)
from fairscreen.domain.rating._protected_keys import PROTECTED_KEYS
from fairscreen.domain.rating._rating import Disposition, Rating
from fairscreen.domain.rating._rulebook import (
    CategoryRule,
    CombinationRule,
    ExclusionRule,
    LightMeaning,
    LitigationRules,
    Rulebook,
    RuleText,
)
from fairscreen.domain.rating._scales import (
    EXCLUSION_ORDER,
    ExclusionReason,
    Light,
    Outcome,
    Severity,
)

__all__ = [
    "EXCLUSION_ORDER",
    "LIGHT_LABELS",
    "PROTECTED_KEYS",
    "SEVERITY_LABELS",
    "STATUS_LABELS",
    "Case",
    "CategoryRule",
    "Change",
    "CombinationRule",
    "Disposition",
    "DuplicateFindingId",
    "ExclusionReason",
    "ExclusionRule",
    "FindingToRate",
    "InvalidCase",
    "InvalidFinding",
    "InvalidRulebook",
    "Light",
    "LightMeaning",
    "LitigationFacts",
    "LitigationRules",
    "NoRulebookInForce",
    "Outcome",
    "Problem",
    "Rating",
    "RatingError",
    "RuleText",
    "Rulebook",
    "RulebookChanges",
    "RulebookHistory",
    "Severity",
    "UnknownRulebookVersion",
    "case_schema",
    "combine",
    "current_rulebook",
    "diff_rulebooks",
    "load_rulebook",
    "load_rulebooks",
    "parse_case",
    "parse_rulebook",
    "published_rulebooks",
    "rate",
    "rate_case",
    "read_case",
    "read_rulebook",
    "shipped_rulebook_directory",
    "use_rulebook_directory",
]
