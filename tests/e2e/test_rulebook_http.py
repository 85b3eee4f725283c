"""The published rulebook pages over HTTP: public, bilingual, exact versions, history."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from fairscreen.domain import rating, scope
from tests.unit.rating.support import write_two_versions


def page(path: str, language: str = "zh-hans") -> str:
    client = Client()
    client.cookies["django_language"] = language
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_current_rulebook_is_public_in_chinese_by_default() -> None:
    html = page("/rulebook")
    current = rating.current_rulebook(today=timezone.localdate())

    assert "评级规则 2026.1" in html
    assert "现行版本" in html
    assert current.content_hash in html
    assert "《个人信息保护法》第二十四条" in html
    assert "作为原告或申请人" in html
    assert "起诉或申请仲裁是法律赋予的权利" in html
    assert "首个公开版本。" in html
    for category in scope.CATALOGUE.finding_categories():
        assert f'data-category="{category}"' in html
    for reason in rating.ExclusionReason:
        assert f'data-reason="{reason}"' in html


def test_the_same_page_in_english() -> None:
    html = page("/rulebook", "en")

    assert "Rating rulebook 2026.1" in html
    assert "Advice, not a decision." in html
    assert "Suing or applying for arbitration is a legal right" in html
    assert "current state: does not age" in html
    assert "12 months (this rule)" in html
    assert "36 months (the item&#x27;s)" in html
    assert "评级规则" not in html


def test_an_exact_version_has_its_own_page_and_an_unknown_one_is_404() -> None:
    assert "Rating rulebook 2026.1" in page("/rulebook/2026.1", "en")
    assert Client().get("/rulebook/2025.1").status_code == 404
    assert Client().get("/rulebook/latest").status_code == 404
    assert Client().post("/rulebook").status_code == 405


@pytest.fixture
def two_versions(settings, tmp_path: Path) -> None:
    settings.RULEBOOK_DIRECTORY = str(write_two_versions(tmp_path / "rulebooks"))


@pytest.mark.usefixtures("two_versions")
def test_the_history_lists_versions_newest_first_with_their_changes() -> None:
    html = page("/rulebook", "en")

    assert "Rating rulebook 2026.2" in html
    assert html.index('data-version="2026.2"') < html.index('data-version="2026.1"')
    changes = html[html.index('data-version="2026.2"') : html.index('data-version="2026.1"')]
    assert "credit.bad_debt_or_collection" in changes
    assert "<td>severity</td><td>moderate</td><td>minor</td>" in changes
    assert "<td>look-back (months)</td><td>12</td><td>6</td>" in changes
    assert "litigation.performance_steps" in changes
    assert "combination.moderate×3" in changes


@pytest.mark.usefixtures("two_versions")
def test_an_older_version_says_it_was_superseded() -> None:
    html = page("/rulebook/2026.1")

    assert "已被取代" in html
    assert "现行版本为 2026.2。" in html
    assert 'href="/rulebook/2026.2"' in html


@pytest.fixture
def version_published_in_advance(settings, tmp_path: Path) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    directory = write_two_versions(tmp_path / "rulebooks", published=tomorrow)
    settings.RULEBOOK_DIRECTORY = str(directory)


@pytest.mark.usefixtures("version_published_in_advance")
def test_a_version_dated_tomorrow_is_readable_today_but_not_in_force() -> None:
    html = page("/rulebook", "en")

    assert "Rating rulebook 2026.1" in html
    assert "current version" in html
    assert html.index('data-version="2026.2"') < html.index('data-version="2026.1"')
    scheduled = html[html.index('data-version="2026.2"') : html.index('data-version="2026.1"')]
    assert "not yet in force" in scheduled


@pytest.mark.usefixtures("version_published_in_advance")
def test_the_page_of_a_version_published_in_advance_says_when_it_applies() -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    html = page("/rulebook/2026.2")

    assert "尚未生效" in html
    assert f"本版本自 {tomorrow} 起适用，在此之前不用于任何评级。" in html
    assert "现行版本为 2026.1。" in html
    assert "已被取代" not in html
    in_force = page("/rulebook/2026.1")
    assert "已被取代" not in in_force
    assert "现行版本" in in_force


@pytest.mark.usefixtures("version_published_in_advance")
def test_the_engine_rates_by_the_version_the_page_calls_current() -> None:
    assert rating.published_rulebooks().versions[-1].version == "2026.2"
    assert rating.current_rulebook(today=timezone.localdate()).version == "2026.1"


@pytest.mark.usefixtures("two_versions")
def test_a_configured_directory_is_what_the_engine_rates_by_too() -> None:
    assert "Rating rulebook 2026.2" in page("/rulebook", "en")
    assert rating.current_rulebook(today=timezone.localdate()).version == "2026.2"


def test_without_the_setting_engine_and_page_use_the_shipped_rulebooks() -> None:
    assert [entry.version for entry in rating.published_rulebooks().versions] == ["2026.1"]
