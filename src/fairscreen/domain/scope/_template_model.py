"""Built-in risk-profile templates: a lawful starting point for common positions.

An HR admin starts a profile from a template and adapts it; the template is never applied
silently. Each one is written as the necessity case a data protection officer could sign:
duties first, then for each item why those duties need it, and a relevance map that lists
only the finding categories bearing on the duties (Labor Contract Law Art. 8).
"""

from __future__ import annotations

from dataclasses import dataclass

from fairscreen.domain.scope._profiles import PermittedItem, ProfileSpec
from fairscreen.domain.scope._text import Text

__all__ = [
    "EDUCATION_FINDINGS",
    "EMPLOYMENT_FINDINGS",
    "IDENTITY_FINDINGS",
    "QUALIFICATION_FINDINGS",
    "ProfileTemplate",
    "permit",
]

IDENTITY_FINDINGS = frozenset({"identity.mismatch", "identity.document_invalid"})
EDUCATION_FINDINGS = frozenset({"education.degree_mismatch", "education.record_not_found"})
EMPLOYMENT_FINDINGS = frozenset(
    {"employment.date_mismatch", "employment.title_mismatch", "employment.employer_mismatch"}
)
QUALIFICATION_FINDINGS = frozenset({"qualification.not_held", "qualification.revoked_or_suspended"})


@dataclass(frozen=True, slots=True)
class ProfileTemplate:
    """A named, built-in profile for a common position; `key` is stable forever."""

    key: str
    name: Text
    spec: ProfileSpec


def permit(code: str, *, zh: str, en: str, lookback_months: int | None = None) -> PermittedItem:
    """A permitted item with its necessity, written compactly for the template data."""
    return PermittedItem(code=code, necessity=Text(zh=zh, en=en), lookback_months=lookback_months)
