"""The analyst workspace and the employer report in a real browser (Debian's Chromium).

An analyst opens the check queue, starts checks, runs the sandbox connector (a registry:
the finding is verified), records a finding by hand with an evidence file (one document:
unverified), corroborates it with an independent second source, and leaves a third finding
unverified. A reviewer then opens the report for a stated purpose and sees only what was
verified or corroborated. Screenshots land in var/test/screenshots/workspace/ for a person
to look at, in Chinese and English.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fairscreen.demo.screenings import staff_the_teams
from fairscreen.demo.seed import DEMO_PASSWORD, seed_demo_organisation
from fairscreen.evidence.models import Event
from fairscreen.positions.models import Position
from fairscreen.screenings.models import Finding, ScreeningItem
from tests.factories import (
    create_candidate,
    create_consented_screening,
    create_hiring_setup,
    fictional_id_number,
)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "screenshots" / "workspace"
CANDIDATE = "测试候选人癸 (browser test)"
DEGREE_INSTITUTION = "测试大学 (Test University)"
DOCUMENT_SUMMARY = "身份证件照片与登记信息不符（测试）"

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


def screening_in_the_demo(*, started: bool = False):
    """A fictional candidate on the sandbox's dishonest-debtor list, consented."""
    organisation = seed_demo_organisation().organisation
    setup = create_hiring_setup(organisation)
    staff_the_teams(organisation, setup.hr_admin, [Position.objects.get(id=setup.position_id)])
    candidate = create_candidate(
        organisation, full_name=CANDIDATE, id_number=fictional_id_number(412)
    )
    return create_consented_screening(
        setup, candidate, items=("identity", "education", "dishonest_debtor"), start=started
    )


def start(item) -> None:
    item.get_by_role("button", name="开始核查").click()
    expect(item.locator(".item-state")).to_have_text("核查中")


