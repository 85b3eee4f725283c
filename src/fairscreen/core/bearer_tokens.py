"""Bearer token text shared by staff API tokens (`fs_`) and regulator tokens (`fsr_`).

Text form: `<prefix>_<12 hex key id>_<64 hex secret>`. The key id is public (shown in
lists, used to revoke); only the SHA-256 digest of the secret is stored. A 256-bit random
secret needs no slow hash: there is nothing to guess. Distinct prefixes keep the two kinds
from ever being mistaken for each other.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

KEY_ID_PATTERN = re.compile(r"^[0-9a-f]{12}$")
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    key_id: str
    secret_digest: str
    plaintext: str  # shown once, never stored


def new_token(prefix: str) -> NewToken:
    key_id = secrets.token_hex(6)
    secret = secrets.token_hex(32)
    return NewToken(
        key_id=key_id, secret_digest=digest(secret), plaintext=f"{prefix}_{key_id}_{secret}"
    )


def parse_token(plaintext: str, prefix: str) -> tuple[str, str] | None:
    """(key id, secret) of a well-formed token with this prefix, else None."""
    parts = plaintext.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != prefix or not KEY_ID_PATTERN.match(parts[1]):
        return None
    return parts[1], parts[2]


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(stored_digest: str, secret: str) -> bool:
    return hmac.compare_digest(stored_digest, digest(secret))


def last_use_worth_recording(last_used_at: datetime | None, now: datetime) -> bool:
    """Record use to the minute: enough for audits, without a write on every request."""
    return last_used_at is None or now - last_used_at >= LAST_USED_RESOLUTION
