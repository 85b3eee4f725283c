"""Compact ranges agree with the reference tree; entries are canonical and carry no PII."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain.ledger import (
    CompactRange,
    EntryError,
    LedgerEntry,
    commit_value,
    consistency_proof_nodes,
    fold_right,
    inclusion_proof_nodes,
    leaf_hash,
    new_salt,
    perfect_subtrees,
    range_hash,
    root_hash,
)

leaves = st.lists(st.binary(max_size=8), max_size=140).map(
    lambda data: [leaf_hash(d) for d in data]
)


@given(leaves)
def test_appending_to_a_compact_range_gives_the_reference_root_and_nodes(hashes) -> None:
    compact = CompactRange()
    for index, leaf in enumerate(hashes):
        for level, position, digest in compact.append(leaf):
            start = position << level
            assert digest == range_hash(hashes, start, start + (1 << level))
            assert start + (1 << level) == index + 1
        assert compact.root() == root_hash(hashes[: index + 1])
    assert compact.root() == root_hash(hashes)


@given(leaves.filter(bool), st.data())
def test_proof_ranges_fold_from_perfect_subtrees(hashes, data) -> None:
    size = len(hashes)
    index = data.draw(st.integers(0, size - 1))
    first = data.draw(st.integers(1, size))
    ranges = inclusion_proof_nodes(index, size) + consistency_proof_nodes(first, size)

    for start, end in ranges:
        pieces = [
            range_hash(hashes, position << level, (position + 1) << level)
            for level, position in perfect_subtrees(start, end)
        ]
        assert fold_right(pieces) == range_hash(hashes, start, end)


def test_a_compact_range_rebuilt_from_stored_nodes_continues_identically() -> None:
    hashes = [leaf_hash(bytes([n])) for n in range(13)]
    original = CompactRange()
    stored = {}
    for leaf in hashes:
        for level, position, digest in original.append(leaf):
            stored[(level, position)] = digest
    for position, leaf in enumerate(hashes):
        stored[(0, position)] = leaf

    rebuilt = CompactRange.from_nodes(13, stored)
    extra = leaf_hash(b"next")

    assert rebuilt.append(extra) == original.append(extra)
    assert rebuilt.root() == original.root() == root_hash([*hashes, extra])


def test_ranges_that_are_not_tree_nodes_are_refused() -> None:
    with pytest.raises(ValueError, match="not a node"):
        perfect_subtrees(1, 4)


MOMENT = datetime(2026, 11, 22, 2, 30, 0, 123456, tzinfo=UTC)


def entry(**changes) -> LedgerEntry:
    fields = {
        "sequence": 7,
        "recorded_at": MOMENT,
        "event_type": "consent.granted",
        "actor": "user:0192f0a0-0000-7000-8000-000000000001",
        "subject": "candidate:0192f0a0-0000-7000-8000-000000000002",
        "organisation": "0192f0a0-0000-7000-8000-000000000003",
        "payload": {"items": ["education", "identity"], "separate_consent": True},
    }
    fields.update(changes)
    return LedgerEntry(**fields)


def test_entries_have_one_canonical_form_that_round_trips() -> None:
    original = entry(recorded_at=MOMENT.astimezone(timezone(timedelta(hours=8))))

    data = original.to_bytes()

    assert data.startswith(b'{"actor":"user:')
    assert b" " not in data
    assert LedgerEntry.from_bytes(data).to_bytes() == data
    assert b'"time":"2026-11-22T02:30:00.123456Z"' in data


def test_non_canonical_bytes_are_refused() -> None:
    spaced = entry().to_bytes().replace(b'"sequence":7', b'"sequence": 7')

    with pytest.raises(EntryError, match="canonical"):
        LedgerEntry.from_bytes(spaced)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"payload": {"email": "测试@example.com"}}, "commitments"),
        ({"payload": {"candidate": {"phone": "13800000000"}}}, "commitments"),
        ({"payload": {"score": 0.5}}, "floats"),
        ({"payload": {"note": "x" * 201}}, "200"),
        ({"event_type": "ConsentGranted"}, "dotted"),
        ({"actor": "测试 员工"}, "opaque"),
        ({"recorded_at": MOMENT.replace(tzinfo=None)}, "timezone"),
    ],
)
def test_entries_refuse_personal_data_and_ambiguous_values(changes, message) -> None:
    with pytest.raises(EntryError, match=message) as raised:
        entry(**changes)

    assert "13800000000" not in str(raised.value)
    assert "测试@example.com" not in str(raised.value)


def test_personal_values_enter_as_salted_commitments() -> None:
    salt = new_salt()

    commitment = commit_value("测试候选人", salt=salt)
    recorded = entry(payload={"name": commitment})

    assert "测试候选人" not in recorded.to_bytes().decode()
    assert commit_value("测试候选人", salt=salt) == commitment
    assert commit_value("测试候选人", salt=new_salt()) != commitment


@given(leaves, st.lists(st.integers(0, 40), max_size=8))
def test_extending_in_chunks_gives_the_same_tree_as_appending(hashes, cuts) -> None:
    appended = CompactRange()
    for leaf in hashes:
        appended.append(leaf)
    extended = CompactRange()
    position = 0
    for cut in [*cuts, len(hashes)]:
        chunk = hashes[position : position + cut]
        extended.extend(chunk)
        position += len(chunk)
        assert extended.root() == root_hash(hashes[:position])
    extended.extend(hashes[position:])

    assert extended.size == appended.size == len(hashes)
    assert extended.root() == appended.root()
    assert extended.frontier == appended.frontier
