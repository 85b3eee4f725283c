"""Ledger entries: what one leaf of the evidence log says, in one canonical byte form.

An entry names the event type, opaque ids for the organisation, actor and subject, and a
payload that carries **no personal data in clear** (PIPL Art. 51; the log is shown to
regulators). Personal values enter only as salted HMAC commitments: the salt is kept
encrypted with the candidate's key, so destroying that key leaves the tree verifiable and
the value unrecoverable.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

ENTRY_VERSION = 1
EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
OPAQUE_ID = re.compile(r"^[A-Za-z0-9_.:\-]{0,100}$")
COMMITMENT_PREFIX = "hmac-sha256:"
PERSONAL_KEYS = frozenset(
    {
        "name", "full_name", "display_name", "email", "phone", "mobile", "id_number",
        "address", "birth_date", "date_of_birth", "password", "resume", "statement",
    }
)  # fmt: skip
_MAX_STRING = 200


class EntryError(ValueError):
    """An entry that must not enter the log; the message never repeats the offending value."""


def commit_value(value: str, *, salt: bytes) -> str:
    """A salted commitment to a personal value: provable with the salt, opaque without it."""
    if len(salt) < 16:
        raise EntryError("commitment salts must be at least 16 bytes")
    digest = hmac.new(salt, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return COMMITMENT_PREFIX + digest


def new_salt() -> bytes:
    return secrets.token_bytes(32)


@dataclass(frozen=True)
class LedgerEntry:
    sequence: int
    recorded_at: datetime
    event_type: str
    actor: str
    subject: str = ""
    organisation: str = ""
    payload: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.sequence < 0:
            raise EntryError("sequence must not be negative")
        if self.recorded_at.tzinfo is None:
            raise EntryError("recorded_at must be timezone-aware (stored in UTC)")
        if not EVENT_TYPE.match(self.event_type) or len(self.event_type) > 64:
            raise EntryError("event types are dotted lower-case names like 'consent.granted'")
        for what, value in (
            ("actor", self.actor),
            ("subject", self.subject),
            ("organisation", self.organisation),
        ):
            if not OPAQUE_ID.match(value):
                raise EntryError(f"{what} must be an opaque id (letters, digits, ':._-')")
        _check_payload(self.payload, path="payload")

    def to_bytes(self) -> bytes:
        """The leaf data: canonical JSON (sorted keys, no spaces, UTF-8, times in UTC µs)."""
        document = {
            "v": ENTRY_VERSION,
            "sequence": self.sequence,
            "time": _utc_text(self.recorded_at),
            "type": self.event_type,
            "actor": self.actor,
            "subject": self.subject,
            "organisation": self.organisation,
            "payload": self.payload,
        }
        return canonical_json(document)

    @classmethod
    def from_bytes(cls, data: bytes) -> LedgerEntry:
        try:
            document = json.loads(data)
            entry = cls(
                sequence=document["sequence"],
                recorded_at=datetime.strptime(document["time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(
                    tzinfo=UTC
                ),
                event_type=document["type"],
                actor=document["actor"],
                subject=document["subject"],
                organisation=document["organisation"],
                payload=document["payload"],
            )
        except (ValueError, KeyError, TypeError) as error:
            raise EntryError(f"not a ledger entry: {type(error).__name__}") from None
        if document.get("v") != ENTRY_VERSION or entry.to_bytes() != data:
            raise EntryError("entry is not in canonical form")
        return entry


def _utc_text(moment: datetime) -> str:
    """ISO 8601 in UTC with microseconds and a Z: `2026-11-22T02:30:00.123456Z`."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def canonical_json(document: Any) -> bytes:
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _check_payload(value: Any, *, path: str) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise EntryError(f"{path}: keys must be strings")
            if key.lower() in PERSONAL_KEYS and not _is_commitment(item):
                raise EntryError(f"{path}.{key}: personal values enter the log only as commitments")
            _check_payload(item, path=f"{path}.{key}")
    elif isinstance(value, list):
        for position, item in enumerate(value):
            _check_payload(item, path=f"{path}[{position}]")
    elif isinstance(value, float):
        raise EntryError(f"{path}: floats have no canonical form; use integers or strings")
    elif isinstance(value, str) and len(value) > _MAX_STRING:
        raise EntryError(f"{path}: strings are limited to {_MAX_STRING} characters")
    elif value is not None and not isinstance(value, str | int | bool):
        raise EntryError(f"{path}: unsupported type {type(value).__name__}")


def _is_commitment(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(COMMITMENT_PREFIX)
