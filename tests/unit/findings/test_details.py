"""Finding details: the item's schema, strictly; categories that follow from the facts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain import scope
from fairscreen.domain.findings import (
    SCHEMAS,
    CauseClass,
    InvalidFinding,
    LitigationOutcome,
    LitigationRole,
    litigation_category,
    parse_details,
    source_problem,
)

CASE = {
    "case_number": "(2024)测0116民初1号",
    "court": "测试法院",
    "cause_of_action": "物业服务合同纠纷",
    "cause_class": "other",
    "role": "defendant",
    "outcome": "against_candidate",
    "performance": "performed",
    "judged_on": "2024-05-01",
    "filed_on": "2023-11-01",
    "summary": "测试",
}


def test_every_catalogue_item_has_a_schema_and_none_has_a_protected_field():
    assert set(SCHEMAS) == set(scope.CATALOGUE.codes())
    for schema in SCHEMAS.values():
        for field in schema.names():
            assert field not in scope.PROTECTED_GROUNDS
        for name in schema.dated_by:
            assert schema.field(name) is not None


@given(
    st.sampled_from(LitigationRole), st.sampled_from(LitigationOutcome), st.sampled_from(CauseClass)
)
def test_a_plaintiff_is_always_a_claimant_and_only_a_liable_party_is_liable(role, outcome, cause):
    category = litigation_category(role=role, outcome=outcome, cause=cause)
    if role is LitigationRole.PLAINTIFF:
        assert category == "civil_litigation.claimant"
    elif outcome is LitigationOutcome.AGAINST_CANDIDATE:
        assert category == f"civil_litigation.liable_party.{cause.value}"
    else:
        assert category == "civil_litigation.not_liable"
    assert category in scope.CATALOGUE.item("civil_litigation").finding_categories


def test_the_look_back_counts_from_the_best_date_present():
    assert str(parse_details(item="civil_litigation", category="", details=CASE).occurred_on) == (
        "2024-05-01"
    )
    without_judgment = {key: value for key, value in CASE.items() if key != "judged_on"}
    parsed = parse_details(item="civil_litigation", category="", details=without_judgment)
    assert str(parsed.occurred_on) == "2023-11-01"


def test_every_problem_is_reported_at_once_by_field_name():
    with pytest.raises(InvalidFinding) as raised:
        parse_details(
            item="civil_litigation",
            category="",
            details={
                **CASE,
                "role": "victim",
                "judged_on": "01/05/2024",
                "court": "x" * 201,
                "age": "30",
            },
        )
    assert {problem.field for problem in raised.value.problems} == {
        "role",
        "judged_on",
        "court",
        "age",
    }
    assert "30" not in str(raised.value)


def test_stored_details_read_back_to_the_same_value():
    parsed = parse_details(item="civil_litigation", category="", details=CASE)
    assert type(parsed).from_json(parsed.to_json()) == parsed


@pytest.mark.parametrize(
    ("item", "kind", "authority", "field"),
    [
        ("education", "referee", "first_hand_witness", "source.kind"),
        ("education", "candidate_document", "authoritative_registry", "source.authority"),
        ("reference_interview", "referee", "official_document", "source.authority"),
        ("education", "telepathy", "hearsay", "source.kind"),
    ],
)
def test_a_source_is_of_a_kind_the_notice_named_with_no_more_authority_than_its_kind(
    item, kind, authority, field
):
    problem = source_problem(item=item, kind=kind, authority=authority)
    assert problem is not None
    assert problem[0] == field


def test_a_registry_may_verify_education():
    assert (
        source_problem(
            item="education", kind="authoritative_registry", authority="authoritative_registry"
        )
        is None
    )


def test_every_catalogue_category_has_a_plain_name_in_both_languages():
    from fairscreen.domain.findings import CATEGORY_LABELS

    assert set(CATEGORY_LABELS) == scope.CATALOGUE.finding_categories()
    assert all(not label.is_blank() for label in CATEGORY_LABELS.values())
