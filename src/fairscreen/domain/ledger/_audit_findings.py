"""What an audit reports, and the bookkeeping that locates problems by sequence number.

Split from `_audit.py`: these are the report's types and the tracker that turns a stream of
sequence numbers into `missing` / `reordered` / `inserted` findings.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

ALTERED = "altered"
MISSING = "missing"
REORDERED = "reordered"
INSERTED = "inserted"
NOT_CANONICAL = "not_canonical"
ROOT_MISMATCH = "root_mismatch"
TRUNCATED = "truncated"

MAX_PROBLEMS = 100
"""Problems listed per report; a log rewritten wholesale is reported, not enumerated."""


@dataclass(frozen=True)
class AuditProblem:
    """One finding. `sequence` is the first sequence number concerned, None if unknown."""

    sequence: int | None
    kind: str
    message: str


@dataclass(frozen=True)
class AuditReport:
    """The outcome: `ok` only if the entries reproduce the checkpoint and nothing is amiss.

    `tree_size` and `root_hash` are the checkpoint's; `uncovered` counts entries after it
    (appended since it was signed: not an error, but not yet proven either); `omitted`
    counts problems found beyond `MAX_PROBLEMS`.
    """

    ok: bool
    tree_size: int
    root_hash: bytes
    problems: tuple[AuditProblem, ...]
    uncovered: int
    omitted: int = 0


class Findings:
    """The problems found so far, at most `MAX_PROBLEMS` of them; the rest are counted."""

    def __init__(self) -> None:
        self.items: list[AuditProblem] = []
        self.omitted = 0

    def add(self, sequence: int | None, kind: str, message: str) -> int | None:
        """Record a problem; return its index, or None if it was only counted."""
        if len(self.items) >= MAX_PROBLEMS:
            self.omitted += 1
            return None
        self.items.append(AuditProblem(sequence, kind, message))
        return len(self.items) - 1


@dataclass
class _Gap:
    """Sequence numbers [start, end) not seen yet; `finding` indexes the problem naming them."""

    start: int
    end: int
    finding: int


def _missing_message(start: int, end: int) -> str:
    if end - start == 1:
        return f"sequence {start} missing"
    return f"sequences {start} to {end - 1} missing ({end - start} entries)"


class SequenceTracker:
    """Follows the entries' own sequence numbers: gaps, late arrivals and repeats.

    A gap is reported as missing at once and turned into "reordered" if a skipped number
    turns up later, so a swap or a move is one problem at its first sequence, not one per
    entry shifted. Only the open gaps are kept (none in a healthy log).
    """

    def __init__(self, findings: Findings) -> None:
        self.findings = findings
        self.expected = 0
        self.gaps: list[_Gap] = []

    def feed(self, number: int) -> bool:
        """Take the next entry's number; True if this entry is reported out of place."""
        if number == self.expected:
            self.expected += 1
            return False
        if number > self.expected:
            finding = self.findings.add(
                self.expected, MISSING, _missing_message(self.expected, number)
            )
            if finding is not None:
                self.gaps.append(_Gap(self.expected, number, finding))
            self.expected = number + 1
            return False
        if self._fill(number):
            return True
        self.findings.add(
            number, INSERTED, f"sequence {number} appears twice: an entry was inserted"
        )
        return True

    def _fill(self, number: int) -> bool:
        index = bisect.bisect_right(self.gaps, number, key=lambda gap: gap.start) - 1
        if index < 0 or not self.gaps[index].start <= number < self.gaps[index].end:
            return False
        gap = self.gaps[index]
        first = self.findings.items[gap.finding].sequence
        if self.findings.items[gap.finding].kind == MISSING:
            self.findings.items[gap.finding] = AuditProblem(
                first,
                REORDERED,
                f"entries are out of order from sequence {first} (moved or swapped)",
            )
        pieces = [
            _Gap(start, end, gap.finding)
            for start, end in ((gap.start, number), (number + 1, gap.end))
            if start < end
        ]
        self.gaps[index : index + 1] = pieces
        return True

    def finish(self) -> None:
        """Numbers of a reordered stretch that never turned up are missing after all."""
        for gap in self.gaps:
            if self.findings.items[gap.finding].kind != MISSING:
                self.findings.add(gap.start, MISSING, _missing_message(gap.start, gap.end))
