"""The periodic job's question: must administrators load next year's schedule now?"""

from __future__ import annotations

import datetime as dt

import pytest

from fairscreen.domain import workdays
from tests.unit.workdays.factories import fictional_schedule

# Covered: 2039 and 2040 (contiguous), then a gap, then 2042.
CALENDAR = workdays.Calendar(
    official=(fictional_schedule(2039), fictional_schedule(2040), fictional_schedule(2042))
)


def test_the_days_left_run_to_the_first_date_without_data() -> None:
    assert workdays.days_until_calendar_runs_out(CALENDAR, today=dt.date(2040, 12, 31)) == 1
    assert workdays.days_until_calendar_runs_out(CALENDAR, today=dt.date(2040, 12, 1)) == 31
    assert workdays.days_until_calendar_runs_out(CALENDAR, today=dt.date(2039, 12, 31)) == 367


def test_a_later_year_does_not_bridge_a_gap() -> None:
    assert CALENDAR.covered_until() == dt.date(2042, 12, 31)
    assert workdays.days_until_calendar_runs_out(CALENDAR, today=dt.date(2040, 6, 1)) == 214


def test_a_day_without_data_has_no_days_left() -> None:
    assert workdays.days_until_calendar_runs_out(CALENDAR, today=dt.date(2041, 3, 1)) == 0


def test_the_warning_starts_thirty_days_before_the_calendar_runs_out() -> None:
    def warn(today: dt.date) -> bool:
        return workdays.needs_next_year_warning(CALENDAR, today=today)

    assert not warn(dt.date(2040, 12, 1))
    assert warn(dt.date(2040, 12, 2))
    assert warn(dt.date(2040, 12, 31))
    assert warn(dt.date(2041, 1, 5))
    assert workdays.DEFAULT_WARN_DAYS == 30


def test_the_warning_window_is_configurable_and_not_negative() -> None:
    today = dt.date(2040, 11, 1)
    assert not workdays.needs_next_year_warning(CALENDAR, today=today, warn_days=60)
    assert workdays.needs_next_year_warning(CALENDAR, today=today, warn_days=61)
    with pytest.raises(ValueError, match="warn_days"):
        workdays.needs_next_year_warning(CALENDAR, today=today, warn_days=-1)


def test_loading_next_year_silences_the_warning() -> None:
    today = dt.date(2040, 12, 15)
    loaded = CALENDAR.with_overrides(workdays.OverrideTable(schedules=(fictional_schedule(2041),)))
    assert workdays.needs_next_year_warning(CALENDAR, today=today)
    assert not workdays.needs_next_year_warning(loaded, today=today)
