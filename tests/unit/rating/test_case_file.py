"""Case files: strict reading, protected grounds refused by name, and the JSON Schema."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain import rating, scope
from fairscreen.domain.rating import Light
from tests.unit.rating.support import AS_OF

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
PROTECTED = ["sex", "age", "ethnicity", "marital_status", "household_registration"]
SPELLINGS = [*PROTECTED, "gender", "Date-Of-Birth", "hukou", "婚姻状况", "民族"]
VALIDATOR = jsonschema.Draft202012Validator(rating.case_schema())


def cashier_case(**extra: object) -> dict:
    return {
        "template": "cashier",
        "as_of": "2026-03-02",
        "findings": [
            {
                "id": "f1",
                "item": "dishonest_debtor",
                "category": "dishonest_debtor.currently_listed",
                "status": "verified",
                "consented": True,
                "occurred_on": "2025-06-01",
            }
        ],
        **extra,
    }


def refused(document: object) -> list[rating.Problem]:
    with pytest.raises(rating.InvalidCase) as error:
        rating.read_case(document)
    return list(error.value.problems)


def test_a_template_case_reads_and_rates() -> None:
    case = rating.read_case(cashier_case(note="测试候选人的示例 (fictional)"))

    result = rating.rate_case(case, as_of=case.as_of, rulebook=rating.current_rulebook(today=AS_OF))

    assert case.template == "cashier"
    assert case.profile == scope.template("cashier").spec
    assert case.as_of == date(2026, 3, 2)
    assert result.light is Light.RED


def test_an_inline_profile_is_read_and_judged_by_the_scope_core() -> None:
    profile = scope.template("cashier").spec.to_json()
    lawful = {**cashier_case(), "profile": profile}
    del lawful["template"]
    unlawful = copy.deepcopy(lawful)
    unlawful["profile"]["items"].append(
        {"code": "criminal_record", "necessity": {"zh": "x", "en": "x"}}
    )

    assert rating.read_case(lawful).profile == scope.template("cashier").spec
    problems = refused(unlawful)
    assert [problem.code for problem in problems] == ["precondition_missing"]
    assert problems[0].message.en.startswith("profile: ")


@pytest.mark.parametrize("key", SPELLINGS)
@pytest.mark.parametrize("where", ["top", "finding", "profile"])
def test_a_protected_ground_anywhere_is_refused_by_name(key: str, where: str) -> None:
    document = cashier_case()
    if where == "top":
        document[key] = "x"
    elif where == "finding":
        document["findings"][0][key] = "x"
    else:
        del document["template"]
        document["profile"] = {**scope.template("cashier").spec.to_json(), key: "x"}

    problems = refused(document)

    assert [problem.code for problem in problems] == ["protected_ground"]
    assert "is a protected ground" in problems[0].message.en
    assert "受保护事项" in problems[0].message.zh
    assert not VALIDATOR.is_valid(document)


def test_a_protected_item_or_category_value_is_refused_by_name() -> None:
    document = cashier_case()
    document["findings"].append(
        {
            "id": "f2",
            "item": "marital_status",
            "category": "x.y",
            "status": "verified",
            "consented": True,
        }
    )
    document["findings"].append(
        {
            "id": "f3",
            "item": "identity",
            "category": "age.over_35",
            "status": "verified",
            "consented": True,
        }
    )

    messages = [problem.message.en for problem in refused(document)]

    assert any(
        m.startswith("findings[1].item: 'marital_status' is a protected ground") for m in messages
    )
    assert any(
        m.startswith("findings[2].category: 'age.over_35' is a protected ground (Age)")
        for m in messages
    )


def test_every_other_defect_is_reported_with_its_path() -> None:
    document = cashier_case(colour="blue")
    document["findings"].extend(
        [
            {
                "id": "f1",
                "item": "credit_report",
                "category": "credit.serious_delinquency",
                "status": "verified",
                "consented": True,
            },
            {
                "id": "f3",
                "item": "education",
                "category": "credit.bad_debt_or_collection",
                "status": "maybe",
                "consented": "yes",
                "occurred_on": "2026-02-30",
            },
            {
                "id": "f4",
                "item": "civil_litigation",
                "category": "civil_litigation.liable_party.other",
                "status": "verified",
                "consented": True,
                "litigation": {"role": "plaintiff", "outcome": "against_candidate"},
            },
            {
                "id": "f5",
                "item": "civil_litigation",
                "category": "civil_litigation.not_liable",
                "status": "verified",
                "consented": True,
            },
        ]
    )

    messages = "\n".join(problem.message.en for problem in refused(document))

    assert "case.colour is not a known field" in messages
    assert "findings[1].id: repeats the id of an earlier finding" in messages
    assert (
        "findings[2].category: 'credit.bad_debt_or_collection' is a category of 'credit_report'"
        in messages
    )
    assert "findings[2].status must be one of" in messages
    assert "findings[2].consented must be true or false" in messages
    assert "findings[2].occurred_on must be a real date" in messages
    assert (
        "findings[3].category: contradicts the role and outcome; "
        "it should be 'civil_litigation.claimant'" in messages
    )
    assert "findings[4].litigation is required" in messages


def test_exactly_one_position_and_a_known_template() -> None:
    both = {**cashier_case(), "profile": scope.template("cashier").spec.to_json()}
    unknown = cashier_case(template="astronaut")

    assert [problem.code for problem in refused(both)] == ["position_missing"]
    assert [problem.code for problem in refused(unknown)] == ["unknown_template"]


def test_json_text_must_be_json_without_duplicate_keys() -> None:
    with pytest.raises(rating.InvalidCase) as not_json:
        rating.parse_case('{"template": ')
    with pytest.raises(rating.InvalidCase) as duplicate:
        rating.parse_case('{"template": "cashier", "template": "sales", "findings": []}')

    assert not_json.value.problems[0].code == "not_json"
    assert duplicate.value.problems[0].code == "duplicate_key"


def test_a_finding_after_the_rating_date_is_refused() -> None:
    case = rating.read_case(cashier_case())

    with pytest.raises(rating.InvalidCase) as error:
        rating.rate_case(
            case, as_of=date(2025, 1, 1), rulebook=rating.current_rulebook(today=AS_OF)
        )

    assert error.value.problems[0].code == "after_as_of"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda path: path.name)
def test_every_documented_example_is_valid_for_parser_and_schema(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))

    VALIDATOR.validate(document)
    rating.read_case(document)


def test_the_schema_is_itself_valid_and_closed_everywhere() -> None:
    schema = rating.case_schema()

    jsonschema.Draft202012Validator.check_schema(schema)
    objects = [schema, *schema["$defs"].values()]
    closed = [entry for entry in objects if entry.get("type") == "object"]
    assert len(closed) == 6
    assert all(entry["additionalProperties"] is False for entry in closed)


@given(
    st.sampled_from(PROTECTED),
    st.sampled_from(["top", "finding"]),
    st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none()),
)
def test_any_protected_value_is_refused_by_parser_and_schema(key, where, value) -> None:
    document = cashier_case()
    target = document if where == "top" else document["findings"][0]
    target[key] = value

    assert [problem.code for problem in refused(document)] == ["protected_ground"]
    assert not VALIDATOR.is_valid(document)
