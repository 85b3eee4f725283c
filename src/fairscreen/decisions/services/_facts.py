"""What the lifecycle's guards need, read from the other contexts at the moment of a move.

- A dispute is open while any finding of the screening is disputed (the candidate's
  objection freezes decisions on the report, PIPL Art. 46).
- The report can back a decision once every consented check has finished, while the
  screening is still active (a withdrawn consent ends everything, PIPL Art. 15) and the
  report is within its validity period (default 90 days: facts go stale).
- The precedents for consistency are this organisation's final decisions: the rules that
  counted in the rating each one relied on, the tier, the outcome.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from django.utils import timezone

from fairscreen.decisions.models import Decision, DecisionPolicy
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

DEFAULT_REPORT_VALIDITY_DAYS = 90
UNFINISHED = (ItemState.AWAITING_CONSENT, ItemState.CONSENTED, ItemState.RUNNING)


def dispute_open(screening: Screening) -> bool:
    return Finding.objects.filter(screening=screening, lifecycle=Lifecycle.DISPUTED).exists()


def report_usable(screening: Screening, *, today: date | None = None) -> bool:
    """Complete, the screening active, and not past its validity (default 90 days)."""
    if screening.status != ScreeningStatus.ACTIVE:
        return False
    if screening.items.filter(state__in=UNFINISHED).exists():
        return False
    expires = report_expires_on(screening)
    return expires is None or (today or timezone.localdate()) <= expires


def report_expires_on(screening: Screening) -> date | None:
    """The last day the report may back a decision; None until it is complete."""
    if screening.report_completed_at is None:
        return None
    policy = DecisionPolicy.objects.filter(organisation_id=screening.organisation_id).first()
    days = policy.report_validity_days if policy else DEFAULT_REPORT_VALIDITY_DAYS
    completed = timezone.localdate(screening.report_completed_at)
    return completed + timedelta(days=days)


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
