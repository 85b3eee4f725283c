"""An analyst resolves a dispute in a real browser (Debian's Chromium).

A fictional cashier candidate on the dishonest-debtor list (red) has objected: the debt was
paid and the listing lifted. The demo analyst opens the dispute queue, opens the dispute,
chooses "correct", first enters a removal date before the listing (refused at the field,
nothing changed), then the right one with the court's re-check as the source, and sees the
light turn green and the preliminary decision reopened. Screenshots land in
var/test/screenshots/disputes/ for a person to look at, in Chinese and English.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from fairscreen.accounts.models import User
from fairscreen.decisions.models import Decision
from fairscreen.demo.seed import seed_demo_organisation
from fairscreen.portal.models import Dispute
from fairscreen.positions.models import Position
from tests.e2e import test_workspace_browser as browser
from tests.e2e.test_disputes_http import RECEIPT, disputed, preliminary
from tests.factories import HiringSetup, access_for
from tests.integration.decision_support import DecisionWorld, decision_world

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "screenshots" / "disputes"
REASONS = "测试：法院复核确认该记录已于 2025-09-15 移出失信名单 (removed from the list)"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

page = browser.page
sign_in = browser.sign_in
switch_language = browser.switch_language


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def shoot_part(locator, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=SCREENSHOTS / f"{name}.png")


def cashier_world() -> DecisionWorld:
    """The decision world on the demo organisation's own cashier position and logins."""
    organisation = seed_demo_organisation().organisation
    position = Position.objects.get(organisation=organisation, profile__template_key="cashier")

    def login(email: str):
        return access_for(User.objects.get(email=email), organisation)

    setup = HiringSetup(
        organisation=organisation,
        hr_admin=login("hr.admin@example.com"),
        recruiter=login("recruiter@example.com"),
        analyst=login("analyst@example.com"),
        dpo=login("dpo@example.com"),
        profile_id=position.profile_id,
        position_id=position.id,
    )
    return decision_world(setup)


def test_an_analyst_corrects_a_disputed_finding_and_the_decision_is_reopened(page) -> None:
    world = cashier_world()
    organisation = world.setup.organisation
    decision = preliminary(world)
    dispute = disputed(world, evidence=RECEIPT)

    # The queue: the open dispute, overdue (it was opened in March), with the plain category.
    sign_in(page, "analyst@example.com")
    page.locator("nav.orgnav").get_by_role("link", name="异议处理").click()
    row = page.locator(f'#disputes tr[data-dispute="{dispute.id}"]')
    expect(row).to_contain_text("目前被列为失信被执行人")
    expect(row.locator(".badge.overdue")).to_have_text("已逾期")
    shoot(page, "queue-zh")
    row.get_by_role("link").click()

    # The dispute: the objection, the evidence to download, the finding with its source.
    expect(page.locator("#statement")).to_contain_text("该笔债务已于 2025 年 9 月清偿")
    expect(page.locator("#evidence")).to_contain_text("application/pdf")
    expect(page.locator("#light-before")).to_have_text("红灯")
    expect(page.locator("#disputed-finding .finding-status")).to_have_text("异议处理中")
    form = page.locator("#resolve")
    expect(form.locator("#correction-part")).to_be_hidden()  # until "correct" is chosen
    shoot(page, "dispute-zh")

    # "Correct": the form is pre-filled with the finding; a removal before the listing is refused.
    form.get_by_label("更正：修改该发现并重新核实").check()
    expect(form.locator("#correction-part")).to_be_visible()
    expect(form.get_by_label("执行案号")).to_have_value("(2025)测执1号")
    form.get_by_label("发现类别").select_option("dishonest_debtor.previously_listed")
    form.get_by_label("移出日期").fill("2025-01-01")
    form.get_by_label("权威等级").select_option("authoritative_registry")
    form.get_by_label("来源标识").fill("registry:debtors-recheck")
    form.get_by_label("出处").fill("失信名单复核（测试）")
    form.get_by_label("理由").fill(REASONS)
    shoot_part(form, "resolution-form-zh")
    form.get_by_role("button", name="记录处理结果").click()
    form = page.locator("#resolve")
    expect(form.get_by_text("未作任何更改")).to_be_visible()
    expect(form.locator(".field-row").filter(has_text="移出日期")).to_contain_text(
        "不能早于列入日期"
    )
    expect(form.get_by_label("理由")).to_have_value(REASONS)  # the form as it was sent
    shoot_part(form, "resolution-invalid-zh")
    assert Dispute.objects.get(id=dispute.id).state == "open"

    # The right date: resolved, re-rated green, the decision reopened.
    form.get_by_label("移出日期").fill("2025-09-15")
    form.get_by_role("button", name="记录处理结果").click()
    expect(page.get_by_text("异议已处理：已更正。")).to_be_visible()
    expect(page.locator("#light-after")).to_have_text("绿灯")
    expect(page.locator("#decision-reopened")).to_contain_text("已重新开启")
    expect(page.locator("#disputed-finding .finding-status")).to_have_text("已更正")
    expect(page.locator("#before-correction")).to_contain_text("目前被列为失信被执行人")
    expect(page.locator("#resolve")).to_have_count(0)
    shoot(page, "resolved-zh")
    assert Decision.objects.get(id=decision.id).state == "superseded"

    switch_language(page, "en")
    expect(page.locator("#light-after")).to_have_text("green")
    expect(page.locator("#decision-reopened")).to_contain_text("Reopened")
    shoot(page, "resolved-en")
    page.locator("nav.orgnav").get_by_role("link", name="Disputes").click()
    expect(page.locator(f'#disputes tr[data-dispute="{dispute.id}"]')).to_contain_text("Corrected")
    shoot(page, "queue-en")

    # The workspace links the corrected finding back to its dispute.
    page.goto(f"/o/{organisation.id}/screenings/{world.screening.id}/workspace/")
    page.get_by_role("link", name="Corrected after a dispute — see the dispute").click()
    expect(page.locator("#dispute")).to_have_attribute("data-outcome", "corrected")


def test_an_open_dispute_in_english_with_every_part_of_the_form(page) -> None:
    """For a look at the page in English while the dispute is open (no decision yet)."""
    world = cashier_world()
    organisation = world.setup.organisation
    dispute = disputed(world, today=None)

    sign_in(page, "analyst@example.com")
    switch_language(page, "en")
    page.goto(f"/o/{organisation.id}/disputes/{dispute.id}/")
    form = page.locator("#resolve")
    form.get_by_label("Uphold: the finding stands as recorded").check()
    expect(form.locator("#source-part")).to_be_visible()
    expect(form.locator("#correction-part")).to_be_hidden()
    shoot(page, "dispute-upheld-en")
    form.get_by_label("Correct: the finding is changed and re-verified").check()
    expect(form.locator("#correction-part")).to_be_visible()
    shoot(page, "dispute-corrected-en")
