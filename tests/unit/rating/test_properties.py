"""The rating engine's invariants, for any position and any findings (Hypothesis).

Ordering: the rating is defined not to depend on the order of the findings (they are
rated in id order), so even reordered input gives byte-identical output.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from fairscreen.domain import rating
from fairscreen.domain.findings import (
    EMPLOYER_VISIBLE,
    LitigationOutcome,
    LitigationRole,
    Performance,
)
from fairscreen.domain.rating._finding import LITIGATION_ITEM
from tests.unit.rating.strategies import (
    DATES,
    ITEM_CATEGORIES,
    PROFILES,
    PROTECTED_CATEGORIES,
    UNVERIFIED,
    distinct_findings,
    findings,
    litigation_facts,
)
from tests.unit.rating.support import AS_OF

RULEBOOK = rating.current_rulebook(today=AS_OF)
NEW_ID = st.just("zz-added")  # generated ids are lower-case letters and digits only


def light(profile, found, as_of) -> rating.Light:
    return rating.rate(profile, found, as_of, RULEBOOK).light


def never_raises(profile, found, extra, as_of) -> None:
    before = light(profile, found, as_of)
    after = rating.rate(profile, [*found, extra], as_of, RULEBOOK)
    assert after.light is before
    assert not after.disposition(extra.id).counted


@given(PROFILES, distinct_findings(), DATES, st.randoms(use_true_random=False))
def test_the_same_inputs_in_any_order_give_byte_identical_json(
    profile, found, as_of, random
) -> None:
    shuffled = list(found)
    random.shuffle(shuffled)

    first = rating.rate(profile, found, as_of, RULEBOOK).to_json()

    assert rating.rate(profile, shuffled, as_of, RULEBOOK).to_json() == first
    assert rating.rate(profile, tuple(found), as_of, RULEBOOK).to_json() == first


@given(PROFILES, distinct_findings(), DATES)
def test_every_finding_gets_exactly_one_disposition_with_both_languages(
    profile, found, as_of
) -> None:
    result = rating.rate(profile, found, as_of, RULEBOOK)

    assert sorted(d.finding_id for d in result.dispositions) == sorted(f.id for f in found)
    for disposition in result.dispositions:
        assert disposition.counted == (disposition.severity is not None)
        assert disposition.counted == (disposition.reason is None)
        assert disposition.explanation.zh
        assert disposition.explanation.en


@given(PROFILES, distinct_findings(), findings(finding_id=NEW_ID, statuses=UNVERIFIED), DATES)
def test_an_unverified_finding_never_raises_the_light(profile, found, extra, as_of) -> None:
    never_raises(profile, found, extra, as_of)


@given(PROFILES, distinct_findings(), findings(finding_id=NEW_ID, consented=st.just(False)), DATES)
def test_an_unconsented_finding_never_raises_the_light(profile, found, extra, as_of) -> None:
    never_raises(profile, found, extra, as_of)


@given(
    PROFILES,
    distinct_findings(),
    findings(finding_id=NEW_ID, item_categories=PROTECTED_CATEGORIES),
    DATES,
)
def test_a_protected_finding_never_raises_the_light(profile, found, extra, as_of) -> None:
    never_raises(profile, found, extra, as_of)


@given(PROFILES, distinct_findings(), findings(finding_id=NEW_ID), litigation_facts(), DATES)
def test_a_claimant_never_raises_the_light(profile, found, extra, facts, as_of) -> None:
    claimant = rating.FindingToRate(
        id=extra.id,
        item=LITIGATION_ITEM,
        category=extra.category if extra.item == LITIGATION_ITEM else "civil_litigation.claimant",
        status=extra.status,
        consented=extra.consented,
        occurred_on=extra.occurred_on,
        litigation=rating.LitigationFacts(
            role=LitigationRole.PLAINTIFF, outcome=facts.outcome, performance=facts.performance
        ),
    )
    never_raises(profile, found, claimant, as_of)


@given(PROFILES, distinct_findings(), findings(finding_id=NEW_ID), DATES)
def test_a_finding_outside_the_profile_never_raises_the_light(profile, found, extra, as_of) -> None:
    if extra.item in profile.codes() and extra.category in profile.relevance:
        return  # in scope: not what this property is about
    never_raises(profile, found, extra, as_of)


@given(PROFILES, distinct_findings(), DATES, st.data())
def test_removing_a_finding_never_raises_the_light(profile, found, as_of, data) -> None:
    if not found:
        return
    removed = data.draw(st.sampled_from(found))
    rest = [finding for finding in found if finding is not removed]

    assert light(profile, rest, as_of).rank <= light(profile, found, as_of).rank


@settings(max_examples=200)
@given(PROFILES, distinct_findings(), DATES, st.integers(min_value=1, max_value=4000))
def test_a_later_as_of_never_raises_the_light(profile, found, as_of, days) -> None:
    later = as_of + timedelta(days=days)

    assert light(profile, found, later).rank <= light(profile, found, as_of).rank


@given(PROFILES, distinct_findings(), DATES, st.data())
def test_an_undated_finding_never_escapes_a_finite_look_back(profile, found, as_of, data) -> None:
    """A verified, consented, relevant finding with occurred_on=None: counted only where
    its category has no time limit (none set, or an ongoing state), else outside."""
    item, category = data.draw(
        st.sampled_from([pair for pair in ITEM_CATEGORIES if pair[1] in profile.relevance])
    )
    undated = rating.FindingToRate(
        id="zz-undated",
        item=item,
        category=category,
        status=data.draw(st.sampled_from(sorted(EMPLOYER_VISIBLE))),
        consented=True,
        occurred_on=None,
        litigation=rating.LitigationFacts(
            role=LitigationRole.DEFENDANT,
            outcome=LitigationOutcome.AGAINST_CANDIDATE,
            performance=data.draw(st.sampled_from(Performance)),
        )
        if item == LITIGATION_ITEM
        else None,
    )

    disposition = rating.rate(profile, [*found, undated], as_of, RULEBOOK).disposition(undated.id)

    if disposition.lookback_months is None:
        assert disposition.counted
    else:
        assert disposition.reason is rating.ExclusionReason.OUTSIDE_LOOKBACK
        assert disposition.other_reasons == ()
        never_raises(profile, found, undated, as_of)


@given(PROFILES, distinct_findings(), findings(finding_id=NEW_ID), DATES)
def test_leaving_the_date_out_never_raises_the_light(profile, found, extra, as_of) -> None:
    undated = replace(extra, occurred_on=None)
    with_date = rating.rate(profile, [*found, extra], as_of, RULEBOOK).light

    assert light(profile, [*found, undated], as_of).rank <= with_date.rank
