"""Auditing the evidence log: the live database, or an offline copy against a published head.

`audit_database` is the operator's self-check. It trusts nothing in the tables except
what carries this instance's signature: the latest signed checkpoint anchors the audit,
older signed ones narrow down where a change lies, and the indexed columns (used for
searching) must agree with the signed-over entry bytes.

`verify_offline` is the outsider's check (`fairscreen ledger verify`). It reads only the
inputs it is given -- a checkpoint note, a verifier key and a copy of the events, from files
or URLs -- and never the database, so a server that was tampered with cannot vouch for itself.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from fairscreen.domain.ledger import (
    AuditProblem,
    AuditReport,
    Checkpoint,
    CheckpointError,
    audit_records,
    verify_checkpoint,
)
from fairscreen.evidence import signer
from fairscreen.evidence.export import CHUNK_SIZE, fetch_text, open_events
from fairscreen.evidence.models import Event, SignedCheckpoint

_VERIFIER_KEY = re.compile(r"[^\s+]+\+[0-9a-fA-F]{8}\+[A-Za-z0-9+/]+={0,2}")
_INDEXED_COLUMNS = ("event_type", "actor", "subject", "organisation_id", "recorded_at")
_ENTRY_FIELDS = ("type", "actor", "subject", "organisation", "time")
_MAX_COLUMN_PROBLEMS = 100


class AuditUnavailable(RuntimeError):
    """The audit could not run (no checkpoint yet, unusable input): nothing was judged."""


class CheckpointRejected(RuntimeError):
    """The checkpoint itself failed: bad signature, another log, or a stored row that
    disagrees with its signed note. That is a failed audit, not a usage error."""


@dataclasses.dataclass(frozen=True)
class Verification:
    """What an offline verification established: the verified head and the audit against it."""

    checkpoint: Checkpoint
    report: AuditReport


def audit_database() -> AuditReport:
    """Audit every stored event against the latest signed checkpoint, streaming the rows."""
    checkpoint, earlier = _trusted_checkpoints()
    column_problems: list[AuditProblem] = []
    report = audit_records(_stored_records(column_problems), checkpoint=checkpoint, earlier=earlier)
    if not column_problems:
        return report
    problems = sorted(
        (*report.problems, *column_problems),
        key=lambda problem: (problem.sequence is None, problem.sequence or 0),
    )
    return dataclasses.replace(report, ok=False, problems=tuple(problems))


def _trusted_checkpoints() -> tuple[Checkpoint, list[Checkpoint]]:
    latest = SignedCheckpoint.objects.order_by("-tree_size").first()
    if latest is None:
        raise AuditUnavailable(
            "there is no signed checkpoint yet, so there is nothing to audit against: "
            "sign one with `fairscreen ledger checkpoint` first"
        )
    verifier_key = signer.verifier_key()
    checkpoint = _open_stored(latest, verifier_key)
    earlier = []
    for row in SignedCheckpoint.objects.filter(tree_size__lt=latest.tree_size).iterator():
        try:
            earlier.append(_open_stored(row, verifier_key))
        except CheckpointRejected:
            continue  # e.g. signed with a retired key: it only helps locating, so skip it
    return checkpoint, earlier


def _open_stored(row: SignedCheckpoint, verifier_key: str) -> Checkpoint:
    try:
        checkpoint = verify_checkpoint(row.note, verifier_key=verifier_key)
    except CheckpointError as error:
        raise CheckpointRejected(
            f"the stored checkpoint of size {row.tree_size} does not verify: {error}"
        ) from None
    if checkpoint.origin != signer.origin():
        raise CheckpointRejected(
            f"the stored checkpoint of size {row.tree_size} is for another log"
        )
    if (checkpoint.tree_size, checkpoint.root_hash) != (row.tree_size, bytes(row.root_hash)):
        raise CheckpointRejected(
            f"the stored checkpoint of size {row.tree_size} disagrees with its signed note"
        )
    return checkpoint


def _stored_records(column_problems: list[AuditProblem]) -> Iterator[tuple[int, bytes, bytes]]:
    """Rows in sequence order, chunk by chunk; column mismatches are collected on the way."""
    rows = Event.objects.order_by("sequence").values_list(
        "sequence", "entry", "leaf_hash", *_INDEXED_COLUMNS
    )
    for sequence, entry, leaf, *columns in rows.iterator(chunk_size=CHUNK_SIZE):
        data = bytes(entry)
        differing = _differing_columns(data, columns)
        if differing and len(column_problems) < _MAX_COLUMN_PROBLEMS:
            column_problems.append(
                AuditProblem(
                    sequence,
                    "altered",
                    f"the columns {', '.join(differing)} of sequence {sequence} disagree "
                    "with its entry",
                )
            )
        yield sequence, data, bytes(leaf)


def _differing_columns(data: bytes, columns: list[object]) -> list[str]:
    """Names of the indexed columns that disagree with the entry (an unparsable entry is
    reported by the audit itself)."""
    try:
        document = json.loads(data)
    except ValueError:
        return []
    if not isinstance(document, dict):
        return []
    stored = [_as_entry_text(value) for value in columns]
    expected = [document.get(field) for field in _ENTRY_FIELDS]
    return [
        name
        for name, value, wanted in zip(_INDEXED_COLUMNS, stored, expected, strict=True)
        if value != wanted
    ]


def _as_entry_text(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def verify_offline(
    *,
    checkpoint_source: str,
    key_source: str,
    events_source: str,
    token: str | None = None,
    previous_source: str | None = None,
    origin: str | None = None,
) -> Verification:
    """Verify a signed checkpoint, then audit a copy of the events against it.

    Every source is a file path or an http(s) URL; `token` is sent to URLs as a bearer
    token. Raises AuditUnavailable for unusable input and CheckpointRejected if a
    checkpoint does not verify with the key.
    """
    key = read_verifier_key(key_source, token=token)
    checkpoint = _open_published(checkpoint_source, key, token, origin)
    previous = None
    if previous_source is not None:
        previous = _open_published(previous_source, key, token, checkpoint.origin)
        if previous.tree_size > checkpoint.tree_size:
            raise AuditUnavailable(
                f"the previous checkpoint (size {previous.tree_size}) is newer than the "
                f"checkpoint (size {checkpoint.tree_size}): swap them"
            )
    report = audit_records(
        open_events(events_source, token), checkpoint=checkpoint, previous=previous
    )
    return Verification(checkpoint=checkpoint, report=report)


def read_verifier_key(source: str, *, token: str | None = None) -> str:
    """A verifier key given as text, as a file holding it, or as a URL serving it."""
    text = fetch_text(source, token=token) if _is_readable(source) else source
    text = text.strip()
    if text.startswith("PRIVATE+KEY+"):
        raise AuditUnavailable(
            "that is a secret signing key, not a verifier key: "
            "use the output of `fairscreen ledger key`"
        )
    if not _VERIFIER_KEY.fullmatch(text):
        raise AuditUnavailable(
            "the verifier key is neither a readable file nor text of the form "
            "NAME+KEYID+BASE64 (see `fairscreen ledger key`)"
        )
    return text


def _is_readable(source: str) -> bool:
    if source.startswith(("http://", "https://")):
        return True
    try:
        return Path(source).is_file()
    except OSError:  # e.g. a key text longer than a file name may be
        return False


def _open_published(source: str, key: str, token: str | None, origin: str | None) -> Checkpoint:
    try:
        checkpoint = verify_checkpoint(fetch_text(source, token=token), verifier_key=key)
    except CheckpointError as error:
        raise CheckpointRejected(
            f"the checkpoint {source} does not verify with the given key: {error}"
        ) from None
    if origin is not None and checkpoint.origin != origin:
        raise CheckpointRejected(
            f"the checkpoint {source} is for the log {checkpoint.origin!r}, not {origin!r}"
        )
    return checkpoint
