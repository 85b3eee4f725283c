"""The candidate comes back to the portal in a real browser (Debian's Chromium, Playwright).

On a 390px phone and a desktop screen, in Chinese and English: the e-mailed personal link,
a code received by SMS (the test reads the fake gateway, as the candidate reads their
phone), a wrong code and the right one, the status with expected dates, the report with
its light and rulebook link, a dispute with an uploaded PDF, the preliminary notice with
its report copy and a response, and the inbox. Screenshots land in
var/test/screenshots/portal-candidate/ for a person to look at.
"""

from __future__ import annotations

import email
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from fairscreen.decisions import services as decisions
from fairscreen.decisions.models import CandidateResponse
from fairscreen.notifications.channels import (
    EmailChannel,
    FakeSmsGateway,
    OutboxRelay,
    SmsChannel,
    reset_channels,
    use_channel,
)
from fairscreen.portal.models import Dispute
from fairscreen.portal.services import issue_portal_access
from fairscreen.screenings.models import Finding
from tests.factories import (
    TEST_PASSWORD,
    create_candidate,
    create_consented_screening,
    create_hiring_setup,
)
from tests.integration.decision_support import decision_world

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = (
    Path(__file__).resolve().parents[2] / "var" / "test" / "screenshots" / "portal-candidate"
)
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
REASONS = "测试：岗位负责现金，失信记录与职责直接相关 (handles cash)"
WORDS = {
    "zh": {
        "open": "进入候选人门户",
        "send": "发送验证码",
        "sent": "我们已向您的电子邮箱和手机发送 6 位验证码",
        "code": "6 位验证码",
        "enter": "进入我的门户",
        "wrong": "验证码不正确。您还可以再试 4 次。",
        "status": "我的背景调查",
        "expected": "预计完成",
        "report nav": "我的报告",
        "report": "我的背调报告",
        "light": "红灯",
        "dispute": "对该项结果提出异议",
        "what": "该项结果哪里有误？",
        "document": "证明文件（可选）",
        "send dispute": "提交异议",
        "recorded": "您的异议已记录",
        "under dispute": "异议处理中",
        "notices nav": "通知",
        "notices": "我的通知",
        "copy": "本通知附带的报告副本",
        "response": "我的回应",
        "send response": "提交回应",
        "responded": "您的回应已记录",
        "inbox nav": "消息",
        "inbox": "我的消息",
        "sign out": "退出登录",
        "signed out": "您已退出",
    },
    "en": {
        "open": "Open your candidate portal",
        "send": "Send me a code",
        "sent": "We sent a 6-digit code to your e-mail and your mobile phone",
        "code": "The 6-digit code",
        "enter": "Open my portal",
        "wrong": "This code is not right. You can try 4 more times.",
        "status": "Your screening",
        "expected": "Expected completion",
        "report nav": "My report",
        "report": "Your report",
        "light": "red",
        "dispute": "Dispute this finding",
        "what": "What is wrong with this finding?",
        "document": "A document that shows it (optional)",
        "send dispute": "Send my dispute",
        "recorded": "Your dispute is recorded",
        "under dispute": "Under dispute",
        "notices nav": "Notices",
        "notices": "Your notices",
        "copy": "The copy of the report this notice gave you",
        "response": "Your response",
        "send response": "Send my response",
        "responded": "Your response is recorded",
        "inbox nav": "Messages",
        "inbox": "Your messages",
        "sign out": "Sign out",
        "signed out": "You have signed out",
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
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def phone_and_mailbox(tmp_path) -> Iterator[tuple[FakeSmsGateway, Path]]:
    """The candidate's phone (a fake SMS gateway) and mailbox (an outbox directory)."""
    gateway = FakeSmsGateway()
    use_channel(SmsChannel(gateway=gateway))
    use_channel(EmailChannel(relay=OutboxRelay(tmp_path), mail_from="t@example.com"))
    yield gateway, tmp_path
    reset_channels()


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


def emailed_link(mailbox: Path) -> str:
    """The path of the portal link in the one e-mail that carries it."""
    for path in sorted(mailbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes())
        body = message.get_payload(decode=True).decode()
        found = re.search(r"(/c/access/[A-Za-z0-9_-]{20,}/)", body)
        if found:
            return found.group(1)
    raise AssertionError("no portal link was e-mailed")


def texted_code(phone: FakeSmsGateway) -> str:
    return re.search(r"\b(\d{6})\b", phone.sent[-1].text).group(1)


def come_back(page: Page, snap: Camera, *, phone, mailbox) -> None:
    """Link, code by SMS, one wrong try, the right code: the portal opens."""
    language = snap.language
    words = WORDS[language]
    link = emailed_link(mailbox)
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/c/access/$"))
    if language == "en":
        with page.expect_navigation():
            page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name=words["open"], exact=True)).to_be_visible()
    snap("access")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["sent"])
    code = texted_code(phone)
    page.get_by_label(words["code"]).fill(f"{(int(code) + 1) % 10**6:06d}")
    page.get_by_role("button", name=words["enter"]).click()
    expect(page.get_by_role("alert")).to_contain_text(words["wrong"])
    snap("access-wrong-code")
    page.get_by_label(words["code"]).fill(code)
    page.get_by_role("button", name=words["enter"]).click()
    expect(page).to_have_url(re.compile(r"/c/$"))