def test_an_analyst_verifies_and_a_reviewer_reads_only_what_was_verified(page) -> None:
    screening = screening_in_the_demo()

    # The queue lists the consented checks; the analyst opens the workspace from it.
    sign_in(page, "analyst@example.com")
    page.locator("nav.orgnav").get_by_role("link", name="核查队列").click()
    rows = page.locator(f'#queue tr[data-screening="{screening.id}"]')
    expect(rows).to_have_count(3)
    shoot(page, "queue-zh")
    rows.filter(has_text="失信被执行人").get_by_role("link").click()

    # A registry check through the sandbox connector: verified on its own.
    debtor = page.locator("#item-dishonest_debtor")
    start(debtor)
    debtor.get_by_role("button", name="运行“sandbox”").click()
    expect(debtor.locator("tr[data-run]")).to_have_attribute("data-state", "succeeded")
    expect(debtor.locator(".finding-status")).to_have_text("已核实")
    expect(debtor.locator(".finding .badge.in-report")).to_be_visible()

    # A finding typed in from the candidate's diploma, with the scan: unverified.
    education = page.locator("#item-education")
    start(education)
    education.get_by_text("手工记录一条发现").click()
    form = education.locator("#record-education")
    form.get_by_label("发现类别").select_option("education.record_not_found")
    form.get_by_label("院校").fill(DEGREE_INSTITUTION)
    form.get_by_label("学历/学位").fill("学士 (Bachelor)")
    form.get_by_label("核查结论说明").fill("学位证书编号在学校档案中查无记录（测试）")
    form.get_by_label("来源类型").select_option("candidate_document")
    form.get_by_label("权威等级").select_option("official_document")
    form.get_by_label("来源标识").fill("candidate:diploma")
    form.get_by_label("出处").fill("学位证书扫描件（测试）")
    form.get_by_label("证据文件（选填）").set_input_files(
        files=[{"name": "diploma.png", "mimeType": "image/png", "buffer": PNG}]
    )
    shoot(page, "record-finding-zh")
    form.get_by_role("button", name="记录该发现").click()
    expect(page.get_by_text("在核实或印证之前，它不会出现在用人单位的报告中")).to_be_visible()
    finding = education.locator(".finding")
    expect(finding.locator(".finding-status")).to_have_text("未核实")
    expect(finding.locator(".badge.outside")).to_have_text("不在用人单位的报告中")
    expect(finding).to_contain_text("image/png")

    # The same origin again is repetition, not corroboration; an independent one corroborates.
    add_source(finding, origin="candidate:diploma", reference="同一证书再次提交（测试）")
    expect(finding.locator(".finding-status")).to_have_text("未核实")
    add_source(finding, origin="school:archives-office", reference="学校档案室复函（测试）")
    expect(page.get_by_text("来源已添加。该发现现在的状态：已印证")).to_be_visible()
    expect(finding.locator(".finding-status")).to_have_text("已印证")
    shoot_part(education, "item-corroborated-zh")

    # A problem in the form is shown next to its field and nothing is recorded.
    identity = page.locator("#item-identity")
    start(identity)
    identity.get_by_text("手工记录一条发现").click()
    form = identity.locator("#record-identity")
    form.get_by_label("发现类别").select_option("identity.document_invalid")
    form.get_by_label("核验日期").fill("2026-11-20")
    form.get_by_label("来源类型").select_option("candidate_document")
    form.get_by_label("权威等级").select_option("authoritative_registry")
    form.get_by_label("来源标识").fill("candidate:id-card")
    form.get_by_label("出处").fill("身份证复印件（测试）")
    form.get_by_role("button", name="记录该发现").click()
    form = page.locator("#record-identity")
    expect(form.get_by_text("未记录任何内容")).to_be_visible()
    expect(form.locator(".field-row").filter(has_text="核查结论说明")).to_contain_text("必填")
    expect(form.locator(".field-row").filter(has_text="权威等级")).to_contain_text("最高为")
    shoot_part(form, "record-invalid-form-zh")
    shoot(page, "record-invalid-zh")
    assert Finding.objects.filter(item__code="identity").count() == 0
    form.get_by_label("核查结论说明").fill(DOCUMENT_SUMMARY)
    form.get_by_label("权威等级").select_option("official_document")
    form.get_by_role("button", name="记录该发现").click()
    expect(page.locator("#item-identity .finding-status")).to_have_text("未核实")
    expect(page.locator("#unverified-count")).to_contain_text("1 条")
    shoot(page, "workspace-zh")
    switch_language(page, "en")
    expect(page.locator("#item-identity .badge.outside")).to_have_text(
        "not in the employer's report"
    )
    shoot(page, "workspace-en")

    # The reviewer states a purpose, then reads only the verified and corroborated findings.
    sign_in(page, "reviewer@example.com")
    page.goto(f"/o/{screening.organisation_id}/screenings/{screening.id}/")
    page.get_by_role("link", name="打开背调报告").click()
    expect(page.get_by_text("您为何打开这份报告？")).to_be_visible()
    shoot(page, "report-purpose-zh")
    page.get_by_role("button", name="打开背调报告").click()
    expect(page.locator("#report-purpose .errorlist")).to_be_visible()
    assert not Event.objects.filter(event_type="report.viewed").exists()
    page.get_by_label("为录用决定进行审阅").check()
    page.get_by_role("button", name="打开背调报告").click()
    expect(page.locator("#viewed-by")).to_contain_text("为录用决定进行审阅")
    expect(page.locator("#item-dishonest_debtor .finding-status")).to_have_text("已核实")
    expect(page.locator("#item-education .finding-status")).to_have_text("已印证")
    expect(page.locator("#item-identity .finding")).to_have_count(0)
    expect(page.get_by_text(DOCUMENT_SUMMARY)).to_have_count(0)
    shoot(page, "report-zh")
    switch_language(page, "en")
    expect(page.locator("#item-identity")).to_contain_text("Check in progress")
    shoot(page, "report-en")
    assert Event.objects.filter(event_type="report.viewed").count() == 2


def add_source(finding, *, origin: str, reference: str) -> None:
    finding.get_by_text("添加来源（印证）").click()
    form = finding.locator("form.add-source")
    form.get_by_label("来源类型").select_option("candidate_document")
    form.get_by_label("权威等级").select_option("official_document")
    form.get_by_label("来源标识").fill(origin)
    form.get_by_label("出处").fill(reference)
    form.get_by_role("button", name="添加此来源").click()


