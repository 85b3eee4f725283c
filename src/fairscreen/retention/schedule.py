"""Which candidates are due for destruction today, read from the database in a few queries.

The rule is the pure `fairscreen.domain.retention.due`; this module only gathers, per
candidate, how each screening ended and what retention its notice promised (see README.md
beside this file for the closures). It reads no personal value (no decryption), so the
daily sweep can find 100,000 due candidates cheaply; `candidate_due` reads the same facts
for one candidate, which the sweep re-checks under its lock just before destroying.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.utils import timezone

from fairscreen.decisions.models import Decision, DecisionPolicy
from fairscreen.domain.decisions import DecisionState
from fairscreen.domain.retention import DueReason, RetentionRules, ScreeningFacts, due
from fairscreen.portal.models import Dispute, DisputeState
from fairscreen.privacy.models import SubjectKey
from fairscreen.retention.closures import Cases, InvitationFacts, closure
from fairscreen.retention.models import LegalHold, RetentionPolicy
from fairscreen.screenings.models import Candidate, Invitation, Screening

__all__ = ["DueCandidate", "candidate_due", "due_candidates"]

_SCREENING_COLUMNS = (
    "id",
    "candidate_id",
    "organisation_id",
    "status",
    "withdrawn_at",
    "ordered_at",
    "consented_at",
    "report_completed_at",
    "notice",
)


@dataclass(frozen=True, slots=True)
class DueCandidate:
    candidate_id: UUID
    organisation_id: UUID
    due_on: date
    reason: DueReason


def due_candidates(*, today: date | None = None) -> Iterator[DueCandidate]:
    """Every candidate whose data is due on or before `today`, not held, not yet destroyed."""
    today = today or timezone.localdate()
    destroyed = set(
        SubjectKey.objects.filter(
            destroyed_at__isnull=False, subject__startswith="candidate:"
        ).values_list("subject", flat=True)
    )
    held = set(LegalHold.objects.filter(released_at=None).values_list("candidate_id", flat=True))
    rules = _rules(RetentionPolicy.objects.all())
    facts = _screening_facts(_Scope())
    for candidate_id, organisation_id, created_at in Candidate.objects.values_list(
        "id", "organisation_id", "created_at"
    ).iterator(chunk_size=5000):
        if candidate_id in held or f"candidate:{candidate_id}" in destroyed:
            continue
        result = due(
            facts.get(candidate_id, []),
            registered_on=timezone.localdate(created_at),
            rules=rules.get(organisation_id, RetentionRules()),
        )
        if result is not None and result.due_on <= today:
            yield DueCandidate(candidate_id, organisation_id, result.due_on, result.reason)


def candidate_due(*, candidate_id: UUID, today: date | None = None) -> DueCandidate | None:
    """One candidate, from the facts as they are now; None unless due by `today`.

    The sweep calls this under its lock on the candidate, just before destroying: a
    dispute opened, a screening ordered or a hold placed since the list was made counts.
    """
    today = today or timezone.localdate()
    found = (
        Candidate.objects.filter(id=candidate_id)
        .values_list("organisation_id", "created_at")
        .first()
    )
    if found is None:
        return None
    organisation_id, created_at = found
    if LegalHold.objects.filter(candidate_id=candidate_id, released_at=None).exists():
        return None
    subject = f"candidate:{candidate_id}"
    if SubjectKey.objects.filter(subject=subject, destroyed_at__isnull=False).exists():
        return None
    rules = _rules(RetentionPolicy.objects.filter(organisation_id=organisation_id))
    result = due(
        _screening_facts(_Scope(candidate_id, organisation_id)).get(candidate_id, []),
        registered_on=timezone.localdate(created_at),
        rules=rules.get(organisation_id, RetentionRules()),
    )
    if result is None or result.due_on > today:
        return None
    return DueCandidate(candidate_id, organisation_id, result.due_on, result.reason)


def _rules(policies: Iterable[RetentionPolicy]) -> dict[UUID, RetentionRules]:
    return {
        row.organisation_id: RetentionRules(
            days_after_withdrawal=row.days_after_withdrawal,
            days_after_no_consent=row.days_after_no_consent,
        )
        for row in policies
    }


@dataclass(frozen=True, slots=True)
class _Scope:
    """Every candidate (the nightly list), or one (the re-check before destroying)."""

    candidate_id: UUID | None = None
    organisation_id: UUID | None = None

    def of(self, rows: Any, field: str = "candidate_id") -> Any:
        return rows if self.candidate_id is None else rows.filter(**{field: self.candidate_id})


def _screening_facts(scope: _Scope) -> dict[UUID, list[ScreeningFacts]]:
    rows = scope.of(Screening.objects.all()).values(*_SCREENING_COLUMNS)
    if scope.candidate_id is not None:
        rows = list(rows)
        if not rows:
            return {}  # no screening: nothing more to read
    else:
        rows = rows.iterator(chunk_size=5000)
    cases = _cases(scope)
    by_candidate: dict[UUID, list[ScreeningFacts]] = defaultdict(list)
    for row in rows:
        ended, closed_at = closure(row, cases)
        by_candidate[row["candidate_id"]].append(
            ScreeningFacts(
                closure=ended,
                closed_on=timezone.localdate(closed_at) if closed_at else None,
                retention_months=_promised_months(row["notice"]),
            )
        )
    return by_candidate


def _cases(scope: _Scope) -> Cases:
    policies = DecisionPolicy.objects.all()
    if scope.organisation_id is not None:
        policies = policies.filter(organisation_id=scope.organisation_id)
    disputes = scope.of(Dispute.objects.filter(state=DisputeState.OPEN))
    return Cases(
        decisions=_decisions(scope),
        disputed=frozenset(disputes.values_list("screening_id", flat=True)),
        invitations=_latest_invitations(scope),
        validity=dict(policies.values_list("organisation_id", "report_validity_days")),
        now=timezone.now(),
    )


def _decisions(scope: _Scope) -> dict[UUID, tuple[str, datetime | None]]:
    """Each screening's live decision (at most one), else a superseded one (to be retaken)."""
    found: dict[UUID, tuple[str, datetime | None]] = {}
    rows = scope.of(Decision.objects.all()).values_list("screening_id", "state", "final_at")
    for screening_id, state, final_at in rows.iterator(chunk_size=5000):
        if state != DecisionState.SUPERSEDED or screening_id not in found:
            found[screening_id] = (state, final_at)
    return found


def _latest_invitations(scope: _Scope) -> dict[UUID, InvitationFacts]:
    """Each screening's newest invitation (a new one revokes the older unused ones)."""
    latest: dict[UUID, InvitationFacts] = {}
    rows = scope.of(Invitation.objects.all(), "screening__candidate_id").values_list(
        "screening_id", "expires_at", "used_at", "revoked_at"
    )
    for screening_id, expires_at, used_at, revoked_at in rows.order_by("created_at").iterator(
        chunk_size=5000
    ):
        latest[screening_id] = InvitationFacts(expires_at, used_at, revoked_at)
    return latest


def _promised_months(notice: object) -> int:
    """The retention period the candidate was told (PIPL Art. 17); 0 if never told."""
    if isinstance(notice, dict):
        months = notice.get("retention_months")
        if isinstance(months, int) and months >= 0:
            return months
    return 0
