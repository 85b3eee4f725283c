"""Property tests: generated proofs verify, and any change to them is caught.

Each property is checked on random trees of 0 to 200 distinct leaves against a
naive recursive MTH written straight from RFC 9162 §2.1.1.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairscreen.domain.ledger import (
    ConsistencyProofError,
    InclusionProofError,
    _hashing,
    consistency_proof,
    consistency_proof_nodes,
    inclusion_proof,
    inclusion_proof_nodes,
    leaf_hash,
    range_hash,
    root_hash,
    verify_consistency,
    verify_inclusion,
)

MAX_LEAVES = 200


@st.composite
def distinct_leaves(draw: st.DrawFn, min_size: int = 0) -> list[bytes]:
    """Random leaves, all distinct, with the count drawn uniformly up to MAX_LEAVES.

    Drawing the count first keeps large trees as likely as small ones (plain
    ``st.lists`` favours short lists). Leaves are distinct because with repeated
    leaves a proof for one index can honestly be a proof for another.
    """
    size = draw(st.integers(min_size, MAX_LEAVES), label="size")
    element = st.binary(min_size=1, max_size=24)
    return draw(st.lists(element, min_size=size, max_size=size, unique=True), label="leaves")


leaf_lists = distinct_leaves()
non_empty_leaf_lists = distinct_leaves(min_size=1)


def reference_root(hashes: list[bytes]) -> bytes:
    """MTH by the recursive definition of RFC 9162 §2.1.1, deliberately naive."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    split = 1
    while split * 2 < len(hashes):
        split *= 2
    left, right = reference_root(hashes[:split]), reference_root(hashes[split:])
    return hashlib.sha256(b"\x01" + left + right).digest()


