"""The published versions of the rulebook and what changed between them.

A report links to the exact rulebook version it was rated under; the published page shows
every version and, for each, which categories' severities, look-backs and rules changed,
so nobody has to diff TOML files to learn that the rules moved under them.

A version applies from its `published` date, not from the day its file is shipped: a
version dated in the future can be read in advance (the rules are known before anyone is
rated by them) but rates nobody until that day. Which day is "today" is the caller's to
say (the organisation's local date); the history never reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fairscreen.domain.rating._errors import NoRulebookInForce, UnknownRulebookVersion
from fairscreen.domain.rating._rulebook import CategoryRule, Rulebook

__all__ = ["Change", "RulebookChanges", "RulebookHistory", "diff_rulebooks"]


@dataclass(frozen=True, slots=True)
class Change:
    """One changed value: `subject` (a category, a rule id) and `field`, before and after.

    `before`/`after` are None where the value is absent (a rule added or removed, a
    look-back left to the item's default); for `field == "text"` they are None too: only
    the fact that the wording changed is recorded, the page shows both versions' words.
    """

    subject: str
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class RulebookChanges:
    older: str
    newer: str
    added_categories: tuple[str, ...]
    removed_categories: tuple[str, ...]
    categories: tuple[Change, ...]
    litigation: tuple[Change, ...]
    combination: tuple[Change, ...]
    exclusions: tuple[Change, ...]

    def is_empty(self) -> bool:
        return not (
            self.added_categories
            or self.removed_categories
            or self.categories
            or self.litigation
            or self.combination
            or self.exclusions
        )


@dataclass(frozen=True, slots=True)
class RulebookHistory:
    """Every published version, oldest first; `in_force_on(today)` is the one that applies.

    A later version never has an earlier `published` date than the one before it, so the
    version in force only ever moves forward in time.
    """

    versions: tuple[Rulebook, ...]

    def __post_init__(self) -> None:
        if not self.versions:
            raise ValueError("a rulebook history needs at least one version")
        keys = [rulebook.sort_key for rulebook in self.versions]
        if keys != sorted(set(keys)):
            raise ValueError("rulebook versions must be unique and in order")
        dates = [rulebook.published for rulebook in self.versions]
        if dates != sorted(dates):
            raise ValueError("a later rulebook version cannot be published before an earlier one")

    def in_force_on(self, today: date) -> Rulebook:
        """The version that rates on `today`: the highest one published on or before it.

        Raises `NoRulebookInForce` when every version is dated later.
        """
        for rulebook in reversed(self.versions):
            if rulebook.published <= today:
                return rulebook
        raise NoRulebookInForce(today)

    def version(self, version: str) -> Rulebook:
        """The rulebook with exactly this version; raises `UnknownRulebookVersion`."""
        for rulebook in self.versions:
            if rulebook.version == version:
                return rulebook
        raise UnknownRulebookVersion(version)

    def changes_in(self, version: str) -> RulebookChanges | None:
        """What `version` changed against the version before it (None for the first)."""
        index = self.versions.index(self.version(version))
        if index == 0:
            return None
        return diff_rulebooks(self.versions[index - 1], self.versions[index])


def diff_rulebooks(older: Rulebook, newer: Rulebook) -> RulebookChanges:
    """What changed from `older` to `newer`, rule by rule."""
    before = {rule.category: rule for rule in older.categories}
    after = {rule.category: rule for rule in newer.categories}
    category_changes = [
        change
        for category in sorted(before.keys() & after.keys())
        for change in _category_changes(before[category], after[category])
    ]
    return RulebookChanges(
        older=older.version,
        newer=newer.version,
        added_categories=tuple(sorted(after.keys() - before.keys())),
        removed_categories=tuple(sorted(before.keys() - after.keys())),
        categories=tuple(category_changes),
        litigation=tuple(_litigation_changes(older, newer)),
        combination=tuple(_combination_changes(older, newer)),
        exclusions=tuple(_exclusion_changes(older, newer)),
    )


def _months(value: int | None) -> str | None:
    return None if value is None else str(value)


def _category_changes(old: CategoryRule, new: CategoryRule) -> list[Change]:
    changes = []
    for field, was, now in (
        ("severity", str(old.severity), str(new.severity)),
        ("lookback_months", _months(old.lookback_months), _months(new.lookback_months)),
        ("ongoing", str(old.ongoing).lower(), str(new.ongoing).lower()),
    ):
        if was != now:
            changes.append(Change(subject=old.category, field=field, before=was, after=now))
    if old.text != new.text:
        changes.append(Change(subject=old.category, field="text", before=None, after=None))
    return changes


def _litigation_changes(older: Rulebook, newer: Rulebook) -> list[Change]:
    old, new = older.litigation, newer.litigation
    changes = []
    for field, was, now in (
        ("claimant_roles", _joined(old.claimant_roles), _joined(new.claimant_roles)),
        ("liable_outcomes", _joined(old.liable_outcomes), _joined(new.liable_outcomes)),
    ):
        if was != now:
            changes.append(Change(subject="litigation", field=field, before=was, after=now))
    steps_before, steps_after = dict(old.performance_steps), dict(new.performance_steps)
    for performance in sorted(steps_before.keys() | steps_after.keys()):
        was_step, now_step = steps_before.get(performance), steps_after.get(performance)
        if was_step != now_step:
            changes.append(
                Change(
                    subject="litigation.performance_steps",
                    field=str(performance),
                    before=None if was_step is None else str(was_step),
                    after=None if now_step is None else str(now_step),
                )
            )
    for field in ("roles", "performance"):
        if getattr(old, field) != getattr(new, field):
            changes.append(
                Change(subject=f"litigation.{field}", field="text", before=None, after=None)
            )
    return changes


def _joined(values: frozenset[str]) -> str:
    return ", ".join(sorted(str(value) for value in values))


def _combination_changes(older: Rulebook, newer: Rulebook) -> list[Change]:
    def keyed(rulebook: Rulebook) -> dict[str, str]:
        return {
            f"{rule.severity}×{rule.at_least}": str(rule.light) for rule in rulebook.combination
        }

    before, after = keyed(older), keyed(newer)
    return [
        Change(
            subject=f"combination.{key}",
            field="light",
            before=before.get(key),
            after=after.get(key),
        )
        for key in sorted(before.keys() | after.keys())
        if before.get(key) != after.get(key)
    ]


def _exclusion_changes(older: Rulebook, newer: Rulebook) -> list[Change]:
    before = {rule.reason: rule for rule in older.exclusions}
    after = {rule.reason: rule for rule in newer.exclusions}
    return [
        Change(subject=f"exclusions.{reason}", field="text", before=None, after=None)
        for reason in sorted(before.keys() & after.keys())
        if before[reason] != after[reason]
    ]
