"""Risk profiles, positions and the disclosure through the console: roles, tenancy, forms."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from fairscreen.accounts.roles import Role
from fairscreen.positions.models import (
    OrganisationDisclosure,
    Position,
    ProfileVersion,
    RiskProfile,
)
from tests.factories import IMPACT_ASSESSMENT, create_hiring_setup

pytestmark = pytest.mark.django_db


def signed_in(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def as_client(access, language: str = "zh-hans") -> Client:
    return signed_in(access.principal.user, language)


def proposal(**overrides: object) -> dict[str, object]:
    """A valid version: identity and education for a general position."""
    return {
        "tier": "L1",
        "duties_zh": "测试职责：负责日常行政工作。",
        "duties_en": "Test duties: runs the office day to day.",
        "item_identity": "on",
        "necessity_zh_identity": "核实本人身份。",
        "necessity_en_identity": "Confirms the person is who they say.",
        "item_education": "on",
        "necessity_zh_education": "岗位要求大专学历。",
        "necessity_en_education": "The job requires a college diploma.",
        "relevance_education": ["education.degree_mismatch"],
        **overrides,
    }


@pytest.mark.parametrize(
    ("role", "reading", "proposing"),
    [
        (Role.HR_ADMIN, 200, 200),
        (Role.RECRUITER, 200, 403),
        (Role.DPO, 200, 403),
        (Role.AUDITOR, 200, 403),
        (Role.ANALYST, 200, 403),
        (Role.REVIEWER, 200, 403),
        (Role.APPROVER, 403, 403),
    ],
)
def test_every_page_checks_roles(make_member, role, reading, proposing) -> None:
    setup = create_hiring_setup()
    org = setup.organisation.id
    client = signed_in(make_member(setup.organisation, role))
    pages = [
        f"/o/{org}/profiles/",
        f"/o/{org}/profiles/{setup.profile_id}/",
        f"/o/{org}/positions/",
        f"/o/{org}/positions/{setup.position_id}/",
        f"/o/{org}/disclosure/",
    ]

    assert [client.get(page).status_code for page in pages] == [reading] * len(pages)
    assert client.get(f"/o/{org}/profiles/{setup.profile_id}/propose/").status_code == proposing


@pytest.mark.parametrize("role", [Role.RECRUITER, Role.DPO, Role.AUDITOR])
def test_readers_cannot_write_anything(make_member, role) -> None:
    setup = create_hiring_setup()
    org = setup.organisation.id
    client = signed_in(make_member(setup.organisation, role))
    before = (RiskProfile.objects.count(), ProfileVersion.objects.count(), Position.objects.count())

    responses = [
        client.post(f"/o/{org}/profiles/", {"template_key": "sales", "name": "测试销售"}),
        client.post(f"/o/{org}/profiles/{setup.profile_id}/propose/", proposal()),
        client.post(
            f"/o/{org}/positions/",
            {"title": "测试岗位乙", "profile": str(setup.profile_id)},
        ),
        client.post(f"/o/{org}/positions/{setup.position_id}/", {"team": "改写 (rewritten)"}),
        client.post(f"/o/{org}/disclosure/", {"legal_name": "改写 (rewritten)"}),
    ]

    assert [response.status_code for response in responses] == [403] * 5
    after = (RiskProfile.objects.count(), ProfileVersion.objects.count(), Position.objects.count())
    assert after == before
    assert Position.objects.get(id=setup.position_id).team == "测试团队 5 人"
    assert OrganisationDisclosure.objects.get().legal_name.startswith("测试科技")


def test_another_organisations_profiles_and_positions_do_not_exist_for_you() -> None:
    ours, theirs = create_hiring_setup(), create_hiring_setup()
    pending = ProfileVersion.objects.create(
        profile_id=theirs.profile_id,
        number=9,
        spec=ProfileVersion.objects.filter(profile_id=theirs.profile_id).first().spec,
        spec_hash="0" * 64,
        catalogue_version="2026.1",
        status="pending_approval",
        proposed_by="test",
    )
    hr_admin, dpo = as_client(ours.hr_admin), as_client(ours.dpo)
    org = ours.organisation.id

    pages = [
        hr_admin.get(f"/o/{theirs.organisation.id}/profiles/"),
        hr_admin.get(f"/o/{org}/profiles/{theirs.profile_id}/"),
        hr_admin.get(f"/o/{org}/profiles/{theirs.profile_id}/propose/"),
        hr_admin.get(f"/o/{org}/positions/{theirs.position_id}/"),
        hr_admin.post(f"/o/{org}/positions/{theirs.position_id}/", {"team": "改写"}),
        dpo.post(
            f"/o/{org}/profiles/{theirs.profile_id}/versions/{pending.id}/decide/",
            {"decision": "approve", "impact_assessment": IMPACT_ASSESSMENT},
        ),
    ]

    assert [page.status_code for page in pages] == [404] * 6
    pending.refresh_from_db()
    assert pending.status == "pending_approval"
    assert Position.objects.get(id=theirs.position_id).team == "测试团队 5 人"


def test_the_fourteen_templates_are_offered_with_tier_and_items(make_member) -> None:
    setup = create_hiring_setup()
    client = as_client(setup.hr_admin)

    page = client.get(f"/o/{setup.organisation.id}/profiles/").content.decode()

    assert page.count('data-template="') == 14
    assert "幼儿园教师" in page
    assert "密切接触未成年人岗位入职查询" in page
    assert "L3 · 关键岗位" in page
    assert page.count("使用此模板") == 14


def test_an_hr_admin_starts_a_profile_from_a_template_and_it_awaits_the_dpo() -> None:
    setup = create_hiring_setup()
    client = as_client(setup.hr_admin)
    url = f"/o/{setup.organisation.id}/profiles/"

    created = client.post(url, {"template_key": "cashier", "name": "测试出纳"}, follow=True)
    duplicate = client.post(url, {"template_key": "cashier", "name": "测试出纳"})
    unknown = client.post(url, {"template_key": "astrologer", "name": "测试"})

    page = created.content.decode()
    profile = RiskProfile.objects.get(name="测试出纳")
    assert created.redirect_chain[-1][0] == f"{url}{profile.id}/"
    assert "正在等待个人信息保护负责人审批" in page
    assert "身份核验" in page
    assert "信用报告" in page
    assert profile.versions.get().status == "pending_approval"
    assert duplicate.status_code == 422
    assert "已存在同名的风险档案" in duplicate.content.decode()
    assert unknown.status_code == 422
    assert RiskProfile.objects.filter(organisation=setup.organisation).count() == 2


def test_every_problem_of_a_proposal_is_shown_at_once_in_the_readers_language() -> None:
    setup = create_hiring_setup(template_key="administration_office")
    url = f"/o/{setup.organisation.id}/profiles/{setup.profile_id}/propose/"
    broken = proposal(
        item_credit_report="on",  # no "handles funds" declared, and no reason written
        necessity_zh_education="",
        lookback_education="999",
    )
    versions_before = ProfileVersion.objects.count()

    chinese = as_client(setup.hr_admin).post(url, broken)
    english = as_client(setup.hr_admin, "en").post(url, broken)

    assert chinese.status_code == 422
    problems = re.findall(r"<li>(.*?)</li>", chinese.content.decode().split('class="problems"')[1])
    assert len(problems) == 4
    assert any("中文和英文写明“education”" in problem for problem in problems)
    assert any("“credit_report”要求岗位具备前提条件" in problem for problem in problems)
    assert any("追溯期必须在 1 至 600 个月之间" in problem for problem in problems)
    assert "This profile has 4 problems; nothing was saved" in english.content.decode()
    assert "requires the position to declare: handles_funds" in english.content.decode()
    assert ProfileVersion.objects.count() == versions_before


def test_a_narrowing_version_applies_at_once_and_a_sensitive_one_waits(make_member) -> None:
    setup = create_hiring_setup(template_key="administration_office")
    client = as_client(setup.hr_admin)
    url = f"/o/{setup.organisation.id}/profiles/{setup.profile_id}/propose/"

    narrowed = client.post(url, proposal(item_identity=""), follow=True)
    widened = client.post(
        url,
        proposal(
            attributes=["law_or_job_nature_requires_criminal_check"],
            item_criminal_record="on",
            necessity_zh_criminal_record="测试：法律要求。",
            necessity_en_criminal_record="Test: a law requires it.",
        ),
        follow=True,
    )
    blocked = client.get(url).content.decode()

    versions = {
        version.number: version
        for version in ProfileVersion.objects.filter(profile_id=setup.profile_id)
    }
    assert "新版本已批准" in narrowed.content.decode()
    assert versions[2].status == "approved"
    assert [item["code"] for item in versions[2].spec["items"]] == ["education"]
    assert "此版本新增了敏感项目（身份核验、刑事犯罪记录）" in widened.content.decode()
    assert versions[3].status == "pending_approval"
    assert versions[3].sensitive_added == ["identity", "criminal_record"]
    assert "待个人信息保护负责人对待审批版本作出决定后" in blocked
    assert 'id="propose"' not in blocked


def test_the_dpo_approves_only_with_an_impact_assessment_and_may_reject() -> None:
    setup = create_hiring_setup(template_key="administration_office")
    hr_admin, dpo = as_client(setup.hr_admin), as_client(setup.dpo)
    base = f"/o/{setup.organisation.id}/profiles/{setup.profile_id}/"
    with_credit = proposal(
        attributes=["handles_funds"],
        item_credit_report="on",
        necessity_zh_credit_report="测试：经手资金。",
        necessity_en_credit_report="Test: handles funds.",
    )
    hr_admin.post(f"{base}propose/", with_credit)
    pending = ProfileVersion.objects.get(profile_id=setup.profile_id, status="pending_approval")
    decide = f"{base}versions/{pending.id}/decide/"

    page = dpo.get(base).content.decode()
    hr_page = hr_admin.get(base).content.decode()
    by_hr_admin = hr_admin.post(
        decide, {"decision": "approve", "impact_assessment": IMPACT_ASSESSMENT}
    )
    too_short = dpo.post(decide, {"decision": "approve", "impact_assessment": "同意。"})
    pending.refresh_from_db()
    still_pending = pending.status
    approved = dpo.post(
        decide, {"decision": "approve", "impact_assessment": IMPACT_ASSESSMENT}, follow=True
    )
    again = dpo.post(decide, {"decision": "reject", "note": "测试驳回"}, follow=True)

    assert 'id="approve"' in page
    assert 'id="reject"' in page
    assert "信用报告" in page
    assert 'id="approve"' not in hr_page
    assert by_hr_admin.status_code == 403
    assert too_short.status_code == 422
    assert "至少 40 个字符" in too_short.content.decode()
    assert still_pending == "pending_approval"
    assert "版本已批准" in approved.content.decode()
    pending.refresh_from_db()
    assert pending.status == "approved"
    assert pending.impact_assessment == IMPACT_ASSESSMENT
    assert "此版本已不在等待审批" in again.content.decode()


def test_the_dpo_rejects_a_version_with_a_note() -> None:
    setup = create_hiring_setup(template_key="administration_office")
    client = as_client(setup.hr_admin)
    base = f"/o/{setup.organisation.id}/profiles/{setup.profile_id}/"
    client.post(
        f"{base}propose/",
        proposal(
            attributes=["handles_funds"],
            item_credit_report="on",
            necessity_zh_credit_report="测试",
            necessity_en_credit_report="Test",
        ),
    )
    pending = ProfileVersion.objects.get(profile_id=setup.profile_id, status="pending_approval")

    empty = as_client(setup.dpo).post(
        f"{base}versions/{pending.id}/decide/", {"decision": "reject"}
    )
    rejected = as_client(setup.dpo, "en").post(
        f"{base}versions/{pending.id}/decide/",
        {"decision": "reject", "note": "测试：行政岗位不经手资金。"},
        follow=True,
    )

    assert empty.status_code == 422
    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert pending.decision_note == "测试：行政岗位不经手资金。"
    assert "Version rejected." in rejected.content.decode()


def test_an_hr_admin_creates_a_position_and_describes_the_job() -> None:
    setup = create_hiring_setup()
    client = as_client(setup.hr_admin)
    org = setup.organisation.id

    blank = client.post(f"/o/{org}/positions/", {"title": " ", "profile": str(setup.profile_id)})
    created = client.post(
        f"/o/{org}/positions/",
        {"title": "测试出纳岗", "department": "财务部", "profile": str(setup.profile_id)},
        follow=True,
    )
    position = Position.objects.get(title="测试出纳岗")
    described = client.post(
        f"/o/{org}/positions/{position.id}/",
        {"team": "测试团队 3 人", "working_hours": "9:00–18:00", "kpis": "x" * 4001},
    )
    saved = client.post(
        f"/o/{org}/positions/{position.id}/",
        {"team": "测试团队 3 人", "working_hours": "9:00–18:00", "kpis": "付款准确"},
        follow=True,
    )
    listing = client.get(f"/o/{org}/positions/").content.decode()

    assert blank.status_code == 422
    assert created.redirect_chain[-1][0] == f"/o/{org}/positions/{position.id}/"
    assert "岗位已创建" in created.content.decode()
    assert described.status_code == 422  # too long: nothing saved
    position.refresh_from_db()
    assert position.kpis == "付款准确"
    assert "岗位介绍已保存" in saved.content.decode()
    assert "测试出纳岗" in listing
    assert "财务部" in listing


def test_the_disclosure_page_says_what_a_notice_still_misses(make_organisation, make_member):
    organisation = make_organisation()
    client = signed_in(make_member(organisation, Role.HR_ADMIN))
    url = f"/o/{organisation.id}/disclosure/"

    empty = client.get(url).content.decode()
    out_of_range = client.post(
        url,
        {
            "legal_name": "测试有限公司",
            "privacy_contact": "p@example.com",
            "retention_months": "121",
        },
    )
    nothing_saved = not OrganisationDisclosure.objects.filter(organisation=organisation).exists()
    saved = client.post(
        url,
        {
            "legal_name": "测试有限公司",
            "privacy_contact": "privacy@example.com",
            "retention_months": "6",
            "report_recipients": "测试外部律师事务所",
        },
        follow=True,
    )
    english = signed_in(make_member(organisation, Role.AUDITOR), "en").get(url).content.decode()

    missing = re.findall(r"<li>(.*?)</li>", empty.split('id="missing"')[1].split("</ul>")[0])
    assert missing == ["企业名称", "个人信息保护联系人", "保存期限（月）"]
    assert out_of_range.status_code == 422
    assert nothing_saved
    page = saved.content.decode()
    assert 'id="complete"' in page
    assert 'id="missing"' not in page
    disclosure = OrganisationDisclosure.objects.get(organisation=organisation)
    assert (disclosure.retention_months, disclosure.report_recipients) == (6, "测试外部律师事务所")
    assert "Complete: consent notices can be issued." in english
    assert 'id="organisation-disclosure"' not in english  # auditors read only


@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        (Role.HR_ADMIN, ["风险档案", "岗位", "背景调查", "企业告知书"], []),
        (Role.AUDITOR, ["风险档案", "企业告知书"], ["/screenings/"]),
        (Role.APPROVER, [], ["/profiles/", "/screenings/", "/disclosure/"]),
    ],
)
def test_the_navigation_offers_what_the_roles_may_open(make_member, role, expected, absent):
    setup = create_hiring_setup()
    client = signed_in(make_member(setup.organisation, role))

    nav = client.get(f"/o/{setup.organisation.id}/").content.decode().split("</nav>")[0]

    for label in expected:
        assert f">{label}</a>" in nav
    for path in absent:
        assert path not in nav


def test_the_profile_page_renders_in_english_too() -> None:
    setup = create_hiring_setup()

    page = as_client(setup.recruiter, "en").get(
        f"/o/{setup.organisation.id}/profiles/{setup.profile_id}/"
    )

    body = page.content.decode()
    assert page.status_code == 200
    assert "Current version: v1" in body
    assert "Personal credit report" in body
    assert "L3 · critical" in body
    assert "Propose a new version" not in body  # recruiters read only
