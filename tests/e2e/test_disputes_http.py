"""The analyst's dispute pages through HTTP: a correction re-rates and reopens the decision.

A cashier candidate on the dishonest-debtor list (red) objects: the debt was paid and the
listing lifted. Through the dispute page an analyst corrects the finding with the court's
re-check as the source; the light turns green and the preliminary decision is superseded
(the Shanghai Jinshan case). Only analysts resolve, the DPO reads, the hiring team does not
see disputes here at all; bad input changes nothing and says why next to each field.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairscreen.accounts.roles import Role
from fairscreen.decisions import services as decisions
from fairscreen.decisions.models import Decision
from fairscreen.evidence.models import Event
from fairscreen.portal.models import Dispute
from fairscreen.portal.services import open_dispute
from fairscreen.screenings.models import Finding, FindingSource
from fairscreen.screenings.services import EvidenceIn
from tests.factories import TEST_PASSWORD, create_hiring_setup, create_member
from tests.integration.decision_support import LISTED, decision_world

pytestmark = pytest.mark.django_db

STATEMENT = "测试：该笔债务已于 2025 年 9 月清偿，名单有误 (paid in Sept 2025)"
REASONS = "测试：法院复核确认已于 2025-09-15 移出名单 (removed from the list)"
SHANGHAI = ZoneInfo("Asia/Shanghai")
RECEIPT = b"%PDF-1.4 test receipt of a fictional payment"


def client_for(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def world():
    return decision_world()


@pytest.fixture
def analyst(world) -> Client:
    return client_for(world.setup.analyst.principal.user)


def disputed(world, *, evidence: bytes | None = None, today: date | None = date(2026, 3, 3)):
    """The candidate's objection, by default opened on 3 March: due 2026-03-24, overdue now."""
    opened = open_dispute(
        screening_id=world.screening.id,
        finding_id=world.finding.id,
        statement=STATEMENT,
        evidence=EvidenceIn(content=evidence, media_type="application/pdf") if evidence else None,
        today=today,
    )
    if today is not None:  # the service stamps the present moment; the test dates it back
        opened_at = datetime.combine(today, time(10, 0), tzinfo=SHANGHAI)
        Dispute.objects.filter(id=opened.id).update(opened_at=opened_at)
        opened.refresh_from_db()
    return opened


def preliminary(world) -> Decision:
    """Do not proceed, signed and sent to the candidate: waiting for their response."""
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
        access=world.reviewer,
        decision_id=decision.id,
        outcome="do_not_proceed",
        reasons="测试：岗位负责现金 (handles cash)",
    )
    return decisions.sign_decision(
        access=world.approver,
        decision_id=decision.id,
        password=TEST_PASSWORD,
        today=date(2026, 3, 2),
    )


def page_url(world, dispute, tail: str = "") -> str:
    return f"/o/{world.setup.organisation.id}/disputes/{dispute.id}/{tail}"


def queue_url(world) -> str:
    return f"/o/{world.setup.organisation.id}/disputes/"


def source_fields(**overrides: str) -> dict[str, str]:
    fields = {
        "kind": "court_records",
        "authority": "authoritative_registry",
        "origin": "registry:debtors-recheck",
        "reference": "失信名单复核（测试）",
        "retrieved_at": "2026-11-30T09:30",
        "statement": "",
        **overrides,
    }
    return {f"source-{name}": value for name, value in fields.items()}


def correction(**overrides: str) -> dict[str, str]:
    details = {**LISTED, "removed_on": "2025-09-15"}
    return {
        "resolution-outcome": "corrected",
        "resolution-reasons": REASONS,
        "correction-category": "dishonest_debtor.previously_listed",
        **{f"correction-detail_{name}": value for name, value in details.items()},
        **source_fields(),
        **overrides,
    }


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def field_row(response, name: str) -> str:
    """The `.field-row` holding the input named `name`, as text with its errors."""
    page = response.content.decode()
    at = page.index(f'name="{name}"')
    start = page.rindex('<div class="field-row', 0, at)
    return html.unescape(page[start : page.index("</div>", at)])


