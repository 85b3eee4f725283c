"""The bilingual sentences of a disposition: which rule counted or excluded a finding, why.

The rulebook holds the published "why" of each rule; these sentences add the particulars
of one finding (its status, the role, the dates), naming values only — item names,
category codes, dates — never personal details, which the engine never sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from fairscreen.domain.findings import (
    LitigationOutcome,
    LitigationRole,
    VerificationStatus,
    category_label,
)
from fairscreen.domain.rating._labels import (
    OUTCOME_LABELS,
    ROLE_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
)
from fairscreen.domain.rating._rulebook import Rulebook
from fairscreen.domain.rating._scales import ExclusionReason, Severity
from fairscreen.domain.scope import PROTECTED_GROUND_LABELS, Text

__all__ = [
    "claimant_detail",
    "counted_explanation",
    "excluded_explanation",
    "lookback_detail",
    "not_consented_detail",
    "not_in_profile_detail",
    "not_liable_detail",
    "not_of_item_detail",
    "not_on_relevance_map_detail",
    "not_verified_detail",
    "protected_detail",
    "undated_detail",
]


def protected_detail(ground: str) -> Text:
    label = PROTECTED_GROUND_LABELS.get(ground, Text(zh=ground, en=ground))
    return Text(
        zh=f"该结果涉及受保护事项（{label.zh}），系统不读取其内容。",
        en=f"The finding concerns a protected ground ({label.en}); its content is not read.",
    )


def not_consented_detail(item: Text) -> Text:
    return Text(
        zh=f"候选人没有授权“{item.zh}”，或已撤回授权。",
        en=f"The candidate has not consented to “{item.en}”, or withdrew consent.",
    )


def not_verified_detail(status: VerificationStatus) -> Text:
    label = STATUS_LABELS[status]
    return Text(
        zh=f"核实状态为“{label.zh}”；只有已核实、已印证或已更正的结果才计入。",
        en=f"Its status is “{label.en}”; only verified, corroborated or corrected findings count.",
    )


def claimant_detail(role: LitigationRole | None) -> Text:
    label = ROLE_LABELS[role or LitigationRole.PLAINTIFF]
    return Text(
        zh=f"候选人在该案中是{label.zh}。",
        en=f"The candidate was the {label.en} in this case.",
    )


def not_liable_detail(outcome: LitigationOutcome | None) -> Text:
    if outcome is None:
        return Text(zh="候选人未被判承担责任。", en="The candidate was not held liable.")
    label = OUTCOME_LABELS[outcome]
    return Text(
        zh=f"案件结果为“{label.zh}”，候选人未被判承担责任。",
        en=f"The outcome was “{label.en}”: the candidate was not held liable.",
    )


def not_in_profile_detail(item: Text) -> Text:
    return Text(
        zh=f"岗位风险等级表不允许核查“{item.zh}”。",
        en=f"The position's risk profile does not permit “{item.en}”.",
    )


def not_on_relevance_map_detail(category: str) -> Text:
    name = category_label(category)
    return Text(
        zh=f"结果类别“{name.zh}”（{category}）不在岗位的相关性清单中。",
        en=f"The category “{name.en}” ({category}) is not on the position's relevance map.",
    )


def not_of_item_detail(category: str, item: Text) -> Text:
    name = category_label(category)
    return Text(
        zh=f"结果类别“{name.zh}”（{category}）不属于核查项目“{item.zh}”。",
        en=f"The category “{name.en}” ({category}) is not a category of “{item.en}”.",
    )


def lookback_detail(occurred_on: date, cutoff: date, months: int, as_of: date) -> Text:
    return Text(
        zh=f"发生于 {occurred_on.isoformat()}，早于 {cutoff.isoformat()}"
        f"（截至 {as_of.isoformat()} 的 {months} 个月追溯期起点）。",
        en=f"It happened on {occurred_on.isoformat()}, before {cutoff.isoformat()}, the start "
        f"of the {months}-month look-back at {as_of.isoformat()}.",
    )


def undated_detail(cutoff: date, months: int, as_of: date) -> Text:
    return Text(
        zh=f"没有记录发生日期，无法确认其在 {cutoff.isoformat()} 之后"
        f"（截至 {as_of.isoformat()} 的 {months} 个月追溯期内）；不能确认在追溯期内的事项不计入。",
        en=f"No date is recorded, so it cannot be shown to fall after {cutoff.isoformat()}, "
        f"inside the {months}-month look-back at {as_of.isoformat()}; a matter not shown to be "
        "inside the look-back does not count.",
    )


def excluded_explanation(
    rulebook: Rulebook,
    reason: ExclusionReason,
    detail: Text,
    others: Sequence[ExclusionReason],
) -> Text:
    title = rulebook.exclusion(reason).title
    zh = f"不计入（{title.zh}）：{detail.zh}"
    en = f"Excluded ({title.en}): {detail.en}"
    if others:
        zh += "另外：" + "；".join(rulebook.exclusion(other).title.zh for other in others) + "。"
        en += " Also: " + "; ".join(rulebook.exclusion(other).title.en for other in others) + "."
    return Text(zh=zh, en=en)


def counted_explanation(
    reason: Text, severity: Severity, base: Severity, lookback_months: int | None
) -> Text:
    label = SEVERITY_LABELS[severity]
    zh = f"计入，严重程度为“{label.zh}”：{reason.zh}"
    en = f"Counted as {label.en}: {reason.en}"
    if severity is not base:
        before = SEVERITY_LABELS[base]
        zh += f"因判决履行情况，由“{before.zh}”调整为“{label.zh}”。"
        en += f" Adjusted from {before.en} to {label.en} for whether the judgment was performed."
    if lookback_months is not None:
        zh += f"（追溯期 {lookback_months} 个月）"
        en += f" (look-back {lookback_months} months)"
    return Text(zh=zh, en=en)
