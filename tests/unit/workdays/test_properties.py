"""Invariants of the calendar, for any date, any count and any organisation overrides."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain import workdays
from tests.unit.workdays.factories import FICTIONAL_SOURCE

OFFICIAL = workdays.official_calendar()
# Far enough from the end of the data (2026-12-31) that 121 working days or 120 calendar
# days plus the next working day never run out of it.
starts = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 3, 31))
counts = st.integers(min_value=1, max_value=60)


@st.composite
def calendars(draw: st.DrawFn) -> workdays.Calendar:
    """The official calendar under a random table of closures and organisation workdays."""
    days = draw(st.lists(st.dates(dt.date(2004, 1, 1), dt.date(2026, 12, 31)), unique=True,
                         max_size=40))  # fmt: skip
    overrides = tuple(
        workdays.DayOverride(day=day, working=draw(st.booleans()), note="测试")
        for day in sorted(days)
    )
    return OFFICIAL.with_overrides(workdays.OverrideTable(days=overrides))


@given(calendars(), starts, counts)
def test_n_working_days_after_d_is_the_nth_working_day_strictly_after_d(
    calendar: workdays.Calendar, start: dt.date, count: int
) -> None:
    result = calendar.add_working_days(start, count)
    assert result > start
    assert calendar.is_working_day(result)
    assert calendar.working_days_between(start, result) == count
    assert calendar.working_days_between(start, result - dt.timedelta(days=1)) == count - 1


@given(calendars(), starts, counts)
def test_more_working_days_land_strictly_later(
    calendar: workdays.Calendar, start: dt.date, count: int
) -> None:
    assert calendar.add_working_days(start, count) < calendar.add_working_days(start, count + 1)


@given(calendars(), starts, counts)
def test_adding_is_composable(calendar: workdays.Calendar, start: dt.date, count: int) -> None:
    halfway = calendar.add_working_days(start, count)
    assert calendar.add_working_days(halfway, count) == calendar.add_working_days(start, 2 * count)


@given(calendars(), starts, st.integers(min_value=0, max_value=120))
def test_the_count_between_two_dates_agrees_with_adding(
    calendar: workdays.Calendar, start: dt.date, span: int
) -> None:
    end = start + dt.timedelta(days=span)
    between = calendar.working_days_between(start, end)
    assert 0 <= between <= span
    if between:
        assert calendar.add_working_days(start, between) <= end
    assert calendar.add_working_days(start, between + 1) > end


@given(starts, st.integers(0, 60), st.integers(0, 60))
def test_counts_over_adjacent_ranges_add_up(start: dt.date, first: int, second: int) -> None:
    middle = start + dt.timedelta(days=first)
    end = middle + dt.timedelta(days=second)
    assert OFFICIAL.working_days_between(start, middle) + OFFICIAL.working_days_between(
        middle, end
    ) == OFFICIAL.working_days_between(start, end)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_date_is_answered_exactly_when_its_year_is_covered(day: dt.date) -> None:
    if day.year in OFFICIAL.covered_years():
        assert isinstance(OFFICIAL.is_working_day(day), bool)
        return
    with pytest.raises(workdays.CalendarNotAvailable) as caught:
        OFFICIAL.is_working_day(day)
    assert caught.value.year == day.year


@given(st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_an_ordinary_day_of_the_official_calendar_follows_its_kind(day: dt.date) -> None:
    kind = OFFICIAL.kind_of_day(day)
    assert kind.is_working == OFFICIAL.is_working_day(day)
    if kind in {workdays.DayKind.WEEKEND, workdays.DayKind.ADJUSTED_WORKDAY}:
        assert day.weekday() >= 5
    if kind is workdays.DayKind.WORKDAY:
        assert day.weekday() < 5


@st.composite
def override_tables(draw: st.DrawFn) -> workdays.OverrideTable:
    year = draw(st.integers(workdays.EARLIEST_YEAR, workdays.LATEST_YEAR))
    in_year = st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))
    holidays = draw(st.frozensets(in_year, min_size=1, max_size=20))
    weekend = in_year.filter(lambda day: day.weekday() >= 5 and day not in holidays)
    schedule = workdays.YearSchedule(
        year=year, holidays=holidays, workdays=draw(st.frozensets(weekend, max_size=5)),
        source=FICTIONAL_SOURCE,
    )  # fmt: skip
    notes = st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=30)
    days = draw(st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2199, 12, 31)), unique=True))
    overrides = tuple(
        workdays.DayOverride(day=day, working=draw(st.booleans()), note=draw(notes).strip() or "x")
        for day in sorted(days)
    )
    return workdays.OverrideTable(days=overrides, schedules=(schedule,))


@given(override_tables())
def test_every_table_survives_rendering_and_parsing(table: workdays.OverrideTable) -> None:
    assert workdays.parse_schedule(workdays.render_schedule(table)) == table


lines = st.one_of(
    st.text(max_size=40),
    st.builds(
        " ".join,
        st.lists(
            st.one_of(
                st.sampled_from([*workdays.KEYWORDS, "2040", "2040-01-01", "2040-01-07..2040-01-08",
                                 "2041-02-30", "..", "说明"]),
                st.text(max_size=12),
            ),
            max_size=4,
        ),
    ),
)  # fmt: skip


def parse_or_refusal(text: str) -> workdays.OverrideTable | workdays.InvalidSchedule:
    try:
        return workdays.parse_schedule(text)
    except workdays.InvalidSchedule as refusal:
        return refusal


@given(st.lists(lines, max_size=8).map("\n".join))
def test_the_parser_answers_any_text_with_a_table_or_an_invalid_schedule(text: str) -> None:
    outcome = parse_or_refusal(text)
    if isinstance(outcome, workdays.InvalidSchedule):
        assert outcome.problems
        assert all(problem.code in workdays.PROBLEM_CODES for problem in outcome.problems)
    else:
        assert outcome.days or outcome.schedules
