"""The portal inbox: "sending" stores a `PortalMessage` the candidate reads in their portal.

The stored copy is encrypted under the candidate's key like every personal value, in both
languages (the portal switches language; the message must follow). Exactly once by
construction: one portal message per notification (a one-to-one column), so a second
send finds the first and stores nothing.
"""

from __future__ import annotations

from django.db import transaction

from fairscreen.notifications.channels._protocol import DeliveryError, OutgoingDelivery
from fairscreen.notifications.content import dump_content
from fairscreen.notifications.messages import ChannelName, RecipientKind
from fairscreen.notifications.models import PortalMessage

__all__ = ["PortalChannel"]


class PortalChannel:
    name = ChannelName.PORTAL

    def send(self, delivery: OutgoingDelivery) -> None:
        if delivery.recipient_kind is not RecipientKind.CANDIDATE:
            raise DeliveryError("portal_candidates_only", retryable=False)
        with transaction.atomic():
            if PortalMessage.objects.filter(notification_id=delivery.notification_id).exists():
                return
            message = PortalMessage(
                organisation_id=delivery.organisation_id,
                notification_id=delivery.notification_id,
                candidate_id=delivery.candidate_id,
                screening_id=delivery.screening_id,
                kind=delivery.kind,
            )
            message.content = dump_content(
                subject=delivery.subject, body=delivery.body, link_path=delivery.link_path
            )
            message.save()
