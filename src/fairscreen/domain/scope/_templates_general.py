"""Built-in templates for general and trusted office and production roles (pure data).

None of these positions meets a precondition for a criminal record, credit report or
driving record, so none may use them: a quality inspector's minor traffic accident or a
software engineer's lawsuit has nothing to do with the job (courts have ordered employers
to pay compensation for exactly such rejections).
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

__all__ = ["GENERAL_TEMPLATES"]

_ADMINISTRATION_OFFICE = ProfileTemplate(
    key="administration_office",
    name=Text(zh="行政专员", en="Administrative officer"),
    spec=ProfileSpec(
        tier=Tier.L1,
        duties=Text(
            zh="负责前台接待、会议与差旅安排、办公用品与文件管理；不经手资金，不接触客户敏感数据。",
            en="Runs reception, meetings and travel bookings, office supplies and filing; "
            "handles no funds and no sensitive customer data.",
        ),
        attributes=frozenset(),
        items=(
            permit(
                "identity",
                zh="确认入职者就是参加面试的本人，并使其他核查准确对应到本人。",
                en="Confirms the new hire is the person interviewed, so that the other checks "
                "refer to the right person.",
            ),
            permit(
                "education",
                zh="招聘条件要求大专及以上学历，核实所申报的学历是否属实。",
                en="The job requires a college diploma; verifies that the declared education "
                "is genuine.",
            ),
            permit(
                "employment_history",
                zh="招聘条件要求两年以上行政工作经验，核实所申报的单位、时间与职位。",
                en="The job requires two years of administrative experience; verifies the "
                "declared employers, dates and titles.",
            ),
        ),
        relevance=IDENTITY_FINDINGS | EDUCATION_FINDINGS | EMPLOYMENT_FINDINGS,
    ),
)

_SOFTWARE_ENGINEER = ProfileTemplate(
    key="software_engineer",
    name=Text(zh="软件工程师", en="Software engineer"),
    spec=ProfileSpec(
        tier=Tier.L1,
        duties=Text(
            zh="设计、编写和维护公司内部系统的代码并参与代码评审；通过受控权限访问生产环境，不经手资金。",
            en="Designs, writes and maintains the code of internal systems and reviews code; "
            "reaches production only through controlled access; handles no funds.",
        ),
        attributes=frozenset(),
        items=(
            permit(
                "identity",
                zh="岗位将获得公司系统账号，须确认账号发放给面试的本人。",
                en="The job is given accounts on company systems, which must go to the person "
                "who was interviewed.",
            ),
            permit(
                "education",
                zh="招聘条件要求计算机或相关专业本科学历，核实学位与专业。",
                en="The job requires a bachelor's degree in computing or a related field; "
                "verifies the degree and major.",
            ),
            permit(
                "employment_history",
                zh="职级与薪酬依据所申报的开发经验年限与职位确定，核实任职单位、时间与职位。",
                en="Grade and pay follow the declared years and level of development "
                "experience; verifies employers, dates and titles.",
            ),
            permit(
                "reference_interview",
                zh="了解以往项目中的技术能力与协作表现，这与研发职责直接相关。",
                en="Learns about technical ability and teamwork in past projects, which bear "
                "directly on development work.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EDUCATION_FINDINGS
        | EMPLOYMENT_FINDINGS
        | {"reference.job_performance"},
    ),
)

_SALES = ProfileTemplate(
    key="sales",
    name=Text(zh="销售代表", en="Sales representative"),
    spec=ProfileSpec(
        tier=Tier.L1,
        duties=Text(
            zh="开发和维护企业客户，介绍产品并谈判报价；合同须经上级审批，不收取现金或货款。",
            en="Finds and looks after business customers, presents products and negotiates "
            "prices; contracts need a manager's approval; collects no cash or payments.",
        ),
        attributes=frozenset(),
        items=(
            permit(
                "identity",
                zh="岗位代表公司对外签署报价，须确认入职者就是面试的本人。",
                en="The job signs quotations on the company's behalf, so the new hire must be "
                "the person interviewed.",
            ),
            permit(
                "education",
                zh="招聘条件要求大专及以上学历，核实所申报的学历是否属实。",
                en="The job requires a college diploma; verifies that the declared education "
                "is genuine.",
            ),
            permit(
                "employment_history",
                zh="薪酬与客户分配依据所申报的行业销售经验；同时核实是否曾因违规对待客户被解除劳动合同。",
                en="Pay and customer assignment follow the declared sales experience; also "
                "verifies any dismissal for misconduct towards customers.",
            ),
            permit(
                "reference_interview",
                zh="了解以往客户开发与业绩表现，这与销售职责直接相关。",
                en="Learns about past customer development and results, which bear directly "
                "on the sales duties.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EDUCATION_FINDINGS
        | EMPLOYMENT_FINDINGS
        | {"employment.misconduct_dismissal", "reference.job_performance"},
    ),
)

_HR_SPECIALIST = ProfileTemplate(
    key="hr_specialist",
    name=Text(zh="人力资源专员", en="HR specialist"),
    spec=ProfileSpec(
        tier=Tier.L2,
        duties=Text(
            zh="负责招聘、入职与员工档案管理，可访问员工的身份证号、薪酬与社保等个人信息。",
            en="Handles recruitment, onboarding and personnel files, with access to staff ID "
            "numbers, pay and social insurance records.",
        ),
        attributes=frozenset(),
        items=(
            permit(
                "identity",
                zh="岗位可访问全体员工的个人信息，须确认获得权限的就是面试的本人。",
                en="The job can access every employee's personal information; the access must "
                "go to the person interviewed.",
            ),
            permit(
                "education",
                zh="招聘条件要求人力资源或相关专业本科学历，核实学位与专业。",
                en="The job requires a bachelor's degree in HR or a related field; verifies the "
                "degree and major.",
            ),
            permit(
                "employment_history",
                zh="核实所申报的人事工作经历，以及是否曾因违规处理员工信息等违纪行为被解除劳动合同。",
                en="Verifies the declared HR experience and any dismissal for misconduct such "
                "as mishandling staff data.",
            ),
            permit(
                "reference_interview",
                zh="了解其在以往工作中处理保密信息的可靠程度与工作表现。",
                en="Learns how reliably confidential information was handled in past jobs, and "
                "about work performance.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EDUCATION_FINDINGS
        | EMPLOYMENT_FINDINGS
        | {
            "employment.misconduct_dismissal",
            "reference.job_performance",
            "reference.workplace_integrity",
        },
    ),
)

_PROCUREMENT = ProfileTemplate(
    key="procurement",
    name=Text(zh="采购专员", en="Procurement officer"),
    spec=ProfileSpec(
        tier=Tier.L2,
        duties=Text(
            zh="负责询价、比价与供应商评估，提出供应商选择建议并管理采购合同的执行。",
            en="Requests and compares quotations, assesses suppliers, recommends which to "
            "choose and manages purchase contracts.",
        ),
        attributes=frozenset({Precondition.INFLUENCES_COMMERCIAL_DECISIONS}),
        items=(
            permit(
                "identity",
                zh="岗位以公司名义与供应商往来，须确认入职者就是面试的本人。",
                en="The job deals with suppliers in the company's name, so the new hire must be "
                "the person interviewed.",
            ),
            permit(
                "education",
                zh="招聘条件要求大专及以上学历，核实所申报的学历是否属实。",
                en="The job requires a college diploma; verifies that the declared education "
                "is genuine.",
            ),
            permit(
                "employment_history",
                zh="核实所申报的采购经验，以及是否曾因收受回扣等违纪行为被解除劳动合同。",
                en="Verifies the declared purchasing experience and any dismissal for "
                "misconduct such as taking kickbacks.",
            ),
            permit(
                "reference_interview",
                zh="了解其在以往采购工作中的廉洁与合规表现。",
                en="Learns about integrity and compliance in past purchasing work.",
            ),
            permit(
                "business_interests",
                zh="岗位影响供应商选择，须确认是否在供应商或竞争对手处持股或任职，以发现利益冲突。",
                en="The job influences the choice of suppliers; finds any stake or office in a "
                "supplier or competitor, i.e. a conflict of interest.",
            ),
            permit(
                "civil_litigation",
                zh="岗位管理采购合同，只考虑被判决承担欺诈或背信责任的案件（如返还回扣），不考虑其他纠纷。",
                en="The job manages purchase contracts; only judgments holding the candidate "
                "liable for fraud or breach of trust (e.g. returning kickbacks) count, no other "
                "dispute.",
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EDUCATION_FINDINGS
        | EMPLOYMENT_FINDINGS
        | {
            "employment.misconduct_dismissal",
            "reference.workplace_integrity",
            "business_interests.supplier_or_competitor_stake",
            "business_interests.concurrent_office",
            "civil_litigation.liable_party.fraud_or_breach_of_trust",
        },
    ),
)

_QUALITY_INSPECTOR = ProfileTemplate(
    key="quality_inspector",
    name=Text(zh="质量检验员", en="Quality inspector"),
    spec=ProfileSpec(
        tier=Tier.L1,
        duties=Text(
            zh="在车间按标准检验原材料与成品并记录结果；不驾驶车辆，不经手资金。",
            en="Inspects raw materials and finished goods on the shop floor against standards "
            "and records the results; does not drive and handles no funds.",
        ),
        attributes=frozenset(),
        items=(
            permit(
                "identity",
                zh="检验记录须可追溯到具体检验员，须确认入职者就是面试的本人。",
                en="Inspection records must trace to a named inspector, so the new hire must be "
                "the person interviewed.",
            ),
            permit(
                "education",
                zh="招聘条件要求理工科中专及以上学历，核实所申报的学历是否属实。",
                en="The job requires a technical secondary diploma or higher; verifies that the "
                "declared education is genuine.",
            ),
            permit(
                "employment_history",
                zh="核实所申报的质量检验经验年限，这决定上岗培训与独立签发检验记录的时间。",
                en="Verifies the declared years of inspection experience, which decide training "
                "and when the inspector may sign records alone.",
            ),
        ),
        relevance=IDENTITY_FINDINGS | EDUCATION_FINDINGS | EMPLOYMENT_FINDINGS,
    ),
)

_FOOD_SAFETY = ProfileTemplate(
    key="food_safety",
    name=Text(zh="食品安全管理员", en="Food safety officer"),
    spec=ProfileSpec(
        tier=Tier.L2,
        duties=Text(
            zh="负责食品生产过程的安全管理、原料验收与食品安全自查，并向监管部门报告。",
            en="Manages food safety in production, accepts raw materials, runs food safety "
            "self-inspections and reports to the regulator.",
        ),
        attributes=frozenset({Precondition.REGULATED_PROFESSION}),
        items=(
            permit(
                "identity",
                zh="岗位以本人名义向监管部门报告，须确认入职者就是面试的本人。",
                en="The job reports to the regulator in the officer's own name, so the new hire "
                "must be the person interviewed.",
            ),
            permit(
                "education",
                zh="招聘条件要求食品相关专业大专及以上学历，核实学历与专业。",
                en="The job requires a college diploma in a food-related field; verifies the "
                "education and major.",
            ),
            permit(
                "professional_qualification",
                zh="《食品安全法》要求企业配备经培训、考核合格的食品安全管理人员，核实其考核合格证明。",
                en="The Food Safety Law requires food safety staff who have been trained and "
                "passed assessment; verifies the assessment certificate.",
            ),
            permit(
                "employment_history",
                zh="核实所申报的食品安全管理经验。",
                en="Verifies the declared food safety management experience.",
            ),
            permit(
                "administrative_penalties",
                zh="《食品安全法》第一百三十五条规定，被吊销许可证企业的直接责任人员五年内不得担任食品安全"
                "管理人员，因此追溯五年，且只考虑食品药品安全类处罚。",
                en="Food Safety Law Art. 135 bars those responsible for a revoked food licence "
                "from food safety posts for five years; so five years back, and only food and "
                "drug safety penalties count.",
                lookback_months=60,
            ),
        ),
        relevance=IDENTITY_FINDINGS
        | EDUCATION_FINDINGS
        | EMPLOYMENT_FINDINGS
        | QUALIFICATION_FINDINGS
        | {"administrative.food_or_drug_safety"},
    ),
)

GENERAL_TEMPLATES = (
    _ADMINISTRATION_OFFICE,
    _SOFTWARE_ENGINEER,
    _SALES,
    _HR_SPECIALIST,
    _PROCUREMENT,
    _QUALITY_INSPECTOR,
    _FOOD_SAFETY,
)
