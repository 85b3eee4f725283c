"""A screening is rated under its pinned scope, narrowed by later versions, never widened."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain import scope

CASHIER = scope.template("cashier").spec


def without_item(spec: scope.ProfileSpec, code: str) -> scope.ProfileSpec:
    return dataclasses.replace(spec, items=tuple(i for i in spec.items if i.code != code))


def with_lookback(spec: scope.ProfileSpec, code: str, months: int | None) -> scope.ProfileSpec:
    items = tuple(
        dataclasses.replace(item, lookback_months=months) if item.code == code else item
        for item in spec.items
    )
    return dataclasses.replace(spec, items=items)


def test_an_unchanged_position_is_rated_under_its_pinned_profile_itself() -> None:
    assert scope.rated_scope(CASHIER, CASHIER) is CASHIER


def test_an_item_dropped_later_is_dropped_and_one_added_later_is_not_added() -> None:
    assert "dishonest_debtor" in CASHIER.codes()
    narrowed = without_item(CASHIER, "dishonest_debtor")
    assert "dishonest_debtor" not in scope.rated_scope(CASHIER, narrowed).codes()
    assert "dishonest_debtor" not in scope.rated_scope(narrowed, CASHIER).codes()


def test_relevance_is_what_both_versions_hold() -> None:
    category = sorted(CASHIER.relevance)[0]
    fewer = dataclasses.replace(CASHIER, relevance=CASHIER.relevance - {category})
    assert category not in scope.rated_scope(CASHIER, fewer).relevance
    assert category not in scope.rated_scope(fewer, CASHIER).relevance


def test_the_shorter_look_back_applies_whichever_version_set_it() -> None:
    code = CASHIER.items[-1].code
    told_36 = with_lookback(CASHIER, code, 36)
    now_12 = with_lookback(CASHIER, code, 12)
    assert scope.rated_scope(told_36, now_12).item(code).lookback_months == 12
    assert scope.rated_scope(now_12, told_36).item(code).lookback_months == 12
    unlimited = with_lookback(CASHIER, code, None)
    default = scope.effective_lookback_months(unlimited, code)
    expected = 12 if default is None else min(12, default)
    assert scope.rated_scope(unlimited, now_12).item(code).lookback_months == expected


def test_tier_and_duties_stay_those_the_candidate_was_told() -> None:
    later = dataclasses.replace(CASHIER, tier=scope.Tier.L3, duties=scope.Text(zh="新", en="new"))
    rated = scope.rated_scope(CASHIER, later)
    assert (rated.tier, rated.duties) == (CASHIER.tier, CASHIER.duties)


@given(
    drop=st.sets(st.sampled_from(CASHIER.codes())),
    forget=st.sets(st.sampled_from(sorted(CASHIER.relevance))),
)
def test_the_rated_scope_is_never_wider_than_either_version(drop, forget) -> None:
    current = dataclasses.replace(
        CASHIER,
        items=tuple(i for i in CASHIER.items if i.code not in drop),
        relevance=CASHIER.relevance - forget,
    )
    for pinned, later in ((CASHIER, current), (current, CASHIER)):
        rated = scope.rated_scope(pinned, later)
        assert set(rated.codes()) <= set(pinned.codes()) & set(later.codes())
        assert rated.relevance <= pinned.relevance & later.relevance
