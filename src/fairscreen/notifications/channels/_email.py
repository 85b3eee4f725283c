"""E-mail: one plain-text message per delivery, handed to a relay (SMTP, or a file outbox).

The message carries what a mail client needs and nothing more: From, To, Subject (UTF-8,
RFC 2047 encoded, so Chinese subjects survive any relay), Date, Content-Language, a
Message-ID made from the delivery id (a retry after an unknown outcome re-sends the same
Message-ID, so a duplicate can be recognised), and ``Auto-Submitted: auto-generated``
(RFC 3834) so that auto-responders do not answer. No header names the kind of message or
the candidate: relays along the way see only what any e-mail shows.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Protocol

from django.utils import timezone

from fairscreen.notifications.channels._files import write_private_file
from fairscreen.notifications.channels._protocol import DeliveryError, OutgoingDelivery
from fairscreen.notifications.messages import ChannelName
from fairscreen.notifications.rendering import CONTENT_LANGUAGE, render

__all__ = ["EmailChannel", "MailRelay", "OutboxRelay", "compose_email"]


class MailRelay(Protocol):
    """Where composed e-mail goes: an SMTP server, or files for development."""

    def relay(self, message: EmailMessage, *, sender: str, recipient: str, reference: str) -> None:
        """Hand over `message` for `recipient` or raise `DeliveryError`."""


class EmailChannel:
    name = ChannelName.EMAIL

    def __init__(self, *, relay: MailRelay, mail_from: str) -> None:
        self.relay = relay
        self._mail_from = mail_from
        self._sender = parseaddr(mail_from)[1]

    def send(self, delivery: OutgoingDelivery) -> None:
        if not delivery.address:
            raise DeliveryError("no_email_address", retryable=False)
        message = compose_email(delivery, mail_from=self._mail_from)
        self.relay.relay(
            message,
            sender=self._sender,
            recipient=delivery.address,
            reference=str(delivery.delivery_id),
        )


def compose_email(delivery: OutgoingDelivery, *, mail_from: str) -> EmailMessage:
    text = render(
        subject=delivery.subject,
        body=delivery.body,
        language=delivery.language,
        link_url=delivery.link_url,
    )
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "fairscreen.localhost"
    message = EmailMessage(policy=SMTP)
    message["From"] = mail_from
    message["To"] = delivery.address
    message["Subject"] = text.subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = f"<{delivery.delivery_id}@{domain}>"
    message["Auto-Submitted"] = "auto-generated"
    # base64: 7-bit safe through any relay, and a third of the size quoted-printable
    # would make of Chinese text.
    message.set_content(text.body, subtype="plain", charset="utf-8", cte="base64")
    message["Content-Language"] = ", ".join(  # after set_content, which clears Content-*
        CONTENT_LANGUAGE[single] for single in delivery.language.singles
    )
    return message


class OutboxRelay:
    """Development default: each e-mail as ``<delivery id>.eml`` (0600) under var/outbox/."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def relay(self, message: EmailMessage, *, sender: str, recipient: str, reference: str) -> None:
        try:
            write_private_file(self.directory, f"{reference}.eml", message.as_bytes())
        except OSError:
            raise DeliveryError("outbox_unwritable", retryable=True) from None
