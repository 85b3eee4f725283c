"""The cases from the field (CONTEXT.md), as the rulebook must decide them.

Courts punished each of the first four; the last three are what the rating exists for.
"""

from __future__ import annotations

from datetime import date

from fairscreen.domain import rating, scope
from fairscreen.domain.findings import LitigationOutcome, LitigationRole, VerificationStatus
from fairscreen.domain.rating import ExclusionReason, Light, Severity
from tests.unit.rating.support import AS_OF, finding, lawsuit


def rate(template: str, *findings: rating.FindingToRate) -> rating.Rating:
    return rating.rate(
        scope.template(template).spec, findings, AS_OF, rating.current_rulebook(today=AS_OF)
    )


def test_the_plaintiff_at_the_software_company_stays_green() -> None:
    """Shanghai Jinshan (2024-25): the offer was withdrawn over a suit he had brought."""
    result = rate(
        "software_engineer",
        lawsuit(
            category="civil_litigation.claimant",
            role=LitigationRole.PLAINTIFF,
            outcome=LitigationOutcome.IN_CANDIDATES_FAVOUR,
        ),
    )

    assert result.light is Light.GREEN
    disposition = result.disposition("f-case")
    assert disposition.reason is ExclusionReason.CLAIMANT_ROLE
    assert "plaintiff" in disposition.explanation.en
    assert "原告" in disposition.explanation.zh


def test_a_plaintiff_never_counts_even_where_lawsuits_are_relevant_and_miscategorised() -> None:
    result = rate(
        "procurement",
        lawsuit(role=LitigationRole.PLAINTIFF, outcome=LitigationOutcome.AGAINST_CANDIDATE),
    )

    assert result.light is Light.GREEN
    assert result.disposition("f-case").reason is ExclusionReason.CLAIMANT_ROLE
    assert result.disposition("f-case").other_reasons == ()


def test_the_property_fee_co_defendant_at_the_food_company_stays_green() -> None:
    settled = lawsuit(
        "f-settled",
        "civil_litigation.not_liable",
        outcome=LitigationOutcome.SETTLED,
        occurred_on=date(2023, 11, 8),
    )
    ordered_to_pay = lawsuit("f-paid", "civil_litigation.liable_party.other")

    result = rate("food_safety", settled, ordered_to_pay)

    assert result.light is Light.GREEN
    assert result.disposition("f-settled").reason is ExclusionReason.NOT_LIABLE
    assert result.disposition("f-settled").other_reasons == (
        ExclusionReason.NOT_RELEVANT_TO_POSITION,
    )
    assert result.disposition("f-paid").reason is ExclusionReason.NOT_RELEVANT_TO_POSITION


def test_the_unverified_colleague_remark_does_not_count_even_where_integrity_is_relevant() -> None:
    """Beijing Fengtai: hearsay about "lifestyle problems" was written in and rated yellow."""
    remark = finding(
        "f-remark",
        "reference_interview",
        "reference.workplace_integrity",
        status=VerificationStatus.UNVERIFIED,
    )

    result = rate("hr_specialist", remark)

    assert "reference.workplace_integrity" in scope.template("hr_specialist").spec.relevance
    assert result.light is Light.GREEN
    assert result.disposition("f-remark").reason is ExclusionReason.NOT_VERIFIED
    assert result.disposition("f-remark").other_reasons == ()


def test_the_quality_inspectors_minor_traffic_accident_does_not_count() -> None:
    accident = finding("f-accident", "driving_record", "driving.minor_violation")

    result = rate("quality_inspector", accident)

    assert result.light is Light.GREEN
    assert result.disposition("f-accident").reason is ExclusionReason.NOT_RELEVANT_TO_POSITION
    assert "does not permit" in result.disposition("f-accident").explanation.en


def test_an_active_dishonest_debtor_listing_raises_the_light_for_a_cashier() -> None:
    listing = finding(occurred_on=date(2019, 1, 15))  # long ago, but still listed today

    result = rate("cashier", listing)

    assert result.light is Light.RED
    assert result.disposition("f1").severity is Severity.SERIOUS
    assert result.disposition("f1").lookback_months is None


def test_a_recent_drunk_driving_conviction_raises_the_light_for_a_professional_driver() -> None:
    drunk = finding(
        "f-drunk", "driving_record", "driving.serious_violation", occurred_on=date(2025, 2, 14)
    )

    result = rate("professional_driver", drunk)

    assert result.light is Light.RED
    assert result.disposition("f-drunk").rules == ("categories.driving.serious_violation",)


def test_a_degree_the_registry_has_no_record_of_raises_the_light() -> None:
    degree = finding("f-degree", "education", "education.record_not_found", occurred_on=None)

    result = rate("software_engineer", degree)

    assert "education.record_not_found" in scope.template("software_engineer").spec.relevance
    assert result.light is Light.YELLOW
    assert result.disposition("f-degree").severity is Severity.MODERATE
