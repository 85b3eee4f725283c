"""The engine's rules one at a time: order of exclusions, look-backs, litigation, output."""

from __future__ import annotations

import json
from datetime import date

import pytest

from fairscreen.domain import rating, scope
from fairscreen.domain.findings import (
    LitigationOutcome,
    LitigationRole,
    Performance,
    VerificationStatus,
)
from fairscreen.domain.rating import ExclusionReason, Light, Outcome, Severity
from tests.unit.rating.support import AS_OF, finding, lawsuit

CASHIER = scope.template("cashier").spec
PROCUREMENT = scope.template("procurement").spec
DRIVER = scope.template("professional_driver").spec


def rate(profile: scope.ProfileSpec, *findings: rating.FindingToRate, as_of: date = AS_OF):
    return rating.rate(profile, findings, as_of, rating.current_rulebook(today=AS_OF))


def test_nothing_to_rate_is_green_and_says_so() -> None:
    result = rate(CASHIER)

    assert result.light is Light.GREEN
    assert result.light_rule is None
    assert result.light_explanation.en == "No finding counted: green."
    assert result.dispositions == ()


@pytest.mark.parametrize(
    ("findings", "light"),
    [
        ([finding("a", "employment_history", "employment.date_mismatch")], Light.BLUE),
        (
            [finding(str(n), "employment_history", "employment.date_mismatch") for n in range(3)],
            Light.YELLOW,
        ),
        ([finding("a", "credit_report", "credit.serious_delinquency")], Light.YELLOW),
        ([finding("a")], Light.RED),
        ([finding("a", "credit_report", "credit.minor_delinquency")], Light.GREEN),
    ],
)
def test_severities_combine_into_the_documented_light(findings, light) -> None:
    assert rate(CASHIER, *findings).light is light


def test_every_exclusion_that_applies_is_named_first_one_being_the_reason() -> None:
    stale_refused_rumour = finding(
        "f-x",
        "driving_record",
        "driving.minor_violation",
        consented=False,
        status=VerificationStatus.DISPUTED,
        occurred_on=date(2010, 1, 1),
    )

    disposition = rate(CASHIER, stale_refused_rumour).disposition("f-x")

    assert disposition.outcome is Outcome.EXCLUDED
    assert disposition.reason is ExclusionReason.NOT_CONSENTED
    assert disposition.other_reasons == (
        ExclusionReason.NOT_VERIFIED,
        ExclusionReason.NOT_RELEVANT_TO_POSITION,
    )
    assert disposition.rules == (
        "exclusions.not_consented",
        "exclusions.not_verified",
        "exclusions.not_relevant_to_position",
    )
    assert "Also: Not verified; Not relevant to the position." in disposition.explanation.en


def test_a_protected_ground_is_excluded_and_never_repeated() -> None:
    carrier = finding("f-h", "reference_interview", "health.hepatitis_b_carrier")
    marital = finding("f-m", "marital_status", "marital_status.divorced", consented=False)

    result = rate(CASHIER, carrier, marital)

    assert result.light is Light.GREEN
    for disposition in result.dispositions:
        assert disposition.reason is ExclusionReason.PROTECTED_GROUND
        assert disposition.other_reasons == ()
        assert disposition.item is None
        assert disposition.category is None
    assert "hepatitis" not in result.to_json()
    assert "divorced" not in result.to_json()
    assert "健康状况" in result.disposition("f-h").explanation.zh


def test_a_category_of_another_item_is_not_relevant() -> None:
    odd = finding("f-odd", "dishonest_debtor", "credit.bad_debt_or_collection")

    disposition = rate(CASHIER, odd).disposition("f-odd")

    assert disposition.reason is ExclusionReason.NOT_RELEVANT_TO_POSITION
    assert "is not a category of" in disposition.explanation.en


def test_the_look_back_is_the_items_at_the_as_of_date() -> None:
    inside = finding(
        "in", "credit_report", "credit.serious_delinquency", occurred_on=date(2024, 3, 2)
    )
    outside = finding(
        "out", "credit_report", "credit.serious_delinquency", occurred_on=date(2024, 3, 1)
    )

    result = rate(CASHIER, inside, outside)

    assert result.disposition("in").counted
    assert result.disposition("out").reason is ExclusionReason.OUTSIDE_LOOKBACK
    assert result.disposition("out").lookback_months == 24
    assert "2024-03-01, before 2024-03-02, the start of the 24-month look-back" in (
        result.disposition("out").explanation.en
    )


