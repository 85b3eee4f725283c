"""The delivery state machine: one transition table, checked on every change.

```
queued ──claim──▶ sending ──accepted──▶ sent
   │                 │  └──temporary error, attempts left──▶ retrying ──due──▶ sending
   │                 └──permanent error / attempts used up──▶ failed
   └──(and retrying) nothing to send: key destroyed, channel not configured──▶ failed
sending ──worker lost mid-send (lease expired)──▶ retrying   (outcome unknown)
retrying ──a stalled attempt that finished after all──▶ sent
```

`sending` is the claim that keeps a delivery from going out twice when its task runs
twice, without holding a database lock through a slow SMTP conversation (on SQLite a
held transaction blocks every writer).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["FINAL_STATES", "DeliveryState", "IllegalTransition", "check_transition"]


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    RETRYING = "retrying", _("Waiting to retry")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


FINAL_STATES = frozenset({DeliveryState.SENT, DeliveryState.FAILED})

TRANSITIONS: dict[DeliveryState, frozenset[DeliveryState]] = {
    DeliveryState.QUEUED: frozenset({DeliveryState.SENDING, DeliveryState.FAILED}),
    DeliveryState.SENDING: frozenset(
        {DeliveryState.SENT, DeliveryState.RETRYING, DeliveryState.FAILED}
    ),
    DeliveryState.RETRYING: frozenset(
        {DeliveryState.SENDING, DeliveryState.SENT, DeliveryState.FAILED}
    ),
    DeliveryState.SENT: frozenset(),
    DeliveryState.FAILED: frozenset(),
}


class IllegalTransition(RuntimeError):
    """A programming error: the code tried a move the table does not allow."""


def check_transition(current: str, target: DeliveryState) -> None:
    if target not in TRANSITIONS[DeliveryState(current)]:
        raise IllegalTransition(f"a delivery cannot go from {current} to {target}")
