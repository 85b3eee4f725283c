"""Fictional schedules for the working-day tests.

The year 2040 is far beyond any release of the package, so these tests keep their meaning
when the package gains new years. Its schedule is invented: visibly fictional test data.
"""

from __future__ import annotations

import datetime as dt

from fairscreen.domain import workdays

FICTIONAL_YEAR = 2040
FICTIONAL_SOURCE = "测试用虚构通知 (fictional test notice)"

# 2040-01-01 is a Sunday: a fictional New Year block Sun-Tue, Saturday Jan 7 worked instead.
FICTIONAL_SCHEDULE_TEXT = f"""\
# fictional schedule for tests
year {FICTIONAL_YEAR} {FICTIONAL_SOURCE}
holiday 2040-01-01..2040-01-03 元旦 (fictional)
workday 2040-01-07 元旦调休上班 (fictional)
closed 2040-02-01 测试公司年会
open 2040-01-02 测试盘点日
"""


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def fictional_schedule(year: int = FICTIONAL_YEAR) -> workdays.YearSchedule:
    """A minimal valid schedule: New Year's Day off, no adjusted workday."""
    return workdays.YearSchedule(
        year=year,
        holidays=frozenset({dt.date(year, 1, 1)}),
        workdays=frozenset(),
        source=FICTIONAL_SOURCE,
    )


def closure(text: str, note: str = "测试公司年会") -> workdays.DayOverride:
    return workdays.DayOverride(day=day(text), working=False, note=note)


def opening(text: str, note: str = "测试盘点日") -> workdays.DayOverride:
    return workdays.DayOverride(day=day(text), working=True, note=note)
