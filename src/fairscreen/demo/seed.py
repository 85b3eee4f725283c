"""Seeding "示例科技有限公司 (Example Tech Co.)": visibly fictional, idempotent, one transaction.

Every person and domain here is invented (example.com is reserved by RFC 2606), so the demo
can be shown, screenshotted and shipped without touching anyone's personal data. The demo
candidates' ID numbers pass the checksum but use region code 990000, which no province has,
and 13800000xxx phone numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from fairscreen.accounts import services as accounts
from fairscreen.accounts.models import Organisation, User
from fairscreen.accounts.principals import OrganisationAccess, Principal
from fairscreen.accounts.roles import Role
from fairscreen.demo.decisions import seed_decisions
from fairscreen.demo.findings import seed_findings
from fairscreen.demo.screenings import seed_screenings
from fairscreen.screenings.models import Candidate
from fairscreen.screenings.services import register_candidate

DEMO_ORGANISATION_NAME = "示例科技有限公司 (Example Tech Co.)"
DEMO_DOMAIN = "example.com"
DEMO_PASSWORD = "fairscreen-demo-2026"  # noqa: S105 - published fictional demo credential


@dataclass(frozen=True)
class DemoLogin:
    email: str
    display_name: str
    role: Role


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("hr.admin@example.com", "测试HR管理员 (Demo HR Admin)", Role.HR_ADMIN),
    DemoLogin("recruiter@example.com", "测试招聘专员 (Demo Recruiter)", Role.RECRUITER),
    DemoLogin("analyst@example.com", "测试背调分析师 (Demo Analyst)", Role.ANALYST),
    DemoLogin("reviewer@example.com", "测试用人经理 (Demo Reviewer)", Role.REVIEWER),
    DemoLogin("approver@example.com", "测试审批人 (Demo Approver)", Role.APPROVER),
    DemoLogin("dpo@example.com", "测试数据保护官 (Demo DPO)", Role.DPO),
    DemoLogin("auditor@example.com", "测试审计员 (Demo Auditor)", Role.AUDITOR),
)


@dataclass(frozen=True)
class DemoCandidate:
    full_name: str
    id_number: str
    phone: str
    email: str


DEMO_CANDIDATES: tuple[DemoCandidate, ...] = (
    DemoCandidate("测试候选人甲", "990000200001010012", "13800000001", "candidate.jia@example.com"),
    DemoCandidate("测试候选人乙", "990000200002020028", "13800000002", "candidate.yi@example.com"),
    DemoCandidate(
        "测试候选人丙", "99000020000303048X", "13800000003", "candidate.bing@example.com"
    ),
    DemoCandidate(
        "测试候选人丁", "990000200004040057", "13800000004", "candidate.ding@example.com"
    ),
    DemoCandidate("测试候选人戊", "990000200005050038", "13800000005", "candidate.wu@example.com"),
)


@dataclass(frozen=True)
class DemoResult:
    organisation: Organisation
    created: bool


@transaction.atomic
def seed_demo_organisation() -> DemoResult:
    """Create the demo organisation, one login per staff role, five candidates, the hiring
    set-up (disclosure, profiles, positions), a screening in each consent state, and two
    more candidates whose checks ran, with findings in every verification state.

    Idempotent: an existing demo organisation is kept, candidates are added only if it has
    none at all (so a candidate whose data the demo DPO destroyed is not re-created), and
    positions and screenings only if it has no position yet.
    """
    organisation = Organisation.objects.filter(name=DEMO_ORGANISATION_NAME).first()
    created = organisation is None
    if organisation is None:
        organisation = accounts.create_organisation(
            name=DEMO_ORGANISATION_NAME, domain=DEMO_DOMAIN, time_zone="Asia/Shanghai"
        )
        for login in DEMO_LOGINS:
            user = User.objects.filter(email=login.email).first() or accounts.create_user(
                email=login.email, display_name=login.display_name, password=DEMO_PASSWORD
            )
            accounts.add_member(organisation=organisation, user=user, roles=frozenset({login.role}))
    if not Candidate.objects.filter(organisation=organisation).exists():
        _seed_candidates(organisation)
    seed_screenings(organisation)
    seed_findings(organisation)
    seed_decisions(organisation)
    return DemoResult(organisation=organisation, created=created)


def _seed_candidates(organisation: Organisation) -> None:
    recruiter = User.objects.get(email="recruiter@example.com")
    access = OrganisationAccess(
        principal=Principal.for_user(recruiter),
        organisation=organisation,
        roles=frozenset({Role.RECRUITER}),
    )
    for candidate in DEMO_CANDIDATES:
        register_candidate(
            access=access,
            full_name=candidate.full_name,
            id_number=candidate.id_number,
            phone=candidate.phone,
            email=candidate.email,
        )
