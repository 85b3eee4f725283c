"""The built-in catalogue, version 2026.1 (pure data; the rules live in `_catalogue.py`).

Codes are stable forever: profiles, screenings, notices and the audit ledger refer to them.
Change a description or a look-back by raising `version`; never reuse or rename a code.
Sensitive items (PIPL Art. 28) state the necessity and the impact on the person, which the
notice shows before the separate consent (PIPL Arts. 29-30).
"""

from __future__ import annotations

from fairscreen.domain.scope._catalogue import (
    Catalogue,
    CheckItem,
    Precondition,
    SourceKind,
    ThirdPartyKind,
)
from fairscreen.domain.scope._text import Text

__all__ = ["CATALOGUE"]

_NAME = Text(zh="姓名", en="Name")
_ID_NUMBER = Text(zh="居民身份证号码", en="Resident identity card number")

_IDENTITY = CheckItem(
    code="identity",
    name=Text(zh="身份核验", en="Identity verification"),
    description=Text(
        zh="通过权威身份核验服务核对姓名与身份证号码是否一致、证件是否有效。",
        en="Confirms with an authoritative identity service that the name and ID number "
        "match and that the ID document is valid.",
    ),
    data_categories=(_NAME, _ID_NUMBER, Text(zh="证件照片", en="ID document photo")),
    sensitive=True,
    default_lookback_months=None,
    source_kinds=(SourceKind.AUTHORITATIVE_REGISTRY, SourceKind.CANDIDATE_DOCUMENT),
    preconditions=(),
    finding_categories=("identity.mismatch", "identity.document_invalid"),
    third_party=False,
    sensitive_impact=Text(
        zh="身份证号码属于敏感个人信息。核验身份是其他各项核查准确对应到您本人的前提，"
        "可避免把他人的记录误归于您；号码一旦泄露可能被冒用，因此仅加密保存、仅用于核验。",
        en="An ID number is sensitive personal information. Verifying identity is what makes "
        "every other check refer to you and not to someone with a similar name; a leaked "
        "number can be misused, so it is stored encrypted and used only for verification.",
    ),
)

_EDUCATION = CheckItem(
    code="education",
    name=Text(zh="学历学位核验", en="Education and degree verification"),
    description=Text(
        zh="通过学信网、学位网等权威渠道核实您申报的最高学历、学位、院校与就读时间。",
        en="Verifies the degrees, institutions and dates you declared with authoritative "
        "services such as CHSI (学信网) and CDGDC (学位网).",
    ),
    data_categories=(
        _NAME,
        Text(zh="学历、学位证书编号", en="Diploma and degree certificate numbers"),
        Text(zh="院校、专业、就读时间", en="Institution, major and dates of study"),
    ),
    sensitive=False,
    default_lookback_months=None,
    source_kinds=(SourceKind.AUTHORITATIVE_REGISTRY, SourceKind.CANDIDATE_DOCUMENT),
    preconditions=(),
    finding_categories=(
        "education.degree_mismatch",
        "education.record_not_found",
        "education.dates_mismatch",
    ),
    third_party=False,
    sensitive_impact=None,
)

_QUALIFICATION = CheckItem(
    code="professional_qualification",
    name=Text(zh="职业资格核验", en="Professional qualification verification"),
    description=Text(
        zh="向发证机关的公开查询渠道核实岗位依法要求的职业资格或执业证书是否真实、有效。",
        en="Verifies with the issuing authority's public register that a qualification or "
        "licence the position legally requires is genuine and valid.",
    ),
    data_categories=(
        _NAME,
        Text(zh="证书名称、编号、等级与有效期", en="Certificate name, number, level and validity"),
    ),
    sensitive=False,
    default_lookback_months=None,
    source_kinds=(SourceKind.AUTHORITATIVE_REGISTRY, SourceKind.CANDIDATE_DOCUMENT),
    preconditions=(Precondition.REGULATED_PROFESSION,),
    finding_categories=(
        "qualification.not_held",
        "qualification.revoked_or_suspended",
        "qualification.level_mismatch",
    ),
    third_party=False,
    sensitive_impact=None,
)

