"""What is wrong with a risk profile, as data: every problem, each with a bilingual message.

A profile is written by an HR admin and approved by the data protection officer; both need
the whole list of problems at once, in their language, to fix a profile in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairscreen.domain.scope._text import Text

__all__ = ["PROBLEM_CODES", "ProfileProblem"]

PROBLEM_CODES = frozenset(
    {
        "malformed",
        "no_items",
        "unknown_item",
        "protected_ground",
        "duplicate_item",
        "blank_necessity",
        "precondition_missing",
        "lookback_out_of_range",
        "unknown_finding_category",
        "never_relevant_category",
    }
)
"""Stable problem codes; `malformed` comes from `ProfileSpec.from_json`, the rest from
`profile_problems`."""


@dataclass(frozen=True, slots=True)
class ProfileProblem:
    """One problem: a stable `code`, the item code it concerns (if any), and a message.

    Messages name item codes, finding categories and JSON paths only, never personal data.
    """

    code: str
    item: str | None
    message: Text
