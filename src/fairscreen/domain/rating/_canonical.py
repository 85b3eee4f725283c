"""Canonical JSON and its SHA-256: the bytes that hashes and byte-identical output rest on.

Sorted keys, no spaces, UTF-8 without escapes, dates as ISO 8601 — the same convention as
`ProfileSpec.canonical_hash` and the consent notice's digest, so one rule holds everywhere.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

__all__ = ["canonical_json", "sha256_digest"]


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def canonical_json(value: object) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
    )


def sha256_digest(value: object) -> str:
    """`sha256:` and the hex digest of the canonical JSON of `value`."""
    return "sha256:" + hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()
