"""The screenings API through HTTP: nothing outside the profile or the consent is ever
ordered or run — also after the profile narrows mid-screening or the candidate withdraws."""

from __future__ import annotations

import copy
import json
from uuid import UUID

import pytest
from django.test import Client

from fairscreen.accounts.roles import Role
from fairscreen.domain import scope
from fairscreen.evidence.models import Event
from fairscreen.screenings import services
from fairscreen.screenings.models import Candidate, Screening, ScreeningItem, ThirdParty
from fairscreen.screenings.services import ConsentChoices
from tests.factories import create_candidate, create_hiring_setup

pytestmark = pytest.mark.django_db

FORMER_EMPLOYER = {
    "item": "employment_history",
    "name": "测试前雇主有限公司 (Test Former Employer Ltd.)",
    "contact": "hr@former-employer.example.com",
}


def by_token(token) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token.plaintext}")


def post(client: Client, url: str, body: dict | None = None):
    return client.post(url, body or {}, content_type="application/json")


class Desk:
    """One organisation's hiring desk: a client per role, a position and a candidate."""

    def __init__(self, make_token, template_key: str = "finance_manager") -> None:
        self.setup = create_hiring_setup(template_key=template_key)
        organisation = self.setup.organisation
        self.candidate = create_candidate(organisation)
        self.base = f"/api/v1/orgs/{organisation.id}"
        self.recruiter = by_token(make_token(organisation, Role.RECRUITER))
        self.hr = by_token(make_token(organisation, Role.HR_ADMIN))
        self.analyst = by_token(make_token(organisation, Role.ANALYST))
        self.auditor = by_token(make_token(organisation, Role.AUDITOR))

    def order(self, items, third_parties=(), candidate_id=None, position_id=None):
        return post(
            self.recruiter,
            f"{self.base}/screenings",
            {
                "candidate_id": str(candidate_id or self.candidate.id),
                "position_id": str(position_id or self.setup.position_id),
                "items": list(items),
                "third_parties": list(third_parties),
            },
        )

    def ordered(self, items, third_parties=()) -> str:
        response = self.order(items, third_parties)
        assert response.status_code == 201, response.content
        return response.json()["id"]

    def invite(self, screening_id: str):
        return post(self.recruiter, f"{self.base}/screenings/{screening_id}/invitations")

    def consented(self, items, refused=()) -> str:
        """Ordered, invited, opened and signed by the candidate, refusing `refused`."""
        screening_id = self.ordered([*items, *refused])
        token = self.invite(screening_id).json()["url"].rstrip("/").rsplit("/", 1)[-1]
        services.open_invitation(token=token)
        screening = Screening.objects.get(id=screening_id)
        granted = frozenset(items)
        services.record_consent(
            screening_id=screening.id,
            choices=ConsentChoices(
                granted=granted,
                refused=frozenset(refused),
                sensitive_confirmed=frozenset(
                    code for code in granted if scope.CATALOGUE.item(code).sensitive
                ),
            ),
            signed_name=str(self.candidate.full_name.reveal()),
            notice_digest=screening.notice_digest,
            language="zh-hans",
        )
        return screening_id

    def start(self, screening_id: str, code: str, client: Client | None = None):
        return post(
            client or self.analyst, f"{self.base}/screenings/{screening_id}/items/{code}/start"
        )


@pytest.fixture
def desk(make_token) -> Desk:
    return Desk(make_token)


def rows() -> tuple[int, ...]:
    return (
        Screening.objects.count(),
        ScreeningItem.objects.count(),
        ThirdParty.objects.count(),
        Event.objects.count(),
    )


def personal_values(candidate: Candidate) -> list[str]:
    return [
        str(candidate.full_name.reveal()),
        str(candidate.phone.reveal()),
        str(candidate.email.reveal()),
        FORMER_EMPLOYER["name"],
        FORMER_EMPLOYER["contact"],
    ]


