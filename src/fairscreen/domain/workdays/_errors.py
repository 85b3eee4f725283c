"""Exceptions raised by the working-day calendar, each with a stable machine-readable `code`.

The edges (API, UI, CLI, jobs) map these once, keeping `code`. The most important one is
`CalendarNotAvailable`: a date in a year without an official schedule is refused, never
guessed, because guessing "weekends only" would be wrong on every 调休 day and every
statutory holiday, and a feedback deadline computed that way is a broken legal promise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from fairscreen.domain.workdays._problems import ScheduleProblem

__all__ = [
    "CalendarNotAvailable",
    "InvalidDateRange",
    "InvalidSchedule",
    "InvalidWorkingDayCount",
    "WorkdaysError",
]


class WorkdaysError(ValueError):
    """Base class of every refusal of the working-day calendar; `code` is stable forever."""

    code: ClassVar[str] = "workdays_error"


class CalendarNotAvailable(WorkdaysError):
    """The calendar has no official schedule for `year`.

    The State Council publishes each year's holiday schedule (国务院办公厅关于部分节假日安排
    的通知) in November of the year before; until it is loaded, working days of that year are
    unknown. The fix is an administrator action: load the schedule as an override, or
    upgrade the `chinesecalendar` package.
    """

    code = "calendar_not_available"

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"The working-day calendar has no official schedule for {year}: load the State "
            f"Council's {year} holiday schedule before computing working days in {year}."
        )


class InvalidWorkingDayCount(WorkdaysError):
    """ "n working days after D" needs n >= 1: zero or fewer is a bug in the caller."""

    code = "invalid_working_day_count"

    def __init__(self, count: object) -> None:
        self.count = count
        super().__init__(
            f"A number of working days must be a whole number of at least 1, not {count!r}."
        )


class InvalidDateRange(WorkdaysError):
    """A range (start, end] whose end lies before its start."""

    code = "invalid_date_range"

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.start = start
        self.end = end
        super().__init__(
            f"The range ({start.isoformat()}, {end.isoformat()}] ends before it starts."
        )


class InvalidSchedule(WorkdaysError):
    """A schedule text or an override table is malformed; `problems` lists every defect."""

    code = "invalid_schedule"

    def __init__(self, problems: Sequence[ScheduleProblem]) -> None:
        self.problems: tuple[ScheduleProblem, ...] = tuple(problems)
        summary = "; ".join(str(problem) for problem in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"The working-day schedule is invalid: {summary}{more}")
