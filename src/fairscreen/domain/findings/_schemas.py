"""The built-in finding schemas: which details each check item's findings carry.

Written from what an authoritative record of each kind actually contains (a civil
judgment: case number, court, cause of action, each party's role, the outcome, whether it
was performed; a criminal record: the offence, the date the judgment took effect, the
sentence), so an analyst records the fact, not an impression of it. No schema has a field
for a protected ground (Employment Promotion Law Arts. 3, 26-31).
"""

from __future__ import annotations

from types import MappingProxyType

from fairscreen.domain.findings._fields import FieldKind, FieldSpec, FindingSchema, choices
from fairscreen.domain.findings._litigation import (
    CauseClass,
    LitigationOutcome,
    LitigationRole,
    Performance,
)
from fairscreen.domain.scope import Text

__all__ = ["SCHEMAS"]


def _text(name: str, zh: str, en: str, *, required: bool = True, long: bool = False) -> FieldSpec:
    return FieldSpec(name, Text(zh=zh, en=en), required=required, max_length=2000 if long else 200)


def _date(name: str, zh: str, en: str, *, required: bool = True) -> FieldSpec:
    return FieldSpec(name, Text(zh=zh, en=en), FieldKind.DATE, required=required)


def _choice(name: str, zh: str, en: str, options: dict[str, Text]) -> FieldSpec:
    return FieldSpec(name, Text(zh=zh, en=en), FieldKind.CHOICE, choices=choices(options))


_SUMMARY = _text("summary", "核查结论说明", "What was found", long=True)

_ROLES = {
    LitigationRole.PLAINTIFF.value: Text(zh="原告/申请人", en="Plaintiff / claimant"),
    LitigationRole.DEFENDANT.value: Text(zh="被告/被申请人", en="Defendant / respondent"),
    LitigationRole.THIRD_PARTY.value: Text(zh="第三人", en="Third party"),
}
_OUTCOMES = {
    LitigationOutcome.AGAINST_CANDIDATE.value: Text(
        zh="判决候选人承担责任", en="Candidate held liable"
    ),
    LitigationOutcome.IN_CANDIDATES_FAVOUR.value: Text(
        zh="候选人胜诉", en="In the candidate's favour"
    ),
    LitigationOutcome.DISMISSED.value: Text(zh="驳回起诉/诉讼请求", en="Dismissed"),
    LitigationOutcome.SETTLED.value: Text(zh="调解结案", en="Settled by mediation"),
    LitigationOutcome.WITHDRAWN.value: Text(zh="撤诉", en="Withdrawn"),
    LitigationOutcome.PENDING.value: Text(zh="尚未审结", en="Not yet decided"),
}
_PERFORMANCE = {
    Performance.PERFORMED.value: Text(zh="已履行", en="Performed"),
    Performance.UNPERFORMED.value: Text(zh="未履行", en="Not performed"),
    Performance.UNKNOWN.value: Text(zh="不详", en="Unknown"),
    Performance.NOT_APPLICABLE.value: Text(zh="不适用", en="Not applicable"),
}
_CAUSES = {
    CauseClass.FRAUD_OR_BREACH_OF_TRUST.value: Text(zh="欺诈或背信", en="Fraud or breach of trust"),
    CauseClass.TRADE_SECRET_OR_NON_COMPETE.value: Text(
        zh="商业秘密或竞业限制", en="Trade secrets or non-compete"
    ),
    CauseClass.COMMERCIAL_CONTRACT.value: Text(zh="商事合同", en="Commercial contract"),
    CauseClass.OTHER.value: Text(zh="其他（如物业费、邻里纠纷）", en="Other (e.g. property fees)"),
}
_STATED_BY = {
    "former_employer": Text(zh="前雇主", en="Former employer"),
    "candidate": Text(zh="候选人本人", en="The candidate"),
    "referee": Text(zh="证明人", en="Referee"),
    "document": Text(zh="书面文件", en="A document"),
}
_INTEREST_ROLES = {
    "shareholder": Text(zh="股东", en="Shareholder"),
    "director": Text(zh="董事", en="Director"),
    "supervisor": Text(zh="监事", en="Supervisor"),
    "legal_representative": Text(zh="法定代表人", en="Legal representative"),
    "senior_manager": Text(zh="高级管理人员", en="Senior manager"),
}

_LISTING = (
    _text("case_number", "执行案号", "Enforcement case number"),
    _text("court", "执行法院", "Enforcing court"),
    _date("listed_on", "列入日期", "Listed on"),
    _date("removed_on", "移出日期", "Removed on", required=False),
    _SUMMARY,
)