def context_for(browser, live_server, device):
    return browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport=VIEWPORTS[device],
        is_mobile=device == "phone",
        has_touch=device == "phone",
    )


@pytest.mark.parametrize("device", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_candidate_comes_back_and_sees_when_each_check_should_be_done(
    browser, live_server, phone_and_mailbox, language, device
) -> None:
    phone, mailbox = phone_and_mailbox
    setup = create_hiring_setup()
    screening = create_consented_screening(setup, create_candidate(setup.organisation))
    issue_portal_access(screening, actor="user:recruiter-test")
    words = WORDS[language]
    context = context_for(browser, live_server, device)
    page = context.new_page()
    snap = Camera(page, language, device)
    try:
        come_back(page, snap, phone=phone, mailbox=mailbox)
        expect(page.get_by_role("heading", name=words["status"])).to_be_visible()
        for code in ("identity", "education", "civil_litigation", "dishonest_debtor"):
            expect(page.locator(f"[data-item={code}] .eta")).to_contain_text(words["expected"])
        snap("status-running")

        page.get_by_role("link", name=words["report nav"]).click()
        expect(page.get_by_role("heading", name=words["report"], exact=True)).to_be_visible()
        snap("report-running")

        page.get_by_role("button", name=words["sign out"]).click()
        expect(page.get_by_role("heading", name=words["signed out"])).to_be_visible()
        snap("signed-out")
        page.goto("/c/report/")
        expect(page.locator("h1")).not_to_have_text(words["report"])
    finally:
        context.close()


def preliminary(world):
    decision = decisions.open_decision(access=world.reviewer, screening_id=world.screening.id)
    decisions.record_assessment(
        access=world.reviewer,
        decision_id=decision.id,
        findings=[world.finding.id],
        nature_and_gravity="测试：仍在失信名单上 (still listed)",
        time_elapsed="测试：2025 年 6 月列入 (listed June 2025)",
        relevance_to_duties="测试：出纳保管现金 (keeps cash)",
        candidate_statement="测试：候选人尚未说明 (nothing yet)",
    )
    decisions.propose_decision(
        access=world.reviewer, decision_id=decision.id, outcome="do_not_proceed", reasons=REASONS
    )
    return decisions.sign_decision(
        access=world.approver, decision_id=decision.id, password=TEST_PASSWORD
    )


@pytest.mark.parametrize("device", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_candidate_reads_the_report_disputes_and_answers_the_preliminary_notice(
    browser, live_server, phone_and_mailbox, language, device
) -> None:
    phone, mailbox = phone_and_mailbox
    world = decision_world()
    preliminary(world)
    issue_portal_access(world.screening, actor="user:recruiter-test")
    receipt = mailbox.parent / f"receipt-test-{language}-{device}.pdf"
    receipt.write_bytes(b"%PDF-1.4 fictional receipt for a test\n%%EOF\n")
    words = WORDS[language]
    context = context_for(browser, live_server, device)
    page = context.new_page()
    snap = Camera(page, language, device)
    finding = f"#finding-{world.finding.id}"
    try:
        come_back(page, snap, phone=phone, mailbox=mailbox)
        snap("status-completed")

        page.get_by_role("link", name=words["report nav"]).click()
        expect(page.locator("#light")).to_have_text(words["light"])
        expect(page.locator(".rulebook-link")).to_have_attribute("href", "/rulebook/2026.1")
        snap("report")

        page.locator(f"{finding} summary").click()
        page.locator(f"{finding} textarea").fill(
            "测试：该笔债务已于 2025 年 9 月清偿 (paid in Sept 2025, fictional)"
        )
        page.locator(f"{finding} input[type=file]").set_input_files(receipt)
        snap("report-dispute-form")
        page.get_by_role("button", name=words["send dispute"]).click()
        expect(page.get_by_role("status")).to_contain_text(words["recorded"])
        expect(page.locator(f"{finding} .badge")).to_have_text(words["under dispute"])
        snap("report-disputed")
        assert Finding.objects.get(id=world.finding.id).status == "disputed"
        assert Dispute.objects.get().evidence_media_type == "application/pdf"

        page.get_by_role("link", name=words["notices nav"]).click()
        expect(page.get_by_role("heading", name=words["notices"])).to_be_visible()
        expect(page.get_by_text(REASONS).first).to_be_visible()
        page.get_by_text(words["copy"]).click()
        snap("notices")
        page.get_by_label(words["response"]).fill(
            "测试：我已清偿该笔债务，请考虑 (I have paid it, fictional)"
        )
        page.get_by_role("button", name=words["send response"]).click()
        expect(page.get_by_role("status")).to_contain_text(words["responded"])
        snap("notices-responded")
        assert CandidateResponse.objects.get().statement.reveal().startswith("测试：我已清偿")

        page.get_by_role("link", name=words["inbox nav"]).click()
        expect(page.get_by_role("heading", name=words["inbox"])).to_be_visible()
        snap("inbox")
    finally:
        context.close()
