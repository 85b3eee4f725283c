"""What one attempt sends: the channel and the decrypted delivery, or why nothing can be.

Decryption happens here, inside the attempt's transaction and one `data_key_scope`, so
the plaintext exists in memory for the length of one send and nowhere else.
"""

from __future__ import annotations

import logging

from django.conf import settings

from fairscreen.domain.vault import VaultError
from fairscreen.notifications.channels import (
    Channel,
    OutgoingDelivery,
    channel_for,
    public_base_url,
)
from fairscreen.notifications.content import load_content
from fairscreen.notifications.messages import ChannelName, Language, RecipientKind
from fairscreen.notifications.models import Delivery
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.fields import EncryptedValue
from fairscreen.privacy.subjects import Destroyed
from fairscreen.privacy.transit import KeyringUnavailableError

__all__ = ["prepare"]

logger = logging.getLogger(__name__)


def prepare(row: Delivery) -> tuple[Channel, OutgoingDelivery] | str | None:
    """The channel and what to send; a failure code when nothing can ever be sent; None
    to wait (our own keyring is unreachable: not the recipient's fault, no attempt used)."""
    channel = channel_for(ChannelName(row.channel))
    if channel is None:
        return "channel_not_configured"
    try:
        outgoing = _outgoing(row)
    except KeyringUnavailableError:
        logger.warning("delivery %s: keyring unavailable, will try again", row.id)
        return None
    except VaultError:
        return "content_unreadable"
    if isinstance(outgoing, Destroyed):
        return "candidate_data_destroyed"
    if outgoing is None:
        return "content_missing"
    return channel, outgoing


def _outgoing(row: Delivery) -> OutgoingDelivery | Destroyed | None:
    """Decrypt what this delivery sends; `Destroyed` once the candidate's key is gone, None
    if the text was erased (only ever after every delivery finished: a data error)."""
    notification = row.notification
    channel = ChannelName(row.channel)
    with data_key_scope():
        text = _revealed(notification.content)
        address_field = {ChannelName.EMAIL: notification.email, ChannelName.SMS: notification.phone}
        address = _revealed(address_field.get(channel))
    if isinstance(text, Destroyed):
        return text
    if isinstance(address, Destroyed):
        return address
    if not text:
        return None
    content = load_content(text)
    link_url = public_base_url(settings.APP) + content.link_path if content.link_path else ""
    return OutgoingDelivery(
        delivery_id=row.id,
        notification_id=notification.id,
        organisation_id=notification.organisation_id,
        kind=notification.kind,
        channel=channel,
        recipient_kind=RecipientKind(notification.recipient_kind),
        candidate_id=notification.candidate_id,
        screening_id=notification.screening_id,
        language=Language(notification.language),
        address=address,
        subject=content.subject,
        body=content.body,
        link_path=content.link_path,
        link_url=link_url,
    )


def _revealed(value: EncryptedValue | None) -> str | Destroyed:
    return "" if value is None else value.reveal()
