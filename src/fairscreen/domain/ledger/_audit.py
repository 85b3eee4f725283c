"""Auditing a copy of the log against signed checkpoints: detect tampering *and locate it*.

A checkpoint alone says only "the root differs". An auditor needs to know where to look,
so besides recomputing the roots this reads every entry once, in order, and checks:

* each entry is a canonical `LedgerEntry` (anything else was edited by hand);
* the entries' own sequence numbers run 0, 1, 2, ... -- a gap is an entry *missing*, a
  number that comes back later than it should means the log was *reordered*, a number
  seen twice means an entry was *inserted* (and the ones after it renumbered);
* the sequence under which the entry was stored (a database row, an export line) is the
  one written inside the entry;
* when the store's leaf hashes are given, each is SHA-256(0x00 ‖ entry): a changed byte
  in an entry whose stored hash was left alone is then located exactly;
* the roots at the sizes of the trusted checkpoints (the one checked, an earlier one the
  auditor saved, any other signed ones) are reproduced. If only a root differs -- the
  forger rewrote the entry *and* its hash -- the change is bounded by the last checkpoint
  that still matched.

Memory stays O(log n) plus the problems found, so a log of any length can be streamed.
Messages name sequence numbers, sizes and column names, never what an entry says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from fairscreen.domain.ledger._audit_findings import (
    ALTERED,
    NOT_CANONICAL,
    ROOT_MISMATCH,
    TRUNCATED,
    AuditReport,
    Findings,
    SequenceTracker,
)
from fairscreen.domain.ledger._checkpoint import Checkpoint
from fairscreen.domain.ledger._compact import CompactRange
from fairscreen.domain.ledger._entry import EntryError, LedgerEntry
from fairscreen.domain.ledger._hashing import leaf_hash


def audit_entries(
    entries: Iterable[tuple[int, bytes]],
    *,
    checkpoint: Checkpoint,
    previous: Checkpoint | None = None,
    stored_leaf_hashes: Mapping[int, bytes] | None = None,
    earlier: Iterable[Checkpoint] = (),
) -> AuditReport:
    """Audit (stored sequence, entry bytes) pairs, in store order, against `checkpoint`.

    `previous` is an earlier checkpoint the auditor kept: the log must still reproduce it.
    `earlier` are further trusted checkpoints that only narrow down where a change lies.
    """
    records = (
        (sequence, data, None if stored_leaf_hashes is None else stored_leaf_hashes.get(sequence))
        for sequence, data in entries
    )
    return audit_records(records, checkpoint=checkpoint, previous=previous, earlier=earlier)


def audit_records(
    records: Iterable[tuple[int, bytes, bytes | None]],
    *,
    checkpoint: Checkpoint,
    previous: Checkpoint | None = None,
    earlier: Iterable[Checkpoint] = (),
) -> AuditReport:
    """Like `audit_entries`, for (sequence, entry, stored leaf hash or None) as streamed
    from a store or an export, so that no mapping of all hashes has to be held."""
    audit = _Audit(checkpoint, previous, tuple(earlier))
    for sequence, data, stored_hash in records:
        audit.add(sequence, data, stored_hash)
    return audit.finish()


_CHUNK = 4096  # leaves folded at once; memory stays O(chunk + log n)


class _Audit:
    def __init__(
        self, checkpoint: Checkpoint, previous: Checkpoint | None, earlier: tuple[Checkpoint, ...]
    ) -> None:
        trusted = [*earlier, *([previous] if previous else [])]
        for other in trusted:
            if other.origin != checkpoint.origin:
                raise ValueError("the checkpoints belong to different logs (origins differ)")
            if other.tree_size > checkpoint.tree_size:
                raise ValueError(
                    f"an earlier checkpoint (size {other.tree_size}) is larger than "
                    f"the checkpoint checked (size {checkpoint.tree_size})"
                )
        self.checkpoint = checkpoint
        self.previous = previous
        self.expected_roots: dict[int, set[bytes]] = {}
        for trusted_checkpoint in [*trusted, checkpoint]:
            roots = self.expected_roots.setdefault(trusted_checkpoint.tree_size, set())
            roots.add(trusted_checkpoint.root_hash)
        self.matched: list[int] = []
        self.mismatched: list[int] = []
        self.findings = Findings()
        self.tracker = SequenceTracker(self.findings)
        self.compact = CompactRange()
        self.pending: list[bytes] = []  # leaf hashes not yet folded in (see _flush)
        self.label_offset = 0
        self._compare_roots()

    def add(self, sequence: int, data: bytes, stored_hash: bytes | None) -> None:
        """Check one entry as stored under `sequence`, then extend the tree with it."""
        found_before = len(self.findings.items)
        where = f"the entry stored as sequence {sequence}"
        leaf = leaf_hash(data)
        try:
            number: int | None = LedgerEntry.from_bytes(data).sequence
        except EntryError:
            number = None
        out_of_place = self.tracker.feed(sequence if number is None else number)
        if number is None:
            self.findings.add(sequence, NOT_CANONICAL, f"{where} is not a canonical ledger entry")
            number = sequence
        elif stored_hash is not None and stored_hash != leaf:
            self.findings.add(sequence, ALTERED, f"{where} does not match its stored leaf hash")
        already = any(
            finding.sequence == sequence for finding in self.findings.items[found_before:]
        )
        self._check_label(sequence, number, reported=out_of_place or already)
        self.pending.append(leaf)
        size = self.compact.size + len(self.pending)
        if size in self.expected_roots or len(self.pending) >= _CHUNK:
            self._flush()

    def _flush(self) -> None:
        """Fold buffered leaves in as perfect subtrees, stopping at every size to compare."""
        if self.pending:
            self.compact.extend(self.pending)
            self.pending = []
            self._compare_roots()

    def _check_label(self, sequence: int, number: int, *, reported: bool) -> None:
        """The stored sequence must be the entry's own; a renumbered run is one problem."""
        offset = sequence - number
        if offset not in (0, self.label_offset) and not reported:
            message = f"the entry stored as sequence {sequence} says it is sequence {number}"
            self.findings.add(sequence, ALTERED, message)
        self.label_offset = offset

    def _compare_roots(self) -> None:
        size = self.compact.size
        roots = self.expected_roots.get(size)
        if roots is None:
            return
        if self.compact.root() in roots and len(roots) == 1:
            self.matched.append(size)
        else:
            self.mismatched.append(size)

    def finish(self) -> AuditReport:
        self._flush()
        self.tracker.finish()
        size = self.checkpoint.tree_size
        if self.compact.size < size and (self.tracker.expected < size or not self.findings.items):
            first = self.tracker.expected if self.tracker.expected < size else self.compact.size
            self.findings.add(
                first,
                TRUNCATED,
                f"the log ends before the checkpoint of size {size}: "
                f"sequence {first} onwards is missing",
            )
        self._report_roots()
        problems = tuple(
            sorted(
                self.findings.items,
                key=lambda problem: (problem.sequence is None, problem.sequence or 0),
            )
        )
        return AuditReport(
            ok=not problems and not self.findings.omitted,
            tree_size=size,
            root_hash=self.checkpoint.root_hash,
            problems=problems,
            uncovered=max(0, self.compact.size - size),
            omitted=self.findings.omitted,
        )

    def _report_roots(self) -> None:
        """Root mismatches, each bounded by the last checkpoint that still matched."""
        size = self.checkpoint.tree_size
        previous_size = None if self.previous is None else self.previous.tree_size
        if previous_size in self.mismatched and previous_size != size:
            self._root_problem(previous_size, "the previous checkpoint")
        if size in self.mismatched:
            self._root_problem(size, "the checkpoint")
        elif self.mismatched and self.mismatched[0] != previous_size:
            self.findings.add(
                None,
                ROOT_MISMATCH,
                f"the signed checkpoint of size {self.mismatched[0]} is not consistent "
                "with the entries",
            )

    def _root_problem(self, size: int, what: str) -> None:
        first_bad = min(bad for bad in self.mismatched if bad <= size)
        last_good = max((good for good in self.matched if good < first_bad), default=0)
        where = (
            "it is not the empty tree's root"
            if first_bad == 0
            else f"an entry between sequence {last_good} and {first_bad - 1} was altered, "
            "removed, inserted or reordered"
        )
        self.findings.add(
            None,
            ROOT_MISMATCH,
            f"the entries do not reproduce the root of {what} of size {size}: {where}",
        )
