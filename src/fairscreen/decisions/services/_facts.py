"""What the lifecycle's guards need, read from the other contexts at the moment of a move.

- A dispute is open while any finding of the screening is disputed (the candidate's
  objection freezes decisions on the report, PIPL Art. 46).
- The report can back a decision once every consented check has finished and the screening
  is still active (a withdrawn consent ends everything, PIPL Art. 15).
- The precedents for consistency are this organisation's final decisions: the rules that
  counted in the rating each one relied on, the tier, the outcome.
"""

from __future__ import annotations

import json

from fairscreen.decisions.models import Decision
from fairscreen.domain import decisions as domain
from fairscreen.domain.findings import Lifecycle
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import (
    Finding,
    ItemState,
    Screening,
    ScreeningStatus,
    StoredRating,
)

UNFINISHED = (ItemState.AWAITING_CONSENT, ItemState.CONSENTED, ItemState.RUNNING)


def dispute_open(screening: Screening) -> bool:
    return Finding.objects.filter(screening=screening, lifecycle=Lifecycle.DISPUTED).exists()


def report_usable(screening: Screening) -> bool:
    if screening.status != ScreeningStatus.ACTIVE:
        return False
    return not screening.items.filter(state__in=UNFINISHED).exists()


def latest_rating(screening: Screening) -> StoredRating | None:
    return StoredRating.objects.filter(screening=screening).order_by("-rated_at", "-id").first()


def counted_rules(rating: StoredRating | None) -> frozenset[str]:
    """The rulebook rules under which findings counted (`categories.<category>`)."""
    if rating is None:
        return frozenset()
    result = rating.result.reveal()
    if isinstance(result, Destroyed):
        return frozenset()
    return frozenset(
        entry["rules"][0]
        for entry in json.loads(result)["findings"]
        if entry["outcome"] == "counted" and entry["rules"]
    )


def precedents(decision: Decision) -> list[domain.Precedent]:
    """The organisation's earlier final decisions that rested on a rating."""
    earlier = list(
        Decision.objects.filter(
            organisation_id=decision.organisation_id,
            state=domain.DecisionState.FINAL,
            rating__isnull=False,
        )
        .exclude(id=decision.id)
        .select_related("rating")
    )
    with data_key_scope():
        prime(row.encryption_subject() for row in earlier)
        return [
            domain.Precedent(
                rules=counted_rules(row.rating), tier=row.tier, outcome=domain.Outcome(row.outcome)
            )
            for row in earlier
            if row.outcome
        ]
