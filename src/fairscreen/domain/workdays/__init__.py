"""The official Chinese working-day calendar: statutory holidays and adjusted workdays (调休).

The candidate is told the result and its reasons within 3 working days (结果反馈), counted
on the official calendar the State Council publishes each November for the next year. The
data comes from the maintained `chinesecalendar` package; an organisation's override table
adds the years an administrator loads before the package has them, and its own closures.
A date in a year without an official schedule raises `CalendarNotAvailable`: the calendar
never guesses that only weekends are rest days.

Pure: the standard library and `chinesecalendar` (pure Python, data only). See README.md.
"""

from __future__ import annotations

from fairscreen.domain.workdays._calendar import Calendar, DayKind, official_calendar
from fairscreen.domain.workdays._coverage import (
    DEFAULT_WARN_DAYS,
    days_until_calendar_runs_out,
    needs_next_year_warning,
)
from fairscreen.domain.workdays._errors import (
    CalendarNotAvailable,
    InvalidDateRange,
    InvalidSchedule,
    InvalidWorkingDayCount,
    WorkdaysError,
)
from fairscreen.domain.workdays._package import PACKAGE_NAME, package_schedules, package_version
from fairscreen.domain.workdays._parser import (
    KEYWORDS,
    MAX_RANGE_DAYS,
    parse_schedule,
    render_schedule,
)
from fairscreen.domain.workdays._problems import PROBLEM_CODES, ScheduleProblem
from fairscreen.domain.workdays._values import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    MAX_TEXT_LENGTH,
    DayOverride,
    OverrideTable,
    YearSchedule,
)

__all__ = [
    "DEFAULT_WARN_DAYS",
    "EARLIEST_YEAR",
    "KEYWORDS",
    "LATEST_YEAR",
    "MAX_RANGE_DAYS",
    "MAX_TEXT_LENGTH",
    "PACKAGE_NAME",
    "PROBLEM_CODES",
    "Calendar",
    "CalendarNotAvailable",
    "DayKind",
    "DayOverride",
    "InvalidDateRange",
    "InvalidSchedule",
    "InvalidWorkingDayCount",
    "OverrideTable",
    "ScheduleProblem",
    "WorkdaysError",
    "YearSchedule",
    "days_until_calendar_runs_out",
    "needs_next_year_warning",
    "official_calendar",
    "package_schedules",
    "package_version",
    "parse_schedule",
    "render_schedule",
]
