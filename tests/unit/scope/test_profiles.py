"""Risk profiles: the written necessity case, its JSON form, and what makes it unlawful."""

from __future__ import annotations

import contextlib
import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain import scope

CASHIER = scope.template("cashier").spec


def with_items(spec: scope.ProfileSpec, *items: scope.PermittedItem) -> scope.ProfileSpec:
    return dataclasses.replace(spec, items=(*spec.items, *items))


def permitted(code: str, necessity: str = "岗位需要 (the job needs it)", months=None):
    return scope.PermittedItem(
        code=code, necessity=scope.Text(zh=necessity, en=necessity), lookback_months=months
    )


def problem_codes(spec: scope.ProfileSpec) -> list[tuple[str, str | None]]:
    return [(problem.code, problem.item) for problem in scope.profile_problems(spec)]


@pytest.mark.parametrize("entry", scope.TEMPLATES, ids=lambda entry: entry.key)
def test_every_built_in_template_is_a_lawful_profile(entry: scope.ProfileTemplate) -> None:
    assert scope.profile_problems(entry.spec) == ()
    assert entry.name.zh.strip()
    assert entry.name.en.strip()
    assert "identity" in entry.spec.codes()


def test_the_issue_s_fourteen_templates_exist() -> None:
    assert {entry.key for entry in scope.TEMPLATES} == {
        "administration_office", "software_engineer", "sales", "hr_specialist", "procurement",
        "cashier", "finance_manager", "quality_inspector", "food_safety", "professional_driver",
        "security_guard", "teacher_childcare", "healthcare", "senior_executive",
    }  # fmt: skip
    with pytest.raises(scope.UnknownTemplate):
        scope.template("astrologer")


def test_the_teacher_template_queries_the_sexual_offence_record_the_law_mandates() -> None:
    teacher = scope.template("teacher_childcare").spec
    assert "sexual_offence_record" in teacher.codes()
    assert scope.Precondition.WORKS_WITH_MINORS in teacher.attributes
    assert "sexual_offence_record" not in scope.template("software_engineer").spec.codes()


def test_a_profile_round_trips_through_json_with_the_same_hash() -> None:
    document = CASHIER.to_json()
    again = scope.ProfileSpec.from_json(document)
    assert again == CASHIER
    assert again.canonical_hash() == CASHIER.canonical_hash()
    assert len(CASHIER.canonical_hash()) == 64


def test_any_change_to_a_profile_changes_its_hash() -> None:
    narrowed = dataclasses.replace(CASHIER, items=CASHIER.items[:-1])
    assert narrowed.canonical_hash() != CASHIER.canonical_hash()


def test_malformed_json_is_refused_with_every_problem_listed() -> None:
    document = {**CASHIER.to_json(), "tier": "L9", "items": "all of them", "hobbies": []}
    with pytest.raises(scope.InvalidProfile) as caught:
        scope.ProfileSpec.from_json(document)
    assert caught.value.code == "invalid_profile"
    assert len(caught.value.problems) >= 2
    assert {problem.code for problem in caught.value.problems} == {"malformed"}


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )
)
def test_from_json_never_crashes_on_arbitrary_json(data: object) -> None:
    with contextlib.suppress(scope.InvalidProfile):
        scope.ProfileSpec.from_json(data)  # type: ignore[arg-type]


def test_a_protected_ground_is_refused_in_a_profile() -> None:
    spec = with_items(CASHIER, permitted("marital_status"))
    assert ("protected_ground", "marital_status") in problem_codes(spec)
    with pytest.raises(scope.InvalidProfile):
        scope.validate_profile(spec)


def test_every_rule_is_reported_at_once() -> None:
    spec = dataclasses.replace(
        CASHIER,
        attributes=frozenset(),
        items=(
            permitted("identity"),
            permitted("identity"),
            permitted("horoscope"),
            permitted("education", necessity=" "),
            permitted("credit_report"),
            permitted("dishonest_debtor", months=0),
        ),
        relevance=frozenset({"civil_litigation.claimant", "health.anything", "made.up"}),
    )
    assert problem_codes(spec) == [
        ("duplicate_item", "identity"),
        ("unknown_item", "horoscope"),
        ("blank_necessity", "education"),
        ("precondition_missing", "credit_report"),
        ("lookback_out_of_range", "dishonest_debtor"),
        ("never_relevant_category", None),
        ("protected_ground", None),
        ("unknown_finding_category", None),
    ]
    messages = scope.profile_problems(spec)
    assert all(problem.message.zh and problem.message.en for problem in messages)


def test_an_empty_profile_is_refused() -> None:
    assert problem_codes(dataclasses.replace(CASHIER, items=())) == [("no_items", None)]


def test_adding_a_sensitive_item_is_detected_for_the_dpo() -> None:
    engineer = scope.template("software_engineer").spec
    widened = dataclasses.replace(
        engineer,
        attributes=engineer.attributes | {scope.Precondition.HANDLES_FUNDS},
        items=(*engineer.items, permitted("credit_report"), permitted("dishonest_debtor")),
    )
    assert scope.added_sensitive_items(widened, engineer) == ("credit_report",)
    assert scope.added_sensitive_items(engineer, widened) == ()
    assert scope.added_sensitive_items(engineer, None) == ("identity",)


def test_the_profile_s_look_back_overrides_the_catalogue_default() -> None:
    default = scope.CATALOGUE.item("dishonest_debtor").default_lookback_months
    spec = dataclasses.replace(CASHIER, items=(permitted("dishonest_debtor", months=12),))
    assert scope.effective_lookback_months(spec, "dishonest_debtor") == 12
    assert scope.effective_lookback_months(CASHIER, "dishonest_debtor") == default
    with pytest.raises(scope.ItemNotPermitted):
        scope.effective_lookback_months(CASHIER, "driving_record")
