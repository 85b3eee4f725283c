"""An organisation's override table wins over the package, and cannot hide a missing year."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from fairscreen.domain import workdays
from tests.unit.workdays.factories import (
    FICTIONAL_SOURCE,
    FICTIONAL_YEAR,
    closure,
    day,
    fictional_schedule,
    opening,
)

OFFICIAL = workdays.official_calendar()
Kind = workdays.DayKind


def test_an_organisation_closure_wins_over_an_official_working_day() -> None:
    calendar = OFFICIAL.with_overrides(workdays.OverrideTable(days=(closure("2026-03-10"),)))
    assert OFFICIAL.is_working_day(day("2026-03-10"))
    assert not calendar.is_working_day(day("2026-03-10"))
    assert calendar.kind_of_day(day("2026-03-10")) is Kind.ORGANISATION_CLOSURE


def test_an_organisation_workday_wins_over_an_official_holiday() -> None:
    calendar = OFFICIAL.with_overrides(workdays.OverrideTable(days=(opening("2026-10-05"),)))
    assert calendar.kind_of_day(day("2026-10-05")) is Kind.ORGANISATION_WORKDAY
    assert calendar.add_working_days(day("2026-09-30"), 3) == day("2026-10-09")


def test_a_closure_on_an_adjusted_saturday_moves_the_deadline() -> None:
    calendar = OFFICIAL.with_overrides(workdays.OverrideTable(days=(closure("2026-10-10"),)))
    assert calendar.add_working_days(day("2026-09-30"), 3) == day("2026-10-12")


def test_a_loaded_schedule_replaces_the_package_schedule_of_that_year() -> None:
    package_2026 = OFFICIAL.schedule(2026)
    corrected = dataclasses.replace(
        package_2026, holidays=package_2026.holidays | {day("2026-10-08")}, source="更正 (test)"
    )
    calendar = OFFICIAL.with_overrides(workdays.OverrideTable(schedules=(corrected,)))
    assert calendar.schedule(2026) is corrected
    assert calendar.kind_of_day(day("2026-10-08")) is Kind.HOLIDAY
    assert calendar.add_working_days(day("2026-09-30"), 3) == day("2026-10-12")


def test_a_loaded_schedule_extends_coverage_to_its_year() -> None:
    calendar = OFFICIAL.with_overrides(workdays.OverrideTable(schedules=(fictional_schedule(),)))
    assert FICTIONAL_YEAR in calendar.covered_years()
    assert calendar.covered_until() == dt.date(FICTIONAL_YEAR, 12, 31)
    assert not calendar.is_working_day(dt.date(FICTIONAL_YEAR, 1, 1))
    with pytest.raises(workdays.CalendarNotAvailable) as caught:
        calendar.is_working_day(dt.date(FICTIONAL_YEAR - 1, 6, 1))
    assert caught.value.year == FICTIONAL_YEAR - 1


def test_a_day_override_alone_never_makes_a_year_covered() -> None:
    calendar = OFFICIAL.with_overrides(workdays.OverrideTable(days=(closure("2040-02-01"),)))
    assert FICTIONAL_YEAR not in calendar.covered_years()
    with pytest.raises(workdays.CalendarNotAvailable):
        calendar.is_working_day(day("2040-02-01"))


def test_with_overrides_replaces_the_table_and_leaves_the_original_unchanged() -> None:
    first = OFFICIAL.with_overrides(workdays.OverrideTable(days=(closure("2026-03-10"),)))
    second = first.with_overrides(workdays.OverrideTable())
    assert second.is_working_day(day("2026-03-10"))
    assert not first.is_working_day(day("2026-03-10"))


def test_merging_two_tables_refuses_a_date_or_a_year_in_both() -> None:
    closures = workdays.OverrideTable(days=(closure("2026-03-10"),))
    loaded = workdays.OverrideTable(schedules=(fictional_schedule(),))
    merged = closures.merged(loaded)
    assert merged.override_for(day("2026-03-10")) == closure("2026-03-10")
    assert merged.schedule_for(FICTIONAL_YEAR) == fictional_schedule()
    with pytest.raises(workdays.InvalidSchedule) as caught:
        merged.merged(workdays.OverrideTable(days=(opening("2026-03-10"),)))
    assert [problem.code for problem in caught.value.problems] == ["duplicate_date"]
    with pytest.raises(workdays.InvalidSchedule):
        merged.merged(loaded)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"holidays": frozenset({day("2041-01-01")})}, "date_outside_year"),
        ({"workdays": frozenset({day("2040-01-01")})}, "conflicting_date"),
        ({"workdays": frozenset({day("2040-01-04")})}, "workday_not_on_weekend"),
        ({"holidays": frozenset()}, "year_without_holidays"),
        ({"source": "  "}, "missing_source"),
        ({"source": "第一行\n第二行"}, "bad_text"),
        ({"source": "x" * 201}, "text_too_long"),
        ({"year": 2207, "holidays": frozenset({day("2207-01-01")})}, "bad_year"),
    ],
)
def test_a_year_schedule_refuses_what_no_notice_could_say(
    changes: dict[str, object], code: str
) -> None:
    fields: dict[str, object] = {
        "year": FICTIONAL_YEAR,
        "holidays": frozenset({day("2040-01-01")}),
        "workdays": frozenset(),
        "source": FICTIONAL_SOURCE,
    } | changes
    with pytest.raises(workdays.InvalidSchedule) as caught:
        workdays.YearSchedule(**fields)  # type: ignore[arg-type]
    assert code in [problem.code for problem in caught.value.problems]
    assert all(problem.line is None for problem in caught.value.problems)


@pytest.mark.parametrize(("note", "code"), [("", "missing_note"), (" 年会", "bad_text"),
                                            ("年会\u2028", "bad_text")])  # fmt: skip
def test_a_day_override_needs_a_one_line_note(note: str, code: str) -> None:
    with pytest.raises(workdays.InvalidSchedule) as caught:
        workdays.DayOverride(day=day("2026-03-10"), working=False, note=note)
    assert [problem.code for problem in caught.value.problems] == [code]
