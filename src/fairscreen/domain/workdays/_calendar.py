"""The calendar: is a date a working day, and which date is n working days later.

Why it matters: the candidate must be told the result and the reasons within 3 working
days (结果反馈), counted on the official Chinese calendar, where a Saturday can be a working
day (调休上班) and a Wednesday a holiday. Deadlines, reminders and SLA reports all go through
`add_working_days` and `working_days_between`; none of them ever counts weekends instead.

Dates are calendar dates in the organisation's zone (default Asia/Shanghai). A `datetime`
is refused: times are stored in UTC, and 23:30 UTC is already tomorrow in Beijing, so the
caller converts first instead of the calendar guessing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from fairscreen.domain.workdays._errors import (
    CalendarNotAvailable,
    InvalidDateRange,
    InvalidSchedule,
    InvalidWorkingDayCount,
)
from fairscreen.domain.workdays._package import package_schedules
from fairscreen.domain.workdays._problems import ScheduleProblem
from fairscreen.domain.workdays._values import OverrideTable, YearSchedule, is_weekend

__all__ = ["Calendar", "DayKind", "official_calendar"]

_ONE_DAY = dt.timedelta(days=1)


class DayKind(StrEnum):
    """What a date is, and so why it is or is not a working day (shown to staff)."""

    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    ADJUSTED_WORKDAY = "adjusted_workday"
    ORGANISATION_CLOSURE = "organisation_closure"
    ORGANISATION_WORKDAY = "organisation_workday"

    @property
    def is_working(self) -> bool:
        """True for the kinds on which the clock of a working-day deadline runs."""
        return self in _WORKING_KINDS


_WORKING_KINDS = frozenset(
    {DayKind.WORKDAY, DayKind.ADJUSTED_WORKDAY, DayKind.ORGANISATION_WORKDAY}
)


@dataclass(frozen=True)
class Calendar:
    """The official schedules of the covered years, with an organisation's overrides on top.

    Precedence, per date: the organisation's day override; else the official schedule of
    the year (an administrator-loaded one replaces the package's); else Monday-Friday work.
    A date whose year has no official schedule raises `CalendarNotAvailable`.
    """

    official: tuple[YearSchedule, ...]
    overrides: OverrideTable = dataclasses.field(default_factory=OverrideTable)

    def __post_init__(self) -> None:
        years = [schedule.year for schedule in self.official]
        if len(set(years)) != len(years):
            raise InvalidSchedule(
                [ScheduleProblem("duplicate_year", "a year has more than one official schedule")]
            )
        if not years and not self.overrides.schedules:
            raise InvalidSchedule(
                [ScheduleProblem("empty_calendar", "the calendar has no official schedule")]
            )

    @cached_property
    def _schedules(self) -> dict[int, YearSchedule]:
        schedules = {schedule.year: schedule for schedule in self.official}
        schedules.update({schedule.year: schedule for schedule in self.overrides.schedules})
        return schedules

    def with_overrides(self, overrides: OverrideTable) -> Calendar:
        """The same official data under another organisation's overrides (replaced, not merged)."""
        return dataclasses.replace(self, overrides=overrides)

    def covered_years(self) -> tuple[int, ...]:
        """The years with an official schedule, ascending; only these have working days."""
        return tuple(sorted(self._schedules))

    def covered_until(self) -> dt.date:
        """The last date with data: 31 December of the latest covered year."""
        return dt.date(max(self._schedules), 12, 31)

    def schedule(self, year: int) -> YearSchedule:
        """The official schedule in force for `year`, or `CalendarNotAvailable`."""
        try:
            return self._schedules[year]
        except KeyError:
            raise CalendarNotAvailable(year) from None

    def kind_of_day(self, day: dt.date) -> DayKind:
        """What `day` is; raises `CalendarNotAvailable` if its year has no schedule."""
        schedule = self.schedule(_require_date(day).year)
        override = self.overrides.override_for(day)
        if override is not None:
            return (
                DayKind.ORGANISATION_WORKDAY if override.working else DayKind.ORGANISATION_CLOSURE
            )
        if day in schedule.holidays:
            return DayKind.HOLIDAY
        if day in schedule.workdays:
            return DayKind.ADJUSTED_WORKDAY
        return DayKind.WEEKEND if is_weekend(day) else DayKind.WORKDAY

    def is_working_day(self, day: dt.date) -> bool:
        """Whether a working-day deadline's clock runs on `day`."""
        return self.kind_of_day(day).is_working

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day strictly after `day`.

        "Within 3 working days" of a completed report on Wednesday 2026-09-30 is Saturday
        2026-10-10 (National Day runs Oct 1-7; Oct 10 is 调休上班). `day` itself never
        counts, whatever it is. Walking into a year without a schedule raises
        `CalendarNotAvailable` naming that year.
        """
        _require_date(day)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise InvalidWorkingDayCount(count)
        current = day
        remaining = count
        while remaining:
            current += _ONE_DAY
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days lie in (start, end]: the turnaround an SLA report shows.

        Consistent with `add_working_days`: `working_days_between(d, add_working_days(d, n))`
        is n. Raises `InvalidDateRange` if `end` is before `start`.
        """
        _require_date(start)
        _require_date(end)
        if end < start:
            raise InvalidDateRange(start, end)
        days = (start + dt.timedelta(days=offset) for offset in range(1, (end - start).days + 1))
        return sum(1 for day in days if self.is_working_day(day))


def official_calendar(*, overrides: OverrideTable | None = None) -> Calendar:
    """The calendar of the installed `chinesecalendar` release, with `overrides` on top."""
    return Calendar(
        official=package_schedules(),
        overrides=overrides if overrides is not None else OverrideTable(),
    )


def _require_date(day: object) -> dt.date:
    """A plain date: a datetime would compare unequal to every date in the schedules."""
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(
            f"Expected a date in the organisation's zone, not {type(day).__name__}: "
            "convert a UTC datetime to the local date first."
        )
    return day