def test_the_queue_puts_open_disputes_first_and_marks_the_overdue(world, analyst) -> None:
    earlier = disputed(world, today=date(2026, 3, 3))
    analyst.post(
        page_url(world, earlier, "resolution/"),
        {"resolution-outcome": "upheld", "resolution-reasons": "测试：复核确认 (confirmed)"},
    )
    again = disputed(world, today=date(2026, 3, 10))

    response = analyst.get(queue_url(world))

    assert response.status_code == 200
    page = text_of(response)
    assert page.index(f'data-dispute="{again.id}"') < page.index(f'data-dispute="{earlier.id}"')
    open_row = page[page.index(f'data-dispute="{again.id}"') :]
    assert 'class="overdue"' in page[page.rindex("<tr", 0, page.index(str(again.id))) :][:200]
    assert "测试候选人" in open_row
    assert "目前被列为失信被执行人" in open_row  # the category's plain name, never its code
    assert "dishonest_debtor.currently_listed" not in page
    assert "2026-03-31" in open_row  # 15 working days after 10 March
    assert "已逾期" in open_row
    assert "维持" in page[page.index(f'data-dispute="{earlier.id}"') :]
    assert "1 件异议处理中" in page
    assert "异议处理</a>" in page  # the console's nav entry


def test_analysts_and_the_dpo_read_disputes_the_hiring_team_does_not(world, analyst) -> None:
    dispute = disputed(world, evidence=RECEIPT)
    organisation = world.setup.organisation
    dpo = client_for(world.setup.dpo.principal.user)
    forbidden = [
        client_for(world.setup.recruiter.principal.user),
        client_for(world.reviewer.principal.user),
        client_for(create_member(organisation, Role.APPROVER)),
    ]

    assert analyst.get(page_url(world, dispute)).status_code == 200
    read_only = dpo.get(page_url(world, dispute))
    assert read_only.status_code == 200
    assert "只有背调核查员可以处理" in text_of(read_only)
    assert 'id="resolve"' not in text_of(read_only)
    assert dpo.get(queue_url(world)).status_code == 200
    assert dpo.post(page_url(world, dispute, "resolution/"), correction()).status_code == 403
    for client in forbidden:
        for url in (
            queue_url(world),
            page_url(world, dispute),
            page_url(world, dispute, "evidence/"),
        ):
            assert client.get(url).status_code == 403, url
    assert "异议处理</a>" not in text_of(forbidden[0].get(f"/o/{organisation.id}/screenings/"))

    elsewhere = create_hiring_setup(template_key="cashier")
    outsider = client_for(elsewhere.analyst.principal.user)
    assert outsider.get(page_url(world, dispute)).status_code == 404
    assert outsider.get(queue_url(world)).status_code == 404
    foreign = f"/o/{elsewhere.organisation.id}/disputes/{dispute.id}/"
    assert outsider.get(foreign).status_code == 404
    assert outsider.get(f"{foreign}evidence/").status_code == 404
    assert outsider.post(f"{foreign}resolution/", correction()).status_code == 404
    assert Dispute.objects.get(id=dispute.id).state == "open"


def test_the_page_shows_the_objection_the_finding_and_a_form_prefilled(world, analyst) -> None:
    dispute = disputed(world, evidence=RECEIPT)

    response = analyst.get(page_url(world, dispute))

    page = text_of(response)
    assert STATEMENT in page
    assert "application/pdf" in page
    assert page_url(world, dispute, "evidence/") in page
    assert "失信名单（测试）" in page  # the finding's source
    assert "红灯" in page  # the rating when disputed
    assert 'value="(2025)测执1号"' in page  # the correction starts from the finding as it is
    assert 'value="dishonest_debtor.currently_listed" selected' in page
    viewed = Event.objects.filter(event_type="dispute.viewed").last()
    assert viewed is not None
    assert json.loads(bytes(viewed.entry))["payload"]["purpose"] == "dispute_handling"


