"""Destroying what is due, placing and lifting legal holds, the retention rules.

The daily sweep destroys each due candidate in its own transaction by crypto-shredding
(`privacy.destroy_subject_keys`): the wrapped data key and the blind indexes go, the
certificate goes into the evidence ledger (which holds commitments, never personal data),
and every value of the candidate — in the database, its replicas and its backups — becomes
unreadable at once. If the sweep is killed half-way, what it destroyed is destroyed whole,
what it did not is untouched, and the next run finishes the list: a candidate is never
half-destroyed. Encrypted evidence files are deleted from disk afterwards (unreadable
already; tidiness and quotas), and a rerun deletes any a killed run left behind.
"""

from __future__ import annotations

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
from fairscreen.privacy.files import delete_file
from fairscreen.privacy.models import DestructionReason
from fairscreen.retention.models import LegalHold, RetentionPolicy
from fairscreen.retention.schedule import DueCandidate, due_candidates
from fairscreen.screenings.models import Candidate, FindingSource
from fairscreen.screenings.policy import require

SWEEP_ACTOR = "system:retention-sweep"
HOLD_KEEPERS = frozenset({Role.DPO})
MAX_REASON = 2000


@dataclass(frozen=True, slots=True)
class SweepReport:
    due: int
    destroyed: int
    files_deleted: int


def sweep_retention(*, today: date | None = None, limit: int | None = None) -> SweepReport:
    """Destroy every candidate due today (or the first `limit`), each in its own transaction."""
    found = list(due_candidates(today=today))
    if limit is not None:
        found = found[:limit]
    destroyed = sum(1 for candidate in found if _destroy(candidate))
    return SweepReport(due=len(found), destroyed=destroyed, files_deleted=delete_orphan_files())


@transaction.atomic
def _destroy(due: DueCandidate) -> bool:
    """One candidate, whole or not at all; a concurrent or repeated sweep skips it."""
    candidate = Candidate.objects.select_for_update().filter(id=due.candidate_id).first()
    if (
        candidate is None
        or LegalHold.objects.filter(candidate_id=due.candidate_id, released_at=None).exists()
    ):
        return False
    try:
        privacy.destroy_subject_keys(
            organisation=Organisation(id=due.organisation_id),
            subject=candidate.encryption_subject().subject,
            actor=SWEEP_ACTOR,
            reason=DestructionReason(due.reason.value),
        )
    except privacy.SubjectKeyAlreadyDestroyed:
        return False
    return True


def delete_orphan_files() -> int:
    """Delete the evidence files of destroyed candidates (unreadable already), idempotently.

    Walks only the rows that still name a file, in chunks, and checks each against the set
    of destroyed subjects: no query ever carries one parameter per destroyed candidate.
    """
    destroyed = _destroyed_subjects()
    deleted = 0
    rows = FindingSource.objects.exclude(evidence_file="").values_list(
        "id", "candidate_id", "evidence_file"
    )
    for source_id, candidate_id, name in rows.iterator(chunk_size=1000):
        if f"candidate:{candidate_id}" not in destroyed:
            continue
        delete_file(name)
        FindingSource.objects.filter(id=source_id).update(evidence_file="")
        deleted += 1
    return deleted


def _destroyed_subjects() -> frozenset[str]:
    from fairscreen.privacy.models import SubjectKey  # noqa: PLC0415 - one query, here only

    return frozenset(
        SubjectKey.objects.filter(destroyed_at__isnull=False, subject__startswith="candidate:")
        .values_list("subject", flat=True)
        .iterator(chunk_size=10000)
    )


@transaction.atomic
def place_legal_hold(
    *, access: OrganisationAccess, candidate_id: UUID, reason: str, now: datetime | None = None
) -> LegalHold:
    """Pause destruction of one candidate's data, with the reason (PIPL Art. 47's exception)."""
    require(access, HOLD_KEEPERS)
    text = (reason or "").strip()
    if not 0 < len(text) <= MAX_REASON:
        raise InvalidInput("Give the reason for the hold.", details={"reason": "1-2000 characters"})
    candidate = Candidate.objects.filter(organisation=access.organisation, id=candidate_id).first()
    if candidate is None:
        raise NotFound("Not found.")
    if LegalHold.objects.filter(candidate=candidate, released_at=None).exists():
        raise Conflict("This candidate's data is already on hold.")
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
        subject=candidate.encryption_subject().subject,
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
