"""Exceptions raised by the ledger core.

Verification failures are exceptions rather than booleans so that a caller can
never forget to check a result: an unverified proof or checkpoint simply does
not get past the call.
"""

from __future__ import annotations

__all__ = ["CheckpointError", "ConsistencyProofError", "InclusionProofError", "LedgerError"]


class LedgerError(Exception):
    """Base class of every error the ledger core raises on untrusted input."""


class InclusionProofError(LedgerError):
    """An inclusion proof does not verify (RFC 9162 §2.1.3.2)."""


class ConsistencyProofError(LedgerError):
    """A consistency proof does not verify (RFC 9162 §2.1.4.2)."""


class CheckpointError(LedgerError):
    """A signed note, key or checkpoint is malformed or not signed by the expected key.

    Covers C2SP signed-note and C2SP tlog-checkpoint parsing and verification.
    """
