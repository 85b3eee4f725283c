"""The candidate portal through HTTP: link, disclosure, notice, consent, status, withdrawal."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from fairscreen.evidence.models import Event
from fairscreen.positions import services as positions
from fairscreen.screenings import services
from fairscreen.screenings.models import (
    Candidate,
    ConsentRecord,
    Invitation,
    ItemState,
    Screening,
    ScreeningStatus,
    ThirdParty,
    ThirdPartyConsent,
)
from fairscreen.screenings.services import ThirdPartyIn
from tests.factories import HiringSetup, create_candidate, create_hiring_setup

pytestmark = pytest.mark.django_db

ITEMS = ("identity", "education", "employment_history", "dishonest_debtor")
FORMER_EMPLOYER = ThirdPartyIn(
    item="employment_history",
    name="测试前雇主有限公司 (Test Former Employer Ltd.)",
    contact="hr@former-employer.example.com",
)


@dataclass(frozen=True)
class Invited:
    setup: HiringSetup
    candidate: Candidate
    screening: Screening
    token: str

    @property
    def name(self) -> str:
        return self.candidate.full_name.reveal()

    @property
    def party(self) -> ThirdParty:
        return self.screening.third_parties.get()


def invited(*, issued_at: datetime | None = None) -> Invited:
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    screening = services.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=list(ITEMS),
        third_parties=[FORMER_EMPLOYER],
    )
    issued = services.issue_invitation(
        access=setup.recruiter, screening_id=screening.id, now=issued_at
    )
    screening.refresh_from_db()
    return Invited(setup=setup, candidate=candidate, screening=screening, token=issued.token)


def opened(case: Invited, client: Client | None = None) -> Client:
    client = client or Client()
    response = client.get(f"/c/invitation/{case.token}/")
    assert response.status_code == 302
    assert response["Location"] == "/c/"
    return client


def read_disclosure_and_notice(client: Client) -> None:
    assert client.post("/c/disclosure/")["Location"] == "/c/notice/"
    page = client.get("/c/notice/").content.decode()
    digest = re.search(r'name="notice_digest" value="([^"]+)"', page).group(1)
    assert client.post("/c/notice/", {"notice_digest": digest})["Location"] == "/c/consent/"


def at_the_form(case: Invited) -> Client:
    client = opened(case)
    read_disclosure_and_notice(client)
    return client


def answers(case: Invited, **overrides: str | None) -> dict[str, str]:
    """Allow everything but the dishonest-debtor list, consent separately, sign correctly."""
    values: dict[str, str | None] = {
        "item__identity": "allow",
        "sensitive__identity": "on",
        "item__education": "allow",
        "item__employment_history": "allow",
        f"party__{case.party.id}": "allow",
        "item__dishonest_debtor": "refuse",
        "signed_name": case.name,
        "notice_digest": case.screening.notice_digest,
        **overrides,
    }
    return {key: value for key, value in values.items() if value is not None}


def item_states(case: Invited) -> dict[str, str]:
    return dict(case.screening.items.values_list("code", "state"))


def nothing_recorded(case: Invited) -> bool:
    return (
        set(item_states(case).values()) == {ItemState.AWAITING_CONSENT}
        and not ConsentRecord.objects.filter(screening=case.screening).exists()
        and not Event.objects.filter(event_type__startswith="consent.granted").exists()
        and case.party.consent == ThirdPartyConsent.PENDING
    )


def payload(event: Event) -> dict[str, object]:
    return json.loads(bytes(event.entry))["payload"]


def test_the_link_opens_once_and_then_answers_410_without_details() -> None:
    case = invited()

    client = opened(case)
    again = Client().get(f"/c/invitation/{case.token}/")

    assert client.get("/c/")["Location"] == "/c/disclosure/"
    assert again.status_code == 410
    page = again.content.decode()
    assert "请向招聘人员索取新链接" in page
    assert "已使用" not in page
    assert "used" not in page.lower()
    assert Event.objects.filter(event_type="consent.invitation_opened").count() == 1


def test_an_expired_or_unknown_link_answers_410_and_opens_nothing() -> None:
    case = invited(issued_at=timezone.now() - timedelta(days=8))
    client = Client()

    expired = client.get(f"/c/invitation/{case.token}/")
    unknown = client.get("/c/invitation/fs-not-a-real-token/")

    assert expired.status_code == unknown.status_code == 410
    assert "请向招聘人员索取新链接" in expired.content.decode()
    assert Invitation.objects.get(screening=case.screening).used_at is None
    assert client.get("/c/").status_code == 403


def test_without_a_session_every_page_explains_how_to_get_in() -> None:
    invited()
    client = Client()

    for path in ("/c/", "/c/disclosure/", "/c/notice/", "/c/consent/", "/c/confirmation/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "邀请链接" in response.content.decode()
    assert client.post("/c/withdraw/").status_code == 403


def test_the_consent_form_is_unreachable_before_the_disclosure_and_the_notice() -> None:
    case = invited()
    client = opened(case)

    assert client.get("/c/consent/")["Location"] == "/c/disclosure/"
    assert client.post("/c/consent/", answers(case))["Location"] == "/c/disclosure/"
    assert client.get("/c/notice/")["Location"] == "/c/disclosure/"
    client.post("/c/disclosure/")
    assert client.get("/c/consent/")["Location"] == "/c/notice/"
    wrong = client.post("/c/notice/", {"notice_digest": "sha256:" + "0" * 64})
    assert wrong["Location"] == "/c/notice/"
    assert client.get("/c/consent/")["Location"] == "/c/notice/"
    assert nothing_recorded(case)

    client.post("/c/notice/", {"notice_digest": case.screening.notice_digest})

    form = client.get("/c/consent/")
    assert form.status_code == 200
    assert 'name="item__identity"' in form.content.decode()


def test_the_form_preselects_nothing_and_names_each_third_party() -> None:
    case = invited()

    page = at_the_form(case).get("/c/consent/").content.decode()

    assert "checked" not in page
    assert FORMER_EMPLOYER.name in page
    assert FORMER_EMPLOYER.contact in page
    assert 'name="sensitive__identity"' in page
    assert 'name="sensitive__education"' not in page
    assert case.screening.notice_digest in page


def test_missing_choices_are_shown_by_their_fields_and_nothing_is_recorded() -> None:
    case = invited()
    client = at_the_form(case)

    response = client.post(
        "/c/consent/",
        answers(
            case,
            item__education=None,
            item__dishonest_debtor=None,
            **{f"party__{case.party.id}": None},
        ),
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert page.count("请选择允许或拒绝此项核查。") == 2
    assert "请选择是否允许联系该方。" in page
    education = page[page.index('id="choice-education"') :]
    assert education.index("请选择允许或拒绝此项核查。") < education.index("</fieldset>")
    assert re.search(r'class="card choice invalid" id="choice-education"', page)
    assert not re.search(r'class="card choice invalid" id="choice-identity"', page)
    assert nothing_recorded(case)


def test_a_wrong_typed_name_is_refused_and_not_echoed() -> None:
    case = invited()
    client = at_the_form(case)

    response = client.post("/c/consent/", answers(case, signed_name="测试冒名者"))

    assert response.status_code == 422
    page = response.content.decode()
    assert "姓名不一致" in page
    assert "测试冒名者" not in page
    assert nothing_recorded(case)


def test_a_sensitive_item_without_its_separate_checkbox_is_refused() -> None:
    case = invited()
    client = at_the_form(case)

    response = client.post("/c/consent/", answers(case, sensitive__identity=None))

    assert response.status_code == 422
    page = response.content.decode()
    identity = page[page.index('id="choice-identity"') :]
    problem = "敏感个人信息：如允许此项，还须勾选单独同意"
    assert identity.index(problem) < identity.index("</fieldset>")
    assert page.count(problem) == 1
    assert nothing_recorded(case)


def test_a_choice_outside_allow_or_refuse_is_refused() -> None:
    case = invited()
    client = at_the_form(case)

    response = client.post("/c/consent/", answers(case, item__identity="maybe"))

    assert response.status_code == 422
    assert nothing_recorded(case)


def test_consent_records_each_choice_and_the_evidence_then_confirms_it() -> None:
    case = invited()
    client = at_the_form(case)

    response = client.post("/c/consent/", answers(case))

    assert response.status_code == 302
    assert response["Location"] == "/c/confirmation/"
    assert item_states(case) == {
        "identity": ItemState.CONSENTED,
        "education": ItemState.CONSENTED,
        "employment_history": ItemState.CONSENTED,
        "dishonest_debtor": ItemState.REFUSED,
    }
    assert case.screening.items.get(code="identity").sensitive_consent is True
    assert case.party.consent == ThirdPartyConsent.GRANTED
    record = ConsentRecord.objects.get(screening=case.screening)
    assert record.notice_digest == case.screening.notice_digest
    assert record.language == "zh-hans"
    event = Event.objects.get(event_type="consent.granted")
    assert event.actor == f"candidate:{case.candidate.id}"
    assert payload(event)["refused"] == ["dishonest_debtor"]
    assert payload(event)["notice_digest"] == case.screening.notice_digest

    confirmation = client.get("/c/confirmation/").content.decode()
    assert "感谢您，您的选择已记录" in confirmation
    assert case.screening.notice_digest in confirmation
    assert "拒绝 — 不会核查" in confirmation
    assert 'action="/c/withdraw/"' in confirmation
    status = client.get("/c/")
    assert status.status_code == 200
    assert "撤回同意" in status.content.decode()


def test_a_refused_item_is_never_offered_again() -> None:
    case = invited()
    client = at_the_form(case)
    client.post("/c/consent/", answers(case))

    assert client.get("/c/consent/")["Location"] == "/c/"
    again = client.post("/c/consent/", answers(case, item__dishonest_debtor="allow"))

    assert again["Location"] == "/c/"
    assert item_states(case)["dishonest_debtor"] == ItemState.REFUSED
    assert ConsentRecord.objects.filter(screening=case.screening).count() == 1
    assert 'name="item__dishonest_debtor"' not in client.get("/c/").content.decode()


def test_refusing_everything_is_shown_as_declined_without_a_withdraw_button() -> None:
    case = invited()
    client = at_the_form(case)

    client.post(
        "/c/consent/",
        answers(
            case,
            item__identity="refuse",
            sensitive__identity=None,
            item__education="refuse",
            item__employment_history="refuse",
            **{f"party__{case.party.id}": None},
        ),
    )

    case.screening.refresh_from_db()
    assert case.screening.status == ScreeningStatus.DECLINED
    page = client.get("/c/").content.decode()
    assert "您已拒绝本次背景调查" in page
    assert 'action="/c/withdraw/"' not in page
    assert client.post("/c/withdraw/")["Location"] == "/c/"
    assert not Event.objects.filter(event_type="consent.withdrawn").exists()


def test_withdrawal_stops_every_pending_check_and_is_recorded() -> None:
    case = invited()
    client = at_the_form(case)
    client.post("/c/consent/", answers(case))
    services.start_check(
        access=case.setup.analyst, screening_id=case.screening.id, code="education"
    )

    response = client.post("/c/withdraw/")

    assert response["Location"] == "/c/withdrawn/"
    assert item_states(case) == {
        "identity": ItemState.STOPPED,
        "education": ItemState.STOPPED,
        "employment_history": ItemState.STOPPED,
        "dishonest_debtor": ItemState.REFUSED,
    }
    event = Event.objects.get(event_type="consent.withdrawn")
    assert event.actor == f"candidate:{case.candidate.id}"
    assert payload(event)["stopped"] == ["education", "employment_history", "identity"]
    result = client.get("/c/withdrawn/").content.decode()
    assert "所有未完成的核查均已停止" in result
    assert "学历学位核验" in result
    status = client.get("/c/").content.decode()
    assert "您已撤回同意" in status
    assert "不会联系：该项核查已停止" in status
    assert "允许联系" not in status
    assert 'action="/c/withdraw/"' not in status
    assert client.post("/c/withdraw/")["Location"] == "/c/"
    assert Event.objects.filter(event_type="consent.withdrawn").count() == 1


def test_a_withdrawal_made_by_phone_before_consent_ends_the_flow() -> None:
    case = invited()
    client = opened(case)
    client.post("/c/disclosure/")

    services.record_withdrawal_for_candidate(
        access=case.setup.recruiter, screening_id=case.screening.id
    )

    assert client.get("/c/consent/")["Location"] == "/c/"
    status = client.get("/c/")
    assert status.status_code == 200
    page = status.content.decode()
    assert "您已撤回同意" in page
    assert "签署时间" not in page
    assert 'name="item__identity"' not in page


def test_the_withdrawn_page_is_only_shown_after_a_withdrawal() -> None:
    case = invited()
    client = at_the_form(case)
    client.post("/c/consent/", answers(case))

    assert client.get("/c/withdrawn/")["Location"] == "/c/"


def test_no_address_carries_personal_data_or_the_screening() -> None:
    case = invited()
    client = Client()
    addresses = [f"/c/invitation/{case.token}/"]

    def visit(response) -> None:
        if response.has_header("Location"):
            addresses.append(response["Location"])
        addresses.extend(re.findall(r'(?:href|action)="([^"]*)"', response.content.decode()))

    visit(client.get(addresses[0]))
    for path in ("/c/", "/c/disclosure/", "/c/notice/"):
        visit(client.get(path, follow=False))
    visit(client.post("/c/disclosure/"))
    visit(client.post("/c/notice/", {"notice_digest": case.screening.notice_digest}))
    visit(client.get("/c/consent/"))
    visit(client.post("/c/consent/", answers(case, signed_name="测试冒名者")))
    visit(client.post("/c/consent/", answers(case)))
    visit(client.get("/c/confirmation/"))
    visit(client.post("/c/withdraw/"))
    visit(client.get("/c/withdrawn/"))

    personal = [
        case.name,
        case.candidate.id_number.reveal(),
        case.candidate.phone.reveal(),
        case.candidate.email.reveal(),
        FORMER_EMPLOYER.name,
        FORMER_EMPLOYER.contact,
        str(case.screening.id),
        str(case.candidate.id),
    ]
    assert len(addresses) > 15
    for address in addresses:
        for value in personal:
            assert value not in address
            assert quote(value) not in address


def test_a_session_for_one_screening_cannot_read_or_touch_another() -> None:
    mine, theirs = invited(), invited()
    other_party = theirs.party
    client = at_the_form(mine)
    opened(theirs)  # someone else's session, in another browser

    pages = "".join(client.get(path).content.decode() for path in ("/c/notice/", "/c/consent/"))
    forged = answers(mine, **{f"party__{other_party.id}": "refuse"})
    client.post("/c/consent/", forged)

    assert FORMER_EMPLOYER.name in pages
    assert str(other_party.id) not in pages
    assert theirs.screening.notice_digest not in pages
    assert ConsentRecord.objects.filter(screening=theirs.screening).count() == 0
    assert set(item_states(theirs).values()) == {ItemState.AWAITING_CONSENT}
    assert ThirdParty.objects.get(id=other_party.id).consent == ThirdPartyConsent.PENDING
    assert ConsentRecord.objects.filter(screening=mine.screening).count() == 1


def test_a_new_link_opened_in_the_same_browser_replaces_the_old_session() -> None:
    first, second = invited(), invited()
    client = at_the_form(first)

    opened(second, client)

    assert client.get("/c/")["Location"] == "/c/disclosure/"
    assert client.get("/c/consent/")["Location"] == "/c/disclosure/"
    client.post("/c/disclosure/")
    notice = client.get("/c/notice/").content.decode()
    assert second.screening.notice_digest in notice
    assert first.screening.notice_digest not in notice


def test_a_changed_notice_must_be_read_again_before_consenting() -> None:
    case = invited()
    client = at_the_form(case)
    positions.update_organisation_disclosure(
        access=case.setup.hr_admin, texts={"privacy_contact": "dpo@example.com"}
    )
    services.issue_invitation(access=case.setup.recruiter, screening_id=case.screening.id)
    case.screening.refresh_from_db()

    stale = client.post("/c/consent/", answers(case))

    assert stale["Location"] == "/c/notice/"
    assert nothing_recorded(case)
    notice = client.get("/c/notice/").content.decode()
    assert "dpo@example.com" in notice
    client.post("/c/notice/", {"notice_digest": case.screening.notice_digest})
    assert client.post("/c/consent/", answers(case))["Location"] == "/c/confirmation/"


def test_the_pages_follow_the_language_switch() -> None:
    case = invited()
    client = opened(case)

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/c/disclosure/"})
    english = client.get("/c/disclosure/").content.decode()
    client.post("/c/disclosure/")
    notice = client.get("/c/notice/").content.decode()

    assert switched["Location"] == "/c/disclosure/"
    assert "About the employer and the position" in english
    assert "Identity verification" in notice
    assert "身份核验" not in notice
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/c/notice/"})
    assert "身份核验" in client.get("/c/notice/").content.decode()
