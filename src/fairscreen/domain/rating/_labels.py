"""Bilingual names of the values the explanations mention: severities, statuses, roles.

Explanations are read by the candidate and the employer (CONTEXT.md: every rating lists
each finding with the rule that counted or excluded it), so they say "verified" and
"plaintiff" in the reader's language, never an enum value.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from fairscreen.domain.findings import LitigationOutcome, LitigationRole, VerificationStatus
from fairscreen.domain.findings import category_label as findings_category_label
from fairscreen.domain.rating._scales import Light, Severity
from fairscreen.domain.scope import CATALOGUE, Catalogue, Text

__all__ = [
    "LIGHT_LABELS",
    "OUTCOME_LABELS",
    "ROLE_LABELS",
    "SEVERITY_LABELS",
    "STATUS_LABELS",
    "category_label",
    "item_label",
]

SEVERITY_LABELS: Mapping[Severity, Text] = MappingProxyType(
    {
        Severity.NONE: Text(zh="无风险", en="none"),
        Severity.MINOR: Text(zh="轻微", en="minor"),
        Severity.MODERATE: Text(zh="中等", en="moderate"),
        Severity.SERIOUS: Text(zh="严重", en="serious"),
    }
)

LIGHT_LABELS: Mapping[Light, Text] = MappingProxyType(
    {
        Light.GREEN: Text(zh="绿灯", en="green"),
        Light.BLUE: Text(zh="蓝灯", en="blue"),
        Light.YELLOW: Text(zh="黄灯", en="yellow"),
        Light.RED: Text(zh="红灯", en="red"),
    }
)

STATUS_LABELS: Mapping[VerificationStatus, Text] = MappingProxyType(
    {
        VerificationStatus.UNVERIFIED: Text(zh="未核实", en="unverified"),
        VerificationStatus.CORROBORATED: Text(zh="已印证", en="corroborated"),
        VerificationStatus.VERIFIED: Text(zh="已核实", en="verified"),
        VerificationStatus.DISPUTED: Text(zh="异议处理中", en="disputed"),
        VerificationStatus.CORRECTED: Text(zh="已更正", en="corrected"),
        VerificationStatus.RETRACTED: Text(zh="已撤回", en="retracted"),
    }
)

ROLE_LABELS: Mapping[LitigationRole, Text] = MappingProxyType(
    {
        LitigationRole.PLAINTIFF: Text(zh="原告（申请人）", en="plaintiff (claimant)"),
        LitigationRole.DEFENDANT: Text(zh="被告", en="defendant"),
        LitigationRole.THIRD_PARTY: Text(zh="第三人", en="third party"),
    }
)

OUTCOME_LABELS: Mapping[LitigationOutcome, Text] = MappingProxyType(
    {
        LitigationOutcome.AGAINST_CANDIDATE: Text(zh="判决其承担责任", en="held liable"),
        LitigationOutcome.IN_CANDIDATES_FAVOUR: Text(zh="判决其胜诉", en="decided in their favour"),
        LitigationOutcome.DISMISSED: Text(zh="诉讼请求被驳回", en="claim dismissed"),
        LitigationOutcome.SETTLED: Text(zh="调解结案", en="settled"),
        LitigationOutcome.WITHDRAWN: Text(zh="撤诉", en="withdrawn"),
        LitigationOutcome.PENDING: Text(zh="尚未判决", en="not yet decided"),
    }
)


def item_label(code: str, catalogue: Catalogue = CATALOGUE) -> Text:
    """The catalogue's name of a check item, or its code for an item the catalogue lacks."""
    if catalogue.has(code):
        return catalogue.item(code).name
    return Text(zh=code, en=code)


def category_label(category: str) -> Text:
    """The category's plain name (from the findings core, which owns the categories)."""
    return findings_category_label(category)
