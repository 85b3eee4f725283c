"""Findings: what a check found, from which sources, and how sure we are of it.

Pure: the standard library only. See README.md beside this file.
"""

from __future__ import annotations

from fairscreen.domain.findings._authority import MAX_AUTHORITY, source_problem
from fairscreen.domain.findings._categories import CATEGORY_LABELS, category_label
from fairscreen.domain.findings._details import (
    FieldProblem,
    FindingDetails,
    InvalidFinding,
    Litigation,
    parse_details,
)
from fairscreen.domain.findings._fields import FieldKind, FieldSpec, FindingSchema
from fairscreen.domain.findings._interview import (
    OPINION_QUESTION,
    REFERENCE_QUESTIONS,
    ReferenceQuestion,
)
from fairscreen.domain.findings._litigation import (
    CauseClass,
    LitigationOutcome,
    LitigationRole,
    Performance,
    litigation_category,
)
from fairscreen.domain.findings._schemas import SCHEMAS
from fairscreen.domain.findings._verification import (
    EMPLOYER_VISIBLE,
    Attested,
    AuthorityLevel,
    Lifecycle,
    Source,
    VerificationStatus,
    canonical_origin,
    evidential_status,
    finding_status,
)

__all__ = [
    "CATEGORY_LABELS",
    "EMPLOYER_VISIBLE",
    "MAX_AUTHORITY",
    "OPINION_QUESTION",
    "REFERENCE_QUESTIONS",
    "SCHEMAS",
    "Attested",
    "AuthorityLevel",
    "CauseClass",
    "FieldKind",
    "FieldProblem",
    "FieldSpec",
    "FindingDetails",
    "FindingSchema",
    "InvalidFinding",
    "Lifecycle",
    "Litigation",
    "LitigationOutcome",
    "LitigationRole",
    "Performance",
    "ReferenceQuestion",
    "Source",
    "VerificationStatus",
    "canonical_origin",
    "category_label",
    "evidential_status",
    "finding_status",
    "litigation_category",
    "parse_details",
    "source_problem",
]
