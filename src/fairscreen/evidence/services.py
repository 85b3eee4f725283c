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
from fairscreen.evidence.models import SignedCheckpoint
from fairscreen.evidence.store import current_size, load_compact_range


class LedgerUsageError(RuntimeError):
    """A programming error: evidence recorded outside the transaction of its change."""


@dataclass(frozen=True)
class RecordedEvent:
    """Where an event landed in the log (no model instance: appends are a hot path)."""

    sequence: int
    event_type: str
    leaf_hash: bytes


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
) -> RecordedEvent:
    """Append one event inside the caller's transaction; see `record_events`."""
    draft = EventDraft(event_type, actor, subject, organisation, dict(payload or {}))
    return record_events([draft])[0]


def record_events(drafts: Sequence[EventDraft]) -> list[RecordedEvent]:
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
    stored_time = connection.ops.adapt_datetimefield_value(now)
    recorded: list[RecordedEvent] = []
    event_rows: list[tuple[Any, ...]] = []
    node_rows: list[tuple[int, int, bytes]] = []
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
        node_rows.extend(compact.append(leaf))
        recorded.append(RecordedEvent(entry.sequence, entry.event_type, leaf))
        event_rows.append(
            (
                entry.sequence,
                stored_time,
                entry.event_type,
                entry.organisation,
                entry.actor,
                entry.subject,
                data,
                leaf,
            )
        )
    _insert(_EVENT_INSERT, event_rows)
    _insert(_NODE_INSERT, node_rows)
    return recorded


_EVENT_INSERT = (
    "INSERT INTO evidence_event (sequence, recorded_at, event_type, organisation_id, actor,"
    " subject, entry, leaf_hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)
_NODE_INSERT = "INSERT INTO evidence_treenode (level, position, hash) VALUES (%s, %s, %s)"


def _insert(statement: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Plain parameterised inserts: the ledger's hot path, measured in bench/ledger."""
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(statement, rows)


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
