"""Writes for notifications: queue (`notify`), send, retry, and the portal's "read".

Every change records its evidence event in the same transaction; events carry kinds,
channels and opaque ids, never an address or a word of the text (the ledger is kept
forever; the text is not).
"""

from fairscreen.notifications.services._notify import (
    CandidateDataDestroyed,
    QueuedNotification,
    enqueue_deliveries,
    notify,
)
from fairscreen.notifications.services._portal import mark_portal_message_read
from fairscreen.notifications.services._sending import (
    STALLED_AFTER,
    backoff,
    due_deliveries,
    recover_stalled,
    send_delivery,
    send_due_deliveries,
)

__all__ = [
    "STALLED_AFTER",
    "CandidateDataDestroyed",
    "QueuedNotification",
    "backoff",
    "due_deliveries",
    "enqueue_deliveries",
    "mark_portal_message_read",
    "notify",
    "recover_stalled",
    "send_delivery",
    "send_due_deliveries",
]
