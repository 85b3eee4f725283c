"""The calendar refuses instead of guessing: uncovered years, bad counts, datetimes."""

from __future__ import annotations

import datetime as dt

import pytest

from fairscreen.domain import workdays
from tests.unit.workdays.factories import FICTIONAL_YEAR, day, fictional_schedule

CALENDAR = workdays.official_calendar()
FIRST_UNCOVERED = CALENDAR.covered_years()[-1] + 1


def test_a_date_in_a_year_without_data_raises_naming_the_year() -> None:
    with pytest.raises(workdays.CalendarNotAvailable) as caught:
        CALENDAR.is_working_day(dt.date(FIRST_UNCOVERED, 3, 10))
    assert caught.value.year == FIRST_UNCOVERED
    assert caught.value.code == "calendar_not_available"
    assert str(FIRST_UNCOVERED) in str(caught.value)


def test_a_year_before_the_data_raises_too() -> None:
    with pytest.raises(workdays.CalendarNotAvailable) as caught:
        CALENDAR.kind_of_day(day("2003-06-02"))
    assert caught.value.year == 2003


def test_walking_into_a_year_without_data_raises_instead_of_counting_weekdays() -> None:
    last_day = dt.date(FIRST_UNCOVERED - 1, 12, 31)
    with pytest.raises(workdays.CalendarNotAvailable) as caught:
        CALENDAR.add_working_days(last_day - dt.timedelta(days=3), 5)
    assert caught.value.year == FIRST_UNCOVERED


def test_counting_into_a_year_without_data_raises() -> None:
    last_day = dt.date(FIRST_UNCOVERED - 1, 12, 31)
    with pytest.raises(workdays.CalendarNotAvailable):
        CALENDAR.working_days_between(last_day, last_day + dt.timedelta(days=1))


def test_the_start_day_itself_needs_no_data() -> None:
    assert CALENDAR.add_working_days(day("2003-12-31"), 1) == day("2004-01-02")
    assert CALENDAR.working_days_between(day("2003-12-31"), day("2004-01-02")) == 1


@pytest.mark.parametrize("count", [0, -1, -30, True, 2.0])
def test_a_count_below_one_or_not_a_whole_number_is_refused(count: object) -> None:
    with pytest.raises(workdays.InvalidWorkingDayCount) as caught:
        CALENDAR.add_working_days(day("2026-03-10"), count)  # type: ignore[arg-type]
    assert caught.value.code == "invalid_working_day_count"


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(workdays.InvalidDateRange):
        CALENDAR.working_days_between(day("2026-03-10"), day("2026-03-09"))
    assert CALENDAR.working_days_between(day("2026-03-10"), day("2026-03-10")) == 0


def test_a_datetime_is_refused_because_its_date_depends_on_the_zone() -> None:
    moment = dt.datetime(2026, 9, 30, 23, 30, tzinfo=dt.UTC)
    with pytest.raises(TypeError, match="local date"):
        CALENDAR.is_working_day(moment)
    with pytest.raises(TypeError):
        CALENDAR.add_working_days(moment, 3)


def test_every_error_is_a_workdays_error_and_a_value_error() -> None:
    for error in (workdays.CalendarNotAvailable(2030), workdays.InvalidWorkingDayCount(0)):
        assert isinstance(error, workdays.WorkdaysError)
        assert isinstance(error, ValueError)


def test_a_calendar_needs_at_least_one_official_year() -> None:
    with pytest.raises(workdays.InvalidSchedule) as caught:
        workdays.Calendar(official=())
    assert [problem.code for problem in caught.value.problems] == ["empty_calendar"]


def test_a_calendar_refuses_two_official_schedules_for_one_year() -> None:
    with pytest.raises(workdays.InvalidSchedule):
        workdays.Calendar(official=(fictional_schedule(), fictional_schedule()))


def test_a_calendar_can_be_built_from_loaded_schedules_alone() -> None:
    loaded = workdays.OverrideTable(schedules=(fictional_schedule(),))
    calendar = workdays.Calendar(official=(), overrides=loaded)
    assert calendar.covered_years() == (FICTIONAL_YEAR,)
    assert calendar.covered_until() == dt.date(FICTIONAL_YEAR, 12, 31)
    assert not calendar.is_working_day(dt.date(FICTIONAL_YEAR, 1, 1))