def flip_bit(value: bytes, bit: int) -> bytes:
    flipped = bytearray(value)
    flipped[bit // 8] ^= 1 << (bit % 8)
    return bytes(flipped)


def is_valid_node_range(start: int, end: int, tree_size: int) -> bool:
    """A node of the tree: a perfect aligned subtree, or a subtree on the right edge."""
    size = end - start
    if not 0 <= start < end <= tree_size:
        return False
    is_perfect = size & (size - 1) == 0 and start % size == 0
    return is_perfect or end == tree_size


@given(leaves=leaf_lists)
def test_root_hash_matches_naive_reference(leaves: list[bytes]) -> None:
    hashes = [leaf_hash(leaf) for leaf in leaves]
    assert root_hash(hashes) == reference_root(hashes)


@given(leaves=non_empty_leaf_lists, data=st.data())
def test_range_hash_matches_reference(leaves: list[bytes], data: st.DataObject) -> None:
    hashes = [leaf_hash(leaf) for leaf in leaves]
    start = data.draw(st.integers(0, len(hashes) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(hashes)), label="end")
    assert range_hash(hashes, start, end) == reference_root(hashes[start:end])


def test_root_hash_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """The level-by-level fold hashes n - 1 interior nodes for n leaves, no more."""
    calls = 0
    original = _hashing._sha256

    def counting_sha256(data: bytes) -> Any:
        nonlocal calls
        calls += 1
        return original(data)

    hashes = [leaf_hash(index.to_bytes(4, "big")) for index in range(5_000)]
    monkeypatch.setattr(_hashing, "_sha256", counting_sha256)
    root_hash(hashes)
    assert calls == len(hashes) - 1


@settings(max_examples=40)
@given(leaves=leaf_lists)
def test_every_inclusion_proof_verifies(leaves: list[bytes]) -> None:
    hashes = [leaf_hash(leaf) for leaf in leaves]
    root = root_hash(hashes)
    for index, hashed in enumerate(hashes):
        proof = inclusion_proof(index, hashes)
        verify_inclusion(
            leaf_hash=hashed, index=index, tree_size=len(hashes), proof=proof, root=root
        )


@given(leaves=distinct_leaves(min_size=2), data=st.data())
def test_inclusion_proof_for_another_index_or_leaf_fails(
    leaves: list[bytes], data: st.DataObject
) -> None:
    hashes = [leaf_hash(leaf) for leaf in leaves]
    root, size = root_hash(hashes), len(hashes)
    index = data.draw(st.integers(0, size - 1), label="index")
    other = data.draw(st.integers(0, size - 1).filter(lambda value: value != index), label="other")
    proof = inclusion_proof(index, hashes)

    with pytest.raises(InclusionProofError):
        verify_inclusion(
            leaf_hash=hashes[other], index=other, tree_size=size, proof=proof, root=root
        )
    with pytest.raises(InclusionProofError):
        verify_inclusion(
            leaf_hash=hashes[index], index=other, tree_size=size, proof=proof, root=root
        )
    with pytest.raises(InclusionProofError):
        verify_inclusion(
            leaf_hash=hashes[other], index=index, tree_size=size, proof=proof, root=root
        )


@given(leaves=non_empty_leaf_lists, data=st.data())
def test_inclusion_proof_for_another_size_fails(leaves: list[bytes], data: st.DataObject) -> None:
    hashes = [leaf_hash(leaf) for leaf in leaves]
    size = len(hashes)
    index = data.draw(st.integers(0, size - 1), label="index")
    other_size = data.draw(st.integers(index + 1, size + 5), label="other_size")
    proof = inclusion_proof(index, hashes)
    extended = hashes + [leaf_hash(b"extra" + bytes([extra])) for extra in range(5)]
    other_root = root_hash(extended[:other_size])
    if other_size == size:
        verify_inclusion(
            leaf_hash=hashes[index], index=index, tree_size=size, proof=proof, root=other_root
        )
        return
    with pytest.raises(InclusionProofError):
        verify_inclusion(
            leaf_hash=hashes[index], index=index, tree_size=other_size, proof=proof, root=other_root
        )


@given(leaves=non_empty_leaf_lists, data=st.data())
def test_flipping_any_inclusion_proof_bit_fails(leaves: list[bytes], data: st.DataObject) -> None:
    hashes = [leaf_hash(leaf) for leaf in leaves]
    root, size = root_hash(hashes), len(hashes)
    index = data.draw(st.integers(0, size - 1), label="index")
    proof = inclusion_proof(index, hashes)
    if not proof:
        return
    position = data.draw(st.integers(0, len(proof) - 1), label="position")
    bit = data.draw(st.integers(0, 255), label="bit")
    proof[position] = flip_bit(proof[position], bit)
    with pytest.raises(InclusionProofError):
        verify_inclusion(
            leaf_hash=hashes[index], index=index, tree_size=size, proof=proof, root=root
        )


@settings(max_examples=40)
@given(leaves=non_empty_leaf_lists)
def test_every_consistency_proof_verifies(leaves: list[bytes]) -> None:
    hashes = [leaf_hash(leaf) for leaf in leaves]
    second_root = root_hash(hashes)
    for first in range(1, len(hashes) + 1):
        verify_consistency(
            first=first,
            second=len(hashes),
            first_root=root_hash(hashes[:first]),
            second_root=second_root,
            proof=consistency_proof(first, hashes),
        )


@given(leaves=distinct_leaves(min_size=2), data=st.data())
def test_tampered_consistency_proof_fails(leaves: list[bytes], data: st.DataObject) -> None:
    hashes = [leaf_hash(leaf) for leaf in leaves]
    second = len(hashes)
    first = data.draw(st.integers(1, second - 1), label="first")
    first_root, second_root = root_hash(hashes[:first]), root_hash(hashes)
    proof = consistency_proof(first, hashes)
    position = data.draw(st.integers(0, len(proof) - 1), label="position")
    bit = data.draw(st.integers(0, 255), label="bit")
    tampered = [*proof]
    tampered[position] = flip_bit(tampered[position], bit)

    with pytest.raises(ConsistencyProofError):
        verify_consistency(
            first=first,
            second=second,
            first_root=first_root,
            second_root=second_root,
            proof=tampered,
        )
    with pytest.raises(ConsistencyProofError):
        verify_consistency(
            first=first,
            second=second,
            first_root=flip_bit(first_root, bit),
            second_root=second_root,
            proof=proof,
        )
    with pytest.raises(ConsistencyProofError):
        verify_consistency(
            first=first,
            second=second,
            first_root=first_root,
            second_root=flip_bit(second_root, bit),
            proof=proof,
        )


@given(leaves=distinct_leaves(min_size=3), data=st.data())
def test_consistency_proof_for_other_sizes_fails(leaves: list[bytes], data: st.DataObject) -> None:
    hashes = [leaf_hash(leaf) for leaf in leaves]
    second = len(hashes)
    first = data.draw(st.integers(1, second - 1), label="first")
    other = data.draw(
        st.integers(1, second - 1).filter(lambda value: value != first), label="other"
    )
    proof = consistency_proof(first, hashes)
    with pytest.raises(ConsistencyProofError):
        verify_consistency(
            first=other,
            second=second,
            first_root=root_hash(hashes[:other]),
            second_root=root_hash(hashes),
            proof=proof,
        )


@given(tree_size=st.integers(1, 5_000), data=st.data())
def test_proof_node_ranges_are_tree_nodes(tree_size: int, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, tree_size - 1), label="index")
    first = data.draw(st.integers(1, tree_size), label="first")
    inclusion_nodes = inclusion_proof_nodes(index, tree_size)
    consistency_nodes = consistency_proof_nodes(first, tree_size)
    depth = (tree_size - 1).bit_length()  # ceil(log2(tree_size))

    assert len(inclusion_nodes) <= depth
    assert len(consistency_nodes) <= depth + 1
    for start, end in [*inclusion_nodes, *consistency_nodes]:
        assert is_valid_node_range(start, end, tree_size), (start, end)
    # An inclusion path's ranges never contain the leaf and are pairwise disjoint.
    assert all(not start <= index < end for start, end in inclusion_nodes)
    assert sum(end - start for start, end in inclusion_nodes) == tree_size - 1