def test_the_rulebook_narrows_a_look_back_but_never_widens_the_notified_one() -> None:
    narrowed_profile = scope.ProfileSpec(
        tier=DRIVER.tier,
        duties=DRIVER.duties,
        attributes=DRIVER.attributes,
        items=tuple(
            scope.PermittedItem(
                item.code, item.necessity, 6 if item.code == "driving_record" else None
            )
            for item in DRIVER.items
        ),
        relevance=DRIVER.relevance | {"driving.minor_violation"},
    )
    minor = finding(
        "minor", "driving_record", "driving.minor_violation", occurred_on=date(2025, 6, 1)
    )

    by_rulebook = rate(
        scope.ProfileSpec(
            tier=DRIVER.tier,
            duties=DRIVER.duties,
            attributes=DRIVER.attributes,
            items=DRIVER.items,
            relevance=narrowed_profile.relevance,
        ),
        minor,
    ).disposition("minor")
    by_notice = rate(narrowed_profile, minor).disposition("minor")

    assert by_rulebook.lookback_months == 12
    assert by_rulebook.counted
    assert by_notice.lookback_months == 6
    assert by_notice.reason is ExclusionReason.OUTSIDE_LOOKBACK


def test_an_unperformed_judgment_weighs_one_step_more() -> None:
    performed = lawsuit("paid", performance=Performance.PERFORMED)
    unperformed = lawsuit("unpaid", performance=Performance.UNPERFORMED)

    result = rate(PROCUREMENT, performed, unperformed)

    assert result.disposition("paid").severity is Severity.MODERATE
    assert result.disposition("unpaid").severity is Severity.SERIOUS
    assert result.disposition("unpaid").rules == (
        "categories.civil_litigation.liable_party.fraud_or_breach_of_trust",
        "litigation.roles",
        "litigation.performance",
    )
    assert "Adjusted from moderate to serious" in result.disposition("unpaid").explanation.en
    assert result.light is Light.RED


def test_a_defendant_not_held_liable_never_counts_whatever_the_category_says() -> None:
    pending = lawsuit(outcome=LitigationOutcome.PENDING)

    disposition = rate(PROCUREMENT, pending).disposition("f-case")

    assert disposition.reason is ExclusionReason.NOT_LIABLE
    assert "not yet decided" in disposition.explanation.en


def test_a_finding_dated_after_as_of_is_inside_the_look_back() -> None:
    later = finding(occurred_on=date(2026, 12, 1))

    assert rate(CASHIER, later).light is Light.RED


def test_an_undated_lawsuit_is_outside_its_look_back() -> None:
    dated = lawsuit("dated")
    undated = lawsuit("undated", occurred_on=None)

    assert rate(PROCUREMENT, dated).light is Light.YELLOW
    result = rate(PROCUREMENT, undated)

    disposition = result.disposition("undated")
    assert result.light is Light.GREEN
    assert disposition.reason is ExclusionReason.OUTSIDE_LOOKBACK
    assert disposition.other_reasons == ()
    assert disposition.rules == ("exclusions.outside_lookback",)
    assert disposition.lookback_months == 60
    assert "No date is recorded, so it cannot be shown to fall after 2021-03-02" in (
        disposition.explanation.en
    )
    assert "没有记录发生日期" in disposition.explanation.zh
    assert "60 个月追溯期" in disposition.explanation.zh


def test_an_undated_state_without_a_time_limit_still_counts() -> None:
    listed = finding("listed", occurred_on=None)  # dishonest_debtor.currently_listed: ongoing

    result = rate(CASHIER, listed)

    assert result.disposition("listed").counted
    assert result.disposition("listed").lookback_months is None
    assert result.light is Light.RED


def test_two_findings_with_one_id_are_refused() -> None:
    with pytest.raises(rating.DuplicateFindingId):
        rate(
            CASHIER, finding("same"), finding("same", "credit_report", "credit.serious_delinquency")
        )


def test_litigation_facts_belong_to_lawsuits_and_ids_are_opaque() -> None:
    facts = rating.LitigationFacts(
        role=LitigationRole.DEFENDANT, outcome=LitigationOutcome.AGAINST_CANDIDATE
    )
    with pytest.raises(rating.InvalidFinding):
        finding(litigation=facts)
    with pytest.raises(rating.InvalidFinding):
        finding("测试候选人 的记录")


def test_the_json_is_canonical_advisory_and_names_the_rulebook() -> None:
    result = rate(
        CASHIER, finding("b"), finding("a", "employment_history", "employment.title_mismatch")
    )

    document = json.loads(result.to_json())

    assert result.to_json() == json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert document["advisory"] is True
    assert "PIPL Art. 24" in document["notice"]["en"]
    assert "第二十四条" in document["notice"]["zh"]
    assert document["rulebook"] == {
        "content_hash": rating.current_rulebook(today=AS_OF).content_hash,
        "version": "2026.1",
    }
    assert [entry["finding_id"] for entry in document["findings"]] == ["a", "b"]
    assert document["light"] == "red"
    assert document["light_rule"] == "combination[4]"
    assert document["inputs_hash"].startswith("sha256:")
    assert document["profile_hash"] == "sha256:" + CASHIER.canonical_hash()


def test_the_inputs_hash_changes_with_each_input() -> None:
    base = rate(CASHIER, finding()).inputs_hash

    assert rate(CASHIER, finding(consented=False)).inputs_hash != base
    assert rate(CASHIER, finding(), as_of=date(2026, 3, 3)).inputs_hash != base
    assert rate(PROCUREMENT, finding()).inputs_hash != base
