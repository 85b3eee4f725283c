"""The candidate's pages after consent, through HTTP: the way back in, status with expected
dates, the same report as the employer's plus disputed findings, disputes, notices, inbox.

A candidate only ever sees and touches their own screening: the session names it, and an id
of another screening's finding or message in a form is a 404 that changes nothing.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from fairscreen.decisions import services as decisions
from fairscreen.decisions.models import CandidateResponse
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.evidence.models import Event
from fairscreen.notifications.channels import (
    EmailChannel,
    FakeSmsGateway,
    OutboxRelay,
    SmsChannel,
    reset_channels,
    use_channel,
)
from fairscreen.notifications.content import load_content
from fairscreen.notifications.models import Delivery, Notification, PortalMessage
from fairscreen.notifications.services import send_delivery
from fairscreen.portal import session
from fairscreen.portal.models import Dispute, PortalAccess
from fairscreen.portal.services import issue_portal_access, revoke_portal_access
from fairscreen.screenings import selectors
from fairscreen.screenings import services as screenings
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.models import Finding, Screening
from tests.e2e.test_portal_http import answers, at_the_form, invited
from tests.factories import (
    TEST_PASSWORD,
    create_candidate,
    create_consented_screening,
    create_hiring_setup,
)
from tests.integration.decision_support import LISTED, WHEN, decision_world

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
RECRUITER = "user:00000000-0000-7000-8000-0000000000aa"
REASONS = "测试：岗位负责现金，失信记录与职责直接相关 (handles cash)"
PDF = b"%PDF-1.4 test receipt (fictional)"


@pytest.fixture(autouse=True)
def channels(tmp_path):
    use_channel(SmsChannel(gateway=FakeSmsGateway()))
    use_channel(EmailChannel(relay=OutboxRelay(tmp_path / "outbox"), mail_from="t@example.com"))
    yield
    reset_channels()


def sent_code() -> str:
    notification = Notification.objects.filter(kind="portal.access_code").first()
    body = load_content(notification.content.reveal()).body.zh_hans
    return re.search(r"\b(\d{6})\b", body).group(1)


def signed_in(screening: Screening, client: Client | None = None) -> Client:
    """Through the front door: the e-mailed link, a code, the code typed in."""
    client = client or Client()
    token = issue_portal_access(screening, actor=RECRUITER)
    assert client.get(f"/c/access/{token}/")["Location"] == "/c/access/"
    assert client.post("/c/access/code/")["Location"] == "/c/access/"
    assert client.post("/c/access/verify/", {"code": sent_code()})["Location"] == "/c/"
    return client


def registry(reference: str) -> SourceIn:
    return SourceIn(
        kind="court_records",
        authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
        origin="registry:debtors",
        reference=reference,
        retrieved_at=WHEN,
    )


def reported_world():
    """Two verified listings (the employer sees both) and one unverified (nobody relies on it)."""
    setup = create_hiring_setup(template_key="cashier")
    screening = create_consented_screening(
        setup, create_candidate(setup.organisation), items=("identity", "dishonest_debtor")
    )
    found = {}
    for name, case, source in (
        ("first", "(2025)测执1号", registry("失信名单（测试）")),
        ("second", "(2024)测执2号", registry("失信名单（测试二）")),
        (
            "unverified",
            "(2023)测执3号",
            SourceIn(
                kind="court_records",
                authority=AuthorityLevel.OFFICIAL_DOCUMENT,
                origin="document:test",
                reference="测试复印件",
                retrieved_at=WHEN,
            ),
        ),
    ):
        found[name] = screenings.record_finding(
            access=setup.analyst,
            screening_id=screening.id,
            item_code="dishonest_debtor",
            category="dishonest_debtor.currently_listed",
            details={**LISTED, "case_number": case},
            source=source,
        )
    for code in ("identity", "dishonest_debtor"):
        screenings.complete_check(access=setup.analyst, screening_id=screening.id, code=code)
    return setup, screening, found


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


def without_csrf(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def finding_ids(page: str) -> set[str]:
    return set(re.findall(r'data-finding="([0-9a-f-]{36})"', page))


def test_every_page_needs_a_portal_session() -> None:
    decision_world()
    client = Client()

    for path in ("/c/report/", "/c/notices/", "/c/messages/", "/c/access/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "邀请链接" in response.content.decode()
    for path in (
        "/c/report/dispute/",
        "/c/notices/respond/",
        "/c/messages/read/",
        "/c/access/renew/",
        "/c/access/code/",
        "/c/access/verify/",
    ):
        assert client.post(path).status_code == 403, path


def test_the_link_is_left_at_once_and_only_the_right_code_opens_the_portal() -> None:
    world = decision_world()
    client = Client()
    token = issue_portal_access(world.screening, actor=RECRUITER)

    opened = client.get(f"/c/access/{token}/")
    assert opened["Location"] == "/c/access/"
    page = client.get("/c/access/").content.decode()
    assert "发送验证码" in page
    assert token not in page
    sent = client.post("/c/access/code/", follow=True).content.decode()
    assert "我们已向您的电子邮箱和手机发送 6 位验证码" in sent
    code = sent_code()
    wrong = client.post("/c/access/verify/", {"code": f"{(int(code) + 1) % 10**6:06d}"})
    assert wrong.status_code == 422
    assert "验证码不正确。您还可以再试 4 次。" in wrong.content.decode()
    malformed = client.post("/c/access/verify/", {"code": "12ab"})
    assert malformed.status_code == 422
    assert "请只输入 6 位数字验证码。" in malformed.content.decode()
    assert client.get("/c/report/").status_code == 403

    fullwidth = code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert client.post("/c/access/verify/", {"code": fullwidth})["Location"] == "/c/"

    assert client.get("/c/").status_code == 200
    assert client.get("/c/report/").status_code == 200
    assert Event.objects.filter(event_type="portal.session_opened").count() == 1


def test_unknown_expired_and_replaced_links_are_refused_alike() -> None:
    world = decision_world()
    old = issue_portal_access(world.screening, actor=RECRUITER)
    issue_portal_access(world.screening, actor=RECRUITER)

    replaced = Client().get(f"/c/access/{old}/", follow=True)
    unknown = Client().get("/c/access/fs-not-a-real-token-0000000000000000000000/", follow=True)

    assert replaced.redirect_chain == unknown.redirect_chain == [("/c/access/refused/", 302)]
    assert replaced.status_code == unknown.status_code == 410
    assert without_csrf(replaced.content.decode()) == without_csrf(unknown.content.decode())
    assert old not in replaced.content.decode()
    assert "请联系招聘人员为您发送新的门户链接" in replaced.content.decode()


def test_an_idle_session_is_closed() -> None:
    world = decision_world()
    client = signed_in(world.screening)
    stored = client.session
    stored[session.LAST_SEEN_KEY] -= 31 * 60
    stored.save()

    assert client.get("/c/report/").status_code == 403
    assert client.get("/c/").status_code == 403


def test_revoking_the_links_ends_a_session_they_opened_but_a_new_link_does_not() -> None:
    world = decision_world()
    client = signed_in(world.screening)
    issue_portal_access(world.screening, actor=RECRUITER)  # replaces the link: session goes on
    assert client.get("/c/report/").status_code == 200

    stored = client.session  # opened a minute ago; session stamps are whole seconds
    stored[session.OPENED_AT_KEY] -= 60
    stored.save()
    revoke_portal_access(
        screening_id=world.screening.id,
        actor=RECRUITER,
        reason="lost_phone",
        now=timezone.now() - timedelta(seconds=5),
    )

    assert client.get("/c/report/").status_code == 403
    assert client.get("/c/").status_code == 403
    assert session.SCREENING_KEY not in client.session
    again = signed_in(world.screening)  # a fresh link, sent after the revocation, works
    assert again.get("/c/report/").status_code == 200


def test_the_report_shows_exactly_the_employers_findings_with_rating_and_rulebook() -> None:
    setup, screening, found = reported_world()
    client = signed_in(screening)

    page = client.get("/c/report/").content.decode()

    employer = selectors.employer_report(
        access=setup.hr_admin, screening_id=screening.id, purpose="review"
    )
    assert finding_ids(page) == {str(finding.id) for finding in employer.findings}
    assert finding_ids(page) == {str(found["first"].id), str(found["second"].id)}
    assert "(2023)测执3号" not in page
    assert "红灯" in page
    assert f'href="/rulebook/{employer.rating.rulebook_version}"' in page
    assert "目前被列为失信被执行人" in page
    assert "计入，严重程度为“严重”" in page  # each finding's disposition, explained
    assert Event.objects.filter(event_type="portal.report_viewed").count() == 1


def test_disputing_a_finding_freezes_it_and_the_report_still_lists_it_labelled() -> None:
    setup, screening, found = reported_world()
    client = signed_in(screening)
    first = found["first"]

    response = client.post(
        "/c/report/dispute/",
        {
            "finding_id": str(first.id),
            "statement": "测试：该笔债务已于 2025 年 9 月清偿 (paid, fictional)",
            "evidence": SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf"),
        },
    )

    assert response["Location"] == "/c/report/"
    first.refresh_from_db()
    assert first.status == "disputed"
    dispute = Dispute.objects.get(finding=first)
    assert dispute.evidence_media_type == "application/pdf"
    employer = selectors.employer_report(
        access=setup.hr_admin, screening_id=screening.id, purpose="review"
    )
    assert {str(finding.id) for finding in employer.findings} == {str(found["second"].id)}
    page = client.get("/c/report/").content.decode()
    assert finding_ids(page) == {str(first.id), str(found["second"].id)}
    card = page[page.index(f'id="finding-{first.id}"') :]
    card = card[: card.index("</article>")]
    assert 'data-status="disputed"' in card
    assert "异议处理中" in card
    assert 'action="/c/report/dispute/"' not in card, "a disputed finding has no second form"
    disputes = page[page.index('id="disputes"') :]
    assert "测试：该笔债务已于 2025 年 9 月清偿" in disputes
    assert dispute.due_on.isoformat() in disputes


def test_a_dispute_needs_a_statement_and_a_pdf_png_or_jpeg() -> None:
    _setup, screening, found = reported_world()
    client = signed_in(screening)

    empty = client.post("/c/report/dispute/", {"finding_id": str(found["first"].id)})
    text_file = client.post(
        "/c/report/dispute/",
        {
            "finding_id": str(found["first"].id),
            "statement": "测试 (test)",
            "evidence": SimpleUploadedFile(
                "note.txt", b"plain text", content_type="application/pdf"
            ),
        },
    )

    assert empty.status_code == text_file.status_code == 422
    assert "请用您自己的话说明哪里有误。" in empty.content.decode()
    assert "请上传 PDF、PNG 或 JPEG 文件。" in text_file.content.decode()
    assert not Dispute.objects.exists()
    found["first"].refresh_from_db()
    assert found["first"].status == "verified"


def test_another_screenings_finding_is_not_found_and_nothing_changes() -> None:
    mine = decision_world()
    theirs = decision_world()
    client = signed_in(mine.screening)

    response = client.post(
        "/c/report/dispute/",
        {"finding_id": str(theirs.finding.id), "statement": "测试：不是我的 (not mine)"},
    )

    assert response.status_code == 404
    assert Finding.objects.get(id=theirs.finding.id).status == "verified"
    assert not Dispute.objects.exists()
    assert str(theirs.finding.id) not in client.get("/c/report/").content.decode()


def test_a_preliminary_notice_is_shown_with_its_report_copy_and_the_response_is_recorded():
    world = decision_world()
    decision = preliminary(world)
    client = signed_in(world.screening)

    page = client.get("/c/notices/").content.decode()

    assert "预先通知" in page or "Preliminary" in page
    assert REASONS in page
    assert decision.response_deadline.isoformat() in page
    assert "测试：出纳保管现金 (keeps cash)" in page
    assert str(world.finding.id) in page, "the notice carries the copy of the report"
    assert 'name="statement"' in page
    response = client.post(
        "/c/notices/respond/", {"statement": "测试：已于 2025 年 9 月清偿 (paid, fictional)"}
    )
    assert response["Location"] == "/c/notices/"
    assert CandidateResponse.objects.get().statement.reveal().startswith("测试：已于")
    assert Event.objects.filter(event_type="notice.responded").count() == 1
    after = client.get("/c/notices/").content.decode()
    assert "测试：已于 2025 年 9 月清偿" in after


def test_without_a_preliminary_notice_a_response_changes_nothing() -> None:
    world = decision_world()
    client = signed_in(world.screening)

    response = client.post("/c/notices/respond/", {"statement": "测试 (test)"}, follow=True)

    assert "目前没有等待您回应的预先通知" in response.content.decode()
    assert not CandidateResponse.objects.exists()


def _running_screening(consented_at: datetime) -> Screening:
    setup = create_hiring_setup()
    screening = create_consented_screening(setup, create_candidate(setup.organisation))
    Screening.objects.filter(id=screening.id).update(consented_at=consented_at)
    screening.refresh_from_db()
    return screening


def _eta(page: str, code: str) -> str:
    row = page[page.index(f'data-item="{code}"') :]
    return re.search(r'data-eta="([^"]+)"', row[: row.index("</li>")]).group(1)


def test_the_status_page_shows_when_each_check_should_be_done() -> None:
    screening = _running_screening(datetime(2026, 6, 1, 10, 0, tzinfo=SHANGHAI))
    client = signed_in(screening)

    page = client.get("/c/").content.decode()

    assert _eta(page, "identity") == "2026-06-02"
    assert _eta(page, "education") == "2026-06-03"
    assert _eta(page, "civil_litigation") == "2026-06-04"
    assert "预计完成：2026-06-02 前" in page
    assert "撤回同意" in page
    assert "阅读完整的企业信息告知书" in page


def test_a_year_without_calendar_data_gives_date_to_be_confirmed() -> None:
    screening = _running_screening(datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI))
    client = signed_in(screening)

    page = client.get("/c/").content.decode()

    assert _eta(page, "identity") == "2026-12-31"
    assert _eta(page, "education") == "tbc"  # 2027 has no official schedule yet
    assert "预计完成：日期待确认" in page


def _deliver_everything() -> None:
    for delivery_id in Delivery.objects.filter(state="queued").values_list("id", flat=True):
        send_delivery(delivery_id)


def test_the_inbox_lists_messages_newest_first_and_marks_them_read() -> None:
    world = decision_world()
    other = decision_world()
    preliminary(world)
    preliminary(other)
    _deliver_everything()
    client = signed_in(world.screening)

    page = client.get("/c/messages/").content.decode()

    mine = PortalMessage.objects.filter(screening_id=world.screening.id)
    assert mine.count() == 1
    message = mine.get()
    assert f'id="message-{message.id}"' in page
    assert "1 条未读消息" in page
    theirs = PortalMessage.objects.get(screening_id=other.screening.id)
    assert str(theirs.id) not in page
    assert client.post("/c/messages/read/", {"message_id": str(theirs.id)}).status_code == 404
    assert PortalMessage.objects.get(id=theirs.id).read_at is None
    read = client.post("/c/messages/read/", {"message_id": str(message.id)})
    assert read["Location"] == f"/c/messages/#message-{message.id}"
    assert PortalMessage.objects.get(id=message.id).read_at is not None
    assert "0 条未读消息" in client.get("/c/messages/").content.decode()


def test_the_candidate_can_ask_for_a_new_link_and_sign_out() -> None:
    world = decision_world()
    client = signed_in(world.screening)
    PortalAccess.objects.update(issued_at=timezone.now() - timedelta(minutes=10))

    renewed = client.post("/c/access/renew/", follow=True).content.decode()
    again = client.post("/c/access/renew/", follow=True).content.decode()

    assert "我们已通过电子邮件向您发送新的个人链接" in renewed
    assert "几分钟前已通过电子邮件向您发送链接" in again
    assert PortalAccess.objects.filter(revoked_at__isnull=True).count() == 1
    assert client.post("/c/leave/")["Location"] == "/c/left/"
    assert client.get("/c/report/").status_code == 403


def test_the_confirmation_after_consent_emails_the_way_back_in_once() -> None:
    case = invited()
    client = at_the_form(case)

    response = client.post("/c/consent/", answers(case), follow=True)
    again = client.get("/c/confirmation/")

    assert "我们已通过电子邮件向您发送个人链接" in response.content.decode()
    assert "我们已通过电子邮件向您发送个人链接" not in again.content.decode()
    assert PortalAccess.objects.filter(screening=case.screening).count() == 1
    link = load_content(Notification.objects.get(kind="portal.access").content.reveal())
    assert link.link_path.startswith("/c/access/")


def test_no_personal_value_appears_in_any_portal_address() -> None:
    world = decision_world()
    client = signed_in(world.screening)
    candidate = world.screening.candidate
    personal = (candidate.email.reveal(), candidate.phone.reveal(), str(world.screening.id))

    for path in ("/c/", "/c/report/", "/c/notices/", "/c/messages/"):
        page = client.get(path).content.decode()
        for address in re.findall(r'(?:href|action)="([^"]+)"', page):
            assert not any(value in address for value in personal), (path, address)
