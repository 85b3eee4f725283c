"""Plain names for every finding category, in Chinese and English.

A candidate reading their report, or a hiring manager reading a rating, must see "currently
on the dishonest-debtor list", not `dishonest_debtor.currently_listed` (PIPL Art. 17 and
24: information in clear and understandable language). The codes stay the identifiers;
these are only their names. A test checks that every catalogue category has one.
"""

from __future__ import annotations

from types import MappingProxyType

from fairscreen.domain.scope import Text

__all__ = ["CATEGORY_LABELS", "category_label"]

_T = Text

CATEGORY_LABELS = MappingProxyType(
    {
        "identity.mismatch": _T("身份信息不一致", "Identity details do not match"),
        "identity.document_invalid": _T("身份证件无效", "Identity document invalid"),
        "education.degree_mismatch": _T(
            "学历/学位与申报不符", "Degree differs from the declared one"
        ),
        "education.record_not_found": _T("学历库中无此记录", "No record in the education registry"),
        "education.dates_mismatch": _T("就读时间与申报不符", "Dates of study differ"),
        "qualification.not_held": _T("未持有所需资格证书", "Required qualification not held"),
        "qualification.revoked_or_suspended": _T(
            "资格证书被吊销或暂停", "Qualification revoked or suspended"
        ),
        "qualification.level_mismatch": _T("资格等级与申报不符", "Qualification level differs"),
        "employment.date_mismatch": _T("任职时间与申报不符", "Employment dates differ"),
        "employment.title_mismatch": _T("职位与申报不符", "Job title differs"),
        "employment.employer_mismatch": _T("任职单位与申报不符", "Employer differs"),
        "employment.misconduct_dismissal": _T(
            "因严重违纪被解除劳动合同", "Dismissed for serious misconduct"
        ),
        "reference.job_performance": _T("证明人：工作表现", "Referee: job performance"),
        "reference.workplace_integrity": _T("证明人：职业操守", "Referee: workplace integrity"),
        "civil_litigation.liable_party.fraud_or_breach_of_trust": _T(
            "民事案件败诉方：欺诈或背信", "Held liable in a civil case: fraud or breach of trust"
        ),
        "civil_litigation.liable_party.trade_secret_or_non_compete": _T(
            "民事案件败诉方：商业秘密或竞业限制",
            "Held liable in a civil case: trade secrets or non-compete",
        ),
        "civil_litigation.liable_party.commercial_contract": _T(
            "民事案件败诉方：商事合同", "Held liable in a civil case: commercial contract"
        ),
        "civil_litigation.liable_party.other": _T(
            "民事案件败诉方：其他", "Held liable in a civil case: other"
        ),
        "civil_litigation.not_liable": _T(
            "民事案件当事人，未被判担责", "A party to a civil case, not held liable"
        ),
        "civil_litigation.claimant": _T(
            "民事案件原告（起诉方）", "The claimant in a civil case (brought the suit)"
        ),
        "criminal.fraud_or_embezzlement": _T(
            "刑事记录：诈骗或侵占", "Criminal: fraud or embezzlement"
        ),
        "criminal.bribery_or_corruption": _T(
            "刑事记录：贿赂或贪污", "Criminal: bribery or corruption"
        ),
        "criminal.economic_order": _T(
            "刑事记录：破坏经济秩序", "Criminal: offences against the economic order"
        ),
        "criminal.theft_or_robbery": _T("刑事记录：盗窃或抢劫", "Criminal: theft or robbery"),
        "criminal.violence": _T("刑事记录：暴力犯罪", "Criminal: violent offence"),
        "criminal.sexual_offence": _T("刑事记录：性犯罪", "Criminal: sexual offence"),
        "criminal.drugs": _T("刑事记录：毒品犯罪", "Criminal: drug offence"),
        "criminal.traffic": _T(
            "刑事记录：交通犯罪（如醉驾）", "Criminal: traffic offence (e.g. drunk driving)"
        ),
        "criminal.other": _T("刑事记录：其他", "Criminal: other"),
        "minors_protection.sexual_offence": _T(
            "入职查询：性侵害违法犯罪记录", "Mandatory query: sexual offence record"
        ),
        "minors_protection.abuse_or_trafficking": _T(
            "入职查询：虐待、拐卖等记录", "Mandatory query: abuse or trafficking record"
        ),
        "minors_protection.violent_harm": _T(
            "入职查询：暴力伤害记录", "Mandatory query: violent harm record"
        ),
        "dishonest_debtor.currently_listed": _T(
            "目前被列为失信被执行人", "Currently on the dishonest-debtor list"
        ),
        "dishonest_debtor.previously_listed": _T(
            "曾被列为失信被执行人（已移出）", "Formerly on the dishonest-debtor list (removed)"
        ),
        "consumption_restriction.currently_restricted": _T(
            "目前被限制高消费", "Currently under a consumption restriction"
        ),
        "consumption_restriction.previously_restricted": _T(
            "曾被限制高消费（已解除）", "Formerly under a consumption restriction (lifted)"
        ),
        "consumption_restriction.as_company_representative": _T(
            "作为企业法定代表人被限制高消费",
            "Restricted as a company's legal representative",
        ),
        "credit.serious_delinquency": _T("征信：严重逾期", "Credit: serious delinquency"),
        "credit.bad_debt_or_collection": _T("征信：呆账或催收", "Credit: bad debt or collection"),
        "credit.minor_delinquency": _T("征信：轻微逾期", "Credit: minor delinquency"),
        "business_interests.supplier_or_competitor_stake": _T(
            "在供应商或竞争对手处持股", "Stake in a supplier or competitor"
        ),
        "business_interests.concurrent_office": _T(
            "在其他企业兼任职务", "Concurrent office elsewhere"
        ),
        "business_interests.disqualifying_past_office": _T(
            "曾任职务依法影响任职资格", "A past office that legally disqualifies"
        ),
        "business_interests.unrelated_interest": _T(
            "与岗位无关的对外投资或任职", "An interest unrelated to the position"
        ),
        "administrative.financial_regulation": _T(
            "行政处罚：金融监管", "Administrative penalty: financial regulation"
        ),
        "administrative.food_or_drug_safety": _T(
            "行政处罚：食品药品安全", "Administrative penalty: food or drug safety"
        ),
        "administrative.professional_licence": _T(
            "行政处罚：执业资格", "Administrative penalty: professional licence"
        ),
        "administrative.workplace_safety": _T(
            "行政处罚：安全生产", "Administrative penalty: workplace safety"
        ),
        "administrative.other": _T("行政处罚：其他", "Administrative penalty: other"),
        "driving.serious_violation": _T(
            "严重交通违法（如醉驾、肇事逃逸）", "Serious traffic violation (e.g. drunk driving)"
        ),
        "driving.minor_violation": _T("轻微交通违法或事故", "Minor traffic violation or accident"),
        "driving.licence_invalid": _T(
            "驾驶证无效、被吊销或暂扣", "Driving licence invalid or suspended"
        ),
    }
)


def category_label(category: str) -> Text:
    """The category's plain name; an unknown code is shown as itself rather than hidden."""
    return CATEGORY_LABELS.get(category, Text(zh=category, en=category))
