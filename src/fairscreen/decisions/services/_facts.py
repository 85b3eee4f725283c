"""What the lifecycle's guards need, read from the other contexts at the moment of a move.

- A dispute is open while any finding of the screening is disputed (the candidate's
  objection freezes decisions on the report, PIPL Art. 46).
- The report can back a decision once every consented check has finished, while the
  screening is still active (a withdrawn consent ends everything, PIPL Art. 15) and the
  report is within its validity period (default 90 days: facts go stale).
- The precedents for consistency are this organisation's final decisions of the same tier:
  the rules that counted in the rating each one relied on (recorded at the signature, so
  nothing is decrypted to count them), and the outcome.
- "Today" is the organisation's day (`accounts.local_time`), wherever the code runs.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from django.db.models import Count, QuerySet

from fairscreen.accounts.local_time import organisation_date, organisation_today
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
    return expires is None or (today or organisation_today(screening.organisation)) <= expires


def report_expires_on(screening: Screening) -> date | None:
    """The last day the report may back a decision; None until it is complete."""
    if screening.report_completed_at is None:
        return None
    policy = DecisionPolicy.objects.filter(organisation_id=screening.organisation_id).first()
    days = policy.report_validity_days if policy else DEFAULT_REPORT_VALIDITY_DAYS
    completed = organisation_date(screening.organisation, screening.report_completed_at)
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
    """The organisation's earlier final decisions of this tier that rested on a rating.

    Counted in the database: one row per distinct set of counted rules and outcome. Only a
    decision signed before the rules were recorded at the signature has its rating read.
    """
    earlier = Decision.objects.filter(
        organisation_id=decision.organisation_id,
        state=domain.DecisionState.FINAL,
        tier=decision.tier,
        rating__isnull=False,
    ).exclude(id=decision.id)
    grouped = (
        earlier.filter(counted_rules__isnull=False)
        .exclude(outcome="")
        .values("counted_rules", "outcome")
        .annotate(decisions=Count("id"))
        .order_by()
    )
    found = [
        domain.Precedent(
            rules=frozenset(group["counted_rules"] or ()),
            tier=decision.tier,
            outcome=domain.Outcome(group["outcome"]),
        )
        for group in grouped
        for _decision in range(group["decisions"])
    ]
    return found + _unrecorded_precedents(earlier.filter(counted_rules__isnull=True))


def _unrecorded_precedents(rows: QuerySet[Decision]) -> list[domain.Precedent]:
    legacy = list(rows.exclude(outcome="").select_related("rating"))
    if not legacy:
        return []
    with data_key_scope():
        prime(row.encryption_subject() for row in legacy)
        return [
            domain.Precedent(
                rules=counted_rules(row.rating), tier=row.tier, outcome=domain.Outcome(row.outcome)
            )
            for row in legacy
        ]