def test_a_recruiter_orders_and_the_invitation_token_is_shown_only_once(desk) -> None:
    ordered = desk.order(["identity", "employment_history", "education"], [FORMER_EMPLOYER])
    screening_id = ordered.json()["id"]
    before_invitation = desk.recruiter.get(f"{desk.base}/screenings/{screening_id}/notice")

    invited = desk.invite(screening_id)
    link = invited.json()["url"]
    token = link.rstrip("/").rsplit("/", 1)[-1]
    later = [
        desk.recruiter.get(f"{desk.base}/screenings"),
        desk.recruiter.get(f"{desk.base}/screenings/{screening_id}"),
        desk.recruiter.get(f"{desk.base}/screenings/{screening_id}/notice"),
        desk.analyst.get(f"{desk.base}/screenings/{screening_id}"),
        desk.recruiter.get("/api/v1/openapi.json"),
    ]

    body = ordered.json()
    assert ordered.status_code == 201
    assert [item["code"] for item in body["items"]] == [
        "identity",
        "education",
        "employment_history",
    ]
    assert {item["state"] for item in body["items"]} == {"awaiting_consent"}
    assert body["third_parties"][0]["name"] == FORMER_EMPLOYER["name"]
    assert body["third_parties"][0]["consent"] == "pending"
    assert body["notice_digest"] is None
    assert before_invitation.status_code == 409
    assert before_invitation.json()["code"] == "notice_not_issued"
    assert invited.status_code == 201
    assert invited["Cache-Control"] == "no-store"
    assert link == f"http://testserver/c/invitation/{token}/"
    assert len(token) >= 40
    assert invited.json()["expires_at"]
    assert all(response.status_code == 200 for response in later)
    assert all(token not in response.content.decode() for response in later)
    detail, notice = later[1].json(), later[2].json()
    assert notice["notice_digest"] == detail["notice_digest"]
    assert notice["notice_digest"].startswith("sha256:")
    assert notice["notice"]
    assert detail["invitation_expires_at"] == invited.json()["expires_at"]
    assert detail["invitation_used_at"] is None
    assert services.open_invitation(token=token).id == UUID(screening_id)
    assert Event.objects.filter(event_type="screening.ordered").count() == 1
    assert Event.objects.filter(event_type="consent.invitation_issued").count() == 1


@pytest.mark.parametrize(
    ("items", "code", "item"),
    [
        (["identity", "credit_report"], "item_not_in_profile", "credit_report"),
        (["identity", "marital_status"], "protected_ground", "marital_status"),
        (["ethnicity"], "protected_ground", "ethnicity"),
        (["employment_history", "horoscope"], "unknown_check_item", "horoscope"),
        ([], "empty_order", None),
    ],
)
def test_nothing_outside_the_profile_can_ever_be_ordered(make_token, items, code, item) -> None:
    desk = Desk(make_token, template_key="software_engineer")
    before = rows()

    response = desk.order(items, [FORMER_EMPLOYER])

    body = response.json()
    assert response.status_code == 422
    assert body["code"] == code
    assert body["details"].get("item") == item
    assert rows() == before
    assert not any(value in response.content.decode() for value in personal_values(desk.candidate))


def test_third_parties_must_match_what_is_ordered_and_are_never_echoed(desk) -> None:
    before = rows()

    unnamed = desk.order(["identity", "employment_history"])
    misplaced = desk.order(["identity"], [FORMER_EMPLOYER])
    too_long = desk.order(
        ["employment_history"], [{**FORMER_EMPLOYER, "name": "测试" + "长" * 120}]
    )

    assert unnamed.status_code == 422
    assert "items.employment_history" in unnamed.json()["details"]
    assert misplaced.status_code == 422
    assert "third_parties[0].item" in misplaced.json()["details"]
    assert too_long.status_code == 422
    assert "长" * 20 not in too_long.content.decode()
    for response in (unnamed, misplaced, too_long):
        assert not any(
            value in response.content.decode() for value in personal_values(desk.candidate)
        )
    assert rows() == before


def test_a_profile_narrowed_mid_screening_stops_the_removed_item(desk) -> None:
    screening_id = desk.consented(["identity", "education", "credit_report"])
    spec = copy.deepcopy(desk.hr.get(f"{desk.base}/profiles/{desk.setup.profile_id}").json())
    narrowed_spec = spec["current"]["spec"]
    narrowed_spec["items"] = [
        entry for entry in narrowed_spec["items"] if entry["code"] != "credit_report"
    ]

    narrowed = post(
        desk.hr,
        f"{desk.base}/profiles/{desk.setup.profile_id}/versions",
        {"spec": narrowed_spec, "change_note": "不再查征信 (no credit report)"},
    )
    removed = desk.start(screening_id, "credit_report")
    kept = desk.start(screening_id, "identity")
    again = desk.start(screening_id, "identity")

    assert narrowed.status_code == 201
    assert narrowed.json()["status"] == "approved"
    assert removed.status_code == 409
    assert removed.json()["code"] == "check_not_runnable"
    assert removed.json()["details"] == {"item": "credit_report", "reason": "removed_from_profile"}
    assert kept.status_code == 200
    assert kept.json()["state"] == "running"
    assert again.json()["details"]["reason"] == "already_running"
    assert ScreeningItem.objects.get(screening_id=screening_id, code="credit_report").state == (
        "consented"
    )
    assert Event.objects.filter(event_type="check.started").count() == 1
    for response in (removed, again):
        assert not any(
            value in response.content.decode() for value in personal_values(desk.candidate)
        )


