"""When the calendar runs out, and when administrators must be told.

The State Council publishes next year's schedule each November (the 2026 notice is dated
2025-11-04). From 1 January on, every deadline that crosses into a year without data fails
with `CalendarNotAvailable`, so a periodic job asks `needs_next_year_warning` every day and
warns administrators in December, while there is still time to upgrade the package or load
the notice as an override.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from fairscreen.domain.workdays._calendar import Calendar

__all__ = ["DEFAULT_WARN_DAYS", "days_until_calendar_runs_out", "needs_next_year_warning"]

# One month: enough for an administrator to act in December, after the November notice.
DEFAULT_WARN_DAYS: Final = 30


def days_until_calendar_runs_out(calendar: Calendar, *, today: dt.date) -> int:
    """Days from `today` to the first date without data on or after it (0: today has none).

    Coverage counts only the years without a gap from today: data for 2028 does not help a
    deadline that must cross 2027.
    """
    years = set(calendar.covered_years())
    if today.year not in years:
        return 0
    last_year = today.year
    while last_year + 1 in years:
        last_year += 1
    return (dt.date(last_year + 1, 1, 1) - today).days


def needs_next_year_warning(
    calendar: Calendar, *, today: dt.date, warn_days: int = DEFAULT_WARN_DAYS
) -> bool:
    """Whether the calendar runs out within `warn_days` days of `today` (or already has)."""
    if warn_days < 0:
        raise ValueError(f"warn_days must be 0 or more, not {warn_days}.")
    return days_until_calendar_runs_out(calendar, today=today) <= warn_days
