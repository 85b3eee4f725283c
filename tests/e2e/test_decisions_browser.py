"""The decision pages in a real browser (Debian's Chromium): a person decides, on the report.

In the fictional demo organisation a cashier candidate is on the sandbox's dishonest-debtor
list (verified, checks complete). The reviewer finds the open feedback deadline on the
dashboard, opens the decision, reads the report with each finding's rule, writes the
individualised assessment and proposes not to proceed; the approver signs with the
password; the preliminary notice and its response deadline show, and the dashboard lists
the decision with that deadline. The HR admin's policy page shows a bad calendar text's
problems by line. Screenshots land in var/test/screenshots/decisions/, in Chinese and
English, for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fairscreen.decisions import services
from fairscreen.decisions.models import Decision, Notice
from fairscreen.demo.findings import cashier_screening_for
from fairscreen.demo.seed import DEMO_PASSWORD, seed_demo_organisation
from fairscreen.screenings.models import Screening
from tests.factories import access_for

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "screenshots" / "decisions"
CANDIDATE = "测试候选人子"  # a cashier candidate on the sandbox's debtor list (028 % 8 = 4)
REASONS = "测试：出纳岗位经手现金，失信记录与职责直接相关 (handles cash; the listing bears on it)"

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
            args=["--no-sandbox", "--disable-gpu", "--disable-sync", "--no-first-run"],
        )
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
        )
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


def shoot_part(locator, name: str) -> None:
    """One part of a page at full size, for a closer look than the whole page allows."""
    locator.screenshot(path=SCREENSHOTS / f"{name}.png")


def demo_cashier_screening() -> Screening:
    """A fresh cashier screening in the demo organisation, checked whole: the debtor list."""
    organisation = seed_demo_organisation().organisation
    cover_the_coming_weeks(organisation)
    return cashier_screening_for(
        organisation, (CANDIDATE, "028", "13800000028", "candidate.zi@example.com")
    )


def cover_the_coming_weeks(organisation) -> None:
    """If the real today is near the end of the installed calendar, load an obviously
    fictional schedule for the years that follow (a response window is counted on it)."""
    from fairscreen.accounts.models import User

    calendar = services.calendar_for(organisation)
    this_year = timezone.localdate().year
    missing = [year for year in (this_year, this_year + 1) if year not in calendar.covered_years()]
    if missing:
        admin = access_for(User.objects.get(email="hr.admin@example.com"), organisation)
        services.load_calendar_schedule(
            access=admin,
            text="".join(
                f"year {year} 测试：虚构的节假日安排 (fictional)\nholiday {year}-01-01 测试：虚构\n"
                for year in missing
            ),
        )


def test_a_reviewer_assesses_and_proposes_and_the_approver_signs_a_preliminary_decision(
    page,
) -> None:
    screening = demo_cashier_screening()

    # The reviewer finds the candidate on the feedback dashboard and opens the decision.
    sign_in(page, "reviewer@example.com")
    page.locator("nav.orgnav").get_by_role("link", name="反馈期限").click()
    deadline_row = page.locator(f'#deadlines tr[data-screening="{screening.id}"]')
    expect(deadline_row).to_contain_text(CANDIDATE)
    shoot(page, "deadlines-zh")
    deadline_row.get_by_role("link", name="决定").click()
    expect(page.locator("#no-decision")).to_be_visible()
    page.get_by_role("button", name="发起录用决定").click()
    expect(page.locator("#decision-state")).to_have_text("复核中")
    expect(page.locator("#light")).to_have_text("红灯")
    expect(page.locator("#report .disposition.counted")).to_be_visible()
    expect(page.locator("#chain li.current")).to_contain_text("评审人")
    shoot(page, "decision-opened-zh")
    shoot_part(page.locator("#decision-head"), "part-head-zh")
    shoot_part(page.locator("#report"), "part-report-zh")

    # Not proceeding relies on the report: the individualised assessment comes first.
    form = page.locator("#assessment-form")
    form.locator('input[name="assessment-findings"]').first.check()
    form.get_by_label("性质与严重程度").fill(
        "测试：仍在失信名单上，拒不履行生效判决 (still listed)"
    )
    form.get_by_label("距今时间").fill(
        "测试：2025 年列入，至今未移出 (listed in 2025, still listed)"
    )
    form.get_by_label("与岗位职责的关联").fill("测试：出纳保管现金与票据 (the cashier keeps cash)")
    form.get_by_label("候选人的说明").fill("测试：候选人称正在协商还款 (says she is negotiating)")
    form.get_by_role("button", name="记录评估").click()
    expect(page.locator("#assessment-recorded")).to_contain_text("出纳保管现金")

    proposal = page.locator("#proposal-form")
    proposal.get_by_label("不予录用").check()
    proposal.get_by_label("理由", exact=True).fill(REASONS)
    shoot(page, "proposal-zh")
    shoot_part(page.locator("#proposal"), "part-proposal-zh")
    shoot_part(page.locator("#assessment"), "part-assessment-zh")
    proposal.get_by_role("button", name="提出建议").click()
    expect(page.locator("#decision-state")).to_have_text("待签署")
    expect(page.locator("#sign-form")).to_have_count(0)  # the reviewer does not sign

    # The approver signs with the password: the decision becomes preliminary.
    sign_in(page, "approver@example.com")
    page.locator("nav.orgnav").get_by_role("link", name="反馈期限").click()
    page.locator(f'#under-way tr[data-screening="{screening.id}"]').get_by_role(
        "link", name="决定"
    ).click()
    expect(page.locator("#signature")).to_contain_text("API 令牌")
    shoot(page, "signature-zh")
    shoot_part(page.locator("#signature"), "part-signature-zh")
    page.locator("#sign-form").get_by_label("您的密码").fill("wrong-测试")
    page.locator("#sign-form").get_by_role("button", name="用我的密码签署").click()
    expect(page.locator("#sign-form .errorlist")).to_contain_text("密码不正确")
    page.locator("#sign-form").get_by_label("您的密码").fill(DEMO_PASSWORD)
    page.locator("#sign-form").get_by_role("button", name="用我的密码签署").click()

    decision = Decision.objects.get(screening=screening)
    assert decision.state == "preliminary"
    deadline = decision.response_deadline.isoformat()
    expect(page.locator("#decision-state")).to_have_text("初步决定：候选人可回应")
    expect(page.locator("#response-deadline")).to_have_text(deadline)
    notice = page.locator('article.notice[data-kind="preliminary"]')
    expect(notice.locator(".notice-deadline")).to_contain_text(deadline)
    expect(notice.locator(".notice-report")).to_contain_text("红灯")
    expect(page.locator("#finalise-form button")).to_be_disabled()
    expect(page.locator("#finalise-blocked")).to_contain_text(deadline)
    shoot(page, "preliminary-zh")
    shoot_part(page.locator("#decision-head"), "part-preliminary-head-zh")
    shoot_part(page.locator("#window"), "part-window-zh")
    shoot_part(page.locator("#notices"), "part-notices-zh")
    shoot_part(page.locator("#history"), "part-history-zh")
    assert Notice.objects.filter(decision=decision, kind="preliminary").exists()

    # The dashboard lists the decision with its response deadline; the feedback is met.
    page.locator("nav.orgnav").get_by_role("link", name="反馈期限").click()
    row = page.locator(f'#under-way tr[data-screening="{screening.id}"]')
    expect(row.locator(".response-deadline")).to_have_text(deadline)
    expect(page.locator(f'#deadlines tr[data-screening="{screening.id}"]')).to_have_count(0)
    shoot(page, "deadlines-after-zh")

    # The same page in English.
    row.get_by_role("link", name="决定").click()
    switch_language(page, "en")
    expect(page.locator("#decision-state")).to_have_text("Preliminary: the candidate may respond")
    expect(page.locator("#finalise-form button")).to_have_text("Make the decision final")
    shoot(page, "preliminary-en")
    shoot_part(page.locator("#window"), "part-window-en")


def test_the_hr_admin_sees_the_calendar_problems_by_line(page) -> None:
    seed_demo_organisation()
    sign_in(page, "hr.admin@example.com")
    page.locator("nav.orgnav").get_by_role("link", name="决策规则").click()
    expect(page.locator("#current-chain li")).to_have_count(2)
    page.locator("#calendar-form textarea").fill(
        "year 2031 测试：虚构的通知 (fictional notice)\n"
        "holiday 2031-13-01 测试\n"
        "workday 2031-02-05 测试：不是周末 (not a weekend)\n"
    )
    page.locator("#calendar-form").get_by_role("button", name="载入安排").click()
    problems = page.locator("#schedule-problems")
    expect(problems.locator('li[data-line="2"]')).to_contain_text("第 2 行")
    expect(problems.locator('li[data-line="3"]')).to_contain_text("调休上班日必须是周六或周日")
    shoot(page, "policy-zh")
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Decision policy")
    shoot(page, "policy-en")


def test_a_reviewer_who_departs_from_the_usual_outcome_is_warned_and_gives_the_reason(
    page,
) -> None:
    from datetime import date

    from tests.factories import TEST_PASSWORD
    from tests.integration.decision_support import decision_world

    world = decision_world()
    for _ in range(3):  # three earlier cashiers on the list, all not hired, all final
        earlier = decision_world(world.setup)
        decision = services.open_decision(
            access=earlier.reviewer, screening_id=earlier.screening.id
        )
        services.record_assessment(
            access=earlier.reviewer,
            decision_id=decision.id,
            findings=[earlier.finding.id],
            nature_and_gravity="测试：仍在失信名单上 (still listed)",
            time_elapsed="测试：2025 年列入 (listed in 2025)",
            relevance_to_duties="测试：出纳保管现金 (keeps cash)",
            candidate_statement="测试：候选人未作说明 (no statement)",
        )
        services.propose_decision(
            access=earlier.reviewer,
            decision_id=decision.id,
            outcome="do_not_proceed",
            reasons=REASONS,
        )
        services.sign_decision(
            access=earlier.approver,
            decision_id=decision.id,
            password=TEST_PASSWORD,
            today=date(2026, 3, 2),
        )
        services.finalise_decision(
            access=earlier.approver,
            decision_id=decision.id,
            password=TEST_PASSWORD,
            today=date(2026, 3, 20),
        )

    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("电子邮箱").fill(world.reviewer.principal.user.email)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/o/*/")
    page.goto(f"/o/{world.setup.organisation.id}/screenings/{world.screening.id}/decision/")
    page.get_by_role("button", name="发起录用决定").click()
    panel = page.locator("#consistency")
    expect(panel.locator("tr[data-usual]")).to_have_attribute("data-usual", "do_not_proceed")
    expect(panel).to_contain_text("不予录用: 3")

    proposal = page.locator("#proposal-form")
    proposal.locator('input[value="proceed"]').check()  # "proceed" departs here
    proposal.get_by_label("理由", exact=True).fill("测试：看好候选人 (promising)")
    proposal.get_by_role("button", name="提出建议").click()
    expect(page.locator("#departure-warning")).to_contain_text("偏离了本单位的惯常决定")
    expect(page.locator("#proposal-form")).to_contain_text("请说明偏离的理由")
    shoot_part(page.locator("#consistency"), "part-consistency-zh")
    shoot_part(page.locator("#proposal"), "part-proposal-refused-zh")

    page.locator("#proposal-form").get_by_label("偏离惯常结果的理由").fill(
        "测试：该岗位调整为不经手现金 (the post no longer handles cash)"
    )
    page.locator("#proposal-form").get_by_role("button", name="提出建议").click()
    expect(page.locator("#decision-state")).to_have_text("待签署")
    expect(page.locator("#deviation-reason")).to_contain_text("不经手现金")
