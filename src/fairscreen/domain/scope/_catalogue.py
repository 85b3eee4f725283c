"""The check catalogue: every kind of check the platform can run, described once.

A check that is not in the catalogue cannot be ordered (Labor Contract Law Art. 8 allows
only information directly related to the labour contract), and each item states in advance
what data it touches, where the data comes from, how far back it looks, and which lawful
precondition the position must meet. That is what lets the consent notice name every item
(PIPL Art. 17) and lets a profile be checked mechanically before anyone is screened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from fairscreen.domain.scope._errors import UnknownCheckItem
from fairscreen.domain.scope._protected import PROTECTED_GROUNDS
from fairscreen.domain.scope._text import Text

__all__ = [
    "MAX_LOOKBACK_MONTHS",
    "Catalogue",
    "CheckItem",
    "Precondition",
    "SourceKind",
    "ThirdPartyKind",
]

MAX_LOOKBACK_MONTHS = 600
"""Fifty years: the longest look-back any item or profile may state."""

_CODE = re.compile(r"[a-z][a-z0-9_]*")
_CATEGORY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")


class SourceKind(StrEnum):
    """Where a check's facts come from; the rating trusts authoritative sources most."""

    AUTHORITATIVE_REGISTRY = "authoritative_registry"
    COURT_RECORDS = "court_records"
    LICENSED_AGENCY = "licensed_agency"
    FORMER_EMPLOYER = "former_employer"
    REFEREE = "referee"
    CANDIDATE_DOCUMENT = "candidate_document"
    PUBLIC_RECORD = "public_record"


class Precondition(StrEnum):
    """A lawful precondition a position must declare before an item may be in its profile.

    Some items are only necessary (PIPL Art. 6) for some jobs: a credit report for someone
    who handles funds, a driving record for someone who drives for work. Declaring the
    attribute is a written, reviewable claim about the job, approved with the profile.
    """

    LAW_OR_JOB_NATURE_REQUIRES_CRIMINAL_CHECK = "law_or_job_nature_requires_criminal_check"
    HANDLES_FUNDS = "handles_funds"
    DRIVES_FOR_WORK = "drives_for_work"
    WORKS_WITH_MINORS = "works_with_minors"
    REGULATED_PROFESSION = "regulated_profession"
    INFLUENCES_COMMERCIAL_DECISIONS = "influences_commercial_decisions"


class ThirdPartyKind(StrEnum):
    """Whom a third-party item gives data to; each one needs separate consent (PIPL Art. 23)."""

    FORMER_EMPLOYER = "former_employer"
    REFEREE = "referee"


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One kind of check, as the catalogue defines it for every organisation.

    `finding_categories` are what the check can find; a profile's relevance map picks the
    ones that bear on the duties. `never_relevant_categories` are findings that exist only
    so a rating can say explicitly why they did not count (e.g. the candidate was the
    claimant: suing is a legal right and must never count against anyone).
    """

    code: str
    name: Text
    description: Text
    data_categories: tuple[Text, ...]
    sensitive: bool
    default_lookback_months: int | None
    source_kinds: tuple[SourceKind, ...]
    preconditions: tuple[Precondition, ...]
    finding_categories: tuple[str, ...]
    third_party: bool
    sensitive_impact: Text | None
    third_party_kind: ThirdPartyKind | None = None
    never_relevant_categories: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for problem in _item_problems(self):
            raise ValueError(f"catalogue item {self.code!r}: {problem}")


def _item_problems(item: CheckItem) -> list[str]:
    """The item's own invariants; a broken catalogue must fail at import, not in a screening."""
    problems = []
    if not _CODE.fullmatch(item.code) or item.code in PROTECTED_GROUNDS:
        problems.append("code must be snake_case and not a protected ground")
    if item.sensitive != (item.sensitive_impact is not None):
        problems.append("a sensitive item, and only one, states its impact (PIPL Art. 30)")
    if item.third_party != (item.third_party_kind is not None):
        problems.append("a third-party item, and only one, names its third-party kind")
    if item.default_lookback_months is not None and not (
        1 <= item.default_lookback_months <= MAX_LOOKBACK_MONTHS
    ):
        problems.append(f"default look-back must be 1..{MAX_LOOKBACK_MONTHS} months")
    if not item.source_kinds or not item.data_categories or not item.finding_categories:
        problems.append("sources, data categories and finding categories are required")
    for category in item.finding_categories:
        if not _CATEGORY.fullmatch(category) or category.split(".")[0] in PROTECTED_GROUNDS:
            problems.append(f"finding category {category!r} is malformed or protected")
    if not set(item.never_relevant_categories) <= set(item.finding_categories):
        problems.append("never-relevant categories must be finding categories of the item")
    texts = (item.name, item.description, *item.data_categories, item.sensitive_impact)
    if any(text is not None and text.is_blank() for text in texts):
        problems.append("every text needs both zh and en")
    return problems


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A versioned catalogue. The version is written into every profile version and notice,
    so an auditor can tell which definitions a candidate consented to."""

    version: str
    items: tuple[CheckItem, ...]

    def __post_init__(self) -> None:
        codes = [item.code for item in self.items]
        if len(set(codes)) != len(codes):
            raise ValueError("catalogue item codes must be unique")
        categories = [category for item in self.items for category in item.finding_categories]
        if len(set(categories)) != len(categories):
            raise ValueError("a finding category belongs to exactly one catalogue item")

    def item(self, code: str) -> CheckItem:
        """The item with this code; raises `UnknownCheckItem` for anything else."""
        for item in self.items:
            if item.code == code:
                return item
        raise UnknownCheckItem(code)

    def has(self, code: str) -> bool:
        return any(item.code == code for item in self.items)

    def codes(self) -> tuple[str, ...]:
        """Item codes in catalogue order, the order notices and reports list items in."""
        return tuple(item.code for item in self.items)

    def finding_categories(self) -> frozenset[str]:
        """Every category any item can produce: the vocabulary of relevance maps."""
        return frozenset(category for item in self.items for category in item.finding_categories)

    def never_relevant_categories(self) -> frozenset[str]:
        """Categories no relevance map may ever contain (e.g. the claimant in a lawsuit)."""
        return frozenset(
            category for item in self.items for category in item.never_relevant_categories
        )

    def item_of_category(self, category: str) -> CheckItem | None:
        """The item that produces a finding category, or None if no item does."""
        for item in self.items:
            if category in item.finding_categories:
                return item
        return None
