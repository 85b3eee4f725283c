"""The published rulebook in a real browser (Debian's Chromium), in Chinese and English.

Anyone, without signing in, reads the current rulebook, switches language, follows the
history to an exact version. Screenshots land in var/test/screenshots/rulebook/ for a
person to look at, on a desktop screen and a 390px phone.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.unit.rating.support import write_two_versions

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "screenshots" / "rulebook"

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


def switch_language(page, language: str) -> None:
    with page.expect_navigation():
        page.select_option("#language-select", language)


def shoot(page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def test_anyone_reads_the_current_rulebook_in_chinese_and_english(page) -> None:
    page.goto("/rulebook")
    expect(page.get_by_role("heading", level=1)).to_contain_text("评级规则 2026.1")
    expect(page.locator(".rb-advice")).to_contain_text("《个人信息保护法》第二十四条")
    expect(page.locator("[data-light]")).to_have_count(4)
    expect(page.locator("[data-reason]")).to_have_count(7)
    expect(page.locator('[data-category="civil_litigation.claimant"]')).to_contain_text("无风险")
    page.get_by_role("link", name="版本历史").click()
    expect(page.locator('[data-version="2026.1"]')).to_contain_text("首个公开版本。")
    shoot(page, "rulebook-zh")
    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "rulebook-zh-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    switch_language(page, "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rating rulebook 2026.1")
    expect(page.locator("#exclusion-claimant_role")).to_contain_text("Suing or applying")
    expect(page.locator('[data-category="driving.minor_violation"]')).to_contain_text(
        "12 months (this rule)"
    )
    shoot(page, "rulebook-en")


def test_the_history_shows_what_changed_and_links_to_an_exact_version(
    page, settings, tmp_path: Path
) -> None:
    settings.RULEBOOK_DIRECTORY = str(write_two_versions(tmp_path / "rulebooks"))

    page.goto("/rulebook#history")
    switch_language(page, "en")
    newest = page.locator('[data-version="2026.2"]')
    expect(newest).to_contain_text("credit.bad_debt_or_collection")
    expect(newest.locator("tr", has_text="driving.minor_violation")).to_contain_text("12")
    page.locator("#history").screenshot(path=SCREENSHOTS / "history-en.png")

    page.locator('[data-version="2026.1"]').get_by_role("link", name="2026.1").click()
    page.wait_for_url("**/rulebook/2026.1")
    expect(page.locator(".tag.rb-old")).to_have_text("superseded")
    expect(page.get_by_text("A newer version is in force: 2026.2.")).to_be_visible()
    switch_language(page, "zh-hans")
    expect(page.locator(".tag.rb-old")).to_have_text("已被取代")
    shoot(page, "superseded-zh")
