"""The shipped rulebook loads, fits the catalogue, and a broken one is refused with paths."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from fairscreen.domain import rating, scope
from fairscreen.domain.rating import ExclusionReason, Light, Severity
from tests.unit.rating.support import AS_OF, SHIPPED


def document() -> dict:
    return tomllib.loads(SHIPPED.read_text(encoding="utf-8"))


def codes(error: rating.InvalidRulebook) -> list[str]:
    return [problem.code for problem in error.problems]


def messages(error: rating.InvalidRulebook) -> str:
    return "\n".join(problem.message.en for problem in error.problems)


def test_the_shipped_rulebook_covers_every_catalogue_category_with_bilingual_rules() -> None:
    rulebook = rating.current_rulebook(today=AS_OF)

    assert rulebook.version == "2026.1"
    assert rulebook.catalogue_version == scope.CATALOGUE.version
    assert {rule.category for rule in rulebook.categories} == scope.CATALOGUE.finding_categories()
    assert {rule.reason for rule in rulebook.exclusions} == set(ExclusionReason)
    assert [meaning.light for meaning in rulebook.lights] == list(Light)
    for rule in rulebook.categories:
        assert not rule.text.explanation.is_blank()
        assert rule.text.examples


def test_categories_that_never_count_have_no_severity() -> None:
    rulebook = rating.current_rulebook(today=AS_OF)

    for category in scope.CATALOGUE.never_relevant_categories():
        assert rulebook.category(category).severity is Severity.NONE


def test_the_content_hash_ignores_comments_and_layout_but_not_a_rule() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    reformatted = "# a comment that changes nothing\n" + text.replace(" = ", "=")
    changed = text.replace('at_least = 3\nlight = "red"', 'at_least = 4\nlight = "red"')

    original = rating.parse_rulebook(text).content_hash

    assert original.startswith("sha256:")
    assert rating.parse_rulebook(reformatted).content_hash == original
    assert rating.parse_rulebook(changed).content_hash != original


def test_a_missing_an_unknown_and_a_protected_category_are_each_named() -> None:
    broken = document()
    broken["categories"].pop("credit.minor_delinquency")
    broken["categories"]["credit.lottery_wins"] = broken["categories"]["credit.serious_delinquency"]
    broken["categories"]["age.over_35"] = broken["categories"]["credit.serious_delinquency"]

    with pytest.raises(rating.InvalidRulebook) as refused:
        rating.read_rulebook(broken)

    assert set(codes(refused.value)) == {"missing_category", "unknown_category", "protected_ground"}
    text = messages(refused.value)
    assert 'categories."credit.minor_delinquency": is missing' in text
    assert 'categories."credit.lottery_wins": no catalogue item' in text
    assert 'categories."age.over_35": concerns a protected ground' in text


def test_every_shape_problem_is_reported_at_once_with_its_path() -> None:
    broken = document()
    broken["version"] = "latest"
    broken["categories"]["identity.mismatch"]["severity"] = "catastrophic"
    broken["categories"]["driving.minor_violation"]["lookback_months"] = 0
    broken["exclusions"]["not_verified"]["title"] = {"zh": "未经核实", "en": " "}
    broken["combination"][0]["colour"] = "blue"

    with pytest.raises(rating.InvalidRulebook) as refused:
        rating.read_rulebook(broken)

    text = messages(refused.value)
    assert "version must look like 2026.1" in text
    assert 'categories."identity.mismatch".severity must be one of: none, minor' in text
    assert 'categories."driving.minor_violation".lookback_months must be a whole number' in text
    assert "exclusions.not_verified.title needs both Chinese and English" in text
    assert "combination[0].colour is not a known field" in text


def test_a_rulebook_that_lets_a_plaintiff_count_is_refused() -> None:
    broken = document()
    broken["litigation"]["claimant_roles"] = []
    broken["litigation"]["liable_outcomes"] = ["against_candidate", "settled"]

    with pytest.raises(rating.InvalidRulebook) as refused:
        rating.read_rulebook(broken)

    assert codes(refused.value) == ["plaintiff_must_never_count", "liability_must_be_decided"]


def test_a_never_relevant_category_with_a_severity_and_a_catalogue_mismatch_are_refused() -> None:
    broken = document()
    broken["categories"]["civil_litigation.claimant"]["severity"] = "minor"
    broken["catalogue"] = "2025.9"

    with pytest.raises(rating.InvalidRulebook) as refused:
        rating.read_rulebook(broken)

    assert codes(refused.value) == ["catalogue_mismatch", "never_relevant_category"]


def test_combination_rules_must_cover_every_severity_without_going_down() -> None:
    broken = document()
    broken["combination"] = [
        rule for rule in broken["combination"] if rule["severity"] != "moderate"
    ]
    broken["combination"][0]["light"] = "green"

    with pytest.raises(rating.InvalidRulebook) as refused:
        rating.read_rulebook(broken)

    assert codes(refused.value) == ["combination_without_effect", "combination_incomplete"]


def test_not_toml_and_a_misnamed_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "2026.1.toml").write_text("version = ", encoding="utf-8")
    (tmp_path / "2027.1.toml").write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")

    with pytest.raises(rating.InvalidRulebook) as refused:
        rating.load_rulebooks(tmp_path)

    assert codes(refused.value) == ["not_toml", "file_name_mismatch"]
    assert "2026.1.toml: not TOML" in messages(refused.value)


def test_an_unreadable_file_is_an_invalid_rulebook(tmp_path: Path) -> None:
    with pytest.raises(rating.InvalidRulebook) as refused:
        rating.load_rulebook(tmp_path / "absent.toml")

    assert codes(refused.value) == ["unreadable"]
