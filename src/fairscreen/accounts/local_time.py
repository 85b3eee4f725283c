"""The organisation's calendar day: "today" where the organisation is, wherever the code runs.

Deadlines in working days (the candidate's response window, the 3-day feedback clock, a
report's validity) are counted in the organisation's own days (DESIGN.md: times stored in
UTC, shown in the organisation's zone). The web UI activates that zone per request, but the
API, the jobs and the signals do not, so every "today" is computed here from the
organisation itself, never from whatever zone happens to be active.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils import timezone

from fairscreen.accounts.models import Organisation

__all__ = ["organisation_date", "organisation_today"]


def organisation_today(organisation: Organisation) -> date:
    """Today's date in the organisation's time zone (e.g. still the 9th in Los Angeles at
    03:00 UTC on the 10th)."""
    return timezone.localdate(timezone=_zone(organisation.time_zone))


def organisation_date(organisation: Organisation, instant: datetime) -> date:
    """The organisation's calendar day of a stored (UTC) instant."""
    return timezone.localdate(instant, _zone(organisation.time_zone))


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
