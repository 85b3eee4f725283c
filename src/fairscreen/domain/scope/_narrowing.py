"""The scope a screening is rated under: what it was ordered under, narrowed by any later
narrowing of the position, never widened.

A screening pins the profile version it was ordered under, and the candidate consented to
that version's items and look-back periods (PIPL Art. 14, 17). A later version may narrow
the position (an item dropped, a category no longer relevant, a shorter look-back): that
applies at once, because what the job no longer needs may no longer count against anyone
(PIPL Art. 6). A later version that widens it (a new relevant category, a longer look-back)
applies only to screenings ordered under it: counting against a candidate what the scope
they were told about left out would use their data beyond what they authorised.
"""

from __future__ import annotations

from dataclasses import replace

from fairscreen.domain.scope._catalogue import Catalogue
from fairscreen.domain.scope._catalogue_data import CATALOGUE
from fairscreen.domain.scope._profiles import PermittedItem, ProfileSpec
from fairscreen.domain.scope._validation import effective_lookback_months

__all__ = ["rated_scope"]


def rated_scope(
    pinned: ProfileSpec, current: ProfileSpec, catalogue: Catalogue = CATALOGUE
) -> ProfileSpec:
    """The pinned profile, restricted to what the current one still permits.

    Items: those in both, with the shorter of the two look-backs (None is no limit).
    Relevance and the lawful preconditions: those in both. Tier and duties: the pinned
    version's, the position as the candidate was told about it. Identical profiles give
    the pinned profile itself, so a screening whose position never changed is rated
    exactly as before.
    """
    if pinned == current:
        return pinned
    items = tuple(
        _narrower_item(item, pinned, current, catalogue)
        for item in pinned.items
        if current.item(item.code) is not None
    )
    return replace(
        pinned,
        items=items,
        relevance=pinned.relevance & current.relevance,
        attributes=pinned.attributes & current.attributes,
    )


def _narrower_item(
    item: PermittedItem, pinned: ProfileSpec, current: ProfileSpec, catalogue: Catalogue
) -> PermittedItem:
    told = effective_lookback_months(pinned, item.code, catalogue)
    now = effective_lookback_months(current, item.code, catalogue)
    periods = [months for months in (told, now) if months is not None]
    shorter = min(periods) if periods else None
    if shorter == told:
        return item
    return replace(item, lookback_months=shorter)
