"""The official calendar from the `chinesecalendar` package, checked against the 2026 notice.

国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): New Year Jan 1-3, Spring Festival
Feb 15-23, Qingming Apr 4-6, Labour Day May 1-5, Dragon Boat Jun 19-21, Mid-Autumn
Sep 25-27, National Day Oct 1-7; worked weekend days Jan 4, Feb 14, Feb 28, May 9, Sep 20,
Oct 10.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fairscreen.domain import workdays
from tests.unit.workdays.factories import day

CALENDAR = workdays.official_calendar()

ADJUSTED_WORKDAYS_2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                          "2026-10-10"]  # fmt: skip
HOLIDAY_BLOCKS_2026 = [("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"),
                       ("2026-04-04", "2026-04-06"), ("2026-05-01", "2026-05-05"),
                       ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
                       ("2026-10-01", "2026-10-07")]  # fmt: skip


def days_of(first: str, last: str) -> set[dt.date]:
    start, end = day(first), day(last)
    return {start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)}


def test_the_package_covers_2004_to_at_least_2026() -> None:
    years = CALENDAR.covered_years()
    assert years[0] == 2004
    assert years == tuple(range(2004, years[-1] + 1))
    assert 2026 in years
    assert CALENDAR.covered_until() >= dt.date(2026, 12, 31)


def test_the_package_version_is_the_source_of_every_year() -> None:
    version = workdays.package_version()
    assert version.count(".") >= 1
    assert CALENDAR.schedule(2026).source.startswith(f"chinesecalendar {version}")


@pytest.mark.parametrize("text", ADJUSTED_WORKDAYS_2026)
def test_the_2026_adjusted_weekend_workdays_are_working_days(text: str) -> None:
    assert day(text).weekday() >= 5
    assert CALENDAR.is_working_day(day(text))
    assert CALENDAR.kind_of_day(day(text)) is workdays.DayKind.ADJUSTED_WORKDAY


def test_the_package_has_exactly_the_adjusted_workdays_of_the_2026_notice() -> None:
    assert CALENDAR.schedule(2026).workdays == {day(text) for text in ADJUSTED_WORKDAYS_2026}


def test_the_package_has_exactly_the_holidays_of_the_2026_notice() -> None:
    official = set().union(*(days_of(first, last) for first, last in HOLIDAY_BLOCKS_2026))
    assert CALENDAR.schedule(2026).holidays == official
    assert len(official) == 33


@pytest.mark.parametrize(
    "text",
    ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23",
     "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
)  # fmt: skip
def test_spring_festival_and_national_day_weekdays_are_not_working_days(text: str) -> None:
    assert day(text).weekday() < 5
    assert not CALENDAR.is_working_day(day(text))
    assert CALENDAR.kind_of_day(day(text)) is workdays.DayKind.HOLIDAY


def test_ordinary_days_follow_the_five_day_week() -> None:
    assert CALENDAR.kind_of_day(day("2026-03-10")) is workdays.DayKind.WORKDAY
    assert CALENDAR.kind_of_day(day("2026-03-14")) is workdays.DayKind.WEEKEND


def test_three_working_days_after_the_eve_of_national_day_is_the_adjusted_saturday() -> None:
    assert CALENDAR.add_working_days(day("2026-09-30"), 3) == day("2026-10-10")


def test_five_working_days_across_the_spring_festival_counts_the_adjusted_saturday() -> None:
    # Feb 13 (Fri), Feb 14 (Sat, worked), then the holiday Feb 15-23, then Feb 24, 25, 26.
    assert CALENDAR.add_working_days(day("2026-02-12"), 5) == day("2026-02-26")


def test_sla_turnaround_counts_working_days_after_the_start_up_to_the_end() -> None:
    assert CALENDAR.working_days_between(day("2026-09-30"), day("2026-10-10")) == 3
    assert CALENDAR.working_days_between(day("2026-02-12"), day("2026-02-26")) == 5
    assert CALENDAR.working_days_between(day("2026-10-01"), day("2026-10-07")) == 0