def test_an_import_with_a_bad_row_is_reported_row_by_row(page) -> None:
    screening = screening_in_the_demo(started=True)
    header = (
        "screening,item,external_ref,category,source_kind,source_authority,source_origin,"
        "source_reference,source_retrieved_at,detail.case_number,detail.court,"
        "detail.listed_on,detail.summary\n"
    )
    row = (
        f"{screening.id},dishonest_debtor,prov-1,dishonest_debtor.currently_listed,"
        "court_records,authoritative_registry,provider:test,ref-1,2026-11-20T09:30:00+08:00,"
        "(2025)测0101执777号,测试法院,2025-13-45,测试\n"
    )
    unordered = row.replace(
        "dishonest_debtor,prov-1,dishonest_debtor.currently_listed",
        "credit_report,prov-2,credit.minor_delinquency",
    )

    sign_in(page, "analyst@example.com")
    page.goto(f"/o/{screening.organisation_id}/checks/")
    page.get_by_role("link", name="导入核查结果").click()
    page.get_by_label("结果文件（.csv 或 .json）").set_input_files(
        files=[
            {
                "name": "results.csv",
                "mimeType": "text/csv",
                "buffer": (header + row + unordered).encode(),
            }
        ]
    )
    page.get_by_role("button", name="检查并导入").click()

    expect(page.get_by_text("文件被拒绝：未记录任何内容")).to_be_visible()
    problems = page.locator("#import-problems tbody tr")
    expect(problems.filter(has_text="detail.listed_on")).to_have_count(1)
    expect(problems.filter(has_text="本次背景调查未包含该项目")).to_have_count(1)
    shoot(page, "import-rejected-zh")
    assert not Finding.objects.filter(screening=screening).exists()


def test_a_referees_opinion_is_kept_as_hearsay_and_never_reaches_the_report(page) -> None:
    seed_demo_organisation()
    interview = ScreeningItem.objects.get(code="reference_interview", state="running")
    screening = interview.screening

    sign_in(page, "analyst@example.com")
    page.goto(f"/o/{screening.organisation_id}/screenings/{screening.id}/workspace/")
    item = page.locator("#item-reference_interview")
    expect(item.locator(".badge.hearsay")).to_have_count(1)  # the demo's volunteered opinion
    item.get_by_text("记录证明人访谈").click()
    form = item.locator("#interview")
    form.get_by_label("证明人", exact=True).select_option(label="示例证明人2 (Demo Referee 2)")
    form.get_by_label("访谈日期").fill("2026-11-26")
    form.get_by_label("请确认候选人在贵单位的任职起止时间与职位。").fill(
        "2021-03 至 2024-06 任后端工程师（测试）"
    )
    form.get_by_label("证明人主动发表的意见").fill("听说他私生活不检点（测试传闻）")
    expect(form.locator(".hearsay-note")).to_have_text("按传闻记录——绝不会提供给用人单位。")
    shoot_part(form, "interview-form-zh")
    form.get_by_role("button", name="记录访谈").click()
    expect(page.get_by_text("访谈已记录：1 条发现")).to_be_visible()
    expect(page.locator("#item-reference_interview .badge.hearsay")).to_have_count(2)
    shoot_part(page.locator("#item-reference_interview"), "interview-recorded-zh")
    switch_language(page, "en")
    shoot_part(page.locator("#item-reference_interview"), "interview-recorded-en")

    sign_in(page, "reviewer@example.com")
    page.goto(f"/o/{screening.organisation_id}/screenings/{screening.id}/report/?purpose=review")
    expect(page.locator("#item-reference_interview .finding-status")).to_have_text("已印证")
    expect(page.get_by_text("私生活不检点")).to_have_count(0)
    expect(page.get_by_text("性格孤僻")).to_have_count(0)
    expect(page.locator("#item-reference_interview .badge.hearsay")).to_have_count(0)


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)
"""A 1x1 pixel PNG: the evidence scan of a fictional diploma."""
