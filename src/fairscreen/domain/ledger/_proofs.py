"""Inclusion and consistency proofs of RFC 9162 §2.1.3 and §2.1.4.

Proof generation is split in two layers:

* ``*_proof_nodes`` returns the ordered list of leaf ranges ``(start, end)``
  whose subtree hashes MTH(D[start:end]) make up the proof. It needs only the
  tree sizes, never the data.
* ``inclusion_proof`` / ``consistency_proof`` resolve those ranges against a
  list of leaf hashes.

Every range returned is a node of the RFC 9162 tree of the given size, so it
is either a *perfect subtree* (its size is a power of two and ``start`` is a
multiple of that size) or a *right-edge subtree* (``end`` equals the tree size).
A store that keeps the perfect subtree hashes can therefore answer any range
with O(1) reads for a perfect one and O(log n) reads for a right-edge one (the
right edge decomposes into at most log2(n) perfect subtrees), so a whole proof
costs O(log² n) stored nodes at worst and O(log n) ranges.
"""

from __future__ import annotations

from collections.abc import Sequence

from fairscreen.domain.ledger._errors import ConsistencyProofError, InclusionProofError
from fairscreen.domain.ledger._hashing import HASH_SIZE, node_hash, range_hash

__all__ = [
    "consistency_proof",
    "consistency_proof_nodes",
    "inclusion_proof",
    "inclusion_proof_nodes",
    "verify_consistency",
    "verify_inclusion",
]

NodeRange = tuple[int, int]


def _split_point(start: int, end: int) -> int:
    """Return start + k where k is the largest power of two below end - start (RFC 9162 §2.1.1)."""
    return start + (1 << ((end - start - 1).bit_length() - 1))


def inclusion_proof_nodes(index: int, tree_size: int) -> list[NodeRange]:
    """Return the leaf ranges of the audit path PATH(index, D[tree_size]) (RFC 9162 §2.1.3.1).

    The ranges are ordered from the leaf's sibling up to the root's other
    child, as the RFC defines the path. Raises ValueError when ``index`` is not
    a leaf of a tree of ``tree_size`` leaves: asking for it is a caller bug.
    """
    if not 0 <= index < tree_size:
        message = f"leaf index {index} is not in a tree of {tree_size} leaves"
        raise ValueError(message)
    siblings: list[NodeRange] = []
    start, end = 0, tree_size
    while end - start > 1:
        split = _split_point(start, end)
        if index < split:
            siblings.append((split, end))
            end = split
        else:
            siblings.append((start, split))
            start = split
    siblings.reverse()
    return siblings


def consistency_proof_nodes(first: int, second: int) -> list[NodeRange]:
    """Return the leaf ranges of PROOF(first, D[second]) (RFC 9162 §2.1.4.1).

    Iterative form of SUBPROOF(m, D[n], b): walking down from the root, each
    step records the subtree the old tree's boundary does not enter. When the
    walk reaches a node that ends exactly at ``first``, that node is itself
    part of the proof unless it is the whole old tree (b = true). The RFC
    defines the proof for 0 < first <= second (an equal size gives an empty
    proof); anything else raises ValueError.
    """
    if not 0 < first <= second:
        message = f"no consistency proof exists from size {first} to size {second}"
        raise ValueError(message)
    ranges: list[NodeRange] = []
    start, end = 0, second
    whole_old_tree = True
    while first != end:
        split = _split_point(start, end)
        if first <= split:
            ranges.append((split, end))
            end = split
        else:
            ranges.append((start, split))
            start = split
            whole_old_tree = False
    if not whole_old_tree:
        ranges.append((start, end))
    ranges.reverse()
    return ranges