def test_a_correction_turns_the_light_green_and_reopens_the_decision(world, analyst) -> None:
    decision = preliminary(world)
    dispute = disputed(world)

    response = analyst.post(page_url(world, dispute, "resolution/"), correction(), follow=True)

    assert response.redirect_chain[-1][0] == page_url(world, dispute)
    page = text_of(response)
    assert "异议已处理：已更正。评级 红灯 → 绿灯。" in page
    assert "录用决定已重新开启" in page
    assert "已重新开启：原决定不再有效" in page
    assert 'data-reopened="true"' in page
    assert 'id="light-after">绿灯' in page
    assert "曾被列为失信被执行人（已移出）" in page  # the finding as it reads now
    assert "更正前" in page  # and as it read before
    assert "目前被列为失信被执行人" in page
    assert REASONS in page
    assert 'id="resolve"' not in page  # resolved: no form any more
    assert Decision.objects.get(id=decision.id).state == "superseded"
    finding = Finding.objects.get(id=world.finding.id)
    assert finding.status == "corrected"
    assert FindingSource.objects.filter(finding=finding, origin="registry:debtors-recheck").exists()

    english = client_for(world.setup.analyst.principal.user, "en").get(page_url(world, dispute))
    assert "Reopened: the earlier decision no longer stands" in text_of(english)
    assert 'id="light-after">green' in text_of(english)


def test_upholding_keeps_the_finding_and_may_add_the_source_checked_again(world, analyst) -> None:
    decision = preliminary(world)
    dispute = disputed(world)

    response = analyst.post(
        page_url(world, dispute, "resolution/"),
        {
            "resolution-outcome": "upheld",
            "resolution-reasons": "测试：复核确认仍在名单上 (still listed)",
            **source_fields(),
        },
        follow=True,
    )

    page = text_of(response)
    assert "异议已处理：维持。评级 红灯 → 红灯。" in page
    assert 'data-reopened="false"' in page
    assert Decision.objects.get(id=decision.id).state == "preliminary"
    finding = Finding.objects.get(id=world.finding.id)
    assert finding.status == "verified"
    assert finding.sources.count() == 2


def test_upholding_without_a_source_adds_none(world, analyst) -> None:
    dispute = disputed(world)
    response = analyst.post(
        page_url(world, dispute, "resolution/"),
        {
            "resolution-outcome": "upheld",
            "resolution-reasons": "测试：复核确认 (confirmed)",
            **source_fields(origin="", reference="", authority=""),
        },
    )
    assert response.status_code == 302
    assert Finding.objects.get(id=world.finding.id).sources.count() == 1


def test_removing_takes_the_finding_out_and_reopens_the_decision_resting_on_it(
    world, analyst
) -> None:
    decision = preliminary(world)
    dispute = disputed(world)

    response = analyst.post(
        page_url(world, dispute, "resolution/"),
        {"resolution-outcome": "removed", "resolution-reasons": "测试：系同名人员 (a namesake)"},
        follow=True,
    )

    page = text_of(response)
    assert "异议已处理：已删除。" in page
    assert 'data-reopened="true"' in page
    assert Decision.objects.get(id=decision.id).state == "superseded"
    assert Finding.objects.get(id=world.finding.id).status == "retracted"


def test_a_bad_correction_says_why_at_each_field_and_changes_nothing(world, analyst) -> None:
    preliminary(world)
    dispute = disputed(world)
    before = Event.objects.count()

    missing = analyst.post(
        page_url(world, dispute, "resolution/"), correction(**{"resolution-reasons": " "})
    )
    assert missing.status_code == 422
    assert "请写明处理理由" in field_row(missing, "resolution-reasons")

    response = analyst.post(
        page_url(world, dispute, "resolution/"),
        correction(
            **{"correction-detail_removed_on": "2025-01-01", "source-origin": ""},
        ),
    )

    assert response.status_code == 422
    page = text_of(response)
    assert "未作任何更改" in page
    assert "不能早于列入日期" in field_row(response, "correction-detail_removed_on")
    assert "1-120" in field_row(response, "source-origin")
    assert 'value="2025-01-01"' in page  # the form as it was posted
    assert REASONS in page
    assert Event.objects.count() == before + 2  # only the two reads of the page
    assert Dispute.objects.get(id=dispute.id).state == "open"
    assert Finding.objects.get(id=world.finding.id).status == "disputed"

    english = client_for(world.setup.analyst.principal.user, "en").post(
        page_url(world, dispute, "resolution/"),
        correction(**{"correction-detail_removed_on": "2025-01-01"}),
    )
    assert english.status_code == 422
    assert "is before the listing" in field_row(english, "correction-detail_removed_on")