_EMPLOYMENT = CheckItem(
    code="employment_history",
    name=Text(zh="工作履历核实", en="Employment history verification"),
    description=Text(
        zh="向您授权联系的前雇主核实任职单位、起止时间、职位及离职原因。每一家前雇主都需要您单独同意。",
        en="Confirms employer, dates, job title and reason for leaving with each former "
        "employer you authorise; each former employer needs your separate consent.",
    ),
    data_categories=(
        _NAME,
        Text(zh="任职单位、起止时间与职位", en="Employer, dates and job title"),
        Text(zh="离职原因", en="Reason for leaving"),
    ),
    sensitive=False,
    default_lookback_months=120,
    source_kinds=(SourceKind.FORMER_EMPLOYER, SourceKind.CANDIDATE_DOCUMENT),
    preconditions=(),
    finding_categories=(
        "employment.date_mismatch",
        "employment.title_mismatch",
        "employment.employer_mismatch",
        "employment.misconduct_dismissal",
    ),
    third_party=True,
    sensitive_impact=None,
    third_party_kind=ThirdPartyKind.FORMER_EMPLOYER,
)

_REFERENCE = CheckItem(
    code="reference_interview",
    name=Text(zh="证明人访谈", en="Referee interview"),
    description=Text(
        zh="与您提供的证明人交谈，了解与岗位职责相关的工作表现。单一证明人的意见只作为未经核实的陈述记录，"
        "不会写入雇主报告或影响评级。",
        en="Talks to referees you name about work performance relevant to the duties. A "
        "single referee's opinion is recorded as an unverified statement and never appears "
        "in the employer's report or affects the rating.",
    ),
    data_categories=(
        _NAME,
        Text(zh="证明人对您工作表现的陈述", en="Referees' statements about your work"),
    ),
    sensitive=False,
    default_lookback_months=60,
    source_kinds=(SourceKind.REFEREE,),
    preconditions=(),
    finding_categories=("reference.job_performance", "reference.workplace_integrity"),
    third_party=True,
    sensitive_impact=None,
    third_party_kind=ThirdPartyKind.REFEREE,
)

_CIVIL = CheckItem(
    code="civil_litigation",
    name=Text(zh="民事涉诉记录", en="Civil litigation records"),
    description=Text(
        zh="查询公开的生效民事裁判文书，并区分您在案件中的角色：作为原告或未被判担责的当事人，"
        "永远不会对您不利。",
        en="Searches published effective civil judgments and records your role in each "
        "case: being the claimant, or a party held not liable, never counts against you.",
    ),
    data_categories=(
        _NAME,
        Text(zh="案号、案由、诉讼地位与裁判结果", en="Case number, cause, role and outcome"),
    ),
    sensitive=False,
    default_lookback_months=60,
    source_kinds=(SourceKind.COURT_RECORDS,),
    preconditions=(),
    finding_categories=(
        "civil_litigation.liable_party.fraud_or_breach_of_trust",
        "civil_litigation.liable_party.trade_secret_or_non_compete",
        "civil_litigation.liable_party.commercial_contract",
        "civil_litigation.liable_party.other",
        "civil_litigation.not_liable",
        "civil_litigation.claimant",
    ),
    third_party=False,
    sensitive_impact=None,
    never_relevant_categories=("civil_litigation.not_liable", "civil_litigation.claimant"),
)

_CRIMINAL = CheckItem(
    code="criminal_record",
    name=Text(zh="刑事犯罪记录", en="Criminal record"),
    description=Text(
        zh="仅核查已生效的刑事判决（含您本人申领的无犯罪记录证明），不包括立案、侦查或未生效的判决，"
        "也不包括依法封存的未成年人犯罪记录。",
        en="Covers effective criminal judgments only (including a no-criminal-record "
        "certificate you obtain yourself); never arrests, investigations, judgments not yet "
        "in effect, or juvenile records sealed by law.",
    ),
    data_categories=(
        _NAME,
        _ID_NUMBER,
        Text(
            zh="生效刑事判决的罪名、刑罚与日期",
            en="Offence, sentence and date of effective judgments",
        ),
    ),
    sensitive=True,
    default_lookback_months=60,
    source_kinds=(SourceKind.CANDIDATE_DOCUMENT, SourceKind.COURT_RECORDS),
    preconditions=(Precondition.LAW_OR_JOB_NATURE_REQUIRES_CRIMINAL_CHECK,),
    finding_categories=(
        "criminal.fraud_or_embezzlement",
        "criminal.bribery_or_corruption",
        "criminal.economic_order",
        "criminal.theft_or_robbery",
        "criminal.violence",
        "criminal.sexual_offence",
        "criminal.drugs",
        "criminal.traffic",
        "criminal.other",
    ),
    third_party=False,
    sensitive_impact=Text(
        zh="犯罪记录属于敏感个人信息，泄露或不当使用会导致歧视并严重影响您的就业与名誉。"
        "仅在法律或岗位性质要求时核查，且只有与岗位职责直接相关的罪名类别才会被考虑。",
        en="A criminal record is sensitive personal information; disclosure or misuse leads "
        "to discrimination and serious harm to employment and reputation. It is checked only "
        "where the law or the nature of the job requires, and only offence categories "
        "directly related to the duties are considered.",
    ),
)

