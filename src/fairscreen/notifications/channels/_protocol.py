"""The one Protocol every channel honours, what it is given, and how it says "no".

A channel gets an `OutgoingDelivery` (decrypted, in memory for the length of one send) and
either returns, meaning the message was handed over, or raises `DeliveryError` with a short
code and whether trying again later may help. It never raises with a server's reply, an
address or any of the text: the code is stored and shown to staff, and exceptions end up
in logs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol
from uuid import UUID

from fairscreen.notifications.messages import Bilingual, ChannelName, Language, RecipientKind

__all__ = ["Channel", "DeliveryError", "OutgoingDelivery"]

_CODE = re.compile(r"[a-z][a-z0-9_]{0,59}")


class DeliveryError(Exception):
    """A send did not happen. `retryable`: a temporary failure (a 4xx reply, a dropped
    connection, a timeout) that the periodic job retries with backoff; otherwise permanent
    (a 5xx refusal of the recipient) and the delivery fails at once."""

    def __init__(self, code: str, *, retryable: bool) -> None:
        if not _CODE.fullmatch(code):
            raise ValueError("a delivery error code is a short snake_case word")
        super().__init__(f"{code} ({'retryable' if retryable else 'permanent'})")
        self.code = code
        self.retryable = retryable


@dataclass(frozen=True)
class OutgoingDelivery:
    """One message through one channel; every personal value is left out of `repr`."""

    delivery_id: UUID
    notification_id: UUID
    organisation_id: UUID
    kind: str
    channel: ChannelName
    recipient_kind: RecipientKind
    candidate_id: UUID
    screening_id: UUID | None
    language: Language
    address: str = field(repr=False)
    """The e-mail address or phone number; empty for the portal."""
    subject: Bilingual = field(repr=False)
    body: Bilingual = field(repr=False)
    link_path: str = field(default="", repr=False)
    link_url: str = field(default="", repr=False)
    """`link_path` on this site's public address, for channels read outside the site."""


class Channel(Protocol):
    """E-mail, SMS, portal inbox: anything that can hand one message to one recipient."""

    @property
    def name(self) -> ChannelName: ...

    def send(self, delivery: OutgoingDelivery) -> None:
        """Hand the message over or raise `DeliveryError`; may be slow (network)."""
