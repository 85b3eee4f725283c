"""The value types: one year's official schedule, one organisation override, the override table.

Two kinds of data sit on top of each other. A `YearSchedule` is what the State Council
publishes each November for the next year (statutory holidays and the weekend days worked
in exchange, 调休上班); it is the only thing that makes a year *covered*. A `DayOverride` is
an organisation's own decision for one date (a closure, or a day it works); it changes that
date only and never makes a year covered, so a missing official schedule is never hidden.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final, TypeVar

from fairscreen.domain.workdays._errors import InvalidSchedule
from fairscreen.domain.workdays._problems import ScheduleProblem

__all__ = [
    "EARLIEST_YEAR",
    "LATEST_YEAR",
    "MAX_TEXT_LENGTH",
    "DayOverride",
    "OverrideTable",
    "YearSchedule",
    "is_weekend",
    "text_problem",
    "weekday_workday_problem",
    "year_problem",
]

# The package's data starts in 2004, and a schedule is published one year ahead: a year
# outside this window is a typo (2207 for 2027), and the bound keeps every walk through
# the calendar far from `date.max`.
EARLIEST_YEAR: Final = 2000
LATEST_YEAR: Final = 2199
MAX_TEXT_LENGTH: Final = 200
# Control characters and line or paragraph separators: a note is one line of plain text.
_BREAKING: Final = frozenset({"Cc", "Zl", "Zp"})


def is_weekend(day: dt.date) -> bool:
    """Saturday or Sunday: the rest days of the standard five-day week (State Council, 1995)."""
    return day.weekday() >= 5


def text_problem(
    text: str, what: str, *, code: str, line: int | None = None
) -> ScheduleProblem | None:
    """Why a note or source cannot be stored, or None: it is shown to staff and audited."""
    if not text.strip():
        return ScheduleProblem(code, f"{what} is missing", line)
    if len(text) > MAX_TEXT_LENGTH:
        return ScheduleProblem(
            "text_too_long", f"{what} is longer than {MAX_TEXT_LENGTH} characters", line
        )
    if any(unicodedata.category(character) in _BREAKING for character in text):
        return ScheduleProblem("bad_text", f"{what} contains a control character", line)
    if text != text.strip():
        return ScheduleProblem("bad_text", f"{what} starts or ends with a space", line)
    return None


def year_problem(year: int, line: int | None = None) -> ScheduleProblem | None:
    """Why `year` cannot carry a schedule or an override, or None."""
    if EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    return ScheduleProblem(
        "bad_year", f"year {year} is outside {EARLIEST_YEAR}-{LATEST_YEAR}", line
    )


@dataclass(frozen=True)
class YearSchedule:
    """The official schedule of one year, as published by the State Council.

    `holidays` are the days off of the statutory holidays, including the weekdays moved by
    调休 and the weekend days inside a holiday block; `workdays` are the weekend days worked
    instead (调休上班). Every other Monday to Friday is a working day, every other Saturday
    and Sunday is not. `source` names the notice, so an audit can trace every deadline.
    """

    year: int
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    source: str

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise InvalidSchedule(problems)

    def problems(self) -> list[ScheduleProblem]:
        """Every defect of the schedule (the constructor refuses a schedule with any)."""
        found = [
            problem
            for problem in (
                year_problem(self.year),
                text_problem(self.source, "the source notice", code="missing_source"),
            )
            if problem is not None
        ]
        for day in sorted(self.holidays | self.workdays):
            if day.year != self.year:
                found.append(ScheduleProblem("date_outside_year", f"{day} is not in {self.year}"))
        for day in sorted(self.holidays & self.workdays):
            found.append(
                ScheduleProblem("conflicting_date", f"{day} is both a holiday and a workday")
            )
        for day in sorted(self.workdays):
            if not is_weekend(day):
                found.append(weekday_workday_problem(day))
        if not self.holidays:
            found.append(ScheduleProblem("year_without_holidays", f"{self.year} lists no holiday"))
        return found


def weekday_workday_problem(day: dt.date, line: int | None = None) -> ScheduleProblem:
    """A workday on Monday-Friday is already a working day: the entry must be a typo."""
    return ScheduleProblem(
        "workday_not_on_weekend",
        f"{day} is a {day:%A}: an adjusted workday (调休上班) is always a Saturday or Sunday",
        line,
    )


@dataclass(frozen=True)
class DayOverride:
    """An organisation's own decision for one date: closed (`working=False`) or open.

    E.g. a company closure for its annual meeting, or a day the company works although
    the official calendar rests. `note` says why; it is shown to staff and kept for audit.
    """

    day: dt.date
    working: bool
    note: str

    def __post_init__(self) -> None:
        problems = [
            problem
            for problem in (
                year_problem(self.day.year),
                text_problem(self.note, f"the note of {self.day}", code="missing_note"),
            )
            if problem is not None
        ]
        if problems:
            raise InvalidSchedule(problems)


@dataclass(frozen=True)
class OverrideTable:
    """An organisation's overrides: day decisions, and official years loaded by an admin.

    A loaded `YearSchedule` replaces the package's schedule of that year (the package may be
    late, or wrong) and makes an uncovered year covered. A `DayOverride` wins over both.
    """

    days: tuple[DayOverride, ...] = ()
    schedules: tuple[YearSchedule, ...] = ()

    def __post_init__(self) -> None:
        problems = [
            ScheduleProblem("duplicate_date", f"{day} has more than one override")
            for day in _repeated([override.day for override in self.days])
        ]
        problems += [
            ScheduleProblem("duplicate_year", f"{year} has more than one schedule")
            for year in _repeated([schedule.year for schedule in self.schedules])
        ]
        if problems:
            raise InvalidSchedule(problems)

    @cached_property
    def _days_by_date(self) -> dict[dt.date, DayOverride]:
        return {override.day: override for override in self.days}

    @cached_property
    def _schedules_by_year(self) -> dict[int, YearSchedule]:
        return {schedule.year: schedule for schedule in self.schedules}

    def override_for(self, day: dt.date) -> DayOverride | None:
        """The organisation's decision for `day`, if it made one."""
        return self._days_by_date.get(day)

    def schedule_for(self, year: int) -> YearSchedule | None:
        """The official schedule of `year` an administrator loaded, if any."""
        return self._schedules_by_year.get(year)

    def merged(self, other: OverrideTable) -> OverrideTable:
        """Both tables in one; a date or a year in both is refused, never silently chosen."""
        return OverrideTable(
            days=tuple(sorted((*self.days, *other.days), key=lambda override: override.day)),
            schedules=tuple(
                sorted((*self.schedules, *other.schedules), key=lambda schedule: schedule.year)
            ),
        )


_Key = TypeVar("_Key", bound=Hashable)


def _repeated(values: Sequence[_Key]) -> list[_Key]:
    """The values that occur more than once, each named once, in order of first repeat."""
    seen: set[_Key] = set()
    repeated: list[_Key] = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated
