"""Exceptions of the rating core, each with a stable machine-readable `code`.

The edges (CLI, views) map these once, keeping `code`. Messages name JSON paths, rule
ids, versions and reason codes only, never a candidate's data: exception messages end up
in logs, which are exactly the uncontrolled copies PIPL Art. 51 asks us to prevent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from fairscreen.domain.scope import Text

__all__ = [
    "DuplicateFindingId",
    "InvalidCase",
    "InvalidFinding",
    "InvalidRulebook",
    "NoRulebookInForce",
    "Problem",
    "RatingError",
    "UnknownRulebookVersion",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One defect of a rulebook or a case file: a stable `code` and a bilingual message
    that starts with the path of the offending value (`findings[2].sex`)."""

    code: str
    message: Text


class RatingError(ValueError):
    """Base class of every refusal of the rating core; `code` is stable forever."""

    code: ClassVar[str] = "rating_error"


class _WithProblems(RatingError):
    """An error that lists every problem found, so the author fixes them in one pass."""

    subject: ClassVar[str] = "input"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        summary = "; ".join(problem.message.en for problem in self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"The {self.subject} is invalid: {summary}{more}")


class InvalidRulebook(_WithProblems):
    """A rulebook file is malformed or does not fit the check catalogue."""

    code = "invalid_rulebook"
    subject = "rulebook"


class InvalidCase(_WithProblems):
    """A case file is malformed, names something unknown, or carries a protected ground."""

    code = "invalid_case"
    subject = "case file"


class InvalidFinding(RatingError):
    """A finding to rate was built with contradictory fields (a programming error)."""

    code = "invalid_finding"


class DuplicateFindingId(RatingError):
    """Two findings share an id: every disposition must point at exactly one finding."""

    code = "duplicate_finding_id"

    def __init__(self, finding_id: str) -> None:
        self.finding_id = finding_id
        super().__init__(f"Two findings have the id {finding_id!r}; ids must be unique.")


class UnknownRulebookVersion(RatingError):
    """No published rulebook has this version."""

    code = "unknown_rulebook_version"

    def __init__(self, version: str) -> None:
        self.version = version
        super().__init__(f"There is no published rulebook version {version!r}.")


class NoRulebookInForce(RatingError):
    """No published version applies yet on this day: every one is dated later."""

    code = "no_rulebook_in_force"

    def __init__(self, today: date) -> None:
        self.today = today
        super().__init__(f"No published rulebook version is in force on {today.isoformat()}.")
