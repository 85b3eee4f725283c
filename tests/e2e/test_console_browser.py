"""The profiles, positions and screenings console in a real browser (Debian's Chromium).

An HR admin starts a profile from a template and opens a position for it, the data
protection officer approves the sensitive version, and a recruiter orders a screening and
issues the invitation. Screenshots land in var/test/screenshots/console/ for a person to
look at, in Chinese and English.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fairscreen.demo.seed import DEMO_PASSWORD, seed_demo_organisation
from fairscreen.positions.models import ProfileVersion
from fairscreen.screenings.models import Invitation, Screening
from tests.factories import IMPACT_ASSESSMENT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "screenshots" / "console"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(live_server) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "browser tests need Debian's chromium: run `make browser` (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop shares the thread
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(base_url=live_server.url, locale="zh-CN")
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def sign_in(page, email: str) -> None:
    page.context.clear_cookies()  # a fresh session, back in the default language
    page.goto("/accounts/login/")
    page.get_by_label("电子邮箱").fill(email)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/o/*/")


def switch_language(page, language: str) -> None:
    with page.expect_navigation():
        page.select_option("#language-select", language)


def shoot(page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_a_profile_from_a_template_is_approved_and_a_screening_is_ordered(page, live_server):
    seed_demo_organisation()

    # The HR admin starts a security guard profile from its template: it awaits the DPO.
    sign_in(page, "hr.admin@example.com")
    page.locator("nav.orgnav").get_by_role("link", name="风险档案").click()
    expect(page.locator("tr[data-template]")).to_have_count(14)
    shoot(page, "profiles-zh")
    row = page.locator('tr[data-template="security_guard"]')
    row.get_by_label("风险档案名称").fill("测试保安档案 (test guard profile)")
    row.get_by_role("button").click()
    expect(page.get_by_text("正在等待个人信息保护负责人审批")).to_be_visible()
    expect(page.locator("#pending")).to_contain_text("刑事犯罪记录")
    shoot(page, "profile-pending-zh")

    # ... and opens a position for it, and describes the job for candidates.
    page.locator("nav.orgnav").get_by_role("link", name="岗位", exact=True).click()
    page.get_by_label("岗位名称").fill("测试保安 (test security guard)")
    page.get_by_label("部门").fill("行政部 (Administration)")
    page.get_by_label("风险档案").select_option(label="测试保安档案 (test guard profile)")
    page.get_by_role("button", name="创建岗位").click()
    expect(page.get_by_text("岗位已创建")).to_be_visible()
    expect(page.get_by_text("风险档案尚无已批准的版本")).to_be_visible()
    page.get_by_label("团队").fill("安保组 6 人 (security team of 6)")
    page.get_by_label("工作时间").fill("三班倒，每班 8 小时 (three 8-hour shifts)")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("岗位介绍已保存")).to_be_visible()
    shoot(page, "position-zh")

    # ... and puts the recruiter and the analyst on the position's hiring team.
    for member in ("测试招聘专员 (Demo Recruiter)", "测试背调分析师 (Demo Analyst)"):
        option = page.locator("#team-member option", has_text=member)
        page.select_option("#team-member", value=option.get_attribute("value"))
        page.locator("#team-add").click()
    expect(page.locator("#hiring-team")).to_contain_text("测试招聘专员")
    expect(page.locator("#hiring-team")).to_contain_text("测试背调分析师")
    shoot(page, "position-team-zh")

    # The data protection officer approves the sensitive version with an impact assessment.
    sign_in(page, "dpo@example.com")
    page.locator("nav.orgnav").get_by_role("link", name="风险档案").click()
    page.get_by_role("link", name="测试保安档案 (test guard profile)").click()
    switch_language(page, "en")
    expect(page.get_by_text("Only the data protection officer")).to_have_count(0)
    page.locator("#id_impact_assessment").fill("太短")
    page.get_by_role("button", name="Approve with this assessment").click()
    expect(page.locator("#approve .errorlist")).to_contain_text("At least 40 characters")
    shoot(page, "profile-approval-refused-en")
    page.locator("#id_impact_assessment").fill(IMPACT_ASSESSMENT)
    page.get_by_role("button", name="Approve with this assessment").click()
    expect(page.get_by_text("Version approved.")).to_be_visible()
    expect(page.locator("#pending")).to_have_count(0)
    expect(page.locator("#current")).to_contain_text("Criminal record")
    shoot(page, "profile-approved-en")
    assert ProfileVersion.objects.get(profile__name__startswith="测试保安档案").status == "approved"

    # The recruiter orders a screening for the new position and issues the invitation.
    sign_in(page, "recruiter@example.com")
    page.locator("nav.orgnav").get_by_role("link", name="背景调查").click()
    page.get_by_role("link", name="发起背景调查").click()
    page.get_by_label("候选人").select_option(label="测试候选人戊")
    page.get_by_label("岗位").select_option(label="测试保安 (test security guard)")
    page.get_by_role("button", name="下一步：选择核查项目").click()
    offered = page.locator('input[name="items"]')
    expect(offered).to_have_count(4)
    employment = page.locator('[data-item="employment_history"]')
    employment.get_by_label("联系人或单位 1").fill("测试物业有限公司 (test former employer)")
    employment.get_by_label("联系方式 1").fill("hr@former.example.com")
    shoot(page, "order-items-zh")
    page.get_by_role("button", name="发起背景调查").click()
    expect(page.get_by_text("背景调查已发起")).to_be_visible()
    page.get_by_role("button", name="发出邀请").click()
    link = page.locator("#invitation-link")
    expect(link).to_be_visible()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/c/invitation/[\w-]+/", link.inner_text())
    shoot(page, "screening-invitation-zh")
    switch_language(page, "en")  # returns to the screening: the link is never shown again
    expect(page.locator("#invitation-link")).to_have_count(0)
    expect(page.get_by_text("not opened yet; expires on")).to_be_visible()
    shoot(page, "screening-en")
    screening = Screening.objects.get(position__title="测试保安 (test security guard)")
    assert Invitation.objects.filter(screening=screening).count() == 1


def test_a_recruiter_withdraws_for_a_candidate_and_an_analyst_meets_the_gate(page) -> None:
    seed_demo_organisation()
    active = Screening.objects.filter(status="active", items__state="consented").first()
    assert active is not None

    sign_in(page, "recruiter@example.com")
    page.goto(f"/o/{active.organisation_id}/screenings/")
    shoot(page, "screenings-zh")
    page.locator(f'tr[data-screening="{active.id}"]').get_by_role("link").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="登记撤回授权").click()  # the box is not ticked: refused
    expect(page.locator("#record-withdrawal .errorlist")).to_be_visible()
    page.get_by_label("我确认候选人已").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="登记撤回授权").click()
    expect(page.get_by_text("已登记撤回授权")).to_be_visible()
    expect(page.locator("#screening-status")).to_have_text("个人撤回同意")
    shoot(page, "screening-withdrawn-zh")

    sign_in(page, "analyst@example.com")
    page.goto(f"/o/{active.organisation_id}/screenings/{active.id}/")
    expect(page.get_by_role("button", name="开始核查")).to_have_count(0)
    switch_language(page, "en")
    expect(page.get_by_text("Stopped").first).to_be_visible()
    shoot(page, "screening-withdrawn-analyst-en")


def test_a_proposal_with_problems_lists_them_all_and_saves_nothing(page) -> None:
    seed_demo_organisation()
    versions = ProfileVersion.objects.count()

    sign_in(page, "hr.admin@example.com")
    page.locator("nav.orgnav").get_by_role("link", name="风险档案").click()
    page.get_by_role("link", name="软件工程师").click()
    page.get_by_role("link", name="提出新版本").click()
    shoot(page, "propose-zh")
    switch_language(page, "en")
    credit = page.locator('[data-item="credit_report"]')
    credit.get_by_role("checkbox").first.check()
    expect(credit.get_by_text("adding it awaits the DPO")).to_be_visible()
    page.get_by_role("button", name="Propose this version").click()

    problems = page.locator("#problems li")
    expect(problems).to_have_count(2)  # no reason written, and no "handles funds" declared
    expect(page.locator("#problems")).to_contain_text("This profile has 2 problems")
    expect(
        problems.filter(has_text="requires the position to declare: handles_funds")
    ).to_have_count(1)
    shoot(page, "propose-problems-en")
    assert ProfileVersion.objects.count() == versions
