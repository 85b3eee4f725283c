"""Reads: the candidate's portal inbox (decrypted) and staff's view of deliveries (no text).

Selectors return frozen views, never models, so a template cannot decrypt by accident;
the inbox decrypts inside one `data_key_scope`, and a candidate whose key was destroyed
sees "destroyed on <date>" instead of their messages (PIPL Art. 47).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import NotFound
from fairscreen.notifications.content import load_content
from fairscreen.notifications.lifecycle import DeliveryState
from fairscreen.notifications.messages import ChannelName, Language, RecipientKind
from fairscreen.notifications.models import Delivery, PortalMessage
from fairscreen.notifications.policy import DELIVERY_READERS, portal_scope
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings.models import Screening
from fairscreen.screenings.policy import require
from fairscreen.screenings.team_access import require_team

__all__ = ["DeliveryView", "PortalMessageView", "deliveries_for", "portal_messages_for"]


@dataclass(frozen=True)
class PortalMessageView:
    id: UUID
    kind: str
    screening_id: UUID | None
    subject: Revealed
    body: Revealed
    link_path: str
    created_at: datetime
    read_at: datetime | None

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


@dataclass(frozen=True)
class DeliveryView:
    """A delivery as staff follow it: where it stands and why, never what it says."""

    id: UUID
    notification_id: UUID
    kind: str
    channel: ChannelName
    recipient: str
    """``candidate`` or ``user:<uuid>``: opaque, never an address."""
    state: DeliveryState
    attempts: int
    max_attempts: int
    last_error_code: str
    queued_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None
    finished_at: datetime | None


def portal_messages_for(
    *,
    screening_id: UUID | None = None,
    subject: str | None = None,
    language: Language | None = None,
) -> list[PortalMessageView]:
    """The candidate's inbox for one screening (the portal session's) or one subject,
    newest first, in `language` (default: the active one)."""
    shown: Language = Language.active() if language in (None, Language.BOTH) else language
    scope = portal_scope(screening_id=screening_id, subject=subject)
    rows = list(PortalMessage.objects.filter(**scope))
    with data_key_scope():
        prime(row.encryption_subject() for row in rows)
        return [_message_view(row, shown) for row in rows]


def deliveries_for(*, access: OrganisationAccess, screening_id: UUID) -> list[DeliveryView]:
    """Every delivery about one screening, newest first, for its position's hiring team and
    the overseers; any other screening is `NotFound` (its existence does not leak)."""
    require(access, DELIVERY_READERS)
    position_id = (
        Screening.objects.filter(organisation=access.organisation, id=screening_id)
        .values_list("position_id", flat=True)
        .first()
    )
    if position_id is None:
        raise NotFound("Not found.")
    require_team(access, position_id)
    rows = (
        Delivery.objects.filter(
            notification__organisation=access.organisation,
            notification__screening_id=screening_id,
        )
        .select_related("notification")
        .order_by("-queued_at", "channel")
    )
    return [_delivery_view(row) for row in rows]


def _message_view(row: PortalMessage, language: Language) -> PortalMessageView:
    text = row.content.reveal()
    if isinstance(text, Destroyed):
        subject: Revealed = text
        body: Revealed = text
        link = ""
    else:
        content = load_content(text)
        subject = content.subject.in_language(language)
        body = content.body.in_language(language)
        link = content.link_path
    return PortalMessageView(
        id=row.id,
        kind=row.kind,
        screening_id=row.screening_id,
        subject=subject,
        body=body,
        link_path=link,
        created_at=row.created_at,
        read_at=row.read_at,
    )


def _delivery_view(row: Delivery) -> DeliveryView:
    notification = row.notification
    recipient = (
        RecipientKind.CANDIDATE.value
        if notification.recipient_kind == RecipientKind.CANDIDATE
        else f"user:{notification.recipient_user_id}"
    )
    return DeliveryView(
        id=row.id,
        notification_id=notification.id,
        kind=notification.kind,
        channel=ChannelName(row.channel),
        recipient=recipient,
        state=DeliveryState(row.state),
        attempts=row.attempts,
        max_attempts=row.max_attempts,
        last_error_code=row.last_error_code,
        queued_at=row.queued_at,
        next_attempt_at=row.next_attempt_at,
        sent_at=row.sent_at,
        finished_at=row.finished_at,
    )
