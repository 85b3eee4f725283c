"""The demo organisation's hiring set-up: disclosure, profiles, positions, screenings.

Every consent state is present, so each page of the console and the portal has something
to show: a screening awaiting consent, one consented in full, one with an item refused,
one declined and one withdrawn. All through the real services, so the demo's evidence
ledger holds every step as a real organisation's would.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairscreen.accounts.models import Membership, Organisation, User
from fairscreen.accounts.principals import OrganisationAccess, Principal
from fairscreen.accounts.roles import Role
from fairscreen.domain import scope
from fairscreen.positions import services as positions
from fairscreen.positions import teams
from fairscreen.positions.models import Position, VersionStatus
from fairscreen.screenings import services
from fairscreen.screenings.models import Candidate, Screening, ScreeningStatus
from fairscreen.screenings.services import ConsentChoices, ThirdPartyIn

DEMO_DISCLOSURE = {
    "legal_name": "示例科技有限公司 (Example Tech Co., Ltd.)",
    "credit_code": "91990000MA0DEMO000",
    "address": "示例市演示区样板路 1 号 (1 Sample Road, Demo District, Example City)",
    "licences": (
        "营业执照；增值电信业务经营许可证（示例）\n"
        "Business licence; value-added telecom licence (demo)"
    ),
    "size": "200–500 人 (200–500 staff)",
    "funding_stage": "B 轮 (Series B)",
    "business": "面向中小企业的财务与协同软件 (finance and collaboration software for SMEs)",
    "privacy_contact": "privacy@example.com",
    "report_recipients": "",
}

DEMO_TEMPLATES = (
    "software_engineer",
    "cashier",
    "sales",
    "professional_driver",
    "quality_inspector",
)


@dataclass(frozen=True)
class DemoPosition:
    title: str
    department: str
    template: str
    team: str
    reporting_line: str
    kpis: str
    working_hours: str
    overtime_practice: str
    promotion_mechanism: str


DEMO_POSITIONS: tuple[DemoPosition, ...] = (
    DemoPosition(
        "后端工程师 (Backend Engineer)",
        "研发部 (R&D)",
        "software_engineer",
        "支付平台组 8 人 (payments platform team of 8)",
        "向研发经理汇报 (reports to the R&D manager)",
        "按时交付、线上故障率 (on-time delivery, production incident rate)",
        "9:30–18:30，双休 (9:30–18:30, weekends off)",
        "偶尔加班，按法定标准支付或调休 "
        "(occasional overtime, paid at the statutory rate or time off)",
        "每年两次职级评审 (grade review twice a year)",
    ),
    DemoPosition(
        "出纳 (Cashier)",
        "财务部 (Finance)",
        "cashier",
        "财务部 5 人 (finance team of 5)",
        "向财务经理汇报 (reports to the finance manager)",
        "账实相符、付款准确及时 (reconciled accounts, accurate and timely payments)",
        "9:00–18:00，双休 (9:00–18:00, weekends off)",
        "月末结账日可能加班 (possible overtime at month-end close)",
        "年度评审，可晋升会计 (annual review; path to accountant)",
    ),
    DemoPosition(
        "质检员 (Quality Inspector)",
        "生产部 (Production)",
        "quality_inspector",
        "质检组 6 人 (QA team of 6)",
        "向质量主管汇报 (reports to the quality supervisor)",
        "漏检率、检验记录完整性 (escape rate, complete inspection records)",
        "两班倒，每班 8 小时 (two shifts of 8 hours)",
        "旺季加班，按法定标准支付 (peak-season overtime at the statutory rate)",
        "年度技能考核 (annual skills assessment)",
    ),
)


def seed_screenings(organisation: Organisation) -> None:
    """Disclosure, profiles and positions; then one screening in each consent state."""
    if Position.objects.filter(organisation=organisation).exists():
        return
    hr_admin, recruiter, dpo = (
        demo_access(organisation, role) for role in (Role.HR_ADMIN, Role.RECRUITER, Role.DPO)
    )
    positions.update_organisation_disclosure(
        access=hr_admin, texts=DEMO_DISCLOSURE, retention_months=6
    )
    profiles = {}
    for key in DEMO_TEMPLATES:
        version = positions.create_profile_from_template(access=hr_admin, template_key=key)
        if version.status == VersionStatus.PENDING_APPROVAL:
            positions.approve_profile_version(
                access=dpo,
                version_id=version.id,
                impact_assessment=DEMO_IMPACT_ASSESSMENT,
            )
        profiles[key] = version.profile_id
    created = {}
    for demo in DEMO_POSITIONS:
        created[demo.template] = positions.create_position(
            access=hr_admin,
            title=demo.title,
            department=demo.department,
            profile_id=profiles[demo.template],
            disclosure={
                "team": demo.team,
                "reporting_line": demo.reporting_line,
                "kpis": demo.kpis,
                "working_hours": demo.working_hours,
                "overtime_practice": demo.overtime_practice,
                "promotion_mechanism": demo.promotion_mechanism,
            },
        )
    staff_the_teams(organisation, hr_admin, list(created.values()))
    _seed_consent_states(organisation, recruiter, created)


def staff_the_teams(
    organisation: Organisation, hr_admin: OrganisationAccess, staffed: list[Position]
) -> None:
    """Every demo login joins every position's hiring team in its role, so each page of the
    demo has something to show; a real organisation staffs each position's team itself."""
    memberships = Membership.objects.filter(organisation=organisation).prefetch_related("roles")
    for position in staffed:
        for membership in memberships:
            for held in membership.roles.all():
                already = position.team_members.filter(user_id=membership.user_id, role=held.role)
                if Role(held.role) in teams.TEAM_ROLES and not already.exists():
                    teams.assign_to_hiring_team(
                        access=hr_admin,
                        position_id=position.id,
                        role=held.role,
                        user_id=membership.user_id,
                    )