def test_a_correction_needs_its_source(world, analyst) -> None:
    dispute = disputed(world)
    response = analyst.post(
        page_url(world, dispute, "resolution/"),
        correction(**{"source-retrieved_at": ""}),
    )
    assert response.status_code == 422
    assert "errorlist" in field_row(response, "source-retrieved_at")
    assert Dispute.objects.get(id=dispute.id).state == "open"


def test_a_resolved_dispute_is_not_resolved_twice(world, analyst) -> None:
    dispute = disputed(world)
    analyst.post(page_url(world, dispute, "resolution/"), correction())

    again = analyst.post(
        page_url(world, dispute, "resolution/"),
        {"resolution-outcome": "removed", "resolution-reasons": "测试 (test)"},
        follow=True,
    )

    assert "此异议已处理完毕" in text_of(again)
    assert Dispute.objects.get(id=dispute.id).outcome == "corrected"
    assert analyst.get(page_url(world, dispute, "resolution/")).status_code == 302


def test_the_evidence_downloads_for_analysts_and_the_dpo_only(world, analyst) -> None:
    dispute = disputed(world, evidence=RECEIPT)

    response = analyst.get(page_url(world, dispute, "evidence/"))

    assert response.status_code == 200
    assert response.content == RECEIPT
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert Event.objects.filter(event_type="dispute.evidence_viewed").count() == 1
    dpo = client_for(world.setup.dpo.principal.user)
    assert dpo.get(page_url(world, dispute, "evidence/")).content == RECEIPT
    reviewer = client_for(world.reviewer.principal.user)
    assert reviewer.get(page_url(world, dispute, "evidence/")).status_code == 403
    assert Event.objects.filter(event_type="dispute.evidence_viewed").count() == 2


def test_a_dispute_without_evidence_has_nothing_to_download(world, analyst) -> None:
    dispute = disputed(world)
    assert analyst.get(page_url(world, dispute, "evidence/")).status_code == 404
    assert "候选人未提交证据" in text_of(analyst.get(page_url(world, dispute)))


def test_the_workspace_links_a_disputed_finding_to_its_dispute(world, analyst) -> None:
    dispute = disputed(world)
    organisation = world.setup.organisation
    workspace = analyst.get(f"/o/{organisation.id}/screenings/{world.screening.id}/workspace/")
    link = f"/o/{organisation.id}/disputes/finding/{world.finding.id}/"
    assert link in text_of(workspace)
    assert "候选人已提出异议——打开异议" in text_of(workspace)

    followed = analyst.get(link)
    assert followed.status_code == 302
    assert followed["Location"] == page_url(world, dispute)

    analyst.post(page_url(world, dispute, "resolution/"), correction())
    workspace = analyst.get(f"/o/{organisation.id}/screenings/{world.screening.id}/workspace/")
    assert "已因异议更正——查看异议" in text_of(workspace)
    assert analyst.get(link)["Location"] == page_url(world, dispute)


def test_an_evidence_upload_with_the_corrections_source_is_kept(world, analyst) -> None:
    dispute = disputed(world)
    upload = SimpleUploadedFile("recheck.pdf", b"%PDF-1.4 court re-check (test)")
    response = analyst.post(
        page_url(world, dispute, "resolution/"), {**correction(), "source-evidence": upload}
    )
    assert response.status_code == 302
    source = FindingSource.objects.get(origin="registry:debtors-recheck")
    assert source.evidence_media_type == "application/pdf"