@given(leaves=non_empty_leaf_lists, data=st.data())
def test_proofs_are_the_subtree_hashes_of_their_node_ranges(
    leaves: list[bytes], data: st.DataObject
) -> None:
    hashes = [leaf_hash(leaf) for leaf in leaves]
    index = data.draw(st.integers(0, len(hashes) - 1), label="index")
    first = data.draw(st.integers(1, len(hashes)), label="first")
    inclusion_nodes = inclusion_proof_nodes(index, len(hashes))
    consistency_nodes = consistency_proof_nodes(first, len(hashes))
    assert inclusion_proof(index, hashes) == [
        reference_root(hashes[start:end]) for start, end in inclusion_nodes
    ]
    assert consistency_proof(first, hashes) == [
        reference_root(hashes[start:end]) for start, end in consistency_nodes
    ]


@pytest.mark.parametrize(
    ("index", "tree_size"), [(-1, 3), (3, 3), (0, 0)], ids=["negative", "past-end", "empty"]
)
def test_inclusion_nodes_reject_a_leaf_outside_the_tree(index: int, tree_size: int) -> None:
    with pytest.raises(ValueError, match="not in a tree"):
        inclusion_proof_nodes(index, tree_size)


@pytest.mark.parametrize(
    ("first", "second"), [(0, 3), (4, 3), (0, 0)], ids=["from-empty", "shrinking", "both-empty"]
)
def test_consistency_nodes_reject_undefined_sizes(first: int, second: int) -> None:
    with pytest.raises(ValueError, match="no consistency proof"):
        consistency_proof_nodes(first, second)


def test_equal_sizes_give_an_empty_consistency_proof() -> None:
    assert consistency_proof_nodes(7, 7) == []