def inclusion_proof(index: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """Return the audit path of leaf ``index`` in the tree of ``leaf_hashes`` (RFC 9162 §2.1.3.1).

    Each element is the subtree hash of one range of `inclusion_proof_nodes`.
    """
    nodes = inclusion_proof_nodes(index, len(leaf_hashes))
    return [range_hash(leaf_hashes, start, end) for start, end in nodes]


def consistency_proof(first: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """Return PROOF(first, D[n]) with n = len(leaf_hashes) (RFC 9162 §2.1.4.1).

    Each element is the subtree hash of one range of `consistency_proof_nodes`.
    """
    nodes = consistency_proof_nodes(first, len(leaf_hashes))
    return [range_hash(leaf_hashes, start, end) for start, end in nodes]


def _check_hash_sizes(proof: Sequence[bytes], error: type[Exception]) -> None:
    """Reject proof elements that cannot be SHA-256 hashes before hashing anything."""
    for position, element in enumerate(proof):
        if len(element) != HASH_SIZE:
            message = f"proof element {position} is {len(element)} bytes, not {HASH_SIZE}"
            raise error(message)


def _shift_until_odd_or_zero(first_number: int, second_number: int) -> tuple[int, int]:
    """Right-shift both numbers until LSB(first_number) is set or it is 0 (RFC 9162 §2.1.3.2)."""
    while first_number != 0 and not first_number & 1:
        first_number >>= 1
        second_number >>= 1
    return first_number, second_number


def verify_inclusion(
    *, leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that ``leaf_hash`` is leaf ``index`` of the tree with ``root`` (RFC 9162 §2.1.3.2).

    Runs the RFC algorithm step by step (fn, sn, r). Returns None on success
    and raises InclusionProofError saying which check failed otherwise.
    """
    if not 0 <= index < tree_size:
        message = f"leaf index {index} is not below tree size {tree_size}"
        raise InclusionProofError(message)
    if len(leaf_hash) != HASH_SIZE:
        message = f"leaf hash is {len(leaf_hash)} bytes, not {HASH_SIZE}"
        raise InclusionProofError(message)
    _check_hash_sizes(proof, InclusionProofError)
    fn, sn = index, tree_size - 1
    computed = leaf_hash
    for element in proof:
        if sn == 0:
            message = "proof has more elements than the path from the leaf to the root"
            raise InclusionProofError(message)
        if fn & 1 or fn == sn:
            computed = node_hash(element, computed)
            fn, sn = _shift_until_odd_or_zero(fn, sn)
        else:
            computed = node_hash(computed, element)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        message = f"proof of {len(proof)} elements is too short to reach the root"
        raise InclusionProofError(message)
    if computed != root:
        message = "root computed from the proof does not match the expected root"
        raise InclusionProofError(message)


def _check_consistency_domain(
    *, first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Handle the sizes the RFC algorithm is not defined for; True means "already verified".

    RFC 9162 §2.1.4 defines proofs for 0 < first < second. For first == second
    the proof is the empty list (RFC 6962 §2.1.2, SUBPROOF with m = n) and the
    two roots must be equal. A proof from the empty tree (first == 0, even to
    another empty tree) proves nothing and is rejected, as the shared test
    vectors require.
    """
    if not 0 < first <= second:
        message = f"sizes must satisfy 0 < first <= second, got first={first} second={second}"
        raise ConsistencyProofError(message)
    if first == second:
        if proof:
            message = f"sizes are equal but the proof has {len(proof)} elements instead of none"
            raise ConsistencyProofError(message)
        if first_root != second_root:
            message = "sizes are equal but the roots differ"
            raise ConsistencyProofError(message)
        return True
    if not proof:
        message = "consistency proof is empty"
        raise ConsistencyProofError(message)
    _check_hash_sizes(proof, ConsistencyProofError)
    return False


def _walk_consistency_path(path: Sequence[bytes], first: int, second: int) -> tuple[bytes, bytes]:
    """Steps 3 to 6 of RFC 9162 §2.1.4.2: fold the path into (fr, sr)."""
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    first_computed = second_computed = path[0]
    for element in path[1:]:
        if sn == 0:
            message = "consistency proof has more elements than the trees need"
            raise ConsistencyProofError(message)
        if fn & 1 or fn == sn:
            first_computed = node_hash(element, first_computed)
            second_computed = node_hash(element, second_computed)
            fn, sn = _shift_until_odd_or_zero(fn, sn)
        else:
            second_computed = node_hash(second_computed, element)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        message = "consistency proof is too short to reach the second root"
        raise ConsistencyProofError(message)
    return first_computed, second_computed


def verify_consistency(
    *, first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> None:
    """Check that the tree of size ``first`` is a prefix of the tree of size ``second``.

    Implements RFC 9162 §2.1.4.2 step by step, after the size checks of
    `_check_consistency_domain`. Returns None on success and raises
    ConsistencyProofError saying which check failed otherwise.
    """
    if _check_consistency_domain(
        first=first, second=second, first_root=first_root, second_root=second_root, proof=proof
    ):
        return
    path = list(proof)
    if first & (first - 1) == 0:  # step 2: first is an exact power of two
        path.insert(0, first_root)
    first_computed, second_computed = _walk_consistency_path(path, first, second)
    if first_computed != first_root:
        message = "first root computed from the proof does not match the expected first root"
        raise ConsistencyProofError(message)
    if second_computed != second_root:
        message = "second root computed from the proof does not match the expected second root"
        raise ConsistencyProofError(message)
