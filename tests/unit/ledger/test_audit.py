"""`audit_entries` detects and locates every kind of tampering, on in-memory logs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain.ledger import (
    AuditReport,
    Checkpoint,
    LedgerEntry,
    audit_entries,
    audit_records,
    generate_signer_key,
    leaf_hash,
    root_hash,
    sign_checkpoint,
    verify_checkpoint,
)
from fairscreen.domain.ledger._audit_findings import MAX_PROBLEMS

ORIGIN = "audit.example.com/test-log"
OTHER_ORIGIN = "other.example.com/test-log"
SIZE = 20
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MARKER = "visible-fictional-marker-测试"
KEYS = generate_signer_key(ORIGIN)

Log = list[tuple[int, bytes]]
Record = tuple[int, bytes, bytes]
Records = list[Record]


def entry(sequence: int, *, number: int | None = None) -> bytes:
    return LedgerEntry(
        sequence=sequence,
        recorded_at=START + timedelta(seconds=sequence),
        event_type="test.recorded",
        actor="user:test",
        subject=f"screening:{sequence}",
        organisation="org:test",
        payload={"number": sequence if number is None else number, "note": MARKER},
    ).to_bytes()


def make_log(size: int = SIZE) -> Log:
    return [(sequence, entry(sequence)) for sequence in range(size)]


def signed_checkpoint(log: Log, size: int | None = None) -> Checkpoint:
    """A checkpoint over the first `size` entries, through a real sign/verify round trip."""
    data = [item for _, item in log[: len(log) if size is None else size]]
    head = Checkpoint(origin=ORIGIN, tree_size=len(data), root_hash=root_hash(map_leaf(data)))
    signer_key, verifier_key = KEYS
    return verify_checkpoint(
        sign_checkpoint(head, signer_key=signer_key), verifier_key=verifier_key
    )


def map_leaf(data: list[bytes]) -> list[bytes]:
    return [leaf_hash(item) for item in data]


def stored_hashes(log: Log) -> dict[int, bytes]:
    return {sequence: leaf_hash(item) for sequence, item in log}


def flip_payload(data: bytes) -> bytes:
    """Change the payload number (one digit): still a canonical entry, other bytes."""
    before = data.index(b'"number":') + len(b'"number":')
    digit = data[before : before + 1]
    return data[:before] + (b"7" if digit != b"7" else b"8") + data[before + 1 :]


def first(report: AuditReport) -> tuple[int | None, str]:
    return report.problems[0].sequence, report.problems[0].kind


@pytest.fixture
def log() -> Log:
    return make_log()


@pytest.fixture
def checkpoint(log: Log) -> Checkpoint:
    return signed_checkpoint(log)


def test_a_clean_log_verifies(log: Log, checkpoint: Checkpoint) -> None:
    report = audit_entries(log, checkpoint=checkpoint, stored_leaf_hashes=stored_hashes(log))

    assert report == AuditReport(
        ok=True, tree_size=SIZE, root_hash=checkpoint.root_hash, problems=(), uncovered=0
    )


def test_entries_after_the_checkpoint_are_counted_as_uncovered_not_wrong(log: Log) -> None:
    report = audit_entries(log, checkpoint=signed_checkpoint(log, 15))

    assert report.ok
    assert (report.tree_size, report.uncovered) == (15, 5)


def test_the_empty_log_matches_the_empty_checkpoint() -> None:
    report = audit_entries([], checkpoint=signed_checkpoint([]))

    assert report.ok
    assert report.tree_size == 0


def as_records(log: Log) -> Records:
    """(stored sequence, entry, stored leaf hash): what a store or an export holds."""
    return [(sequence, item, leaf_hash(item)) for sequence, item in log]


def forged(sequence: int) -> Record:
    data = entry(sequence, number=99)
    return sequence, data, leaf_hash(data)


def changed_payload(records: Records) -> Records:
    """One entry edited in place, its stored leaf hash left alone."""
    return [(s, flip_payload(item) if s == 7 else item, hash_) for s, item, hash_ in records]


def not_canonical(records: Records) -> Records:
    return [
        (s, item.replace(b'"number":', b'"number": ') if s == 7 else item, hash_)
        for s, item, hash_ in records
    ]


def deleted(records: Records) -> Records:
    return records[:7] + records[8:]


def swapped(records: Records) -> Records:
    return [*records[:7], records[12], *records[8:12], records[7], *records[13:]]


def swapped_in_place(records: Records) -> Records:
    """The rows keep their sequence numbers; entries and hashes trade places."""
    seven, twelve = records[7], records[12]
    return [*records[:7], (7, *twelve[1:]), *records[8:12], (12, *seven[1:]), *records[13:]]


def moved_later(records: Records) -> Records:
    return [*records[:7], *records[8:15], records[7], *records[15:]]


def duplicated(records: Records) -> Records:
    return [*records[:7], forged(7), *records[7:]]


def inserted_and_renumbered(records: Records) -> Records:
    return [*records[:7], forged(7), *((s + 1, *rest) for s, *rest in records[7:])]


def removed_and_renumbered(records: Records) -> Records:
    return [*records[:7], *((s - 1, *rest) for s, *rest in records[8:])]


def truncated(records: Records) -> Records:
    return records[:17]


@pytest.mark.parametrize(
    ("tamper", "sequence", "kind"),
    [
        (changed_payload, 7, "altered"),
        (not_canonical, 7, "not_canonical"),
        (deleted, 7, "missing"),
        (swapped, 7, "reordered"),
        (swapped_in_place, 7, "reordered"),
        (moved_later, 7, "reordered"),
        (duplicated, 7, "inserted"),
        (inserted_and_renumbered, 7, "inserted"),
        (removed_and_renumbered, 7, "missing"),
        (truncated, 17, "truncated"),
    ],
)
def test_each_tampering_is_detected_and_located(
    log: Log,
    checkpoint: Checkpoint,
    tamper: Callable[[Records], Records],
    sequence: int,
    kind: str,
) -> None:
    report = audit_records(tamper(as_records(log)), checkpoint=checkpoint)

    assert not report.ok
    assert first(report) == (sequence, kind)
    assert str(sequence) in report.problems[0].message


def test_a_missing_entry_is_named(log: Log, checkpoint: Checkpoint) -> None:
    report = audit_entries(log[:4] + log[7:], checkpoint=checkpoint)

    assert [(p.sequence, p.kind, p.message) for p in report.problems] == [
        (4, "missing", "sequences 4 to 6 missing (3 entries)")
    ]


def test_a_rewritten_entry_and_hash_is_caught_by_the_root_alone(
    log: Log, checkpoint: Checkpoint
) -> None:
    rewritten = [(s, flip_payload(item) if s == 7 else item) for s, item in log]

    report = audit_entries(
        rewritten, checkpoint=checkpoint, stored_leaf_hashes=stored_hashes(rewritten)
    )

    assert not report.ok
    assert [(p.sequence, p.kind) for p in report.problems] == [(None, "root_mismatch")]
    assert "between sequence 0 and 19" in report.problems[0].message


def test_a_matching_previous_checkpoint_narrows_down_a_root_mismatch(log: Log) -> None:
    rewritten = [(s, flip_payload(item) if s == 14 else item) for s, item in log]

    report = audit_entries(
        rewritten, checkpoint=signed_checkpoint(log), previous=signed_checkpoint(log, 10)
    )

    assert [(p.sequence, p.kind) for p in report.problems] == [(None, "root_mismatch")]
    assert "between sequence 10 and 19" in report.problems[0].message


def test_a_change_before_the_previous_checkpoint_breaks_consistency_with_it(log: Log) -> None:
    rewritten = [(s, flip_payload(item) if s == 7 else item) for s, item in log]

    report = audit_entries(
        rewritten, checkpoint=signed_checkpoint(rewritten), previous=signed_checkpoint(log, 10)
    )

    assert not report.ok
    assert [p.kind for p in report.problems] == ["root_mismatch"]
    assert "previous checkpoint of size 10" in report.problems[0].message
    assert "between sequence 0 and 9" in report.problems[0].message


def test_earlier_signed_checkpoints_bound_where_the_change_lies(log: Log) -> None:
    rewritten = [(s, flip_payload(item) if s == 13 else item) for s, item in log]
    earlier = [signed_checkpoint(log, size) for size in (4, 8, 12, 16)]

    report = audit_entries(rewritten, checkpoint=signed_checkpoint(log), earlier=earlier)

    assert "between sequence 12 and 15" in report.problems[0].message


def test_a_previous_checkpoint_larger_or_of_another_log_is_refused(log: Log) -> None:
    other = Checkpoint(OTHER_ORIGIN, 5, root_hash(map_leaf([e for _, e in log[:5]])))

    with pytest.raises(ValueError, match="larger"):
        audit_entries(log, checkpoint=signed_checkpoint(log, 5), previous=signed_checkpoint(log))
    with pytest.raises(ValueError, match="different logs"):
        audit_entries(log, checkpoint=signed_checkpoint(log), previous=other)


def test_a_stored_sequence_that_differs_from_the_entry_is_one_problem(log: Log) -> None:
    relabelled = [(s + 100 if s >= 5 else s, item) for s, item in log]

    report = audit_entries(relabelled, checkpoint=signed_checkpoint(log))

    assert [(p.sequence, p.kind) for p in report.problems] == [(105, "altered")]


def test_a_wholesale_rewrite_is_reported_without_listing_every_entry(log: Log) -> None:
    big = make_log(3 * MAX_PROBLEMS)
    rewritten = [(s, flip_payload(item)) for s, item in big]

    report = audit_entries(
        rewritten, checkpoint=signed_checkpoint(big), stored_leaf_hashes=stored_hashes(big)
    )

    assert len(report.problems) == MAX_PROBLEMS
    assert report.omitted > 0
    assert not report.ok


def test_records_with_stored_hashes_stream_like_entries(log: Log, checkpoint: Checkpoint) -> None:
    records = [(s, flip_payload(item) if s == 3 else item, leaf_hash(item)) for s, item in log]

    report = audit_records(records, checkpoint=checkpoint)

    assert first(report) == (3, "altered")


@pytest.mark.parametrize(
    "tamper", [changed_payload, not_canonical, deleted, swapped, duplicated, truncated]
)
def test_messages_never_repeat_what_an_entry_says(
    log: Log, checkpoint: Checkpoint, tamper: Callable[[Records], Records]
) -> None:
    report = audit_records(tamper(as_records(log)), checkpoint=checkpoint)

    assert report.problems
    assert not any(MARKER in p.message or "screening:" in p.message for p in report.problems)


@given(
    size=st.integers(min_value=2, max_value=40),
    data=st.data(),
)
def test_any_single_swap_or_deletion_is_located_at_its_first_sequence(
    size: int, data: st.DataObject
) -> None:
    log = make_log(size)
    first_index = data.draw(st.integers(min_value=0, max_value=size - 2))
    second_index = data.draw(st.integers(min_value=first_index + 1, max_value=size - 1))
    swapped_log = list(log)
    swapped_log[first_index], swapped_log[second_index] = log[second_index], log[first_index]
    checkpoint = signed_checkpoint(log)

    swap_report = audit_entries(swapped_log, checkpoint=checkpoint)
    deletion_report = audit_entries(
        log[:first_index] + log[first_index + 1 :], checkpoint=checkpoint
    )

    assert first(swap_report) == (first_index, "reordered")
    assert first(deletion_report) == (first_index, "missing")
