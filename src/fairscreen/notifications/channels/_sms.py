"""SMS behind an `SmsGateway` Protocol: the channel composes the text, a gateway sends it.

No real gateway ships yet (each Chinese SMS provider has its own API, signature 【签名】 and
template approval); one plugs in with `channels.use_channel(SmsChannel(gateway=...))`.
Until then: `FakeSmsGateway` (in memory, for tests and scripted failures) and, in
development, `OutboxSmsGateway`, which writes each text to a 0600 file under
var/outbox/sms/. Production has no SMS channel, so an SMS delivery there fails at once
with ``channel_not_configured`` and staff see it, instead of waiting for ever.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from fairscreen.notifications.channels._files import write_private_file
from fairscreen.notifications.channels._protocol import DeliveryError, OutgoingDelivery
from fairscreen.notifications.messages import ChannelName
from fairscreen.notifications.rendering import render

__all__ = ["FakeSmsGateway", "OutboxSmsGateway", "SentText", "SmsChannel", "SmsGateway"]


class SmsGateway(Protocol):
    def send_text(self, *, phone: str, text: str, reference: str) -> None:
        """Send `text` to `phone` or raise `DeliveryError`; `reference` is the delivery id
        (gateways that accept a client reference can de-duplicate on it)."""


class SmsChannel:
    """Subject, body and link in the recipient's language; no footer (texts are short)."""

    name = ChannelName.SMS

    def __init__(self, *, gateway: SmsGateway) -> None:
        self.gateway = gateway

    def send(self, delivery: OutgoingDelivery) -> None:
        if not delivery.address:
            raise DeliveryError("no_phone_number", retryable=False)
        rendered = render(
            subject=delivery.subject,
            body=delivery.body,
            language=delivery.language,
            link_url=delivery.link_url,
            footer=False,
        )
        self.gateway.send_text(
            phone=delivery.address,
            text=f"{rendered.subject}\n{rendered.body}",
            reference=str(delivery.delivery_id),
        )


@dataclass(frozen=True)
class SentText:
    phone: str = field(repr=False)
    text: str = field(repr=False)
    reference: str


class FakeSmsGateway:
    """Records every text; `fail_next(...)` makes the next sends raise, in order."""

    def __init__(self) -> None:
        self.sent: list[SentText] = []
        self._failures: list[DeliveryError] = []
        self._lock = threading.Lock()

    def fail_next(self, *errors: DeliveryError) -> None:
        with self._lock:
            self._failures.extend(errors)

    def send_text(self, *, phone: str, text: str, reference: str) -> None:
        with self._lock:
            if self._failures:
                raise self._failures.pop(0)
            self.sent.append(SentText(phone=phone, text=text, reference=reference))


class OutboxSmsGateway:
    """Development default: ``<delivery id>.txt`` (0600) under var/outbox/sms/."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def send_text(self, *, phone: str, text: str, reference: str) -> None:
        content = f"To: {phone}\n\n{text}\n".encode()
        try:
            write_private_file(self.directory, f"{reference}.txt", content)
        except OSError:
            raise DeliveryError("outbox_unwritable", retryable=True) from None
