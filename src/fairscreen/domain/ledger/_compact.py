"""Compact ranges: the right edge of the tree, enough to append and to compute the root.

A tree of size n is the concatenation of perfect subtrees, one per set bit of n, largest
first (RFC 9162 §2.1.1 splits at the largest power of two below n, recursively). Keeping
only those subtree roots -- at most log2(n)+1 hashes -- lets a store append leaves and know
the root without reading the leaves, and tells it which interior nodes become complete.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fairscreen.domain.ledger._hashing import EMPTY_ROOT_HASH, node_hash, root_hash

Node = tuple[int, int]
"""(level, position): the perfect subtree over leaves [position·2^level, (position+1)·2^level)."""


def perfect_subtrees(start: int, end: int) -> list[Node]:
    """Decompose the node range [start, end) into perfect subtrees, left to right.

    Valid for every range that is a node of some tree (what `*_proof_nodes` return): such a
    range starts at a multiple of its largest piece, so every piece is aligned.
    """
    if not 0 <= start < end:
        raise ValueError(f"empty or negative range [{start}, {end})")
    nodes = []
    position = start
    remaining = end - start
    while remaining:
        level = remaining.bit_length() - 1
        size = 1 << level
        if position % size:
            raise ValueError(f"range [{start}, {end}) is not a node of a Merkle tree")
        nodes.append((level, position >> level))
        position += size
        remaining -= size
    return nodes


def fold_right(hashes: Sequence[bytes]) -> bytes:
    """MTH of consecutive perfect subtrees, largest first: H(a, H(b, H(c, d)))."""
    if not hashes:
        return EMPTY_ROOT_HASH
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


@dataclass
class CompactRange:
    """The right edge of a tree of `size` leaves: level -> root of that perfect subtree."""

    size: int = 0
    frontier: dict[int, bytes] = field(default_factory=dict)

    @staticmethod
    def nodes_for(size: int) -> list[Node]:
        """Which stored nodes make up the compact range of a tree of `size` leaves."""
        return perfect_subtrees(0, size) if size else []

    @classmethod
    def from_nodes(cls, size: int, hashes: dict[Node, bytes]) -> CompactRange:
        frontier = {level: hashes[(level, position)] for level, position in cls.nodes_for(size)}
        return cls(size=size, frontier=frontier)

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add a leaf hash; return the interior nodes (level >= 1) it completes."""
        completed = []
        carry = leaf
        level = 0
        index = self.size
        while level in self.frontier:
            carry = node_hash(self.frontier.pop(level), carry)
            level += 1
            completed.append((level, index >> level, carry))
        self.frontier[level] = carry
        self.size += 1
        return completed

    def extend(self, leaves: Sequence[bytes]) -> None:
        """Add many leaf hashes at once (verification), without reporting interior nodes.

        The new leaves are cut into aligned perfect subtrees; each is hashed level by level
        (`root_hash`) and merged into the frontier as one node, which is several times faster
        in Python than appending leaf by leaf.
        """
        position = 0
        while position < len(leaves):
            alignment = (self.size & -self.size).bit_length() - 1 if self.size else 63
            level = min(alignment, (len(leaves) - position).bit_length() - 1)
            count = 1 << level
            self._merge(level, root_hash(leaves[position : position + count]))
            self.size += count
            position += count

    def _merge(self, level: int, carry: bytes) -> None:
        while level in self.frontier:
            carry = node_hash(self.frontier.pop(level), carry)
            level += 1
        self.frontier[level] = carry

    def root(self) -> bytes:
        return fold_right([self.frontier[level] for level in sorted(self.frontier, reverse=True)])
