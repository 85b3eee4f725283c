"""Sending one delivery: claimed once, sent outside any transaction, each outcome recorded.

One attempt (`send_delivery`) has three steps, as a connector run does: (1) in a
transaction, lock the row, check it is due, decrypt what to send and mark it `sending`;
(2) outside any transaction, hand it to the channel (SMTP may be slow; no database lock
is held meanwhile); (3) in a transaction, record the outcome with its evidence event.

At most once: only a `queued` or due `retrying` row can be claimed, under the row lock,
so a task that runs twice finds the second time `sending` or `sent` and does nothing. A
worker that dies mid-send leaves a `sending` row: after `STALLED_AFTER` the periodic job
moves it to `retrying` with ``outcome_unknown`` (the relay may or may not have taken it;
a legally required notice lost is worse than one received twice, and the retry carries
the same Message-ID). Once every delivery of a notification has finished, its text and
addresses are erased (PIPL Art. 19); the portal keeps its own encrypted copy.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.core.errors import NotFound
from fairscreen.evidence.services import record_event
from fairscreen.notifications.channels import Channel, DeliveryError, OutgoingDelivery
from fairscreen.notifications.lifecycle import FINAL_STATES, DeliveryState, check_transition
from fairscreen.notifications.models import Delivery, Notification
from fairscreen.notifications.services._outgoing import prepare

__all__ = [
    "STALLED_AFTER",
    "backoff",
    "due_deliveries",
    "recover_stalled",
    "send_delivery",
    "send_due_deliveries",
]

logger = logging.getLogger(__name__)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
STALLED_AFTER = timedelta(minutes=15)
"""Far beyond one SMTP conversation (each operation times out within 5 minutes)."""
BATCH = 500


def send_delivery(delivery_id: UUID, *, now: datetime | None = None) -> Delivery:
    """One attempt, if the delivery is due; safe to call any number of times."""
    now = now or timezone.now()
    claimed = _claim(delivery_id, now)
    if claimed is None:
        return Delivery.objects.get(id=delivery_id)
    channel, outgoing = claimed
    try:
        channel.send(outgoing)
    except DeliveryError as error:
        return _attempt_failed(delivery_id, error, now)
    except Exception as crash:  # a channel's bug must not kill the worker or lose the message
        name = type(crash).__name__
        logger.error("delivery %s: the %s channel crashed (%s)", delivery_id, channel.name, name)
        return _attempt_failed(delivery_id, DeliveryError("channel_crashed", retryable=True), now)
    return _delivered(delivery_id, now)


def due_deliveries(now: datetime | None = None) -> list[UUID]:
    """Deliveries waiting for an attempt whose time has come, oldest first."""
    now = now or timezone.now()
    queued = Delivery.objects.filter(state=DeliveryState.QUEUED)
    retrying = Delivery.objects.filter(state=DeliveryState.RETRYING, next_attempt_at__lte=now)
    rows = (queued | retrying).order_by("queued_at").values_list("id", flat=True)
    return list(rows[:BATCH])


def send_due_deliveries(now: datetime | None = None) -> int:
    """The periodic job: recover stalled claims, then attempt every due delivery."""
    recover_stalled(now or timezone.now())
    attempted = 0
    for delivery_id in due_deliveries(now):
        try:
            send_delivery(delivery_id, now=now)
        except Exception as error:  # one broken row must not stop the others
            logger.error("delivery %s: attempt crashed (%s)", delivery_id, type(error).__name__)
        attempted += 1
    return attempted


def recover_stalled(now: datetime) -> int:
    """`sending` rows whose worker vanished: retry them (outcome unknown, see module doc)."""
    cutoff = now - STALLED_AFTER
    stalled = Delivery.objects.filter(state=DeliveryState.SENDING, claimed_at__lte=cutoff)
    ids = list(stalled.values_list("id", flat=True)[:BATCH])
    unknown = DeliveryError("outcome_unknown", retryable=True)
    for delivery_id in ids:
        _attempt_failed(delivery_id, unknown, now, claimed_before=cutoff)
    return len(ids)


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at an hour: a mail server down for a while loses nothing."""
    wait: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(wait, LONGEST_WAIT)


