"""When a candidate's data is due for destruction (PIPL Arts. 19, 47). Pure.

A candidate's data goes when every screening of theirs is closed and the latest of their
retention deadlines has passed:

- a screening whose consent was **withdrawn** closes at the withdrawal, and its data is due
  `days_after_withdrawal` later (default 0: the next daily sweep; PIPL Art. 15, 47);
- one the candidate **declined**, or never answered (never invited, its invitation revoked,
  or expired unused), closes then and is due `days_after_no_consent` later;
- one that ran closes when its decision became **final**, and is due after the retention
  period **the candidate was told in the notice** (`retention_months`, the promise pinned
  in the screening); one that ran but was never decided **lapses** (its report expired, or
  its checks never finished) and is kept for the same promised months;
- one still in progress is not closed: nothing of that candidate is due yet.

Which screening counts as what is read from the database by `fairscreen.retention.schedule`.
A candidate with no screening is due `days_after_no_consent` after being registered.
The reason recorded in the destruction certificate is `consent_withdrawn` when every
closure was a withdrawal, `retention_expired` otherwise.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = ["Closure", "Due", "DueReason", "RetentionRules", "ScreeningFacts", "add_months", "due"]


class Closure(StrEnum):
    """How a screening ended; every kind but `OPEN` starts a retention deadline."""

    WITHDRAWN = "withdrawn"  # the candidate withdrew consent
    NO_CONSENT = "no_consent"  # declined, or never consented (no usable invitation)
    DECIDED = "decided"  # the decision became final
    LAPSED = "lapsed"  # consented but never decided: the report expired or never came
    OPEN = "open"  # still in progress: consent pending, checks, a decision, a dispute


class DueReason(StrEnum):
    CONSENT_WITHDRAWN = "consent_withdrawn"
    RETENTION_EXPIRED = "retention_expired"


@dataclass(frozen=True, slots=True)
class ScreeningFacts:
    """How one screening ended (or that it has not), and the retention it promised."""

    closure: Closure
    closed_on: date | None
    retention_months: int


@dataclass(frozen=True, slots=True)
class RetentionRules:
    days_after_withdrawal: int = 0
    days_after_no_consent: int = 30


@dataclass(frozen=True, slots=True)
class Due:
    due_on: date
    reason: DueReason


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due(
    screenings: Sequence[ScreeningFacts], *, registered_on: date, rules: RetentionRules
) -> Due | None:
    """When the candidate's data is due (see the module docstring); None while any is open."""
    if not screenings:
        return Due(
            registered_on + timedelta(days=rules.days_after_no_consent), DueReason.RETENTION_EXPIRED
        )
    deadlines = []
    for facts in screenings:
        if facts.closure is Closure.OPEN or facts.closed_on is None:
            return None
        deadlines.append(_deadline(facts, rules))
    withdrawn_only = all(facts.closure is Closure.WITHDRAWN for facts in screenings)
    reason = DueReason.CONSENT_WITHDRAWN if withdrawn_only else DueReason.RETENTION_EXPIRED
    return Due(max(deadlines), reason)


def _deadline(facts: ScreeningFacts, rules: RetentionRules) -> date:
    assert facts.closed_on is not None  # noqa: S101 - checked by the caller
    if facts.closure is Closure.WITHDRAWN:
        return facts.closed_on + timedelta(days=rules.days_after_withdrawal)
    if facts.closure is Closure.NO_CONSENT:
        return facts.closed_on + timedelta(days=rules.days_after_no_consent)
    return add_months(facts.closed_on, facts.retention_months)  # DECIDED or LAPSED
