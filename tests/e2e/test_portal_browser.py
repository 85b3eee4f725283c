"""The candidate portal in a real browser: Debian's Chromium driven by Playwright.

The whole consent flow and the withdrawal, in Chinese and English, on a desktop screen and
a 390px phone. Screenshots of every step land in var/test/screenshots/portal/ for a person
to look at (e.g. notice-zh-phone.png).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from fairscreen.screenings import services
from fairscreen.screenings.models import ItemState, Screening, ThirdPartyConsent
from fairscreen.screenings.services import ThirdPartyIn
from tests.factories import create_candidate, create_hiring_setup

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "screenshots" / "portal"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
FORMER_EMPLOYER = ThirdPartyIn(
    item="employment_history",
    name="测试前雇主有限公司 (Test Former Employer Ltd.)",
    contact="hr@former-employer.example.com",
)
WORDS = {
    "zh": {
        "disclosure": "用人单位与岗位信息",
        "to notice": "继续阅读个人信息告知书",
        "notice": "个人信息处理告知书",
        "identity": "身份核验",
        "to consent": "我已阅读告知书，继续",
        "consent": "您的授权",
        "sign": "签署并提交",
        "nothing recorded": "尚未记录任何内容",
        "choose": "请选择允许或拒绝此项核查。",
        "name": "您的姓名（与身份证一致）",
        "recorded": "感谢您，您的选择已记录",
        "refused": "已拒绝 — 不会核查",
        "withdraw": "撤回同意",
        "stopped": "所有未完成的核查均已停止",
        "withdrawn": "您已撤回同意",
        "link refused": "此链接无法使用",
    },
    "en": {
        "disclosure": "About the employer and the position",
        "to notice": "Continue to the privacy notice",
        "notice": "Personal information notice",
        "identity": "Identity verification",
        "to consent": "I have read the notice — continue",
        "consent": "Your consent",
        "sign": "Sign and submit",
        "nothing recorded": "Nothing was recorded",
        "choose": "Choose to allow or refuse this check.",
        "name": "Your full name, as on your ID card",
        "recorded": "Thank you — your choices are recorded",
        "refused": "Refused — will not be checked",
        "withdraw": "Withdraw consent",
        "stopped": "All pending checks were stopped",
        "withdrawn": "You withdrew your consent",
        "link refused": "This link cannot be used",
    },
}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(live_server) -> Iterator[object]:
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
        try:
            yield browser
        finally:
            browser.close()


def invited() -> tuple[Screening, str, str]:
    """A screening with a sensitive item, a third party and an item to refuse; its link."""
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    screening = services.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=["identity", "education", "employment_history", "dishonest_debtor"],
        third_parties=[FORMER_EMPLOYER],
    )
    issued = services.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    screening.refresh_from_db()
    return screening, issued.token, candidate.full_name.reveal()


class Camera:
    """Screenshots named step-language-device; at phone width, nothing may scroll sideways."""

    def __init__(self, page: Page, language: str, device: str) -> None:
        self.page, self.language, self.device = page, language, device

    def __call__(self, step: str) -> None:
        if self.device == "phone":
            widths = self.page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert widths[0] <= widths[1], f"{step}: the page scrolls sideways ({widths})"
        self.page.screenshot(
            path=SCREENSHOTS / f"{step}-{self.language}-{self.device}.png", full_page=True
        )


def choose(page: Page, name: str, value: str) -> None:
    page.locator(f"input[name='{name}'][value='{value}']").check()


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_candidate_reads_consents_and_withdraws(browser, live_server, language, device) -> None:
    screening, token, full_name = invited()
    party = screening.third_parties.get()
    words = WORDS[language]
    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport=VIEWPORTS[device],
        is_mobile=device == "phone",
        has_touch=device == "phone",
    )
    page = context.new_page()
    snap = Camera(page, language, device)
    try:
        page.goto(f"/c/invitation/{token}/")
        expect(page).to_have_url(re.compile(r"/c/disclosure/$"))
        assert token not in page.url
        if language == "en":
            with page.expect_navigation():
                page.get_by_role("button", name="English").click()
        expect(page.get_by_role("heading", name=words["disclosure"])).to_be_visible()
        snap("disclosure")

        page.get_by_role("button", name=words["to notice"]).click()
        expect(page.get_by_role("heading", name=words["notice"])).to_be_visible()
        expect(page.get_by_role("heading", name=words["identity"])).to_be_visible()
        expect(page.get_by_text(FORMER_EMPLOYER.contact)).to_be_visible()
        snap("notice")

        page.get_by_role("button", name=words["to consent"]).click()
        expect(page.get_by_role("heading", name=words["consent"], exact=True)).to_be_visible()
        assert page.locator("input:checked").count() == 0
        snap("consent")

        page.get_by_role("button", name=words["sign"]).click()
        expect(page.get_by_role("alert")).to_contain_text(words["nothing recorded"])
        expect(page.locator("#choice-education")).to_contain_text(words["choose"])
        snap("consent-errors")

        choose(page, "item__identity", "allow")
        page.locator("input[name='sensitive__identity']").check()
        choose(page, "item__education", "allow")
        choose(page, "item__employment_history", "allow")
        choose(page, f"party__{party.id}", "allow")
        choose(page, "item__dishonest_debtor", "refuse")
        page.get_by_label(words["name"]).fill(full_name)
        snap("consent-filled")
        page.get_by_role("button", name=words["sign"]).click()

        expect(page).to_have_url(re.compile(r"/c/confirmation/$"))
        expect(page.get_by_role("heading", name=words["recorded"])).to_be_visible()
        expect(page.locator("[data-item=dishonest_debtor]")).to_contain_text(words["refused"])
        expect(page.get_by_text(screening.notice_digest)).to_be_visible()
        snap("confirmation")
        assert dict(screening.items.values_list("code", "state")) == {
            "identity": ItemState.CONSENTED,
            "education": ItemState.CONSENTED,
            "employment_history": ItemState.CONSENTED,
            "dishonest_debtor": ItemState.REFUSED,
        }
        party.refresh_from_db()
        assert party.consent == ThirdPartyConsent.GRANTED

        page.goto("/c/")
        snap("status")
        page.get_by_role("button", name=words["withdraw"]).click()
        expect(page).to_have_url(re.compile(r"/c/withdrawn/$"))
        expect(page.get_by_role("status")).to_contain_text(words["stopped"])
        snap("withdrawn")
        assert set(screening.items.values_list("state", flat=True)) == {
            ItemState.STOPPED,
            ItemState.REFUSED,
        }

        page.goto("/c/")
        expect(page.get_by_role("heading", name=words["withdrawn"])).to_be_visible()
        expect(page.get_by_role("button", name=words["withdraw"])).to_have_count(0)
        snap("status-withdrawn")

        page.goto(f"/c/invitation/{token}/")
        expect(page.get_by_role("heading", name=words["link refused"])).to_be_visible()
        snap("link-refused")
    finally:
        context.close()
