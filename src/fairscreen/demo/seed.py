"""Seeding "示例科技有限公司 (Example Tech Co.)": visibly fictional, idempotent, one transaction.

Every person and domain here is invented (example.com is reserved by RFC 2606), so the demo
can be shown, screenshotted and shipped without touching anyone's personal data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from fairscreen.accounts import services as accounts
from fairscreen.accounts.models import Organisation, User
from fairscreen.accounts.roles import Role

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
class DemoResult:
    organisation: Organisation
    created: bool


@transaction.atomic
def seed_demo_organisation() -> DemoResult:
    """Create the demo organisation and one login per staff role, unless it already exists."""
    existing = Organisation.objects.filter(name=DEMO_ORGANISATION_NAME).first()
    if existing is not None:
        return DemoResult(organisation=existing, created=False)
    organisation = accounts.create_organisation(
        name=DEMO_ORGANISATION_NAME, domain=DEMO_DOMAIN, time_zone="Asia/Shanghai"
    )
    for login in DEMO_LOGINS:
        user = User.objects.filter(email=login.email).first() or accounts.create_user(
            email=login.email, display_name=login.display_name, password=DEMO_PASSWORD
        )
        accounts.add_member(organisation=organisation, user=user, roles=frozenset({login.role}))
    return DemoResult(organisation=organisation, created=True)
