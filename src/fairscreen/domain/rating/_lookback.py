"""How far back a finding may reach: the rulebook's period, bounded by what the candidate
was told.

The consent notice names each item's look-back (PIPL Art. 17): the risk profile's
override, else the catalogue default (`scope.effective_lookback_months`). The rulebook may
set a shorter period for a category (e.g. one 12-month scoring period for minor traffic
violations) but never a longer one, or the rating would use what the candidate was told
would not be looked at.
"""

from __future__ import annotations

import calendar
from datetime import date

from fairscreen.domain.rating._rulebook import CategoryRule
from fairscreen.domain.scope import Catalogue, ProfileSpec, effective_lookback_months

__all__ = ["applicable_lookback_months", "months_before"]


def applicable_lookback_months(
    profile: ProfileSpec, item: str, rule: CategoryRule, catalogue: Catalogue
) -> int | None:
    """The look-back for this finding; None means no limit (or an ongoing state).

    `item` must be permitted by the profile (the engine checks relevance first).
    """
    if rule.ongoing:
        return None
    notified = effective_lookback_months(profile, item, catalogue)
    if rule.lookback_months is None:
        return notified
    if notified is None:
        return rule.lookback_months
    return min(rule.lookback_months, notified)


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (31 March - 1 month = 28/29 February)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month_index = divmod(index, 12)
    if year < 1:
        return date.min
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last_day))
