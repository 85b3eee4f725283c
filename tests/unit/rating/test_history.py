"""Version history and the differences between versions (with a test-only second version)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairscreen.domain import rating
from fairscreen.domain.rating import Change
from tests.unit.rating.support import write_two_versions


@pytest.fixture
def history(tmp_path: Path) -> rating.RulebookHistory:
    return rating.load_rulebooks(write_two_versions(tmp_path / "rulebooks"))


def test_versions_are_ordered_and_the_latest_is_current(history) -> None:
    assert [rulebook.version for rulebook in history.versions] == ["2026.1", "2026.2"]
    assert history.current.version == "2026.2"
    assert history.version("2026.1").content_hash != history.current.content_hash
    with pytest.raises(rating.UnknownRulebookVersion):
        history.version("2025.1")


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
    current = rating.current_rulebook()

    assert rating.diff_rulebooks(current, current).is_empty()


def test_the_shipped_history_has_the_one_real_version() -> None:
    history = rating.published_rulebooks()

    assert [rulebook.version for rulebook in history.versions] == ["2026.1"]