@transaction.atomic
def _claim(delivery_id: UUID, now: datetime) -> tuple[Channel, OutgoingDelivery] | None:
    row = _locked(delivery_id)
    due = row.state == DeliveryState.QUEUED or (
        row.state == DeliveryState.RETRYING
        and (row.next_attempt_at is None or row.next_attempt_at <= now)
    )
    if not due:
        return None
    prepared = prepare(row)
    if prepared is None:
        return None
    if isinstance(prepared, str):
        _finish_failed(row, now, prepared)
        return None
    _move(row, DeliveryState.SENDING)
    row.attempts += 1
    row.claimed_at = now
    row.next_attempt_at = None
    row.save(update_fields=["state", "attempts", "claimed_at", "next_attempt_at"])
    return prepared


@transaction.atomic
def _attempt_failed(
    delivery_id: UUID,
    error: DeliveryError,
    now: datetime,
    *,
    claimed_before: datetime | None = None,
) -> Delivery:
    row = _locked(delivery_id)
    if row.state != DeliveryState.SENDING:
        return row  # resolved meanwhile (a stalled claim recovered, then finished)
    if claimed_before is not None and (row.claimed_at is None or row.claimed_at > claimed_before):
        return row
    row.last_error_code = error.code
    if not error.retryable or row.attempts >= row.max_attempts:
        _finish_failed(row, now, error.code)
        return row
    _move(row, DeliveryState.RETRYING)
    row.next_attempt_at = now + backoff(row.attempts)
    row.claimed_at = None
    row.save(update_fields=["state", "last_error_code", "next_attempt_at", "claimed_at"])
    _event(row, "notification.retrying", code=error.code)
    logger.warning(
        "delivery %s via %s: attempt %d failed (%s); next attempt at %s",
        row.id,
        row.channel,
        row.attempts,
        error.code,
        row.next_attempt_at.isoformat(),
    )
    return row


@transaction.atomic
def _delivered(delivery_id: UUID, now: datetime) -> Delivery:
    row = _locked(delivery_id)
    if row.state in FINAL_STATES:
        return row
    _move(row, DeliveryState.SENT)
    row.sent_at = row.finished_at = now
    row.claimed_at = row.next_attempt_at = None
    row.save(update_fields=["state", "sent_at", "finished_at", "claimed_at", "next_attempt_at"])
    _event(row, "notification.sent")
    _purge_when_finished(row.notification, now)
    logger.info("delivery %s sent via %s (attempt %d)", row.id, row.channel, row.attempts)
    return row


def _finish_failed(row: Delivery, now: datetime, code: str) -> None:
    _move(row, DeliveryState.FAILED)
    row.last_error_code = code
    row.finished_at = now
    row.claimed_at = row.next_attempt_at = None
    row.save(
        update_fields=["state", "last_error_code", "finished_at", "claimed_at", "next_attempt_at"]
    )
    _event(row, "notification.failed", code=code)
    _purge_when_finished(row.notification, now)
    logger.warning("delivery %s via %s failed for good (%s)", row.id, row.channel, code)


def _purge_when_finished(notification: Notification, now: datetime) -> None:
    """Erase text and addresses once no delivery needs them (PIPL Art. 19)."""
    pending = notification.deliveries.exclude(state__in=FINAL_STATES).exists()
    if not pending and notification.purged_at is None:
        Notification.objects.filter(id=notification.id).update(
            content=None, email=None, phone=None, purged_at=now
        )


def _locked(delivery_id: UUID) -> Delivery:
    row = (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("notification")
        .filter(id=delivery_id)
        .first()
    )
    if row is None:
        raise NotFound("Not found.")
    return row


def _move(row: Delivery, target: DeliveryState) -> None:
    check_transition(row.state, target)
    row.state = target


def _event(row: Delivery, event_type: str, **extra: object) -> None:
    """Outcome evidence: ids, kind, channel, attempts and an error code; never content."""
    notification = row.notification
    record_event(
        event_type=event_type,
        actor=f"channel:{row.channel}",
        subject=f"candidate:{notification.candidate_id}",
        organisation=str(notification.organisation_id),
        payload={
            "notification": str(notification.id),
            "delivery": str(row.id),
            "kind": notification.kind,
            "channel": row.channel,
            "attempts": row.attempts,
            **extra,
        },
    )
