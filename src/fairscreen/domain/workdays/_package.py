"""The maintained source of the official calendar: PyPI's `chinesecalendar` (LKI/chinese-calendar).

Its maintainers transcribe each State Council notice (国务院办公厅关于 N 年部分节假日安排的
通知), which appears each November for the following year, into a new release. Release
1.11.0 covers 2004-2026; its 2026 data is the notice of 2025-11-04, and the tests check it
against the six adjusted workdays of that notice (Jan 4, Feb 14, Feb 28, May 9, Sep 20,
Oct 10).

This is the only module that touches the package. It reads the two raw tables (holidays,
and weekend days worked) and nothing else: the package's own `is_workday` would fall back
to weekdays for any date inside its year range, and its range check is the span of its
data, not a list of complete years. Everything the calendar decides is decided here, in
typed code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

# The package ships no type hints (no py.typed marker): it is read here, once, through
# typed functions that check every value, so nothing untyped leaks into the domain.
import chinese_calendar  # type: ignore[import-untyped]

from fairscreen.domain.workdays._values import YearSchedule

__all__ = ["PACKAGE_NAME", "package_schedules", "package_version"]

PACKAGE_NAME = "chinesecalendar"


def package_version() -> str:
    """The installed release, recorded as the source of every year it supplies."""
    return str(chinese_calendar.__version__)


@cache
def package_schedules() -> tuple[YearSchedule, ...]:
    """One `YearSchedule` per year the package has data for, in year order."""
    holidays = _dates(chinese_calendar.holidays, "holidays")
    workdays = _dates(chinese_calendar.workdays, "workdays")
    source = f"{PACKAGE_NAME} {package_version()} (State Council holiday notices)"
    years = sorted({day.year for day in holidays | workdays})
    return tuple(
        YearSchedule(
            year=year,
            holidays=frozenset(day for day in holidays if day.year == year),
            workdays=frozenset(day for day in workdays if day.year == year),
            source=source,
        )
        for year in years
    )


def _dates(table: object, name: str) -> frozenset[dt.date]:
    """The keys of one of the package's tables, refused if its layout ever changes."""
    if not isinstance(table, Iterable):
        raise TypeError(f"{PACKAGE_NAME}.{name} is no longer a table of dates.")
    days = frozenset(table)
    if not all(type(day) is dt.date for day in days):
        raise TypeError(f"{PACKAGE_NAME}.{name} holds something other than dates.")
    return days
