"""The catalogue: the issue's fourteen kinds of check, described fully in both languages."""

from __future__ import annotations

import dataclasses

import pytest

from fairscreen.domain import scope

REQUIRED_ITEMS = {
    "identity",
    "education",
    "professional_qualification",
    "employment_history",
    "reference_interview",
    "civil_litigation",
    "criminal_record",
    "dishonest_debtor",
    "consumption_restriction",
    "credit_report",
    "business_interests",
    "administrative_penalties",
    "driving_record",
}


def test_the_catalogue_holds_every_item_the_issue_names() -> None:
    assert set(scope.CATALOGUE.codes()) >= REQUIRED_ITEMS
    assert scope.CATALOGUE.version


@pytest.mark.parametrize("item", scope.CATALOGUE.items, ids=lambda item: item.code)
def test_every_item_is_described_in_chinese_and_english(item: scope.CheckItem) -> None:
    for text in (item.name, item.description, *item.data_categories):
        assert text.zh.strip()
        assert text.en.strip()
    assert item.source_kinds
    assert item.finding_categories
    assert item.sensitive == (item.sensitive_impact is not None)


def test_criminal_and_credit_checks_need_their_lawful_precondition() -> None:
    need = {item.code: set(item.preconditions) for item in scope.CATALOGUE.items}
    assert need["criminal_record"] == {scope.Precondition.LAW_OR_JOB_NATURE_REQUIRES_CRIMINAL_CHECK}
    assert need["credit_report"] == {scope.Precondition.HANDLES_FUNDS}
    assert need["driving_record"] == {scope.Precondition.DRIVES_FOR_WORK}
    assert need["identity"] == set()


def test_sensitive_items_are_the_ones_pipl_art_28_names() -> None:
    sensitive = {item.code for item in scope.CATALOGUE.items if item.sensitive}
    assert {"identity", "criminal_record", "credit_report"} <= sensitive
    assert "education" not in sensitive


def test_suing_someone_can_never_count_against_the_candidate() -> None:
    assert "civil_litigation.claimant" in scope.CATALOGUE.never_relevant_categories()


def test_no_protected_ground_is_a_check_item_or_a_finding_category() -> None:
    assert not set(scope.CATALOGUE.codes()) & scope.PROTECTED_GROUNDS
    prefixes = {category.split(".")[0] for category in scope.CATALOGUE.finding_categories()}
    assert not prefixes & scope.PROTECTED_GROUNDS
    assert {"marital_status", "pregnancy", "infectious_disease_carrier"} <= scope.PROTECTED_GROUNDS


def test_a_broken_catalogue_item_fails_at_import_time() -> None:
    identity = scope.CATALOGUE.item("identity")
    with pytest.raises(ValueError, match="impact"):
        dataclasses.replace(identity, sensitive_impact=None)
    with pytest.raises(ValueError, match="protected ground"):
        dataclasses.replace(identity, code="marital_status")
    with pytest.raises(ValueError, match="unique"):
        scope.Catalogue(version="x", items=(identity, identity))


def test_an_unknown_code_is_refused_by_name() -> None:
    with pytest.raises(scope.UnknownCheckItem) as caught:
        scope.CATALOGUE.item("horoscope")
    assert caught.value.code == "unknown_check_item"
    assert not scope.CATALOGUE.has("horoscope")


def test_text_picks_the_language_and_falls_back_to_english() -> None:
    text = scope.Text(zh="身份核验", en="Identity verification")
    assert text.get("zh-hans") == "身份核验"
    assert text.get("zh_CN") == "身份核验"
    assert text.get("en") == "Identity verification"
    assert text.get("fr") == "Identity verification"
    assert scope.Text(zh="有", en=" ").is_blank()
