"""`notify`: queue one message to one recipient on some channels, in the caller's transaction.

The caller's change and its message commit together or not at all: a decision that rolls
back tells nobody, and a decision that commits always has its notice queued, with
`notification.queued` in the evidence ledger beside the decision's own event (DESIGN.md
rule 2). Sending happens only after the commit (a huey task per delivery), so a slow or
unreachable mail server never holds the caller's transaction, and a periodic job sends
whatever a lost task left behind.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from django.db import IntegrityError, transaction

from fairscreen.accounts.services import SYSTEM_ACTOR
from fairscreen.core.errors import Conflict
from fairscreen.evidence.services import EventDraft, record_events
from fairscreen.notifications.content import dump_content
from fairscreen.notifications.messages import (
    ChannelName,
    InvalidNotification,
    Message,
    Recipient,
    RecipientKind,
    candidate_id_of,
)
from fairscreen.notifications.models import Delivery, Notification
from fairscreen.privacy.data_keys import SubjectKeyMissing
from fairscreen.privacy.fields import SubjectDestroyed

__all__ = ["CandidateDataDestroyed", "QueuedNotification", "enqueue_deliveries", "notify"]

logger = logging.getLogger(__name__)
_IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9._:/-]{1,120}")


class CandidateDataDestroyed(Conflict):
    """The candidate's key is destroyed (PIPL Art. 47): nothing new can be said about them."""

    code = "candidate_data_destroyed"


@dataclass(frozen=True)
class QueuedNotification:
    notification_id: UUID
    deliveries: Mapping[ChannelName, UUID]
    already_queued: bool = False
    """True when `idempotency_key` matched an earlier call: nothing new was queued."""


@transaction.atomic
def notify(
    *,
    recipient: Recipient,
    message: Message,
    channels: Sequence[ChannelName | str],
    actor: str = SYSTEM_ACTOR,
    idempotency_key: str = "",
) -> QueuedNotification:
    """Queue `message` for `recipient` on each of `channels`; sent after the commit.

    `idempotency_key` (opaque, e.g. ``feedback.reminder:<screening id>:1``) lets a job that
    may run twice queue a message once per organisation. It is stored in clear, so it
    must hold ids only, never personal data.
    """
    chosen = _checked_channels(recipient, channels)
    candidate_id = _data_subject(recipient, message)
    if idempotency_key and not _IDEMPOTENCY_KEY.fullmatch(idempotency_key):
        raise InvalidNotification(
            "This notification is malformed.",
            details={"idempotency_key": "up to 120 letters, digits and . _ : / -"},
        )
    if idempotency_key:
        earlier = _earlier(recipient.organisation_id, idempotency_key)
        if earlier is not None:
            return earlier
    notification = Notification(
        organisation_id=recipient.organisation_id,
        kind=message.kind,
        candidate_id=candidate_id,
        screening_id=message.screening_id,
        recipient_kind=recipient.kind,
        recipient_user_id=recipient.user_id,
        language=recipient.language,
        idempotency_key=idempotency_key,
        created_by=actor,
    )
    notification.content = dump_content(
        subject=message.subject, body=message.body, link_path=message.link_path
    )
    notification.email = recipient.email if ChannelName.EMAIL in chosen else None
    notification.phone = recipient.phone if ChannelName.SMS in chosen else None
    if not _stored(notification):
        earlier = _earlier(recipient.organisation_id, idempotency_key)
        if earlier is None:  # pragma: no cover - the constraint names only this key
            raise Conflict("This notification could not be stored.")
        return earlier
    deliveries = Delivery.objects.bulk_create(
        [Delivery(notification=notification, channel=channel) for channel in chosen]
    )
    _record_queued(notification, deliveries, recipient=recipient, actor=actor)
    ids = [delivery.id for delivery in deliveries]
    transaction.on_commit(lambda: enqueue_deliveries(ids), robust=True)
    return QueuedNotification(
        notification_id=notification.id,
        deliveries={ChannelName(delivery.channel): delivery.id for delivery in deliveries},
    )


