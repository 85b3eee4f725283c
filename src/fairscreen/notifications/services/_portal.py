"""The candidate reading their portal inbox.

When a candidate first opened a message is evidence: a preliminary notice's response
window, or the 3-working-day feedback, can turn on when the candidate was told (PIPL
Art. 24: the right to an explanation). So the first read is recorded in the ledger; later
reads change nothing.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.core.errors import NotFound
from fairscreen.evidence.services import record_event
from fairscreen.notifications.models import PortalMessage
from fairscreen.notifications.policy import portal_scope

__all__ = ["mark_portal_message_read"]


@transaction.atomic
def mark_portal_message_read(
    *,
    message_id: UUID,
    screening_id: UUID | None = None,
    subject: str | None = None,
    now: datetime | None = None,
) -> datetime:
    """Mark one message of this inbox read; returns when it was first read.

    The inbox is named as for `selectors.portal_messages_for`; a message of another
    inbox is `NotFound`, so a portal session cannot touch (or probe) anyone else's.
    """
    scope = portal_scope(screening_id=screening_id, subject=subject)
    message = PortalMessage.objects.select_for_update().filter(id=message_id, **scope).first()
    if message is None:
        raise NotFound("Not found.")
    if message.read_at is not None:
        return message.read_at
    message.read_at = now or timezone.now()
    message.save(update_fields=["read_at"])
    record_event(
        event_type="notification.read",
        actor=f"candidate:{message.candidate_id}",
        subject=f"candidate:{message.candidate_id}",
        organisation=str(message.organisation_id),
        payload={
            "notification": str(message.notification_id),
            "portal_message": str(message.id),
            "kind": message.kind,
        },
    )
    return message.read_at
