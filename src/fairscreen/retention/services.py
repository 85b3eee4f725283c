"""Destroying what is due, placing and lifting legal holds, the retention rules.

The daily sweep destroys each due candidate in its own transaction by crypto-shredding
(`privacy.destroy_subject_keys`): the wrapped data key and the blind indexes go, the
certificate goes into the evidence ledger (which holds commitments, never personal data),
and every value of the candidate — in the database, its replicas and its backups — becomes
unreadable at once. The list is made at the start, so each candidate is locked and checked
again just before it is destroyed: a dispute opened, a screening ordered or a hold placed in
between keeps it. If the sweep is killed half-way, or one candidate fails, what it destroyed
is destroyed whole, what it did not is untouched, and the next run finishes the list: a
candidate is never half-destroyed. Encrypted evidence files are deleted from disk afterwards
(unreadable already; tidiness and quotas), and a rerun deletes any a killed run left behind.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.models import Organisation
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.evidence.services import record_event
from fairscreen.privacy import services as privacy
from fairscreen.privacy.models import DestructionReason, SubjectKey
from fairscreen.retention.files import delete_orphan_files
from fairscreen.retention.models import LegalHold, RetentionPolicy
from fairscreen.retention.schedule import DueCandidate, candidate_due, due_candidates
from fairscreen.screenings.models import Candidate, Screening
from fairscreen.screenings.policy import require

__all__ = [
    "HOLD_KEEPERS",
    "SWEEP_ACTOR",
    "CandidateAlreadyDestroyed",
    "HoldAlreadyPlaced",
    "SweepDateInFuture",
    "SweepReport",
    "configure_retention",
    "delete_orphan_files",
    "place_legal_hold",
    "release_legal_hold",
    "sweep_retention",
]

logger = logging.getLogger(__name__)

SWEEP_ACTOR = "system:retention-sweep"
HOLD_KEEPERS = frozenset({Role.DPO})
MAX_REASON = 2000


class SweepDateInFuture(InvalidInput):
    """A sweep "as of" a later day would destroy data before it is due, and its certificate
    would state a reason (retention expired) that is not yet true (PIPL Art. 47)."""

    code = "sweep_date_in_future"


class HoldAlreadyPlaced(Conflict):
    code = "legal_hold_exists"


class CandidateAlreadyDestroyed(Conflict):
    code = "candidate_already_destroyed"


@dataclass(frozen=True, slots=True)
class SweepReport:
    due: int
    destroyed: int
    files_deleted: int
    failed: int = 0
    """Candidates or files that could not be handled this time (logged by id; retried)."""


def sweep_retention(*, today: date | None = None, limit: int | None = None) -> SweepReport:
    """Destroy every candidate due today (or the first `limit`), each in its own transaction.

    `today` may be earlier than the real date (destroying less), never later. One
    candidate's failure is logged by its id only (never the message, which may quote a
    value) and does not stop the others or the file clean-up; the next sweep retries it.
    """
    current = timezone.localdate()
    today = today or current
    if today > current:
        raise SweepDateInFuture(
            "A sweep cannot count the deadlines as of a later date than today.",
            details={"today": "not later than today"},
        )
    found = list(due_candidates(today=today))
    if limit is not None:
        found = found[:limit]
    destroyed = failed = 0
    for candidate in found:
        try:
            destroyed += _destroy(candidate, today=today)
        except Exception as error:  # rolled back whole; the next sweep retries it
            failed += 1
            logger.error(  # no traceback or message: either may quote a value
                "retention sweep: candidate:%s not destroyed (%s)",
                candidate.candidate_id,
                type(error).__name__,
            )
    files = delete_orphan_files()
    return SweepReport(
        due=len(found),
        destroyed=destroyed,
        files_deleted=files.deleted,
        failed=failed + files.failed,
    )


@transaction.atomic
def _destroy(due: DueCandidate, *, today: date | None = None) -> bool:
    """One candidate, whole or not at all, if it is still due now that it is locked.

    The locks on the candidate and its screenings make a concurrent dispute, decision,
    screening order, invitation, consent or hold wait for this transaction, or be seen by
    the re-check; a concurrent or repeated sweep skips a candidate already destroyed.
    """
    candidate = Candidate.objects.select_for_update().filter(id=due.candidate_id).first()
    if candidate is None:
        return False
    list(Screening.objects.select_for_update().filter(candidate=candidate).values_list("id"))
    still = candidate_due(candidate_id=candidate.id, today=today)
    if still is None:
        return False
    try:
        privacy.destroy_subject_keys(
            organisation=Organisation(id=still.organisation_id),
            subject=candidate.encryption_subject().subject,
            actor=SWEEP_ACTOR,
            reason=DestructionReason(still.reason.value),
        )
    except privacy.SubjectKeyAlreadyDestroyed:
        return False
    return True


@transaction.atomic
def place_legal_hold(
    *, access: OrganisationAccess, candidate_id: UUID, reason: str, now: datetime | None = None
) -> LegalHold:
    """Pause destruction of one candidate's data, with the reason (PIPL Art. 47's exception)."""
    require(access, HOLD_KEEPERS)
    text = (reason or "").strip()
    if not 0 < len(text) <= MAX_REASON:
        raise InvalidInput("Give the reason for the hold.", details={"reason": "1-2000 characters"})
    candidate = (
        Candidate.objects.select_for_update()
        .filter(organisation=access.organisation, id=candidate_id)
        .first()
    )  # the sweep locks the same row: a hold lands before its destruction, or is refused
    if candidate is None:
        raise NotFound("Not found.")
    subject = candidate.encryption_subject().subject
    if SubjectKey.objects.filter(subject=subject, destroyed_at__isnull=False).exists():
        raise CandidateAlreadyDestroyed("This candidate's data was already destroyed.")
    if LegalHold.objects.filter(candidate=candidate, released_at=None).exists():
        raise HoldAlreadyPlaced("This candidate's data is already on hold.")
    hold = LegalHold(
        organisation=access.organisation,
        candidate=candidate,
        reason=text,
        placed_by=access.principal.reference,
        placed_at=now or timezone.now(),
    )
    hold.save()
    record_event(
        event_type="legal_hold.placed",
        actor=access.principal.reference,
        subject=subject,
        organisation=str(access.organisation.id),
        payload={"hold": str(hold.id)},
    )
    return hold


@transaction.atomic
def release_legal_hold(*, access: OrganisationAccess, hold_id: UUID) -> LegalHold:
    require(access, HOLD_KEEPERS)
    hold = (
        LegalHold.objects.select_for_update()
        .filter(organisation=access.organisation, id=hold_id, released_at=None)
        .first()
    )
    if hold is None:
        raise NotFound("Not found.")
    hold.released_at = timezone.now()
    hold.released_by = access.principal.reference
    hold.save(update_fields=["released_at", "released_by"])
    record_event(
        event_type="legal_hold.released",
        actor=access.principal.reference,
        subject=hold.encryption_subject().subject,
        organisation=str(access.organisation.id),
        payload={"hold": str(hold.id)},
    )
    return hold


@transaction.atomic
def configure_retention(
    *, access: OrganisationAccess, days_after_withdrawal: int, days_after_no_consent: int
) -> RetentionPolicy:
    """HR admin or DPO: how soon after a withdrawal or a refusal the data goes (0-90 days)."""
    require(access, frozenset({Role.HR_ADMIN, Role.DPO}))
    problems = {
        name: "0-90 days"
        for name, value in (
            ("days_after_withdrawal", days_after_withdrawal),
            ("days_after_no_consent", days_after_no_consent),
        )
        if not (isinstance(value, int) and 0 <= value <= 90)
    }
    if problems:
        raise InvalidInput("The retention rules have problems; nothing changed.", details=problems)
    policy, _created = RetentionPolicy.objects.select_for_update().get_or_create(
        organisation=access.organisation
    )
    policy.days_after_withdrawal = days_after_withdrawal
    policy.days_after_no_consent = days_after_no_consent
    policy.updated_by = access.principal.reference
    policy.updated_at = timezone.now()
    policy.save()
    record_event(
        event_type="retention_policy.changed",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={
            "days_after_withdrawal": days_after_withdrawal,
            "days_after_no_consent": days_after_no_consent,
        },
    )
    return policy
