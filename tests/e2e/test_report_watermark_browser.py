"""The watermark is visible on the report in a real browser, on screen and when printed.

Screenshots land in var/test/screenshots/report/ (report-watermark-zh.png, and a PDF
printed by Chromium, report-print.pdf) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD
from tests.integration.decision_support import decision_world

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "screenshots" / "report"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(live_server) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "browser tests need Debian's chromium: run `make browser` (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
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


def test_the_report_shows_the_readers_name_time_and_purpose_across_the_page(page):
    world = decision_world()
    user = world.reviewer.principal.user
    page.goto("/accounts/login/")
    page.get_by_label("电子邮箱").fill(user.email)
    page.get_by_label("密码").fill(TEST_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/o/*/")

    page.goto(
        f"/o/{world.setup.organisation.id}/screenings/{world.screening.id}/report/?purpose=decision"
    )

    watermark = page.locator("#watermark")
    expect(watermark).to_be_attached()
    expect(watermark.locator("span").first).to_contain_text(user.display_name)
    expect(watermark.locator("span").first).to_contain_text("作出或签署决定")
    expect(page.locator("#light")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "report-watermark-zh.png", full_page=False)
    page.emulate_media(media="print")
    page.pdf(path=SCREENSHOTS / "report-print.pdf")
    assert (SCREENSHOTS / "report-print.pdf").stat().st_size > 10_000
