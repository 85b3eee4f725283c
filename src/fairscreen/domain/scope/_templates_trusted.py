"""Built-in templates for positions with a lawful precondition for a sensitive check (pure data).

Each sensitive or conditional item here rests on a declared precondition and, where one
exists, the law that requires it: the Minors Protection Law Art. 62 query for people working
with children, the Security Service Regulations Art. 8 bar for security guards, Company Law
Art. 178 for senior managers. Criminal categories are limited to the offences those rules
or the duties concern; nothing else counts.
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

__all__ = ["TRUSTED_TEMPLATES"]

_FUNDS_CREDIT = frozenset({"credit.serious_delinquency", "credit.bad_debt_or_collection"})

_CASHIER = ProfileTemplate(
    key="cashier",
    name=Text(zh="出纳", en="Cashier"),
    spec=ProfileSpec(
        tier=Tier.L2,
        duties=Text(
            zh="负责现金收付、银行转账、票据保管与日记账登记，每日直接经手公司资金。",
            en="Handles cash receipts and payments, bank transfers, cheques and the cash "
            "book; handles company funds directly every day.",
        ),
        attributes=frozenset({Precondition.HANDLES_FUNDS}),
        items=(
            permit(
                "identity",
                zh="岗位将被授权操作公司银行账户，须确认授权给面试的本人。",
                en="The job is authorised on company bank accounts; the authority must go to "
                "the person interviewed.",
            ),
            permit(
                "employment_history",
                zh="核实所申报的出纳或会计工作经历，以及是否曾因挪用资金等违纪行为被解除劳动合同。",
                en="Verifies the declared cashier or accounting experience and any dismissal "
                "for misconduct such as misusing funds.",
            ),
            permit(
                "reference_interview",
                zh="了解其在以往资金管理工作中的准确性与诚信表现。",
                en="Learns about accuracy and integrity in past work with money.",
            ),
            permit(
                "credit_report",
                zh="岗位每日直接经手现金与银行账户；只看严重逾期与呆账，用于评估资金岗位的风险。",
                en="The job handles cash and bank accounts every day; only serious arrears "
                "and bad debts are considered, as a risk of the funds role.",
            ),
            permit(
                "dishonest_debtor",
                zh="岗位保管公司资金；有能力履行而拒不履行生效判决，与资金保管的诚信要求直接相关。",
                en="The job keeps company funds; refusing to satisfy a judgment one can pay "
                "bears directly on trust with money.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EMPLOYMENT_FINDINGS
        | _FUNDS_CREDIT
        | {
            "employment.misconduct_dismissal",
            "reference.workplace_integrity",
            "dishonest_debtor.currently_listed",
        },
    ),
)

_FINANCE_MANAGER = ProfileTemplate(
    key="finance_manager",
    name=Text(zh="财务经理", en="Finance manager"),
    spec=ProfileSpec(
        tier=Tier.L3,
        duties=Text(
            zh="负责会计核算、资金调度、纳税申报与财务报告，审批大额付款并领导财务团队。",
            en="Runs the accounts, cash management, tax filings and financial reporting, "
            "approves large payments and leads the finance team.",
        ),
        attributes=frozenset(
            {
                Precondition.HANDLES_FUNDS,
                Precondition.LAW_OR_JOB_NATURE_REQUIRES_CRIMINAL_CHECK,
                Precondition.REGULATED_PROFESSION,
            }
        ),
        items=(
            permit(
                "identity",
                zh="岗位审批付款并在财务报告上签字，须确认授权给面试的本人。",
                en="The job approves payments and signs financial reports; the authority must "
                "go to the person interviewed.",
            ),
            permit(
                "education",
                zh="招聘条件要求会计或财务专业本科学历，核实学位与专业。",
                en="The job requires a bachelor's degree in accounting or finance; verifies "
                "the degree and major.",
            ),
            permit(
                "professional_qualification",
                zh="《会计法》对会计机构负责人有专业资格要求，核实所申报的会计专业技术资格。",
                en="The Accounting Law sets qualification requirements for the head of an "
                "accounting function; verifies the declared accounting qualification.",
            ),
            permit(
                "employment_history",
                zh="核实所申报的财务管理经历，以及是否曾因财务违纪被解除劳动合同。",
                en="Verifies the declared finance management experience and any dismissal for "
                "financial misconduct.",
            ),
            permit(
                "reference_interview",
                zh="了解其以往领导财务团队与执行内控的表现。",
                en="Learns how the candidate led finance teams and applied internal controls.",
            ),
            permit(
                "credit_report",
                zh="岗位可调度公司全部资金；只看严重逾期与呆账。",
                en="The job can move all of the company's funds; only serious arrears and bad "
                "debts are considered.",
            ),
            permit(
                "criminal_record",
                zh="岗位性质要求：审批资金并对财务报告负责，《会计法》禁止因与会计职务有关的违法行为被追究"
                "刑事责任者从事会计工作。只考虑诈骗、贪污、职务侵占类罪名。",
                en="Required by the nature of the job: it approves funds and answers for the "
                "accounts, and the Accounting Law bars people convicted of accounting-related "
                "offences. Only fraud and embezzlement offences count.",
            ),
            permit(
                "civil_litigation",
                zh="只考虑被判决承担欺诈或背信责任的案件，其他纠纷一律不考虑。",
                en="Only judgments holding the candidate liable for fraud or breach of trust "
                "count; no other dispute does.",
            ),
            permit(
                "dishonest_debtor",
                zh="岗位调度公司资金；有能力履行而拒不履行生效判决，与资金管理的诚信要求直接相关。",
                en="The job moves company funds; refusing to satisfy a judgment one can pay "
                "bears directly on trust with money.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EDUCATION_FINDINGS
        | EMPLOYMENT_FINDINGS
        | QUALIFICATION_FINDINGS
        | _FUNDS_CREDIT
        | {
            "employment.misconduct_dismissal",
            "reference.workplace_integrity",
            "criminal.fraud_or_embezzlement",
            "civil_litigation.liable_party.fraud_or_breach_of_trust",
            "dishonest_debtor.currently_listed",
        },
    ),
)

_PROFESSIONAL_DRIVER = ProfileTemplate(
    key="professional_driver",
    name=Text(zh="货运驾驶员", en="Freight driver"),
    spec=ProfileSpec(
        tier=Tier.L2,
        duties=Text(
            zh="驾驶公司重型货车运送货物，每日在公共道路上行驶，负责装载安全与车辆日常检查。",
            en="Drives the company's heavy goods vehicles on public roads every day, secures "
            "loads and does daily vehicle checks.",
        ),
        attributes=frozenset({Precondition.DRIVES_FOR_WORK, Precondition.REGULATED_PROFESSION}),
        items=(
            permit(
                "identity",
                zh="须确认驾驶证与从业资格证的持有人就是面试的本人。",
                en="Confirms that the holder of the driving licence and the transport "
                "qualification is the person interviewed.",
            ),
            permit(
                "professional_qualification",
                zh="《道路运输条例》要求从事货运的驾驶人员取得道路运输从业资格，核实证件有效。",
                en="The Road Transport Regulations require freight drivers to hold a road "
                "transport qualification; verifies it is valid.",
            ),
            permit(
                "driving_record",
                zh="岗位每天驾驶重型货车：核实准驾车型、驾驶证状态与严重交通违法记录，直接关系道路安全。",
                en="The job drives heavy goods vehicles daily: licence class, licence status "
                "and serious traffic violations bear directly on road safety.",
            ),
            permit(
                "employment_history",
                zh="核实所申报的货运驾驶经验年限。",
                en="Verifies the declared years of freight driving.",
            ),
            permit(
                "reference_interview",
                zh="了解其在以往驾驶工作中的安全表现。",
                en="Learns about safety in past driving jobs.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EMPLOYMENT_FINDINGS
        | QUALIFICATION_FINDINGS
        | {"driving.serious_violation", "driving.licence_invalid", "reference.job_performance"},
    ),
)

_SECURITY_GUARD = ProfileTemplate(
    key="security_guard",
    name=Text(zh="保安员", en="Security guard"),
    spec=ProfileSpec(
        tier=Tier.L2,
        duties=Text(
            zh="负责园区门岗、巡逻与访客登记，夜间值守，保护员工与访客的人身和财物安全。",
            en="Staffs the gate, patrols and registers visitors, keeps night watch, and "
            "protects the safety and property of staff and visitors.",
        ),
        attributes=frozenset(
            {
                Precondition.LAW_OR_JOB_NATURE_REQUIRES_CRIMINAL_CHECK,
                Precondition.REGULATED_PROFESSION,
            }
        ),
        items=(
            permit(
                "identity",
                zh="须确认保安员证的持有人就是面试的本人。",
                en="Confirms that the holder of the security guard certificate is the person "
                "interviewed.",
            ),
            permit(
                "professional_qualification",
                zh="《保安服务管理条例》要求保安员持有保安员证，核实证件真实有效且未被吊销。",
                en="The Security Service Regulations require a security guard certificate; "
                "verifies it is genuine and not revoked.",
            ),
            permit(
                "criminal_record",
                zh="法律要求：《保安服务管理条例》第八条规定曾因故意犯罪被刑事处罚者不得担任保安员，该限制"
                "不设期限。只考虑与保护人身和财物直接相关的故意犯罪类别。",
                en="Required by law: Security Service Regulations Art. 8 bars anyone punished "
                "for an intentional crime, without time limit. Only intentional offences "
                "against persons and property count.",
                lookback_months=600,
            ),
            permit(
                "employment_history",
                zh="核实所申报的安保工作经历。",
                en="Verifies the declared security work experience.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EMPLOYMENT_FINDINGS
        | QUALIFICATION_FINDINGS
        | {
            "criminal.fraud_or_embezzlement",
            "criminal.theft_or_robbery",
            "criminal.violence",
            "criminal.sexual_offence",
            "criminal.drugs",
        },
    ),
)

TRUSTED_TEMPLATES = (_CASHIER, _FINANCE_MANAGER, _PROFESSIONAL_DRIVER, _SECURITY_GUARD)
