"""A candidate's procedural role in a lawsuit, and what the court decided.

Suing is a legal right: in the Shanghai Jinshan case (2024-25) an offer was withdrawn over a
"litigation record" in which the candidate was the *plaintiff*, and the court ordered
damages. Being one of many defendants in a residents' property-fee dispute sank another
candidate. So a litigation finding never says just "has a lawsuit": it records the role and
the outcome, and the category follows from them (`litigation_category`), never from an
analyst's impression.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "CauseClass",
    "LitigationOutcome",
    "LitigationRole",
    "Performance",
    "litigation_category",
]


class LitigationRole(StrEnum):
    PLAINTIFF = "plaintiff"  # 原告 / 申请人 / 上诉人 as the party who brought the claim
    DEFENDANT = "defendant"  # 被告 / 被申请人
    THIRD_PARTY = "third_party"  # 第三人


class LitigationOutcome(StrEnum):
    AGAINST_CANDIDATE = "against_candidate"  # held liable, in whole or in part
    IN_CANDIDATES_FAVOUR = "in_candidates_favour"
    DISMISSED = "dismissed"
    SETTLED = "settled"  # 调解结案: no finding of liability
    WITHDRAWN = "withdrawn"
    PENDING = "pending"  # not decided: presumed not liable


class Performance(StrEnum):
    """Whether a judgment against the candidate has been carried out (履行)."""

    PERFORMED = "performed"
    UNPERFORMED = "unperformed"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class CauseClass(StrEnum):
    """The catalogue's classes of cause of action (案由) a liable party can fall under."""

    FRAUD_OR_BREACH_OF_TRUST = "fraud_or_breach_of_trust"
    TRADE_SECRET_OR_NON_COMPETE = "trade_secret_or_non_compete"  # noqa: S105 - not a secret
    COMMERCIAL_CONTRACT = "commercial_contract"
    OTHER = "other"


def litigation_category(
    *, role: LitigationRole, outcome: LitigationOutcome, cause: CauseClass
) -> str:
    """The finding category for a case: claimant, not liable, or liable under its cause."""
    if role is LitigationRole.PLAINTIFF:
        return "civil_litigation.claimant"
    if outcome is not LitigationOutcome.AGAINST_CANDIDATE:
        return "civil_litigation.not_liable"
    return f"civil_litigation.liable_party.{cause.value}"