DEMO_IMPACT_ASSESSMENT = (
    "示例影响评估：核验身份与相关记录为该岗位所必需；仅限列明项目，加密保存 6 个月后销毁，"
    "候选人可随时撤回同意。(Demo impact assessment: identity and the listed records are "
    "necessary for this position; only the listed items, encrypted, destroyed after 6 "
    "months; the candidate may withdraw consent at any time.)"
)


def _seed_consent_states(
    organisation: Organisation, recruiter: OrganisationAccess, created: dict[str, Position]
) -> None:
    candidates = list(Candidate.objects.filter(organisation=organisation).order_by("created_at"))
    if len(candidates) < 5 or Screening.objects.filter(organisation=organisation).exists():
        return
    engineer, cashier = created["software_engineer"], created["cashier"]
    former_employer = [
        ThirdPartyIn(
            item="employment_history",
            name="示例前雇主有限公司 (Demo Former Employer Ltd.)",
            contact="hr@former-employer.example.com",
        )
    ]
    cashier_items = ("identity", "dishonest_debtor", "credit_report")
    plans: tuple[tuple[Candidate, Position, tuple[str, ...], list[ThirdPartyIn], str], ...] = (
        (
            candidates[0],
            engineer,
            ("identity", "education", "employment_history"),
            former_employer,
            "awaiting",
        ),
        (candidates[1], cashier, cashier_items, [], "all"),
        (candidates[2], cashier, cashier_items, [], "partly"),
        (candidates[3], engineer, ("identity", "education"), [], "declined"),
        (candidates[4], cashier, cashier_items, [], "withdrawn"),
    )
    for candidate, position, items, parties, state in plans:
        screening = services.order_screening(
            access=recruiter,
            candidate_id=candidate.id,
            position_id=position.id,
            items=list(items),
            third_parties=parties,
        )
        issued = services.issue_invitation(access=recruiter, screening_id=screening.id)
        if state == "awaiting":
            continue
        services.open_invitation(token=issued.token)
        screening.refresh_from_db()
        _consent(screening, candidate, state)
        if state == "withdrawn":
            services.withdraw_consent(screening_id=screening.id, actor=f"candidate:{candidate.id}")


def _consent(screening: Screening, candidate: Candidate, state: str) -> None:
    codes = frozenset(screening.items.values_list("code", flat=True))
    refused = {
        "all": frozenset(),
        "partly": frozenset({"dishonest_debtor"}),
        "declined": codes,
    }.get(state, frozenset())
    granted = codes - refused
    services.record_consent(
        screening_id=screening.id,
        choices=ConsentChoices(
            granted=granted,
            refused=refused,
            sensitive_confirmed=frozenset(
                code for code in granted if scope.CATALOGUE.item(code).sensitive
            ),
            third_parties_granted=frozenset(screening.third_parties.values_list("id", flat=True)),
        ),
        signed_name=str(candidate.full_name.reveal()),
        notice_digest=screening.notice_digest,
        language="zh-hans",
    )


def fresh_demo_invitation(organisation: Organisation) -> str | None:
    """A new invitation token for the demo screening still awaiting consent, if any.

    So that whoever runs `make run` can walk through the candidate's side. Issuing a link
    revokes the previous one, exactly as for a real candidate; the token is printed once
    and stored only as its hash.
    """
    screening = (
        Screening.objects.filter(organisation=organisation, status=ScreeningStatus.AWAITING_CONSENT)
        .order_by("ordered_at")
        .first()
    )
    if screening is None:
        return None
    recruiter = demo_access(organisation, Role.RECRUITER)
    return services.issue_invitation(access=recruiter, screening_id=screening.id).token


def demo_access(organisation: Organisation, role: Role) -> OrganisationAccess:
    user = User.objects.filter(
        memberships__organisation=organisation, memberships__roles__role=role
    ).first()
    if user is None:
        raise LookupError(f"the demo organisation has no {role.value}")
    return OrganisationAccess(
        principal=Principal.for_user(user), organisation=organisation, roles=frozenset({role})
    )
