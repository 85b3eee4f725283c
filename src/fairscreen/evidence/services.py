"""Appending evidence and signing tree heads.

`record_event` is the one way into the log. It must run inside the transaction of the change
it records (DESIGN.md rule 2): the event and the change commit together or not at all, so
the log never claims something that did not happen, nor misses something that did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from fairscreen.domain.ledger import Checkpoint, LedgerEntry, leaf_hash, sign_checkpoint
from fairscreen.evidence import signer
from fairscreen.evidence.models import Event, SignedCheckpoint, TreeNode
from fairscreen.evidence.store import current_size, load_compact_range


class LedgerUsageError(RuntimeError):
    """A programming error: evidence recorded outside the transaction of its change."""


@dataclass(frozen=True)
class EventDraft:
    """An event before it has a place in the log."""

    event_type: str
    actor: str
    subject: str = ""
    organisation: str = ""
    payload: Mapping[str, Any] = field(default_factory=dict)


def record_event(
    *,
    event_type: str,
    actor: str,
    subject: str = "",
    organisation: str = "",
    payload: Mapping[str, Any] | None = None,
) -> Event:
    """Append one event inside the caller's transaction; see `record_events`."""
    draft = EventDraft(event_type, actor, subject, organisation, dict(payload or {}))
    return record_events([draft])[0]


def record_events(drafts: Sequence[EventDraft]) -> list[Event]:
    """Append events with consecutive sequence numbers, and the tree nodes they complete.

    Gap-free and strictly increasing under concurrency: appenders serialise on a table lock
    (PostgreSQL) or the write lock that SQLite's IMMEDIATE transactions take at BEGIN, and
    a rolled-back transaction takes its sequence numbers with it.
    """
    if not connection.in_atomic_block:
        raise LedgerUsageError("record_event must run inside the transaction it records")
    _lock_log()
    size = current_size()
    compact = load_compact_range(size)
    now = timezone.now()
    events: list[Event] = []
    nodes: list[TreeNode] = []
    for offset, draft in enumerate(drafts):
        entry = LedgerEntry(
            sequence=size + offset,
            recorded_at=now,
            event_type=draft.event_type,
            actor=draft.actor,
            subject=draft.subject,
            organisation=draft.organisation,
            payload=dict(draft.payload),
        )
        data = entry.to_bytes()
        leaf = leaf_hash(data)
        nodes.extend(
            TreeNode(level=level, position=position, hash=digest)
            for level, position, digest in compact.append(leaf)
        )
        events.append(
            Event(
                sequence=entry.sequence,
                recorded_at=now,
                event_type=entry.event_type,
                organisation_id=entry.organisation,
                actor=entry.actor,
                subject=entry.subject,
                entry=data,
                leaf_hash=leaf,
            )
        )
    Event.objects.bulk_create(events)
    TreeNode.objects.bulk_create(nodes)
    return events


def _lock_log() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("LOCK TABLE evidence_event IN SHARE ROW EXCLUSIVE MODE")


@transaction.atomic
def create_checkpoint() -> SignedCheckpoint:
    """Sign the current tree head (C2SP tlog-checkpoint); reuse it if the log has not grown."""
    _lock_log()
    size = current_size()
    latest = SignedCheckpoint.objects.order_by("-tree_size").first()
    if latest is not None and latest.tree_size == size:
        return latest
    compact = load_compact_range(size)
    root = compact.root()
    note = sign_checkpoint(
        Checkpoint(origin=signer.origin(), tree_size=size, root_hash=root),
        signer_key=signer.signer_key(),
    )
    return SignedCheckpoint.objects.create(
        tree_size=size, root_hash=root, note=note, created_at=timezone.now()
    )


def publish_checkpoint(checkpoint: SignedCheckpoint, path: Path) -> None:
    """Write the signed note where outsiders fetch it, atomically (never half a note)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(checkpoint.note)
    temporary.replace(path)
