"""How a screening ended, or that it has not: the closures the retention deadlines count from.

The pure rule (`fairscreen.domain.retention.due`) turns closures into deadlines; this module
decides each screening's closure from its row and a few facts gathered in bulk by
`fairscreen.retention.schedule` (no personal value, no decryption). README.md beside this
file lists the closures and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from fairscreen.domain.decisions import DecisionState
from fairscreen.domain.retention import Closure
from fairscreen.portal.session import ABSOLUTE_TIMEOUT as PORTAL_SESSION_LIMIT
from fairscreen.screenings.models import ScreeningStatus

__all__ = [
    "DEFAULT_REPORT_VALIDITY_DAYS",
    "UNFINISHED_CHECKS_GRACE",
    "Cases",
    "InvitationFacts",
    "closure",
]

DEFAULT_REPORT_VALIDITY_DAYS = 90
"""`DecisionPolicy.report_validity_days` when the organisation set none (facts go stale)."""

UNFINISHED_CHECKS_GRACE = timedelta(days=90)
"""How long past the report's validity a consented screening whose checks never finished
stays open, counted from the consent.

PIPL Art. 19: personal information is kept no longer than the purpose needs; Art. 47(1):
it is deleted once the purpose cannot be achieved. Checks that never all finish leave no
report to decide on, and whatever they found goes stale with the report's validity (90
days by default), counted at the earliest from the consent. The grace leaves room for
slow checks (an overseas degree verification, a referee who answers late) before the
screening lapses; then, as for a report nobody decided on, the notice's months run.
"""


@dataclass(frozen=True, slots=True)
class InvitationFacts:
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None

    def usable_until(self) -> datetime:
        """When the candidate could last have consented through this link."""
        if self.revoked_at is not None:
            return self.revoked_at
        if self.used_at is not None:  # opened: the portal session it started may run on
            return max(self.expires_at, self.used_at + PORTAL_SESSION_LIMIT)
        return self.expires_at


@dataclass(frozen=True, slots=True)
class Cases:
    """What the closures read besides the screening row itself, gathered in bulk."""

    decisions: Mapping[UUID, tuple[str, datetime | None]]
    disputed: frozenset[UUID]
    invitations: Mapping[UUID, InvitationFacts]
    validity: Mapping[UUID, int]
    now: datetime


def closure(row: Mapping[str, Any], cases: Cases) -> tuple[Closure, datetime | None]:
    """How the screening ended; withdrawal first: without consent nothing of it may go on
    (PIPL Art. 15, 47), whatever decision or dispute was pending (a legal hold keeps what
    an arbitration needs)."""
    status = row["status"]
    if status == ScreeningStatus.WITHDRAWN:
        return Closure.WITHDRAWN, row["withdrawn_at"]
    if status == ScreeningStatus.DECLINED:
        return Closure.NO_CONSENT, row["consented_at"] or row["ordered_at"]
    if status == ScreeningStatus.AWAITING_CONSENT:
        return _unanswered(row, cases)
    return _ran(row, cases)


def _unanswered(row: Mapping[str, Any], cases: Cases) -> tuple[Closure, datetime | None]:
    """Awaiting consent, it closes once no usable invitation is left: the candidate cannot
    consent any more. Never invited: from the order; its link revoked: from the revocation;
    expired unused, or opened and never signed: when the link or its session ran out."""
    invitation = cases.invitations.get(row["id"])
    ended = row["ordered_at"] if invitation is None else invitation.usable_until()
    return _closed_by(Closure.NO_CONSENT, ended, cases.now)


def _ran(row: Mapping[str, Any], cases: Cases) -> tuple[Closure, datetime | None]:
    """Consented: open while a dispute is open (PIPL Art. 46: the objection is being
    re-verified) or a decision is not final (in review, awaiting signature, preliminary
    with the candidate's window open, or superseded and to be taken again)."""
    if row["id"] in cases.disputed:
        return Closure.OPEN, None
    decision = cases.decisions.get(row["id"])
    if decision is None:
        return _lapsed(row, cases)
    state, final_at = decision
    if state == DecisionState.FINAL and final_at is not None:
        return Closure.DECIDED, final_at
    return Closure.OPEN, None


def _lapsed(row: Mapping[str, Any], cases: Cases) -> tuple[Closure, datetime | None]:
    """Never decided: a report lapses when it expires (it can back nothing any more), and
    checks that never finish lapse `UNFINISHED_CHECKS_GRACE` after a report would have."""
    validity = timedelta(
        days=cases.validity.get(row["organisation_id"], DEFAULT_REPORT_VALIDITY_DAYS)
    )
    completed = row["report_completed_at"]
    if completed is not None:
        return _closed_by(Closure.LAPSED, completed + validity, cases.now)
    consented = row["consented_at"] or row["ordered_at"]
    return _closed_by(Closure.LAPSED, consented + validity + UNFINISHED_CHECKS_GRACE, cases.now)


def _closed_by(kind: Closure, ended: datetime, now: datetime) -> tuple[Closure, datetime | None]:
    return (kind, ended) if ended <= now else (Closure.OPEN, None)
