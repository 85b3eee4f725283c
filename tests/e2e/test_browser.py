"""The staff console in a real browser: Debian's Chromium driven by Playwright.

Screenshots land in var/test/screenshots/ for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fairscreen.demo.seed import DEMO_ORGANISATION_NAME, DEMO_PASSWORD, seed_demo_organisation

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "screenshots"

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


def test_hr_admin_signs_in_switches_language_issues_a_token_and_signs_out(page) -> None:
    seed_demo_organisation()

    page.goto("/")
    page.get_by_label("电子邮箱").fill("hr.admin@example.com")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/o/*/")
    page.screenshot(path=SCREENSHOTS / "dashboard-zh.png", full_page=True)
    expect(page.get_by_role("heading", name=DEMO_ORGANISATION_NAME)).to_be_visible()
    expect(page.get_by_text("HR 管理员").first).to_be_visible()

    with page.expect_navigation():
        page.select_option("#language-select", "en")
    expect(page.get_by_role("heading", name="Your roles")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "dashboard-en.png", full_page=True)

    page.get_by_role("link", name="API tokens").first.click()
    page.get_by_label("Name").fill("测试ATS (demo integration)")
    page.get_by_label("Recruiter").check()
    page.get_by_role("button", name="Issue token").click()
    expect(page.locator("#issued-token")).to_be_visible()
    token = page.locator("#issued-token").inner_text()
    assert token.startswith("fs_")
    page.screenshot(path=SCREENSHOTS / "tokens-en.png", full_page=True)

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_wrong_password_shows_a_message_by_the_form(page) -> None:
    seed_demo_organisation()

    page.goto("/accounts/login/")
    page.get_by_label("电子邮箱").fill("hr.admin@example.com")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()

    expect(page.get_by_role("alert")).to_have_text("邮箱或密码不正确。")


def test_dpo_sees_decrypted_candidates_and_destroys_one(page) -> None:
    seed_demo_organisation()

    page.goto("/")
    page.get_by_label("电子邮箱").fill("dpo@example.com")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/o/*/")
    page.get_by_role("link", name="候选人").first.click()
    rows = page.locator("#candidates tbody tr")
    expect(rows).to_have_count(10)
    expect(page.get_by_text("测试候选人甲")).to_be_visible()
    expect(page.get_by_text("990000********0012")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "candidates-zh.png", full_page=True)

    first = rows.filter(has_text="测试候选人甲")
    first.get_by_label("原因").select_option("deletion_request")
    page.once("dialog", lambda dialog: dialog.accept())
    first.get_by_role("button", name="销毁密钥").click()

    expect(page.get_by_text("该候选人的数据已销毁")).to_be_visible()
    expect(page.get_by_text("测试候选人甲")).to_have_count(0)
    expect(page.locator("tr.destroyed td").first).to_contain_text("已于")
    expect(page.get_by_text("测试候选人乙")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "candidates-destroyed-zh.png", full_page=True)
