"""What can be wrong with a schedule or an override table, each problem with a stable code.

An administrator types next year's schedule from the State Council notice by hand; a typo
there silently moves every candidate's feedback deadline. So every defect is reported at
once, with the line it is on, and nothing is loaded until the text is clean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["PROBLEM_CODES", "ScheduleProblem"]

PROBLEM_CODES: Final = frozenset(
    {
        "bad_date",
        "bad_range",
        "bad_text",
        "bad_year",
        "conflicting_date",
        "date_outside_year",
        "duplicate_date",
        "duplicate_year",
        "empty_calendar",
        "empty_schedule",
        "missing_date",
        "missing_note",
        "missing_source",
        "range_crosses_year",
        "range_too_long",
        "text_too_long",
        "undeclared_year",
        "unknown_keyword",
        "workday_not_on_weekend",
        "year_without_holidays",
    }
)


@dataclass(frozen=True)
class ScheduleProblem:
    """One defect: `line` is the 1-based line of the schedule text, or None for a value
    built in code; `code` is one of `PROBLEM_CODES`; `message` says what to fix."""

    code: str
    message: str
    line: int | None = None

    def __post_init__(self) -> None:
        if self.code not in PROBLEM_CODES:
            raise ValueError(f"Unknown schedule problem code {self.code!r}.")

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"