_MINORS = CheckItem(
    code="sexual_offence_record",
    name=Text(
        zh="密切接触未成年人岗位入职查询",
        en="Pre-employment query for work in close contact with minors",
    ),
    description=Text(
        zh="依《未成年人保护法》第六十二条，向公安机关、人民检察院查询是否有性侵害、虐待、拐卖、"
        "暴力伤害等违法犯罪记录；有此类记录者依法不得录用。",
        en="Under Minors Protection Law Art. 62, queries the public security organs and the "
        "procuratorate for records of sexual assault, abuse, trafficking or violent harm; "
        "the law bars hiring anyone with such a record.",
    ),
    data_categories=(_NAME, _ID_NUMBER, Text(zh="查询结果", en="Query result")),
    sensitive=True,
    default_lookback_months=None,
    source_kinds=(SourceKind.AUTHORITATIVE_REGISTRY,),
    preconditions=(Precondition.WORKS_WITH_MINORS,),
    finding_categories=(
        "minors_protection.sexual_offence",
        "minors_protection.abuse_or_trafficking",
        "minors_protection.violent_harm",
    ),
    third_party=False,
    sensitive_impact=Text(
        zh="该查询涉及违法犯罪记录这一敏感个人信息。法律为保护未成年人强制要求此项查询，且不设时限；"
        "查询结果只用于该法定用途，不用于评估其他事项。",
        en="The query concerns offence records, which are sensitive personal information. "
        "The law mandates it, without time limit, to protect minors; the result is used for "
        "that statutory purpose only and for nothing else.",
    ),
)

_DISHONEST = CheckItem(
    code="dishonest_debtor",
    name=Text(zh="失信被执行人", en="Dishonest judgment debtor list"),
    description=Text(
        zh="查询最高人民法院公布的失信被执行人名单中是否有您的记录。",
        en="Checks the Supreme People's Court's published list of dishonest judgment "
        "debtors (失信被执行人).",
    ),
    data_categories=(
        _NAME,
        Text(zh="列入名单的案号、法院与日期", en="Case, court and date of listing"),
    ),
    sensitive=False,
    default_lookback_months=36,
    source_kinds=(SourceKind.COURT_RECORDS,),
    preconditions=(),
    finding_categories=("dishonest_debtor.currently_listed", "dishonest_debtor.previously_listed"),
    third_party=False,
    sensitive_impact=None,
)

_RESTRICTION = CheckItem(
    code="consumption_restriction",
    name=Text(zh="限制高消费", en="Consumption restriction orders"),
    description=Text(
        zh="查询法院公布的限制高消费令，并区分是针对您个人，还是因您担任企业法定代表人而受限。",
        en="Checks court consumption-restriction orders (限制高消费) and whether an order "
        "concerns you personally or a company you represented.",
    ),
    data_categories=(
        _NAME,
        Text(zh="限制令的案号、法院与日期", en="Case, court and date of the order"),
    ),
    sensitive=False,
    default_lookback_months=36,
    source_kinds=(SourceKind.COURT_RECORDS,),
    preconditions=(),
    finding_categories=(
        "consumption_restriction.currently_restricted",
        "consumption_restriction.previously_restricted",
        "consumption_restriction.as_company_representative",
    ),
    third_party=False,
    sensitive_impact=None,
)

