"""Merkle tree hashing of RFC 9162 §2.1.1 (identical to RFC 6962 §2.1).

Leaves and interior nodes are hashed with distinct one-byte prefixes (0x00 and
0x01) so that a leaf can never be passed off as an interior node (second
preimage resistance, RFC 9162 §2.1.1).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

__all__ = [
    "EMPTY_ROOT_HASH",
    "HASH_SIZE",
    "leaf_hash",
    "leaf_hashes",
    "node_hash",
    "range_hash",
    "root_hash",
]

HASH_SIZE = 32
"""Size in bytes of every hash in the tree (SHA-256)."""

_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"

_sha256 = hashlib.sha256
EMPTY_ROOT_HASH = hashlib.sha256(b"").digest()
"""MTH({}) = SHA-256() — the root of the empty tree (RFC 9162 §2.1.1)."""


def leaf_hash(data: bytes) -> bytes:
    """Return MTH({data}) = SHA-256(0x00 ‖ data), the hash of one leaf (RFC 9162 §2.1.1)."""
    return hashlib.sha256(_LEAF_PREFIX + data).digest()


def leaf_hashes(entries: Iterable[bytes]) -> list[bytes]:
    """`leaf_hash` of many entries in one comprehension (verification's inner loop)."""
    return [_sha256(_LEAF_PREFIX + data).digest() for data in entries]


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return SHA-256(0x01 ‖ left ‖ right), an interior node (RFC 9162 §2.1.1)."""
    return hashlib.sha256(_NODE_PREFIX + left + right).digest()


def _fold(leaf_hashes: Iterable[bytes]) -> bytes:
    """Compute MTH of a run of leaf hashes in O(n) time and O(log n) memory.

    The stack holds a compact range: the roots of the perfect subtrees covering
    the leaves seen so far, largest first, with their heights strictly
    decreasing. Pushing a leaf and merging equal heights mirrors binary
    increment. At the end the remaining peaks are folded right to left, which
    yields exactly the RFC 9162 §2.1.1 split at the largest power of two below
    n: every peak is a left child of the tree made of the peaks to its right.
    """
    stack: list[tuple[int, bytes]] = []
    for current in leaf_hashes:
        height, digest = 0, current
        while stack and stack[-1][0] == height:
            _, left = stack.pop()
            digest = node_hash(left, digest)
            height += 1
        stack.append((height, digest))
    if not stack:
        return EMPTY_ROOT_HASH
    _, root = stack.pop()
    while stack:
        _, left = stack.pop()
        root = node_hash(left, root)
    return root


def root_hash(leaf_hashes: Sequence[bytes]) -> bytes:
    """Return the Merkle Tree Hash MTH(D[n]) of the given leaf hashes (RFC 9162 §2.1.1).

    The input is the list of *leaf hashes* (see `leaf_hash`), not the raw
    entries, so that a store keeping only hashes can recompute roots. The empty
    tree hashes to SHA-256 of the empty string.

    Computed level by level: pair neighbours, carry an odd last node up unchanged.
    That equals the RFC's split at the largest power of two below n (the carried
    node is always the right edge), and runs each level as one comprehension,
    which is what verification throughput depends on in Python.
    """
    level = list(leaf_hashes)
    if not level:
        return EMPTY_ROOT_HASH
    while len(level) > 1:
        carried = level[-1] if len(level) % 2 else None
        pairs = iter(level)
        level = [
            _sha256(_NODE_PREFIX + left + right).digest()
            for left, right in zip(pairs, pairs, strict=False)
        ]
        if carried is not None:
            level.append(carried)
    return level[0]


def range_hash(leaf_hashes: Sequence[bytes], start: int, end: int) -> bytes:
    """Return MTH(D[start:end]), the subtree hash a proof node stands for.

    This is the "subtree hash oracle" the proof generators are written
    against; a database-backed store answers the same question from stored
    interior nodes instead of rehashing the leaves.
    """
    if not 0 <= start < end <= len(leaf_hashes):
        message = f"range [{start}, {end}) is not a non-empty range of {len(leaf_hashes)} leaves"
        raise ValueError(message)
    return _fold(leaf_hashes[index] for index in range(start, end))
