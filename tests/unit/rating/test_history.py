"""Version history and the differences between versions (with a test-only second version)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fairscreen.domain import rating
from fairscreen.domain.rating import Change
from tests.unit.rating.support import write_two_versions


@pytest.fixture
def history(tmp_path: Path) -> rating.RulebookHistory:
    return rating.load_rulebooks(write_two_versions(tmp_path / "rulebooks"))


def test_versions_are_ordered_and_the_latest_published_by_today_is_in_force(history) -> None:
    assert [rulebook.version for rulebook in history.versions] == ["2026.1", "2026.2"]
    assert history.in_force_on(date(2026, 7, 1)).version == "2026.2"
    assert history.version("2026.1").content_hash != history.version("2026.2").content_hash
    with pytest.raises(rating.UnknownRulebookVersion):
        history.version("2025.1")


def test_a_version_dated_in_the_future_is_published_but_not_in_force(history) -> None:
    assert history.in_force_on(date(2026, 6, 30)).version == "2026.1"
    assert history.in_force_on(date(2026, 1, 1)).version == "2026.1"
    assert history.in_force_on(date(2030, 1, 1)).version == "2026.2"
    with pytest.raises(rating.NoRulebookInForce) as refused:
        history.in_force_on(date(2025, 12, 31))
    assert refused.value.code == "no_rulebook_in_force"


def test_a_later_version_dated_before_an_earlier_one_does_not_load(tmp_path: Path) -> None:
    directory = write_two_versions(tmp_path / "rulebooks", published=date(2025, 12, 1))

    with pytest.raises(rating.InvalidRulebook) as refused:
        rating.load_rulebooks(directory)

    assert [problem.code for problem in refused.value.problems] == ["published_out_of_order"]
    assert "2026.2.toml: published 2025-12-01, before version 2026.1" in (
        refused.value.problems[0].message.en
    )
    first, second = (
        rating.load_rulebook(directory / name) for name in ("2026.1.toml", "2026.2.toml")
    )
    with pytest.raises(ValueError, match="published before"):
        rating.RulebookHistory(versions=(first, second))


def test_engine_and_pages_read_the_one_directory_they_are_given(tmp_path: Path) -> None:
    scheduled = write_two_versions(tmp_path / "scheduled", published=date(2027, 1, 1))
    try:
        rating.use_rulebook_directory(scheduled)

        assert [entry.version for entry in rating.published_rulebooks().versions] == [
            "2026.1",
            "2026.2",
        ]
        assert rating.current_rulebook(today=date(2026, 12, 31)).version == "2026.1"
        assert rating.current_rulebook(today=date(2027, 1, 1)).version == "2026.2"
    finally:
        rating.use_rulebook_directory(None)
    assert [entry.version for entry in rating.published_rulebooks().versions] == ["2026.1"]


def test_asking_for_the_current_rulebook_without_a_day_is_deprecated() -> None:
    with pytest.warns(DeprecationWarning, match="pass the local date"):
        assert rating.current_rulebook().version == "2026.1"


def test_the_first_version_has_no_changes(history) -> None:
    assert history.changes_in("2026.1") is None


def test_the_diff_names_each_changed_severity_look_back_step_and_combination(history) -> None:
    changes = history.changes_in("2026.2")

    assert changes is not None
    assert not changes.is_empty()
    assert (changes.older, changes.newer) == ("2026.1", "2026.2")
    assert changes.categories == (
        Change("credit.bad_debt_or_collection", "severity", "moderate", "minor"),
        Change("driving.minor_violation", "lookback_months", "12", "6"),
    )
    assert changes.litigation == (Change("litigation.performance_steps", "unperformed", "1", "2"),)
    assert changes.combination == (
        Change("combination.moderate×2", "light", None, "red"),
        Change("combination.moderate×3", "light", "red", None),
    )
    assert changes.exclusions == ()
    assert changes.added_categories == changes.removed_categories == ()


def test_identical_rulebooks_have_an_empty_diff() -> None:
    current = rating.current_rulebook(today=date(2026, 3, 2))

    assert rating.diff_rulebooks(current, current).is_empty()


def test_the_shipped_history_has_the_one_real_version() -> None:
    history = rating.published_rulebooks()

    assert [rulebook.version for rulebook in history.versions] == ["2026.1"]