_CREDIT = CheckItem(
    code="credit_report",
    name=Text(zh="个人信用报告", en="Personal credit report"),
    description=Text(
        zh="经您书面同意，通过持牌个人征信机构获取信用报告（《征信业管理条例》第十八条），"
        "只看严重逾期与呆账，不看收入、资产或消费明细。",
        en="With your written consent, obtains a credit report through a licensed personal "
        "credit agency (Credit Reporting Industry Regulations Art. 18); only serious arrears "
        "and bad debts are considered, never income, assets or spending.",
    ),
    data_categories=(
        _NAME,
        _ID_NUMBER,
        Text(zh="信贷账户的逾期与呆账记录", en="Arrears and bad-debt records of credit accounts"),
    ),
    sensitive=True,
    default_lookback_months=24,
    source_kinds=(SourceKind.LICENSED_AGENCY,),
    preconditions=(Precondition.HANDLES_FUNDS,),
    finding_categories=(
        "credit.serious_delinquency",
        "credit.bad_debt_or_collection",
        "credit.minor_delinquency",
    ),
    third_party=False,
    sensitive_impact=Text(
        zh="信用报告包含金融账户信息，属于敏感个人信息，泄露可能导致财产损失或诈骗风险，"
        "不当使用可能让一次困难时期长期影响就业。仅用于直接经手资金的岗位。",
        en="A credit report contains financial account information, which is sensitive; a "
        "leak risks fraud and financial loss, and misuse can let one hard period shut doors "
        "for years. It is used only for positions that handle funds directly.",
    ),
)

_BUSINESS = CheckItem(
    code="business_interests",
    name=Text(zh="对外投资与任职", en="Business interests and outside offices"),
    description=Text(
        zh="查询国家企业信用信息公示系统中您的对外投资与任职，以发现与岗位的利益冲突。",
        en="Searches the National Enterprise Credit Information Publicity System for your "
        "shareholdings and offices, to find conflicts of interest with the position.",
    ),
    data_categories=(
        _NAME,
        Text(zh="投资或任职的企业、持股比例与职务", en="Companies, shareholdings and offices"),
    ),
    sensitive=False,
    default_lookback_months=36,
    source_kinds=(SourceKind.PUBLIC_RECORD,),
    preconditions=(Precondition.INFLUENCES_COMMERCIAL_DECISIONS,),
    finding_categories=(
        "business_interests.supplier_or_competitor_stake",
        "business_interests.concurrent_office",
        "business_interests.disqualifying_past_office",
        "business_interests.unrelated_interest",
    ),
    third_party=False,
    sensitive_impact=None,
)

_PENALTIES = CheckItem(
    code="administrative_penalties",
    name=Text(zh="行政处罚记录", en="Administrative penalties"),
    description=Text(
        zh="查询“信用中国”及行业监管部门公开的、对您本人作出的行政处罚和市场禁入决定。",
        en="Searches Credit China and regulators' published decisions for administrative "
        "penalties and market bans imposed on you personally.",
    ),
    data_categories=(
        _NAME,
        Text(zh="处罚机关、事由、决定与日期", en="Authority, grounds, decision and date"),
    ),
    sensitive=False,
    default_lookback_months=36,
    source_kinds=(SourceKind.PUBLIC_RECORD,),
    preconditions=(),
    finding_categories=(
        "administrative.financial_regulation",
        "administrative.food_or_drug_safety",
        "administrative.professional_licence",
        "administrative.workplace_safety",
        "administrative.other",
    ),
    third_party=False,
    sensitive_impact=None,
)

_DRIVING = CheckItem(
    code="driving_record",
    name=Text(zh="驾驶记录", en="Driving record"),
    description=Text(
        zh="核实驾驶证的准驾车型与状态，以及记分周期内的严重交通违法和事故责任记录。",
        en="Verifies the driving licence class and status, and serious traffic violations "
        "and accident liability in the scoring periods.",
    ),
    data_categories=(
        _NAME,
        Text(zh="驾驶证号、准驾车型与状态", en="Licence number, class and status"),
        Text(zh="交通违法与事故记录", en="Traffic violations and accidents"),
    ),
    sensitive=False,
    default_lookback_months=36,
    source_kinds=(SourceKind.AUTHORITATIVE_REGISTRY, SourceKind.CANDIDATE_DOCUMENT),
    preconditions=(Precondition.DRIVES_FOR_WORK,),
    finding_categories=(
        "driving.serious_violation",
        "driving.minor_violation",
        "driving.licence_invalid",
    ),
    third_party=False,
    sensitive_impact=None,
)

CATALOGUE = Catalogue(
    version="2026.1",
    items=(
        _IDENTITY,
        _EDUCATION,
        _QUALIFICATION,
        _EMPLOYMENT,
        _REFERENCE,
        _CIVIL,
        _CRIMINAL,
        _MINORS,
        _DISHONEST,
        _RESTRICTION,
        _CREDIT,
        _BUSINESS,
        _PENALTIES,
        _DRIVING,
    ),
)
