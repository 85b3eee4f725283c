"""Reading the stored tree: roots and proofs in O(log n) indexed reads, never a scan.

Level-0 nodes are the events' leaf hashes; higher levels are `TreeNode` rows. Every proof
range is split into perfect subtrees (`perfect_subtrees`), all of them fetched with one
query per tree level, then folded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection

from fairscreen.domain.ledger import (
    EMPTY_ROOT_HASH,
    CompactRange,
    Node,
    consistency_proof_nodes,
    fold_right,
    inclusion_proof_nodes,
    perfect_subtrees,
)


class LedgerRangeError(ValueError):
    """A size or index outside the current log (the caller's mistake)."""


class LedgerStorageError(RuntimeError):
    """The stored tree lacks a node it must have: damaged storage, not a bad request."""


def current_size() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(sequence) FROM evidence_event")
        last = cursor.fetchone()[0]
    return 0 if last is None else int(last) + 1


def fetch_nodes(nodes: Iterable[Node]) -> dict[Node, bytes]:
    """Look up perfect-subtree hashes in one query (leaves and interior nodes together).

    Plain SQL with placeholders: these run on every append and every proof, and building
    them through the ORM cost more than executing them (bench/ledger).
    """
    requested = set(nodes)
    by_level: dict[int, list[int]] = defaultdict(list)
    for level, position in requested:
        by_level[level].append(position)
    selects: list[str] = []
    parameters: list[int] = []
    leaves = by_level.pop(0, [])
    if leaves:
        selects.append(_LEAF_SELECT.format(_placeholders(len(leaves))))
        parameters.extend(leaves)
    for level, positions in by_level.items():
        selects.append(_NODE_SELECT.format(_placeholders(len(positions))))
        parameters.extend((level, *positions))
    found: dict[Node, bytes] = {}
    if selects:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), parameters)
            found = {(level, position): bytes(digest) for level, position, digest in cursor}
    missing = sorted(requested - found.keys())
    if missing:
        raise LedgerStorageError(f"the stored tree lacks {len(missing)} node(s), e.g. {missing[0]}")
    return found


_LEAF_SELECT = "SELECT 0, sequence, leaf_hash FROM evidence_event WHERE sequence IN ({})"
_NODE_SELECT = (
    "SELECT level, position, hash FROM evidence_treenode WHERE level = %s AND position IN ({})"
)


def _placeholders(count: int) -> str:
    """Only placeholders are ever formatted into the SQL; values go as parameters."""
    return ", ".join(["%s"] * count)


def load_compact_range(size: int) -> CompactRange:
    return CompactRange.from_nodes(size, fetch_nodes(CompactRange.nodes_for(size)))


def root_at(size: int) -> bytes:
    _check_size(size)
    if size == 0:
        return EMPTY_ROOT_HASH
    return load_compact_range(size).root()


def inclusion_proof(index: int, tree_size: int) -> list[bytes]:
    _check_size(tree_size)
    if not 0 <= index < tree_size:
        raise LedgerRangeError(f"index {index} is outside a tree of size {tree_size}")
    return _resolve(inclusion_proof_nodes(index, tree_size))


def consistency_proof(first: int, second: int) -> list[bytes]:
    _check_size(second)
    if not 0 < first <= second:
        raise LedgerRangeError(f"need 0 < first <= second, got {first} and {second}")
    return _resolve(consistency_proof_nodes(first, second))


def _resolve(ranges: list[tuple[int, int]]) -> list[bytes]:
    pieces = [perfect_subtrees(start, end) for start, end in ranges]
    hashes = fetch_nodes(node for nodes in pieces for node in nodes)
    return [fold_right([hashes[node] for node in nodes]) for nodes in pieces]


def _check_size(size: int) -> None:
    if size < 0 or size > current_size():
        raise LedgerRangeError(f"tree size {size} is beyond the log")
