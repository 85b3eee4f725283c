"""Screenings through the console: ordering within the profile, the link, withdrawal, the gate."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from fairscreen.accounts.roles import Role
from fairscreen.evidence.models import Event
from fairscreen.positions import services as positions
from fairscreen.screenings import services
from fairscreen.screenings.models import Invitation, Screening, ScreeningItem, ThirdParty
from fairscreen.screenings.services import ConsentChoices
from fairscreen.screenings.services._invitations import token_hash
from tests.factories import create_candidate, create_hiring_setup, create_team_member

pytestmark = pytest.mark.django_db

REFEREE = {"name": "测试证明人 (test referee)", "contact": "referee@example.com"}


def signed_in(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def as_client(access, language: str = "zh-hans") -> Client:
    return signed_in(access.principal.user, language)


def order_url(setup, candidate) -> str:
    query = urlencode({"candidate": candidate.id, "position": setup.position_id})
    return f"/o/{setup.organisation.id}/screenings/order/?{query}"


def software_setup():
    """A general position: identity, education, employment history and a referee interview."""
    setup = create_hiring_setup(template_key="software_engineer")
    return setup, create_candidate(setup.organisation)


def full_order(**overrides: object) -> dict[str, object]:
    return {
        "items": ["identity", "education", "employment_history", "reference_interview"],
        "employment_history-1-name": "测试前雇主有限公司 (test former employer)",
        "employment_history-1-contact": "hr@former.example.com",
        "reference_interview-1-name": REFEREE["name"],
        "reference_interview-1-contact": REFEREE["contact"],
        **overrides,
    }


def ordered_screening(setup, candidate, items=("identity", "education")) -> Screening:
    return services.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=list(items),
    )


def consented(setup, candidate, *, granted=("identity", "education"), sensitive=("identity",)):
    screening = ordered_screening(setup, candidate)
    services.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    screening.refresh_from_db()
    codes = {"identity", "education"}
    services.record_consent(
        screening_id=screening.id,
        choices=ConsentChoices(
            granted=frozenset(granted),
            refused=frozenset(codes - set(granted)),
            sensitive_confirmed=frozenset(sensitive),
        ),
        signed_name=candidate.full_name.reveal(),
        notice_digest=screening.notice_digest,
        language="zh-hans",
    )
    return screening


@pytest.mark.parametrize(
    ("role", "listing", "ordering"),
    [
        (Role.RECRUITER, 200, 200),
        (Role.HR_ADMIN, 200, 200),
        (Role.REVIEWER, 200, 403),
        (Role.DPO, 200, 403),
        (Role.ANALYST, 200, 403),
        (Role.APPROVER, 403, 403),
        (Role.AUDITOR, 403, 403),
    ],
)
def test_the_pages_check_roles(make_member, role, listing, ordering) -> None:
    setup, candidate = software_setup()
    screening = ordered_screening(setup, candidate)
    client = signed_in(create_team_member(setup, role))
    base = f"/o/{setup.organisation.id}/screenings/"

    assert client.get(base).status_code == listing
    assert client.get(f"{base}{screening.id}/").status_code == listing
    assert client.get(f"{base}order/").status_code == ordering
    assert client.get(order_url(setup, candidate)).status_code == ordering


@pytest.mark.parametrize(
    ("role", "invitation", "withdrawal", "check"),
    [
        (Role.REVIEWER, 403, 403, 403),
        (Role.ANALYST, 403, 403, 302),
        (Role.DPO, 403, 302, 403),
        (Role.AUDITOR, 403, 403, 403),
    ],
)
def test_actions_check_roles_and_change_nothing_when_refused(
    make_member, role, invitation, withdrawal, check
) -> None:
    setup, candidate = software_setup()
    screening = ordered_screening(setup, candidate)
    client = signed_in(create_team_member(setup, role))
    base = f"/o/{setup.organisation.id}/screenings/{screening.id}/"

    responses = (
        client.post(f"{base}invitation/"),
        client.post(f"{base}withdrawal/", {"confirmed": "on"}),
        client.post(f"{base}checks/identity/start/"),
    )

    assert [response.status_code for response in responses] == [invitation, withdrawal, check]
    assert not Invitation.objects.filter(screening=screening).exists()
    if withdrawal == 403:
        assert Screening.objects.get(id=screening.id).status == "awaiting_consent"
    assert not ScreeningItem.objects.filter(screening=screening, state="running").exists()


def test_another_organisations_screenings_do_not_exist_for_you() -> None:
    setup, candidate = software_setup()
    theirs = ordered_screening(setup, candidate)
    ours = create_hiring_setup(template_key="software_engineer")
    recruiter, analyst = as_client(ours.recruiter), as_client(ours.analyst)
    base = f"/o/{ours.organisation.id}/screenings/{theirs.id}/"

    responses = (
        recruiter.get(base),
        recruiter.post(f"{base}invitation/"),
        recruiter.post(f"{base}withdrawal/", {"confirmed": "on"}),
        analyst.post(f"{base}checks/identity/start/"),
        recruiter.get(f"/o/{setup.organisation.id}/screenings/"),
        recruiter.get(
            f"/o/{ours.organisation.id}/screenings/order/?"
            + urlencode({"candidate": candidate.id, "position": setup.position_id})
        ),
    )

    assert [response.status_code for response in responses[:5]] == [404] * 5
    assert responses[5].status_code == 422  # neither choice is offered: step one again
    assert not Invitation.objects.exists()
    assert Screening.objects.get(id=theirs.id).status == "awaiting_consent"


def test_ordering_offers_exactly_the_profiles_items_with_their_necessity() -> None:
    setup, candidate = software_setup()
    client = as_client(setup.recruiter)

    start = client.get(f"/o/{setup.organisation.id}/screenings/order/").content.decode()
    items = client.get(order_url(setup, candidate)).content.decode()

    assert str(candidate.id) in start
    assert str(setup.position_id) in start
    offered = re.findall(r'name="items" value="([a-z_]+)"', items)
    assert offered == ["identity", "education", "employment_history", "reference_interview"]
    assert "敏感：需单独同意" in items
    assert "criminal_record" not in items
    assert items.count('name="employment_history-') == 6  # three name/contact rows


def test_a_recruiter_orders_a_screening_with_third_parties() -> None:
    setup, candidate = software_setup()
    client = as_client(setup.recruiter)

    ordered = client.post(order_url(setup, candidate), full_order(), follow=True)

    screening = Screening.objects.get()
    assert ordered.redirect_chain[-1][0] == f"/o/{setup.organisation.id}/screenings/{screening.id}/"
    page = ordered.content.decode()
    assert "背景调查已发起" in page
    assert REFEREE["name"] in page
    assert REFEREE["contact"] in page
    assert sorted(screening.items.values_list("code", flat=True)) == [
        "education",
        "employment_history",
        "identity",
        "reference_interview",
    ]
    assert ThirdParty.objects.filter(screening=screening).count() == 2
    assert screening.profile_version.profile_id == setup.profile_id


@pytest.mark.parametrize(
    ("tampered", "chinese", "english"),
    [
        (
            "criminal_record",
            "岗位风险档案不允许核查“刑事犯罪记录”",
            "“Criminal record” is not permitted by the position's risk profile.",
        ),
        (
            "sex",
            "“性别”属于受保护事项，任何情况下都不得核查",
            "“Sex” is a protected ground and can never be checked.",
        ),
        (
            "horoscope",
            "核查项目目录中没有“horoscope”",
            "There is no check item “horoscope” in the catalogue.",
        ),
    ],
)
def test_a_tampered_order_shows_the_refusal_and_creates_nothing(tampered, chinese, english):
    setup, candidate = software_setup()
    tampered_order = full_order(items=["identity", tampered])
    events_before = Event.objects.count()

    refused = as_client(setup.recruiter).post(order_url(setup, candidate), tampered_order)
    refused_en = as_client(setup.recruiter, "en").post(order_url(setup, candidate), tampered_order)

    assert refused.status_code == 422
    assert chinese in refused.content.decode()
    assert english in html.unescape(refused_en.content.decode())
    assert 'id="order-errors"' in refused.content.decode()
    assert 'value="hr@former.example.com"' not in refused.content.decode()  # contacts not echoed
    assert not Screening.objects.exists()
    assert not ThirdParty.objects.exists()
    assert Event.objects.count() == events_before


def test_a_third_party_item_without_anyone_to_ask_is_refused() -> None:
    setup, candidate = software_setup()
    client = as_client(setup.recruiter)

    nobody = client.post(
        order_url(setup, candidate),
        full_order(**{"reference_interview-1-name": "", "reference_interview-1-contact": ""}),
    )
    half = client.post(
        order_url(setup, candidate), full_order(**{"reference_interview-1-contact": ""})
    )
    empty = client.post(order_url(setup, candidate), {"items": []})

    assert nobody.status_code == 422
    assert "请为“证明人访谈”至少填写一个联系人或单位" in nobody.content.decode()
    assert half.status_code == 422
    assert "必填，最多 200 个字符" in half.content.decode()
    assert empty.status_code == 422
    assert "请至少选择一个核查项目" in empty.content.decode()
    assert not Screening.objects.exists()


def test_the_invitation_link_is_shown_once() -> None:
    setup, candidate = software_setup()
    screening = ordered_screening(setup, candidate)
    client = as_client(setup.recruiter)
    url = f"/o/{setup.organisation.id}/screenings/{screening.id}/"

    issued = client.post(f"{url}invitation/")
    revisited = client.get(f"{url}invitation/")  # e.g. the language switch returning here
    later = client.get(url).content.decode()

    page = issued.content.decode()
    link = re.search(
        r'id="invitation-link"><a href="(http://testserver/c/invitation/([^/"]+)/)"', page
    )
    assert issued.status_code == 200
    assert link is not None
    token = link.group(2)
    assert "no-store" in issued["Cache-Control"]
    assert revisited.status_code == 302
    assert revisited["Location"] == url
    assert Invitation.objects.filter(screening=screening).count() == 1
    assert token not in later
    assert 'id="invitation-link"' not in later
    assert "尚未打开" in later
    assert Invitation.objects.get(screening=screening).token_hash == token_hash(token)
    assert Screening.objects.get(id=screening.id).notice_digest in later
    assert services.open_invitation(token=token).id == screening.id


def test_an_incomplete_disclosure_stops_the_invitation_with_a_message(make_organisation):
    setup, candidate = software_setup()
    positions.update_organisation_disclosure(
        access=setup.hr_admin, texts={"legal_name": "", "privacy_contact": ""}
    )
    screening = ordered_screening(setup, candidate)

    refused = as_client(setup.recruiter).post(
        f"/o/{setup.organisation.id}/screenings/{screening.id}/invitation/", follow=True
    )

    page = refused.content.decode()
    assert "以下内容填写完整之前，无法发出授权告知书：企业名称, 个人信息保护联系人" in page
    assert 'id="invitation-link"' not in page
    assert not Invitation.objects.exists()


def test_a_recorded_withdrawal_needs_a_confirmation_and_stops_pending_checks() -> None:
    setup, candidate = software_setup()
    screening = consented(setup, candidate, granted=("identity",))
    client = as_client(setup.recruiter)
    url = f"/o/{setup.organisation.id}/screenings/{screening.id}/withdrawal/"

    unconfirmed = client.post(url, {})
    still = Screening.objects.get(id=screening.id).status
    confirmed = client.post(url, {"confirmed": "on"}, follow=True)
    again = client.post(url, {"confirmed": "on"})

    assert unconfirmed.status_code == 422
    assert still == "active"
    assert "已登记撤回授权" in confirmed.content.decode()
    states = dict(ScreeningItem.objects.filter(screening=screening).values_list("code", "state"))
    assert states == {"identity": "stopped", "education": "refused"}
    assert Screening.objects.get(id=screening.id).status == "withdrawn"
    assert Event.objects.filter(event_type="consent.withdrawn").count() == 1
    assert again.status_code == 302  # nothing left to withdraw: a message, no second event
    assert Event.objects.filter(event_type="consent.withdrawn").count() == 1


def test_an_analyst_starts_only_what_the_gate_lets_through() -> None:
    setup, candidate = software_setup()
    screening = consented(setup, candidate, granted=("identity", "education"))
    client = as_client(setup.analyst)
    base = f"/o/{setup.organisation.id}/screenings/{screening.id}/"

    page = client.get(base).content.decode()
    started = client.post(f"{base}checks/education/start/", follow=True)
    twice = client.post(f"{base}checks/education/start/", follow=True)
    not_ordered = client.post(f"{base}checks/driving_record/start/", follow=True)
    services.record_withdrawal_for_candidate(access=setup.recruiter, screening_id=screening.id)
    withdrawn = client.post(f"{base}checks/identity/start/", follow=True)

    assert page.count("开始核查") == 2  # both consented items
    assert "“学历学位核验”核查已开始" in started.content.decode()
    assert "“学历学位核验”不能开始核查：已经在核查中" in twice.content.decode()
    assert "该背景调查没有发起“驾驶记录”核查" in not_ordered.content.decode()
    assert "“身份核验”不能开始核查：授权已撤回或核查已停止" in withdrawn.content.decode()
    assert "开始核查" not in withdrawn.content.decode().split('id="items"')[1]
    states = dict(ScreeningItem.objects.filter(screening=screening).values_list("code", "state"))
    assert states == {"identity": "stopped", "education": "stopped"}


def test_a_narrowed_profile_stops_a_check_already_consented() -> None:
    setup, candidate = software_setup()
    screening = consented(setup, candidate)
    current = screening.profile_version.profile_spec()
    narrowed = current.to_json() | {
        "items": [item for item in current.to_json()["items"] if item["code"] != "education"],
        "relevance": [c for c in current.relevance if not c.startswith("education.")],
    }
    from fairscreen.domain import scope

    positions.propose_profile_version(
        access=setup.hr_admin,
        profile_id=setup.profile_id,
        spec=scope.ProfileSpec.from_json(narrowed),
    )

    refused = as_client(setup.analyst, "en").post(
        f"/o/{setup.organisation.id}/screenings/{screening.id}/checks/education/start/",
        follow=True,
    )

    assert (
        "“Education and degree verification” may not start: the position's risk profile no "
        "longer permits it." in html.unescape(refused.content.decode())
    )
    assert ScreeningItem.objects.get(screening=screening, code="education").state == "consented"


def test_the_list_and_the_screening_page_render_in_both_languages() -> None:
    setup, candidate = software_setup()
    screening = consented(setup, candidate, granted=("identity",))

    chinese = as_client(setup.recruiter).get(f"/o/{setup.organisation.id}/screenings/")
    english = as_client(setup.recruiter, "en").get(
        f"/o/{setup.organisation.id}/screenings/{screening.id}/"
    )

    listing, page = chinese.content.decode(), english.content.decode()
    assert candidate.full_name.reveal() in listing
    assert "已授权，可开展核查" in listing
    assert f'data-screening="{screening.id}"' in listing
    assert "Consented; checks may run" in page
    assert "Refused by the candidate" in page
    assert "Notice digest" in page
    assert "sha256:" in page
    assert "Record withdrawal" in page
    assert "Issue invitation" not in page  # consent was given: no new link