_SCHEMA_LIST = (
    FindingSchema(
        "identity",
        (_date("checked_on", "核验日期", "Checked on"), _SUMMARY),
        dated_by=("checked_on",),
    ),
    FindingSchema(
        "education",
        (
            _text("institution", "院校", "Institution"),
            _text("degree", "学历/学位", "Degree"),
            _text("major", "专业", "Major", required=False),
            _date("started_on", "入学日期", "Started on", required=False),
            _date("finished_on", "毕业日期", "Finished on", required=False),
            _text("certificate_number", "证书编号", "Certificate number", required=False),
            _SUMMARY,
        ),
        dated_by=("finished_on", "started_on"),
    ),
    FindingSchema(
        "professional_qualification",
        (
            _text("certificate", "证书名称", "Certificate"),
            _text("certificate_number", "证书编号", "Certificate number", required=False),
            _text("issuer", "发证机关", "Issuing authority"),
            _date("checked_on", "核验日期", "Checked on"),
            _SUMMARY,
        ),
        dated_by=("checked_on",),
    ),
    FindingSchema(
        "employment_history",
        (
            _text("employer", "任职单位", "Employer"),
            _text("title", "职位", "Job title", required=False),
            _date("started_on", "入职日期", "Started on"),
            _date("ended_on", "离职日期", "Ended on", required=False),
            _text("leaving_reason", "离职原因", "Reason for leaving", required=False),
            _choice("leaving_reason_stated_by", "离职原因提供方", "Reason stated by", _STATED_BY),
            _SUMMARY,
        ),
        dated_by=("ended_on", "started_on"),
    ),
    FindingSchema(
        "reference_interview",
        (
            _text("question", "问题", "Question", long=True),
            _text("answer", "回答", "Answer", long=True),
            _date("interviewed_on", "访谈日期", "Interviewed on"),
        ),
        dated_by=("interviewed_on",),
    ),
    FindingSchema(
        "civil_litigation",
        (
            _text("case_number", "案号", "Case number"),
            _text("court", "法院", "Court"),
            _text("cause_of_action", "案由", "Cause of action"),
            _choice("cause_class", "案由类别", "Class of cause", _CAUSES),
            _choice("role", "候选人诉讼地位", "The candidate's role", _ROLES),
            _choice("outcome", "裁判结果", "Outcome", _OUTCOMES),
            _choice("performance", "履行情况", "Performed", _PERFORMANCE),
            _date("filed_on", "立案日期", "Filed on", required=False),
            _date("judged_on", "裁判生效日期", "Judgment effective on", required=False),
            _SUMMARY,
        ),
        dated_by=("judged_on", "filed_on"),
    ),
    FindingSchema(
        "criminal_record",
        (
            _text("offence", "罪名", "Offence"),
            _text("court", "法院", "Court"),
            _date("judgment_effective_on", "判决生效日期", "Judgment effective on"),
            _text("sentence", "刑罚", "Sentence"),
            _SUMMARY,
        ),
        dated_by=("judgment_effective_on",),
    ),
    FindingSchema(
        "sexual_offence_record",
        (_date("queried_on", "查询日期", "Queried on"), _SUMMARY),
        dated_by=("queried_on",),
    ),
    FindingSchema("dishonest_debtor", _LISTING, dated_by=("listed_on",)),
    FindingSchema("consumption_restriction", _LISTING, dated_by=("listed_on",)),
    FindingSchema(
        "credit_report",
        (
            _text("agency", "征信机构", "Credit agency"),
            _date("reported_on", "报告日期", "Reported on"),
            _SUMMARY,
        ),
        dated_by=("reported_on",),
    ),
    FindingSchema(
        "business_interests",
        (
            _text("company", "企业名称", "Company"),
            _choice("role", "担任角色", "Role held", _INTEREST_ROLES),
            _text("stake", "持股比例", "Stake", required=False),
            _date("since", "起始日期", "Since"),
            _date("until", "终止日期", "Until", required=False),
            _SUMMARY,
        ),
        dated_by=("until", "since"),
    ),
    FindingSchema(
        "administrative_penalties",
        (
            _text("authority", "处罚机关", "Authority"),
            _text("decision_number", "处罚决定书文号", "Decision number"),
            _text("penalty", "处罚内容", "Penalty"),
            _date("decided_on", "处罚日期", "Decided on"),
            _SUMMARY,
        ),
        dated_by=("decided_on",),
    ),
    FindingSchema(
        "driving_record",
        (
            _text("violation", "违法或事故", "Violation or accident"),
            _date("occurred_on", "发生日期", "Occurred on"),
            _text("licence_status", "驾驶证状态", "Licence status", required=False),
            _SUMMARY,
        ),
        dated_by=("occurred_on",),
    ),
)

SCHEMAS = MappingProxyType({schema.item: schema for schema in _SCHEMA_LIST})
"""The finding schema of every catalogue item, by item code."""
