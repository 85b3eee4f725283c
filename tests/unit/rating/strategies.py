"""Hypothesis strategies: findings of every kind, for every built-in position."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from fairscreen.domain import rating, scope
from fairscreen.domain.findings import (
    EMPLOYER_VISIBLE,
    LitigationOutcome,
    LitigationRole,
    Performance,
    VerificationStatus,
)
from fairscreen.domain.rating._finding import LITIGATION_ITEM

ITEM_CATEGORIES = [
    (item.code, category) for item in scope.CATALOGUE.items for category in item.finding_categories
]
PROFILES = st.sampled_from([template.spec for template in scope.TEMPLATES])
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
IDS = st.from_regex(r"[a-z][a-z0-9]{0,7}", fullmatch=True)
STATUSES = st.sampled_from(VerificationStatus)
CONSENTS = st.booleans()
ITEMS_AND_CATEGORIES = st.sampled_from(ITEM_CATEGORIES)


@st.composite
def litigation_facts(draw: st.DrawFn) -> rating.LitigationFacts:
    return rating.LitigationFacts(
        role=draw(st.sampled_from(LitigationRole)),
        outcome=draw(st.sampled_from(LitigationOutcome)),
        performance=draw(st.sampled_from(Performance)),
    )


@st.composite
def findings(
    draw: st.DrawFn,
    *,
    finding_id: st.SearchStrategy[str] = IDS,
    statuses: st.SearchStrategy[VerificationStatus] = STATUSES,
    consented: st.SearchStrategy[bool] = CONSENTS,
    item_categories: st.SearchStrategy[tuple[str, str]] = ITEMS_AND_CATEGORIES,
) -> rating.FindingToRate:
    item, category = draw(item_categories)
    return rating.FindingToRate(
        id=draw(finding_id),
        item=item,
        category=category,
        status=draw(statuses),
        consented=draw(consented),
        occurred_on=draw(st.none() | DATES),
        litigation=draw(litigation_facts()) if item == LITIGATION_ITEM else None,
    )


def distinct_findings(max_size: int = 12) -> st.SearchStrategy[list[rating.FindingToRate]]:
    return st.lists(findings(), max_size=max_size, unique_by=lambda finding: finding.id)


UNVERIFIED = st.sampled_from(sorted(set(VerificationStatus) - EMPLOYER_VISIBLE))
GROUNDS = st.sampled_from(sorted(scope.PROTECTED_GROUNDS))


@st.composite
def protected_item_categories(draw: st.DrawFn) -> tuple[str, str]:
    """A protected ground as the item itself, or inside the category of a real item."""
    ground = draw(GROUNDS)
    item = draw(st.sampled_from([ground, *scope.CATALOGUE.codes()]))
    category = draw(st.sampled_from([f"{ground}.recorded", f"reference.{ground}"]))
    return item, category


PROTECTED_CATEGORIES = protected_item_categories()
