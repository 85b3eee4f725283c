"""A strict parser for the schedule text an administrator loads, and its inverse.

Why text: the administrator copies the State Council notice into it line by line, and a
line-oriented format lets every error name the line to fix. Format (UTF-8, one entry per
line; blank lines and lines starting with `#` are ignored; keywords are lower case;
the dates below are invented for illustration):

    # 国务院办公厅关于2027年部分节假日安排的通知, published November 2026
    year 2027 国务院办公厅关于2027年部分节假日安排的通知
    holiday 2027-01-01..2027-01-03 元旦
    workday 2027-02-07 春节调休上班
    closed 2027-03-08 公司年会
    open 2027-10-08 年终盘点

- `year YYYY SOURCE`: the text holds the complete official schedule of YYYY, taken from
  the notice SOURCE (required). It makes YYYY covered and replaces the package's YYYY.
- `holiday DATES [NOTE]`: days off of YYYY's statutory holidays (a `year` line for the
  year is required; weekend days inside a holiday block may be listed or left out).
- `workday DATES [NOTE]`: a Saturday or Sunday worked in exchange (调休上班).
- `closed DATES NOTE`: an organisation closure; `open DATES NOTE`: a day the organisation
  works although the official calendar rests. The note is required (it is audited).

DATES is `YYYY-MM-DD` or an inclusive range `YYYY-MM-DD..YYYY-MM-DD` inside one year and
at most 31 days long. A date may appear once among the official lines and once among the
organisation lines. The note of a `holiday` or `workday` line is a comment for the reader.
Every problem is reported, with its line, in one `InvalidSchedule`; nothing is loaded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from fairscreen.domain.workdays._errors import InvalidSchedule
from fairscreen.domain.workdays._problems import ScheduleProblem
from fairscreen.domain.workdays._values import (
    DayOverride,
    OverrideTable,
    YearSchedule,
    is_weekend,
    text_problem,
    weekday_workday_problem,
    year_problem,
)

__all__ = ["KEYWORDS", "MAX_RANGE_DAYS", "parse_schedule", "render_schedule"]

KEYWORDS: Final = ("year", "holiday", "workday", "closed", "open")
# The longest official holiday block is 9 days; a longer range is usually a month typo.
MAX_RANGE_DAYS: Final = 31
_OFFICIAL: Final = frozenset({"holiday", "workday"})
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR: Final = re.compile(r"[0-9]{4}")
_DATES_HINT: Final = "YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD"


@dataclass(frozen=True)
class _Entry:
    line: int
    keyword: str
    days: tuple[dt.date, ...]
    note: str


@dataclass(frozen=True)
class _Declaration:
    line: int
    year: int
    source: str


def parse_schedule(text: str) -> OverrideTable:
    """The override table the text describes, or `InvalidSchedule` listing every problem."""
    reader = _Reader()
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        reader.read_line(number, line.strip())
    reader.check_across_lines()
    if reader.problems:
        raise InvalidSchedule(sorted(reader.problems, key=lambda problem: problem.line or 0))
    return reader.table()


def render_schedule(table: OverrideTable) -> str:
    """The text of `table` in the format above: `parse_schedule` reads it back unchanged."""
    lines = ["# fairscreen working-day schedule"]
    for schedule in sorted(table.schedules, key=lambda schedule: schedule.year):
        lines.append(f"year {schedule.year} {schedule.source}")
        lines += [f"holiday {day.isoformat()}" for day in sorted(schedule.holidays)]
        lines += [f"workday {day.isoformat()}" for day in sorted(schedule.workdays)]
    for override in sorted(table.days, key=lambda override: override.day):
        keyword = "open" if override.working else "closed"
        lines.append(f"{keyword} {override.day.isoformat()} {override.note}")
    return "\n".join(lines) + "\n"


class _Reader:
    """Reads line by line, recording a problem for each defect and keeping what is sound."""

    def __init__(self) -> None:
        self.problems: list[ScheduleProblem] = []
        self.declarations: list[_Declaration] = []
        self.entries: list[_Entry] = []

    def fail(self, line: int, code: str, message: str) -> None:
        self.problems.append(ScheduleProblem(code, message, line))

    def record(self, problem: ScheduleProblem | None) -> bool:
        """Records `problem` if there is one; True if there was."""
        if problem is not None:
            self.problems.append(problem)
        return problem is not None

    def read_line(self, number: int, line: str) -> None:
        if not line or line.startswith("#"):
            return
        keyword, argument, rest = [*line.split(maxsplit=2), "", ""][:3]
        if keyword not in KEYWORDS:
            self.fail(
                number,
                "unknown_keyword",
                f"unknown keyword {keyword!r} (expected one of: {', '.join(KEYWORDS)})",
            )
        elif keyword == "year":
            self.declare(number, argument, rest)
        else:
            self.enter(number, keyword, argument, rest)

    def declare(self, number: int, argument: str, source: str) -> None:
        if not _YEAR.fullmatch(argument):
            self.fail(number, "bad_year", f"'year' needs a four-digit year, not {argument!r}")
            return
        year = int(argument)
        what = f"the source notice of year {year}"
        self.record(text_problem(source, what, code="missing_source", line=number))
        # Kept even without a source, so its holiday lines are not also called undeclared.
        if not self.record(year_problem(year, number)):
            self.declarations.append(_Declaration(number, year, source))

    def enter(self, number: int, keyword: str, argument: str, note: str) -> None:
        if not argument:
            self.fail(number, "missing_date", f"{keyword!r} needs a date ({_DATES_HINT})")
            return
        days = self.days(number, argument)
        what = f"the note of '{keyword} {argument}'"
        if (note or keyword not in _OFFICIAL) and self.record(
            text_problem(note, what, code="missing_note", line=number)
        ):
            return
        if days is None:
            return
        if keyword == "workday":
            weekdays = [day for day in days if not is_weekend(day)]
            for day in weekdays:
                self.record(weekday_workday_problem(day, number))
            if weekdays:
                return
        self.entries.append(_Entry(number, keyword, days, note))

    def days(self, number: int, argument: str) -> tuple[dt.date, ...] | None:
        first_text, separator, last_text = argument.partition("..")
        first = self.date(number, first_text)
        last = self.date(number, last_text) if separator else first
        if first is None or last is None:
            return None
        span = (last - first).days + 1
        if span < 1:
            self.fail(number, "bad_range", f"the range {argument} ends before it starts")
        elif first.year != last.year:
            self.fail(number, "range_crosses_year", f"the range {argument} crosses a new year")
        elif span > MAX_RANGE_DAYS:
            self.fail(
                number,
                "range_too_long",
                f"the range {argument} spans {span} days; at most {MAX_RANGE_DAYS} are allowed",
            )
        else:
            return tuple(first + dt.timedelta(days=offset) for offset in range(span))
        return None

    def date(self, number: int, text: str) -> dt.date | None:
        if not _DATE.fullmatch(text):
            self.fail(number, "bad_date", f"{text!r} is not a date ({_DATES_HINT})")
            return None
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            self.fail(number, "bad_date", f"{text!r} is not a real date")
            return None
        return None if self.record(year_problem(day.year, number)) else day

    def check_across_lines(self) -> None:
        if not self.entries and not self.declarations and not self.problems:
            self.problems.append(ScheduleProblem("empty_schedule", "the schedule has no entry"))
        declared: dict[int, int] = {}
        for declaration in self.declarations:
            if declaration.year in declared:
                self.fail(
                    declaration.line,
                    "duplicate_year",
                    f"year {declaration.year} is declared twice (first on line "
                    f"{declared[declaration.year]})",
                )
            declared.setdefault(declaration.year, declaration.line)
        self.check_official_years(declared)
        self.check_repeats(official=True)
        self.check_repeats(official=False)

    def check_official_years(self, declared: dict[int, int]) -> None:
        with_holidays: set[int] = set()
        for entry in self.entries:
            if entry.keyword not in _OFFICIAL:
                continue
            year = entry.days[0].year
            if entry.keyword == "holiday":
                with_holidays.add(year)
            if year not in declared:
                self.fail(
                    entry.line,
                    "undeclared_year",
                    f"'{entry.keyword}' needs a 'year {year} <notice>' line with the whole "
                    f"official schedule of {year}; write 'closed' or 'open' for an "
                    "organisation's own day",
                )
        for year, line in declared.items():
            if year not in with_holidays:
                self.fail(line, "year_without_holidays", f"no 'holiday' line lists a day of {year}")

    def check_repeats(self, *, official: bool) -> None:
        first_line: dict[dt.date, int] = {}
        for entry in self.entries:
            if (entry.keyword in _OFFICIAL) != official:
                continue
            for day in entry.days:
                if day in first_line:
                    self.fail(
                        entry.line,
                        "duplicate_date",
                        f"{day} is listed twice (first on line {first_line[day]})",
                    )
                first_line.setdefault(day, entry.line)

    def table(self) -> OverrideTable:
        schedules = tuple(
            YearSchedule(
                year=declaration.year,
                holidays=self.official_days("holiday", declaration.year),
                workdays=self.official_days("workday", declaration.year),
                source=declaration.source,
            )
            for declaration in sorted(self.declarations, key=lambda declaration: declaration.year)
        )
        days = tuple(
            DayOverride(day=day, working=entry.keyword == "open", note=entry.note)
            for entry in self.entries
            if entry.keyword not in _OFFICIAL
            for day in entry.days
        )
        return OverrideTable(
            days=tuple(sorted(days, key=lambda override: override.day)), schedules=schedules
        )

    def official_days(self, keyword: str, year: int) -> frozenset[dt.date]:
        return frozenset(
            day
            for entry in self.entries
            if entry.keyword == keyword and entry.days[0].year == year
            for day in entry.days
        )