def enqueue_deliveries(delivery_ids: Sequence[UUID]) -> None:
    """One job per delivery; if the queue is down, the periodic job sends them later."""
    from fairscreen.notifications.tasks import deliver  # noqa: PLC0415 - tasks import services

    for delivery_id in delivery_ids:
        try:
            deliver(str(delivery_id))
        except Exception as error:  # the queue being down must not lose or fail anything
            logger.warning(
                "delivery %s not enqueued (%s); the periodic job will send it",
                delivery_id,
                type(error).__name__,
            )


def _checked_channels(
    recipient: Recipient, channels: Sequence[ChannelName | str]
) -> list[ChannelName]:
    try:
        chosen = [ChannelName(channel) for channel in channels]
    except ValueError:
        chosen = []
    problem = ""
    if not chosen:
        problem = "one or more of email, sms, portal"
    elif len(set(chosen)) != len(chosen):
        problem = "each channel once"
    elif ChannelName.EMAIL in chosen and not recipient.email:
        problem = "email needs the recipient's e-mail address"
    elif ChannelName.SMS in chosen and not recipient.phone:
        problem = "sms needs the recipient's phone number"
    elif ChannelName.PORTAL in chosen and recipient.kind is not RecipientKind.CANDIDATE:
        problem = "portal is the candidate's inbox; staff have none"
    if problem:
        raise InvalidNotification("This notification is malformed.", details={"channels": problem})
    return chosen


def _data_subject(recipient: Recipient, message: Message) -> UUID:
    """Whose key encrypts the text: the candidate recipient, or the candidate a staff
    message is about; a candidate is never sent a message about someone else."""
    named = candidate_id_of(message.data_subject) if message.data_subject else None
    if recipient.candidate_id is not None:  # a candidate recipient (Recipient checks it)
        if named is not None and named != recipient.candidate_id:
            raise InvalidNotification(
                "This notification is malformed.",
                details={"data_subject": "a candidate is only told about themselves"},
            )
        return recipient.candidate_id
    if named is None:
        raise InvalidNotification(
            "This notification is malformed.",
            details={"data_subject": "required for staff: the candidate:<uuid> it is about"},
        )
    return named


def _stored(notification: Notification) -> bool:
    """Save; False if the idempotency key was taken meanwhile (a concurrent call)."""
    try:
        with transaction.atomic():
            notification.save()
    except SubjectDestroyed:
        raise CandidateDataDestroyed("This candidate's data was destroyed.") from None
    except SubjectKeyMissing:
        raise InvalidNotification(
            "This notification is malformed.",
            details={"data_subject": "no such candidate in this organisation"},
        ) from None
    except IntegrityError:
        if not notification.idempotency_key:
            raise
        return False
    return True


def _earlier(organisation_id: UUID, idempotency_key: str) -> QueuedNotification | None:
    earlier = Notification.objects.filter(
        organisation_id=organisation_id, idempotency_key=idempotency_key
    ).first()
    if earlier is None:
        return None
    return QueuedNotification(
        notification_id=earlier.id,
        deliveries={
            ChannelName(channel): delivery_id
            for channel, delivery_id in earlier.deliveries.values_list("channel", "id")
        },
        already_queued=True,
    )


def _record_queued(
    notification: Notification,
    deliveries: Sequence[Delivery],
    *,
    recipient: Recipient,
    actor: str,
) -> None:
    """One event per delivery: kind, channel and opaque ids; no address, no text."""
    record_events(
        [
            EventDraft(
                event_type="notification.queued",
                actor=actor,
                subject=f"candidate:{notification.candidate_id}",
                organisation=str(notification.organisation_id),
                payload={
                    "notification": str(notification.id),
                    "delivery": str(delivery.id),
                    "kind": notification.kind,
                    "channel": delivery.channel,
                    "recipient": recipient.reference,
                    "screening": str(notification.screening_id or ""),
                },
            )
            for delivery in deliveries
        ]
    )
