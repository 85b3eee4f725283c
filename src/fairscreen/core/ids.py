"""Public identifiers: time-ordered UUIDs (version 7, RFC 9562).

Sequential integers in URLs reveal how many candidates an employer screens and invite
enumeration; random v4 UUIDs scatter index writes. Version 7 is unguessable enough for public
use (74 random bits) and sorts by creation time.
"""

import secrets
import time
import uuid

_TIMESTAMP_BITS = 48
_RANDOM_A_BITS = 12
_RANDOM_B_BITS = 62


def new_id() -> uuid.UUID:
    milliseconds = time.time_ns() // 1_000_000 & ((1 << _TIMESTAMP_BITS) - 1)
    random_a = secrets.randbits(_RANDOM_A_BITS)
    random_b = secrets.randbits(_RANDOM_B_BITS)
    value = milliseconds << 80 | 0x7 << 76 | random_a << 64 | 0b10 << _RANDOM_B_BITS | random_b
    return uuid.UUID(int=value)
