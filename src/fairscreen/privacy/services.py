"""Writes for subject keys: create, destroy (crypto-shredding) and KEK rotation.

Each use case runs in one transaction with its evidence event. Shredding is how personal
data is deleted when consent is withdrawn, the retention period ends or the candidate asks
(PIPL Art. 15, 19, 47): one wrapped key is erased and every value of that candidate, in
every table and every database copy that lacks the old KEK, becomes unreadable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from fairscreen.accounts.models import Organisation
from fairscreen.accounts.services import SYSTEM_ACTOR
from fairscreen.core.errors import Conflict, NotFound
from fairscreen.domain.vault import WrappedKey, new_data_key
from fairscreen.evidence.services import record_event
from fairscreen.privacy import data_keys
from fairscreen.privacy.fields import BlindIndexField
from fairscreen.privacy.keyring import get_keyring
from fairscreen.privacy.models import DestructionReason, SubjectKey
from fairscreen.privacy.subjects import SubjectRef, personal_data_models

__all__ = [
    "CERTIFICATE_FORMAT",
    "DestructionCertificate",
    "RotationResult",
    "SubjectKeyAlreadyDestroyed",
    "SubjectKeyExists",
    "create_subject_key",
    "destroy_subject_keys",
    "rewrap_subject_keys",
    "rotate_key_encryption_key",
]

CERTIFICATE_FORMAT = "fairscreen-destruction-certificate/v1"
REWRAP_BATCH_SIZE = 200


class SubjectKeyExists(Conflict):
    code = "subject_key_exists"


class SubjectKeyAlreadyDestroyed(Conflict):
    code = "subject_key_already_destroyed"


@dataclass(frozen=True)
class DestructionCertificate:
    """What was destroyed, how and why; opaque ids only, so it can live in the ledger."""

    subject: str
    organisation_id: str
    key_version: int
    kek_id: str
    reason: DestructionReason
    destroyed_at: datetime
    blind_index_rows: int
    event_sequence: int


@dataclass(frozen=True)
class RotationResult:
    kek_id: str
    rewrapped: int
    already_current: int


@transaction.atomic
def create_subject_key(
    *, organisation: Organisation, subject: str, actor: str = SYSTEM_ACTOR
) -> SubjectKey:
    """A fresh random data key for `subject`, stored only wrapped (subject id bound in)."""
    wrapped = get_keyring().wrap(new_data_key(), subject_id=subject)
    try:
        with transaction.atomic():
            row = SubjectKey.objects.create(
                organisation=organisation, subject=subject, wrapped_key=wrapped.to_text()
            )
    except IntegrityError:
        raise SubjectKeyExists("This subject already has a key.") from None
    record_event(
        event_type="subject_key.created",
        actor=actor,
        subject=subject,
        organisation=str(organisation.id),
        payload={"key_version": row.key_version, "kek_id": wrapped.key_id},
    )
    return row


@transaction.atomic
def destroy_subject_keys(
    *, organisation: Organisation, subject: str, actor: str, reason: DestructionReason
) -> DestructionCertificate:
    """Erase the subject's wrapped data key and blind indexes; certify it in the ledger.

    Blind indexes go too: with the index key they still let anyone test a guessed ID
    number or phone (PIPL Art. 73: de-identified is not anonymised). The row stays, with
    `destroyed_at`, so the application shows "destroyed on <date>" from then on.
    """
    row = (
        SubjectKey.objects.select_for_update()
        .filter(organisation=organisation, subject=subject)
        .first()
    )
    if row is None:
        raise NotFound("Not found.")
    if row.destroyed_at is not None:
        raise SubjectKeyAlreadyDestroyed("This subject's keys were already destroyed.")
    kek_id = WrappedKey.from_text(row.wrapped_key).key_id
    row.wrapped_key = ""
    row.destroyed_at = timezone.now()
    row.save(update_fields=["wrapped_key", "destroyed_at"])
    cleared = _erase_blind_indexes(subject)
    event = record_event(
        event_type="subject_key.destroyed",
        actor=actor,
        subject=subject,
        organisation=str(organisation.id),
        payload={
            "certificate": CERTIFICATE_FORMAT,
            "subject": subject,
            "method": "crypto-shredding: wrapped data key erased",
            "key_version": row.key_version,
            "kek_id": kek_id,
            "reason": DestructionReason(reason).value,
            "destroyed_at": row.destroyed_at.isoformat(),
            "blind_index_rows": cleared,
        },
    )
    data_keys.forget(SubjectRef(organisation_id=str(organisation.id), subject=subject))
    return DestructionCertificate(
        subject=subject,
        organisation_id=str(organisation.id),
        key_version=row.key_version,
        kek_id=kek_id,
        reason=DestructionReason(reason),
        destroyed_at=row.destroyed_at,
        blind_index_rows=cleared,
        event_sequence=event.sequence,
    )


def rotate_key_encryption_key(
    *, actor: str = SYSTEM_ACTOR, batch_size: int = REWRAP_BATCH_SIZE
) -> RotationResult:
    """A new current KEK, then every live data key rewrapped under it.

    Old KEKs stay in the keyring so nothing becomes unreadable; destroying one later (once
    no backup needs it) is what carries shredding into backups, see privacy/README.md.
    """
    get_keyring().rotate()
    return rewrap_subject_keys(actor=actor, batch_size=batch_size)


def rewrap_subject_keys(
    *, actor: str = SYSTEM_ACTOR, batch_size: int = REWRAP_BATCH_SIZE
) -> RotationResult:
    """Move every live wrapped key to the current KEK, in batches of `batch_size`.

    A rewrap changes no data (the same data key, wrapped anew), so each batch commits on
    its own and the summary event follows the last one; an interrupted run leaves every
    key readable, and running it again finishes the job.
    """
    keyring = get_keyring()
    current = keyring.current_key_id()
    rewrapped = already_current = 0
    last_id = None
    while True:
        with transaction.atomic():
            batch = _next_batch(last_id, batch_size)
            if not batch:
                break
            changed = []
            for row in batch:
                wrapped = WrappedKey.from_text(row.wrapped_key)
                if wrapped.key_id != current:
                    row.wrapped_key = keyring.rewrap(wrapped, subject_id=row.subject).to_text()
                    changed.append(row)
            SubjectKey.objects.bulk_update(changed, ["wrapped_key"])
            rewrapped += len(changed)
            already_current += len(batch) - len(changed)
            last_id = batch[-1].id
    with transaction.atomic():
        record_event(
            event_type="keyring.rotated",
            actor=actor,
            payload={"kek_id": current, "rewrapped": rewrapped, "already_current": already_current},
        )
    return RotationResult(kek_id=current, rewrapped=rewrapped, already_current=already_current)


def _next_batch(after: object, size: int) -> list[SubjectKey]:
    rows = SubjectKey.objects.select_for_update().filter(destroyed_at__isnull=True)
    if after is not None:
        rows = rows.filter(id__gt=after)
    return list(rows.order_by("id")[:size])


def _erase_blind_indexes(subject: str) -> int:
    """NULL every blind index of the subject's rows, in every model with personal data."""
    erased = 0
    for model in personal_data_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]
        if names:
            rows = model.rows_of_subject(subject)  # type: ignore[attr-defined]
            erased += rows.update(**dict.fromkeys(names))
    return erased
