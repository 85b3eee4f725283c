"""Built-in templates for people caring for others and for the company's leadership (pure data).

A preschool teacher and a nurse hold a licence the law requires; a preschool teacher also
falls under the Minors Protection Law Art. 62 query, which has no time limit. A senior
manager must meet the disqualifications of Company Law Art. 178, which name the offences,
the debts and the past offices that matter; nothing else about their life does.
"""

from __future__ import annotations

from fairscreen.domain.scope._catalogue import Precondition
from fairscreen.domain.scope._profiles import ProfileSpec, Tier
from fairscreen.domain.scope._template_model import (
    EDUCATION_FINDINGS,
    EMPLOYMENT_FINDINGS,
    IDENTITY_FINDINGS,
    QUALIFICATION_FINDINGS,
    ProfileTemplate,
    permit,
)
from fairscreen.domain.scope._text import Text

__all__ = ["CRITICAL_TEMPLATES"]

_TEACHER_CHILDCARE = ProfileTemplate(
    key="teacher_childcare",
    name=Text(zh="幼儿园教师", en="Preschool teacher"),
    spec=ProfileSpec(
        tier=Tier.L3,
        duties=Text(
            zh="在幼儿园独立带班，负责三至六岁儿童的日常保育与教学，与儿童密切接触。",
            en="Leads a kindergarten class alone, caring for and teaching children aged three "
            "to six in close daily contact.",
        ),
        attributes=frozenset(
            {
                Precondition.WORKS_WITH_MINORS,
                Precondition.LAW_OR_JOB_NATURE_REQUIRES_CRIMINAL_CHECK,
                Precondition.REGULATED_PROFESSION,
            }
        ),
        items=(
            permit(
                "identity",
                zh="法定查询与教师资格核验都须准确对应到面试的本人。",
                en="The statutory query and the teacher certificate must both refer to the "
                "person interviewed.",
            ),
            permit(
                "education",
                zh="《教师法》规定幼儿园教师应具备幼儿师范学校毕业及以上学历，核实学历。",
                en="The Teachers Law requires preschool teachers to have graduated from a "
                "preschool teacher school or higher; verifies the education.",
            ),
            permit(
                "professional_qualification",
                zh="《教师法》规定取得教师资格方可任教，核实幼儿园教师资格证。",
                en="The Teachers Law allows only certified teachers to teach; verifies the "
                "preschool teacher certificate.",
            ),
            permit(
                "sexual_offence_record",
                zh="法律强制：《未成年人保护法》第六十二条要求密切接触未成年人的单位招聘时查询性侵害、虐待、"
                "拐卖、暴力伤害等违法犯罪记录，有此类记录者不得录用。",
                en="Mandated by law: Minors Protection Law Art. 62 requires employers in close "
                "contact with minors to query records of sexual assault, abuse, trafficking "
                "and violent harm, and bars hiring anyone with such a record.",
            ),
            permit(
                "criminal_record",
                zh="岗位性质要求：独立照看幼儿，只考虑暴力与性犯罪类生效判决；《教师法》规定故意犯罪受到"
                "有期徒刑以上刑事处罚者不能取得教师资格。",
                en="Required by the nature of the job: it cares for young children alone; "
                "only violent and sexual offences count. The Teachers Law bars people "
                "sentenced to prison for an intentional crime from teaching.",
            ),
            permit(
                "employment_history",
                zh="核实以往幼教工作经历，以及是否曾因伤害儿童等违纪行为被解除劳动合同。",
                en="Verifies past childcare work and any dismissal for misconduct such as "
                "harming a child.",
            ),
            permit(
                "reference_interview",
                zh="了解其以往照护儿童的工作表现。",
                en="Learns about past work caring for children.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EDUCATION_FINDINGS
        | EMPLOYMENT_FINDINGS
        | QUALIFICATION_FINDINGS
        | {
            "minors_protection.sexual_offence",
            "minors_protection.abuse_or_trafficking",
            "minors_protection.violent_harm",
            "criminal.violence",
            "criminal.sexual_offence",
            "employment.misconduct_dismissal",
            "reference.job_performance",
        },
    ),
)

_HEALTHCARE = ProfileTemplate(
    key="healthcare",
    name=Text(zh="注册护士", en="Registered nurse"),
    spec=ProfileSpec(
        tier=Tier.L2,
        duties=Text(
            zh="在病区为患者提供护理、执行医嘱与给药，可查阅患者病历等健康信息。",
            en="Nurses patients on a ward, carries out medical orders and gives medication, "
            "with access to patients' medical records.",
        ),
        attributes=frozenset({Precondition.REGULATED_PROFESSION}),
        items=(
            permit(
                "identity",
                zh="护士执业证书与病历系统权限都须对应到面试的本人。",
                en="The nursing licence and access to medical records must both belong to the "
                "person interviewed.",
            ),
            permit(
                "education",
                zh="《护士条例》要求完成规定学制的护理专业学习，核实护理专业学历。",
                en="The Nurses Regulations require a completed nursing programme; verifies the "
                "nursing education.",
            ),
            permit(
                "professional_qualification",
                zh="《护士条例》规定须经执业注册取得护士执业证书方可从事护理工作，核实注册状态。",
                en="The Nurses Regulations allow nursing only with a registered nursing "
                "licence; verifies the registration.",
            ),
            permit(
                "employment_history",
                zh="核实所申报的临床护理经历，以及是否曾因违反诊疗规范被解除劳动合同。",
                en="Verifies the declared clinical nursing experience and any dismissal for "
                "breaching clinical rules.",
            ),
            permit(
                "reference_interview",
                zh="了解其以往的临床护理表现。",
                en="Learns about past clinical nursing performance.",
            ),
            permit(
                "administrative_penalties",
                zh="只考虑卫生健康部门作出的执业类处罚（如暂停执业、吊销执业证书），它们直接限制护理执业。",
                en="Only licensing penalties by health authorities (suspension or revocation) "
                "count, as they directly restrict nursing practice.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EDUCATION_FINDINGS
        | EMPLOYMENT_FINDINGS
        | QUALIFICATION_FINDINGS
        | {
            "qualification.level_mismatch",
            "employment.misconduct_dismissal",
            "reference.job_performance",
            "administrative.professional_licence",
        },
    ),
)

_SENIOR_EXECUTIVE = ProfileTemplate(
    key="senior_executive",
    name=Text(zh="高级管理人员", en="Senior executive"),
    spec=ProfileSpec(
        tier=Tier.L3,
        duties=Text(
            zh="作为公司高级管理人员主持经营管理、签署重大合同，对公司负有忠实义务和勤勉义务。",
            en="Runs the business as a senior manager of the company and signs major "
            "contracts, owing the company duties of loyalty and diligence.",
        ),
        attributes=frozenset(
            {
                Precondition.LAW_OR_JOB_NATURE_REQUIRES_CRIMINAL_CHECK,
                Precondition.INFLUENCES_COMMERCIAL_DECISIONS,
            }
        ),
        items=(
            permit(
                "identity",
                zh="高级管理人员须办理工商备案，须确认备案的就是面试的本人。",
                en="Senior managers are registered with the market regulator; the registration "
                "must be of the person interviewed.",
            ),
            permit(
                "education",
                zh="核实所申报的最高学历与学位，它是聘任依据之一。",
                en="Verifies the declared highest degree, one basis of the appointment.",
            ),
            permit(
                "employment_history",
                zh="核实所申报的管理职位与任职时间，以及是否曾因违纪被解除劳动合同。",
                en="Verifies the declared management posts and dates, and any dismissal for "
                "misconduct.",
            ),
            permit(
                "reference_interview",
                zh="了解其以往的经营管理表现与诚信状况。",
                en="Learns about past management results and integrity.",
            ),
            permit(
                "criminal_record",
                zh="法律要求：《公司法》第一百七十八条规定，因贪污、贿赂、侵占财产、挪用财产或破坏社会主义"
                "市场经济秩序被判处刑罚、执行期满未逾五年者不得担任高级管理人员；追溯期因此延长至十年，"
                "且只考虑这些罪名。",
                en="Required by law: Company Law Art. 178 bars anyone sentenced for "
                "embezzlement, bribery, taking or misusing property, or disrupting the market "
                "economy, until five years after the sentence; hence ten years back, and only "
                "those offences count.",
                lookback_months=120,
            ),
            permit(
                "civil_litigation",
                zh="只考虑被判决承担欺诈、背信、侵犯商业秘密或违反竞业限制责任的案件，它们与忠实义务直接相关。",
                en="Only judgments holding the candidate liable for fraud, breach of trust, "
                "trade secret or non-compete breaches count; they bear on the duty of loyalty.",
            ),
            permit(
                "dishonest_debtor",
                zh="法律要求：《公司法》第一百七十八条规定，因数额较大的债务到期未清偿被列为失信被执行人者"
                "不得担任高级管理人员。",
                en="Required by law: Company Law Art. 178 bars anyone listed as a dishonest "
                "judgment debtor for a large unpaid debt.",
            ),
            permit(
                "consumption_restriction",
                zh="针对本人的限制高消费令禁止乘坐飞机等，直接妨碍需频繁出差的高管履职；因担任企业法定代表人"
                "而受限的不考虑。",
                en="A personal consumption restriction forbids air travel and the like, which "
                "directly prevents a travelling executive from working; restrictions as a "
                "company's representative do not count.",
            ),
            permit(
                "business_interests",
                zh="核实是否在竞争对手或供应商处持股或任职（公司法竞业禁止），以及是否曾任被吊销营业执照"
                "企业的法定代表人并负有个人责任（《公司法》第一百七十八条）。",
                en="Finds stakes or offices in competitors or suppliers (Company Law "
                "non-competition) and past posts as legal representative of a company whose "
                "licence was revoked under personal responsibility (Company Law Art. 178).",
            ),
            permit(
                "administrative_penalties",
                zh="只考虑证券、金融监管部门的处罚与市场禁入决定，它们直接限制担任高级管理人员的资格。",
                en="Only securities and financial regulators' penalties and market bans count; "
                "they directly restrict holding a senior post.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EDUCATION_FINDINGS
        | EMPLOYMENT_FINDINGS
        | {
            "employment.misconduct_dismissal",
            "reference.job_performance",
            "reference.workplace_integrity",
            "criminal.fraud_or_embezzlement",
            "criminal.bribery_or_corruption",
            "criminal.economic_order",
            "civil_litigation.liable_party.fraud_or_breach_of_trust",
            "civil_litigation.liable_party.trade_secret_or_non_compete",
            "dishonest_debtor.currently_listed",
            "consumption_restriction.currently_restricted",
            "business_interests.supplier_or_competitor_stake",
            "business_interests.concurrent_office",
            "business_interests.disqualifying_past_office",
            "administrative.financial_regulation",
        },
    ),
)

CRITICAL_TEMPLATES = (_TEACHER_CHILDCARE, _HEALTHCARE, _SENIOR_EXECUTIVE)
