"""Which candidates are due for destruction today, read from the database in a few queries.

The rule is the pure `fairscreen.domain.retention.due`; this module only gathers, per
candidate, how each screening ended and what retention its notice promised. It reads no
personal value (no decryption), so the daily sweep can find 100,000 due candidates cheaply.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.utils import timezone

from fairscreen.decisions.models import Decision, DecisionPolicy
from fairscreen.domain.decisions import DecisionState
from fairscreen.domain.retention import Closure, DueReason, RetentionRules, ScreeningFacts, due
from fairscreen.privacy.models import SubjectKey
from fairscreen.retention.models import LegalHold, RetentionPolicy
from fairscreen.screenings.models import Candidate, Invitation, Screening, ScreeningStatus

DEFAULT_REPORT_VALIDITY_DAYS = 90


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
    rules = _rules()
    facts = _screening_facts()
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


def _rules() -> dict[UUID, RetentionRules]:
    return {
        row.organisation_id: RetentionRules(
            days_after_withdrawal=row.days_after_withdrawal,
            days_after_no_consent=row.days_after_no_consent,
        )
        for row in RetentionPolicy.objects.all()
    }


def _screening_facts() -> dict[UUID, list[ScreeningFacts]]:
    finals = dict(
        Decision.objects.filter(state=DecisionState.FINAL).values_list("screening_id", "final_at")
    )
    validity = dict(DecisionPolicy.objects.values_list("organisation_id", "report_validity_days"))
    invitations = _latest_invitations()
    by_candidate: dict[UUID, list[ScreeningFacts]] = defaultdict(list)
    rows = Screening.objects.values(
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
    for row in rows.iterator(chunk_size=5000):
        closure, closed_at = _closure(row, finals, invitations, validity)
        by_candidate[row["candidate_id"]].append(
            ScreeningFacts(
                closure=closure,
                closed_on=timezone.localdate(closed_at) if closed_at else None,
                retention_months=_promised_months(row["notice"]),
            )
        )
    return by_candidate


def _closure(
    row: Mapping[str, Any],
    finals: Mapping[UUID, datetime | None],
    invitations: Mapping[UUID, tuple[datetime, datetime | None]],
    validity: Mapping[UUID, int],
) -> tuple[Closure, datetime | None]:
    status = row["status"]
    if status == ScreeningStatus.WITHDRAWN:
        return Closure.WITHDRAWN, row["withdrawn_at"]
    if status == ScreeningStatus.DECLINED:
        return Closure.NO_CONSENT, row["consented_at"] or row["ordered_at"]
    if status == ScreeningStatus.AWAITING_CONSENT:
        return _unanswered(invitations.get(row["id"]))
    final = finals.get(row["id"])
    if final is not None:
        return Closure.DECIDED, final
    return _expired_report(row, validity)


def _unanswered(
    invitation: tuple[datetime, datetime | None] | None,
) -> tuple[Closure, datetime | None]:
    """An invitation that expired unused closes the screening: the candidate never answered."""
    if invitation is not None and invitation[1] is None and invitation[0] <= timezone.now():
        return Closure.NO_CONSENT, invitation[0]
    return Closure.OPEN, None


def _expired_report(
    row: Mapping[str, Any], validity: Mapping[UUID, int]
) -> tuple[Closure, datetime | None]:
    """A report nobody decided on closes when it expires: it can back nothing any more."""
    completed = row["report_completed_at"]
    days = validity.get(row["organisation_id"], DEFAULT_REPORT_VALIDITY_DAYS)
    if completed is not None and completed + timedelta(days=days) <= timezone.now():
        return Closure.DECIDED, completed + timedelta(days=days)
    return Closure.OPEN, None


def _latest_invitations() -> dict[UUID, tuple[datetime, datetime | None]]:
    latest: dict[UUID, tuple[datetime, datetime | None]] = {}
    rows = Invitation.objects.filter(revoked_at=None).values_list(
        "screening_id", "expires_at", "used_at"
    )
    for screening_id, expires_at, used_at in rows.order_by("created_at").iterator(chunk_size=5000):
        latest[screening_id] = (expires_at, used_at)
    return latest


def _promised_months(notice: object) -> int:
    """The retention period the candidate was told (PIPL Art. 17); 0 if never told."""
    if isinstance(notice, dict):
        months = notice.get("retention_months")
        if isinstance(months, int) and months >= 0:
            return months
    return 0