def test_a_refused_or_unordered_item_never_runs(desk) -> None:
    screening_id = desk.consented(["identity"], refused=["education"])

    refused = desk.start(screening_id, "education")
    unordered = desk.start(screening_id, "criminal_record")
    shown = desk.analyst.get(f"{desk.base}/screenings/{screening_id}").json()

    assert refused.status_code == 409
    assert refused.json()["details"]["reason"] == "refused"
    assert unordered.status_code == 409
    assert unordered.json()["code"] == "item_not_ordered"
    assert {item["code"]: item["state"] for item in shown["items"]} == {
        "identity": "consented",
        "education": "refused",
    }
    assert not Event.objects.filter(event_type="check.started").exists()


def test_a_withdrawal_recorded_by_staff_stops_every_pending_check(desk) -> None:
    screening_id = desk.consented(["identity", "education", "dishonest_debtor"])
    assert desk.start(screening_id, "identity").status_code == 200

    withdrawn = post(desk.recruiter, f"{desk.base}/screenings/{screening_id}/withdrawal")
    after = [desk.start(screening_id, code) for code in ("identity", "education")]
    twice = post(desk.recruiter, f"{desk.base}/screenings/{screening_id}/withdrawal")

    body = withdrawn.json()
    event = Event.objects.get(event_type="consent.withdrawn")
    assert withdrawn.status_code == 200
    assert body["status"] == "withdrawn"
    assert body["withdrawn_at"]
    assert {item["state"] for item in body["items"]} == {"stopped"}
    assert [response.status_code for response in after] == [409, 409]
    assert {response.json()["details"]["reason"] for response in after} == {"withdrawn_or_stopped"}
    assert twice.status_code == 409
    assert twice.json()["code"] == "consent_closed"
    assert json.loads(bytes(event.entry))["payload"]["stopped"] == [
        "dishonest_debtor",
        "education",
        "identity",
    ]
    assert event.actor.startswith("api_token:")


@pytest.mark.parametrize(
    ("role", "action"),
    [
        (Role.ANALYST, "order"),
        (Role.REVIEWER, "order"),
        (Role.ANALYST, "invite"),
        (Role.DPO, "invite"),
        (Role.RECRUITER, "start"),
        (Role.HR_ADMIN, "start"),
        (Role.ANALYST, "withdraw"),
        (Role.AUDITOR, "read"),
        (Role.APPROVER, "read"),
    ],
)
def test_roles_are_enforced_and_a_refusal_changes_nothing(desk, make_token, role, action) -> None:
    screening_id = desk.consented(["identity"])
    client = by_token(make_token(desk.setup.organisation, role))
    before = rows()
    states = list(ScreeningItem.objects.values_list("state", flat=True))
    base = f"{desk.base}/screenings"
    requests = {
        "order": lambda: post(
            client,
            base,
            {
                "candidate_id": str(desk.candidate.id),
                "position_id": str(desk.setup.position_id),
                "items": ["identity"],
            },
        ),
        "invite": lambda: post(client, f"{base}/{screening_id}/invitations"),
        "start": lambda: desk.start(screening_id, "identity", client),
        "withdraw": lambda: post(client, f"{base}/{screening_id}/withdrawal"),
        "read": lambda: client.get(f"{base}/{screening_id}"),
    }

    response = requests[action]()

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert rows() == before
    assert list(ScreeningItem.objects.values_list("state", flat=True)) == states


def test_another_organisations_screenings_candidates_and_positions_do_not_exist(
    desk, make_token
) -> None:
    theirs = Desk(make_token)
    their_screening = theirs.consented(["identity"])
    ours = f"{desk.base}/screenings"
    before = rows()

    responses = [
        desk.recruiter.get(f"{ours}/{their_screening}"),
        desk.recruiter.get(f"{ours}/{their_screening}/notice"),
        post(desk.recruiter, f"{ours}/{their_screening}/invitations"),
        post(desk.recruiter, f"{ours}/{their_screening}/withdrawal"),
        desk.start(their_screening, "identity"),
        desk.order(["identity"], candidate_id=theirs.candidate.id),
        desk.order(["identity"], position_id=theirs.setup.position_id),
        desk.recruiter.get(f"{theirs.base}/screenings/{their_screening}"),
    ]
    listed = desk.recruiter.get(ours).json()

    assert [response.status_code for response in responses] == [404] * len(responses)
    assert all(response.json()["code"] == "not_found" for response in responses)
    assert rows() == before
    assert listed == []
    assert Screening.objects.get(id=their_screening).status == "active"
    for response in responses:
        assert not any(
            value in response.content.decode() for value in personal_values(theirs.candidate)
        )


def test_a_malformed_value_is_never_quoted_back_in_the_error(desk) -> None:
    response = desk.order(["identity"], candidate_id="测试候选人的编号")

    assert response.status_code == 422
    assert "测" not in response.content.decode()
    assert response.json()["details"]["fields"][0]["message"] == "must be a UUID"
