"""The schedule text an administrator loads: read strictly, every problem named by line."""

from __future__ import annotations

import pytest

from fairscreen.domain import workdays
from tests.unit.workdays.factories import (
    FICTIONAL_SCHEDULE_TEXT,
    FICTIONAL_SOURCE,
    FICTIONAL_YEAR,
    closure,
    day,
    opening,
)

OFFICIAL = workdays.official_calendar()
HEADER = f"year {FICTIONAL_YEAR} {FICTIONAL_SOURCE}\nholiday 2040-01-01\n"


def problems(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(workdays.InvalidSchedule) as caught:
        workdays.parse_schedule(text)
    assert caught.value.code == "invalid_schedule"
    return [(problem.line, problem.code) for problem in caught.value.problems]


def only_problem(text: str) -> workdays.ScheduleProblem:
    with pytest.raises(workdays.InvalidSchedule) as caught:
        workdays.parse_schedule(text)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


def test_a_schedule_text_becomes_an_override_table() -> None:
    table = workdays.parse_schedule(FICTIONAL_SCHEDULE_TEXT)
    schedule = table.schedule_for(FICTIONAL_YEAR)
    assert schedule is not None
    assert schedule.source == FICTIONAL_SOURCE
    assert schedule.holidays == {day("2040-01-01"), day("2040-01-02"), day("2040-01-03")}
    assert schedule.workdays == {day("2040-01-07")}
    assert table.days == (opening("2040-01-02"), closure("2040-02-01"))


def test_a_loaded_schedule_makes_its_year_usable_with_the_organisation_days_on_top() -> None:
    calendar = OFFICIAL.with_overrides(workdays.parse_schedule(FICTIONAL_SCHEDULE_TEXT))
    kinds = [calendar.kind_of_day(day(f"2040-01-0{number}")).value for number in range(1, 8)]
    assert kinds == ["holiday", "organisation_workday", "holiday", "workday", "workday",
                     "workday", "adjusted_workday"]  # fmt: skip
    assert not calendar.is_working_day(day("2040-02-01"))


def test_windows_line_endings_a_byte_order_mark_and_comments_are_accepted() -> None:
    text = "\ufeff# 注释\r\n\r\n" + FICTIONAL_SCHEDULE_TEXT.replace("\n", "\r\n")
    assert workdays.parse_schedule(text) == workdays.parse_schedule(FICTIONAL_SCHEDULE_TEXT)


def test_organisation_days_need_no_official_year() -> None:
    table = workdays.parse_schedule("closed 2026-03-09..2026-03-10 测试公司年会\n")
    assert table.schedules == ()
    assert [override.day for override in table.days] == [day("2026-03-09"), day("2026-03-10")]


@pytest.mark.parametrize(
    ("line", "code", "says"),
    [
        ("holliday 2040-01-02", "unknown_keyword", "'holliday'"),
        ("Holiday 2040-01-02", "unknown_keyword", "expected one of: year, holiday"),
        ("holiday", "missing_date", "needs a date"),
        ("holiday 2040/01/02", "bad_date", "'2040/01/02' is not a date"),
        ("holiday 2040-02-30", "bad_date", "'2040-02-30' is not a real date"),
        ("holiday 2040-01-05..2040-01-04", "bad_range", "ends before it starts"),
        ("closed 2040-12-31..2041-01-01 年会", "range_crosses_year", "crosses a new year"),
        ("holiday 2040-01-05..2040-03-01", "range_too_long", "spans 57 days"),
        ("workday 2040-01-04", "workday_not_on_weekend", "2040-01-04 is a Wednesday"),
        ("closed 2040-02-01", "missing_note", "the note of 'closed 2040-02-01' is missing"),
        ("open 2040-02-01 " + "x" * 201, "text_too_long", "longer than 200"),
        (
            "holiday 2040-01-01 again",
            "duplicate_date",
            "2040-01-01 is listed twice (first on line 2)",
        ),
        ("workday 2040-01-06..2040-01-07", "workday_not_on_weekend", "2040-01-06 is a Friday"),
        (f"year {FICTIONAL_YEAR} again", "duplicate_year", "declared twice (first on line 1)"),
        ("year 27 通知", "bad_year", "four-digit year, not '27'"),
        ("year 2207 通知", "bad_year", "outside 2000-2199"),
        ("holiday 1999-10-01", "bad_year", "year 1999"),
        ("holiday 2041-01-01", "undeclared_year", "'year 2041 <notice>'"),
    ],
)
def test_a_malformed_line_is_refused_with_its_line_and_reason(
    line: str, code: str, says: str
) -> None:
    problem = only_problem(HEADER + "\n" + line + "\n")
    assert (problem.line, problem.code) == (4, code)
    assert says in problem.message
    assert str(problem).startswith("line 4: ")


def test_a_sunday_listed_as_holiday_and_workday_is_a_repeat() -> None:
    # Sunday 2040-01-01 may be an adjusted workday; listing it as both is the error.
    assert problems(HEADER + "workday 2040-01-01\n") == [(3, "duplicate_date")]


def test_a_year_without_a_source_or_without_holidays_is_refused() -> None:
    assert problems("year 2040\nholiday 2040-01-01\n") == [(1, "missing_source")]
    assert problems("year 2040 测试通知\nworkday 2040-01-07\n") == [(1, "year_without_holidays")]


def test_a_date_may_be_official_and_organisation_at_once_but_not_twice_in_either() -> None:
    workdays.parse_schedule(HEADER + "open 2040-01-01 测试盘点日\n")
    assert problems("closed 2026-03-10 a\nopen 2026-03-09..2026-03-11 b\n") == [
        (2, "duplicate_date")
    ]


def test_an_empty_text_is_refused() -> None:
    assert problems("") == [(None, "empty_schedule")]
    assert problems("# only a comment\n\n") == [(None, "empty_schedule")]


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    text = "\n".join(
        [
            "year 2040 测试通知",
            "holiday 2040-01-01",
            "holiday 2040-13-01",
            "workday 2040-01-04",
            "closed 2040-02-01",
            "holliday 2040-01-02",
            "holiday 2041-05-01",
        ]
    )
    assert problems(text) == [(3, "bad_date"), (4, "workday_not_on_weekend"), (5, "missing_note"),
                              (6, "unknown_keyword"), (7, "undeclared_year")]  # fmt: skip


def test_a_rejected_schedule_leaves_the_calendar_as_it_was() -> None:
    calendar = OFFICIAL.with_overrides(workdays.parse_schedule(FICTIONAL_SCHEDULE_TEXT))
    before = (calendar.covered_years(), calendar.overrides)
    with pytest.raises(workdays.InvalidSchedule):
        calendar = calendar.with_overrides(workdays.parse_schedule(FICTIONAL_SCHEDULE_TEXT + "x\n"))
    assert (calendar.covered_years(), calendar.overrides) == before


def test_a_rendered_table_reads_back_unchanged() -> None:
    table = workdays.parse_schedule(FICTIONAL_SCHEDULE_TEXT)
    text = workdays.render_schedule(table)
    assert "holiday 2040-01-02\n" in text
    assert workdays.parse_schedule(text) == table
