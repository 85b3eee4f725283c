"""The decisions API through HTTP: a person decides, and a negative decision is heard first.

The services take today's date from Django's clock; `pinned_today` fixes it to a Monday of
a year the official calendar covers, so the candidate's response window is five real
working days whenever the suite runs. The window's end is then set in the database (the
test's time set-up) instead of waiting for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from fairscreen.accounts.models import User
from fairscreen.accounts.roles import Role
from fairscreen.decisions import services
from fairscreen.decisions.api_inputs import SCHEDULE_PROBLEMS
from fairscreen.decisions.models import (
    Assessment,
    CalendarSchedule,
    Decision,
    DecisionEntry,
    DecisionPolicy,
    Notice,
)
from fairscreen.domain import workdays
from fairscreen.evidence.models import Event
from tests.factories import TEST_PASSWORD, create_member, create_team_member, create_token
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)  # a Monday: five working days later is Monday 30 November
SECRET = "测试机密值-SECRET-42"
REASONS = "测试：岗位负责现金，失信记录与职责直接相关 (handles cash; the listing bears on it)"
POSITIVE = "测试：名单与岗位风险已另行评估 (assessed separately)"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only "today" is pinned (the services' `timezone.localdate()`); times still run."""
    real_localdate = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> date:
        return TODAY if value is None else real_localdate(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


@dataclass(frozen=True)
class Caller:
    """One HTTP client with its credentials: a bearer token or a session with CSRF."""

    client: Client
    headers: dict[str, str]

    def get(self, url: str) -> Any:
        return self.client.get(url, headers=self.headers)

    def post(self, url: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            url, body or {}, content_type="application/json", headers=self.headers
        )

    def put(self, url: str, body: dict[str, Any]) -> Any:
        return self.client.put(url, body, content_type="application/json", headers=self.headers)


def by_token(organisation: Any, *roles: Role) -> Caller:
    token = create_token(organisation, *roles)
    return Caller(Client(), {"Authorization": f"Bearer {token.plaintext}"})


def by_session(user: User, organisation: Any) -> Caller:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(f"/o/{organisation.id}/")  # sets the csrftoken cookie, as a browser would
    return Caller(client, {"X-CSRFToken": client.cookies["csrftoken"].value})


def stored() -> tuple[Any, ...]:
    return (
        Decision.objects.count(),
        DecisionEntry.objects.count(),
        Assessment.objects.count(),
        Notice.objects.count(),
        DecisionPolicy.objects.count(),
        CalendarSchedule.objects.count(),
        Event.objects.count(),
        *Decision.objects.order_by("id").values_list("state", "step", "response_deadline"),
    )


def named_fields(details: dict[str, Any]) -> set[str]:
    """The fields a 422 names: the schema's locations, or the service's field names."""
    located = {str(part) for problem in details.get("fields", []) for part in problem["location"]}
    return located | (set(details) - {"fields"})


class Decisions:
    """A completed cashier screening with a verified debtor listing, and its deciders:
    an integration's reviewer token proposes, a signed-in approver signs."""

    def __init__(self, setup: Any = None) -> None:
        self.world = decision_world(setup)
        self.organisation = self.world.setup.organisation
        self.base = f"/api/v1/orgs/{self.organisation.id}"
        self.decision_url = f"{self.base}/screenings/{self.world.screening.id}/decision"
        self.reviewer = by_token(self.organisation, Role.REVIEWER)
        self.approver = by_session(self.world.approver.principal.user, self.organisation)
        self.hr_admin = by_token(self.organisation, Role.HR_ADMIN)

    def opened(self) -> dict[str, Any]:
        response = self.reviewer.post(self.decision_url)
        assert response.status_code == 201, response.content
        return response.json()

    def current(self) -> dict[str, Any]:
        response = self.reviewer.get(self.decision_url)
        assert response.status_code == 200, response.content
        return response.json()

    def url(self, decision: dict[str, Any], action: str) -> str:
        return f"{self.base}/decisions/{decision['id']}/{action}"

    def assessment(self) -> dict[str, Any]:
        return {
            "findings": [str(self.world.finding.id)],
            "nature_and_gravity": "测试：仍在失信名单上，拒不履行生效判决 (still listed)",
            "time_elapsed": "测试：2025 年 6 月列入，至今未移出 (listed June 2025, still)",
            "relevance_to_duties": "测试：出纳保管现金与票据 (the cashier keeps cash)",
            "candidate_statement": "测试：候选人称正在协商还款 (says she is negotiating)",
        }

    def propose(self, decision: dict[str, Any], outcome: str, **body: Any) -> Any:
        payload = {"outcome": outcome, "reasons": REASONS, **body}
        return self.reviewer.post(self.url(decision, "proposal"), payload)

    def preliminary(self) -> dict[str, Any]:
        decision = self.opened()
        assessed = self.reviewer.post(self.url(decision, "assessment"), self.assessment())
        assert assessed.status_code == 201, assessed.content
        assert self.propose(decision, "do_not_proceed").status_code == 200
        signed = self.approver.post(self.url(decision, "signature"), {"password": TEST_PASSWORD})
        assert signed.status_code == 200, signed.content
        return signed.json()


@pytest.fixture
def decisions() -> Decisions:
    return Decisions()


def test_a_positive_decision_is_proposed_by_an_integration_and_signed_by_a_person(decisions):
    none_yet = decisions.reviewer.get(decisions.decision_url)
    decision = decisions.opened()
    again = decisions.opened()
    commented = decisions.reviewer.post(
        decisions.url(decision, "comments"), {"text": "测试：请核对名单日期 (check the date)"}
    )
    proposed = decisions.propose(decision, "proceed", reasons=POSITIVE)
    signed = decisions.approver.post(
        decisions.url(decision, "signature"), {"password": TEST_PASSWORD}
    )
    read = decisions.reviewer.get(decisions.decision_url)

    assert (none_yet.status_code, none_yet.json()["code"]) == (404, "no_decision")
    assert (decision["state"], decision["next_step"]) == (
        "in_review",
        {"role": "reviewer", "kind": "review"},
    )
    assert again["id"] == decision["id"]
    assert commented.status_code == 201
    assert commented.json()["entries"][-1]["text"].startswith("测试：请核对")
    assert proposed.json()["state"] == "awaiting_signature"
    assert proposed.json()["next_step"] == {"role": "approver", "kind": "sign"}
    body = signed.json()
    assert signed.status_code == 200, signed.content
    assert (body["state"], body["outcome"], body["next_step"]) == ("final", "proceed", None)
    assert [notice["kind"] for notice in body["notices"]] == ["outcome"]
    assert body["notices"][0]["content"]["reasons"] == POSITIVE
    assert [(entry["kind"], entry["reauthenticated"]) for entry in body["entries"]] == [
        ("opened", False),
        ("comment", False),
        ("proposal", False),
        ("signature", True),
    ]
    assert read.json() == body
    assert read["Cache-Control"] == "no-store"
    assert TEST_PASSWORD not in signed.content.decode()


def test_a_negative_decision_is_preliminary_until_the_response_window_has_closed(decisions):
    decision = decisions.preliminary()
    finalise = decisions.url(decision, "finalisation")
    before = stored()

    inside = decisions.approver.post(finalise, {"password": TEST_PASSWORD})
    unchanged = stored()
    Decision.objects.filter(id=decision["id"]).update(response_deadline=TODAY - timedelta(days=1))
    after = decisions.approver.post(finalise, {"password": TEST_PASSWORD})

    assert decision["state"] == "preliminary"
    assert decision["response_deadline"] == "2026-11-30"
    (notice,) = decision["notices"]
    assert (notice["kind"], notice["response_deadline"]) == ("preliminary", "2026-11-30")
    assert notice["content"]["report"]["findings"][0]["item"] == "dishonest_debtor"
    assert notice["content"]["assessment"]["findings"] == [str(decisions.world.finding.id)]
    assert decision["assessment"]["findings"] == [str(decisions.world.finding.id)]
    assert decision["next_step"] == {"role": "approver", "kind": "sign"}
    assert (inside.status_code, inside.json()["code"]) == (409, "response_window_open")
    assert unchanged == before
    assert after.status_code == 200, after.content
    assert after.json()["state"] == "final"
    assert [notice["kind"] for notice in after.json()["notices"]] == ["preliminary", "final"]
    last_entry = after.json()["entries"][-1]
    assert (last_entry["kind"], last_entry["reauthenticated"]) == ("finalised", True)


def test_after_the_candidates_response_the_approver_can_send_it_back_to_review(decisions):
    decision = decisions.preliminary()

    back = decisions.approver.post(
        decisions.url(decision, "reconsideration"),
        {"reason": "测试：候选人称已清偿，待核实 (to re-check)"},
    )

    assert back.status_code == 200, back.content
    assert (back.json()["state"], back.json()["step"]) == ("in_review", 0)
    assert back.json()["entries"][-1]["kind"] == "reconsidered"


def test_not_proceeding_without_an_assessment_is_refused_and_changes_nothing(decisions):
    decision = decisions.opened()
    before = stored()

    refused = decisions.propose(decision, "do_not_proceed")

    assert (refused.status_code, refused.json()["code"]) == (409, "assessment_required")
    assert stored() == before
    assert decisions.current()["state"] == "in_review"


def finalise_an_earlier_refusal(decisions: Decisions) -> None:
    """Set-up through the services: another screening of the same position, not proceeded
    with, final after its window (`today=` past the deadline)."""
    earlier = decision_world(decisions.world.setup)
    opened = services.open_decision(access=earlier.reviewer, screening_id=earlier.screening.id)
    texts = {key: value for key, value in decisions.assessment().items() if key != "findings"}
    services.record_assessment(
        access=earlier.reviewer, decision_id=opened.id, findings=[earlier.finding.id], **texts
    )
    services.propose_decision(
        access=earlier.reviewer,
        decision_id=opened.id,
        outcome="do_not_proceed",
        reasons=REASONS,
    )
    services.sign_decision(access=earlier.approver, decision_id=opened.id, password=TEST_PASSWORD)
    services.finalise_decision(
        access=earlier.approver,
        decision_id=opened.id,
        password=TEST_PASSWORD,
        today=date(2026, 12, 15),
    )


def test_departing_from_three_earlier_decisions_the_other_way_needs_a_reason(decisions):
    for _ in range(3):
        finalise_an_earlier_refusal(decisions)
    decision = decisions.opened()
    before = stored()

    refused = decisions.propose(decision, "proceed", reasons=POSITIVE)
    unchanged = stored()
    with_reason = decisions.propose(
        decision,
        "proceed",
        reasons=POSITIVE,
        deviation_reason="测试：该岗位调整为不经手现金 (no cash any more)",
    )

    (history,) = decision["histories"]
    assert history["rule"] == "categories.dishonest_debtor.currently_listed"
    assert (history["total"], history["usual"]) == (3, "do_not_proceed")
    assert history["counts"] == [{"outcome": "do_not_proceed", "count": 3}]
    assert (refused.status_code, refused.json()["code"]) == (409, "deviation_reason_required")
    assert unchanged == before
    assert with_reason.status_code == 200, with_reason.content
    assert with_reason.json()["deviation_reason"].startswith("测试：该岗位")


def test_a_token_cannot_sign_or_finalise_a_decision(decisions):
    decision = decisions.opened()
    decisions.propose(decision, "proceed", reasons=POSITIVE)
    approver_token = by_token(decisions.organisation, Role.APPROVER)
    before = stored()

    signed = approver_token.post(decisions.url(decision, "signature"), {"password": TEST_PASSWORD})
    finalised = approver_token.post(
        decisions.url(decision, "finalisation"), {"password": TEST_PASSWORD}
    )

    for refused in (signed, finalised):
        assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")
        assert "person" in refused.json()["message"]
    assert stored() == before


def test_a_wrong_or_missing_password_signs_nothing(decisions):
    decision = decisions.opened()
    decisions.propose(decision, "proceed", reasons=POSITIVE)
    sign = decisions.url(decision, "signature")
    before = stored()

    wrong = decisions.approver.post(sign, {"password": SECRET})
    empty = decisions.approver.post(sign, {"password": ""})
    missing = decisions.approver.post(sign, {})

    assert (wrong.status_code, wrong.json()["code"]) == (403, "reauthentication_failed")
    assert (empty.status_code, empty.json()["code"]) == (403, "reauthentication_failed")
    assert missing.status_code == 422
    assert missing.json()["details"]["fields"][0]["location"][-1] == "password"
    assert SECRET not in wrong.content.decode()
    assert stored() == before


def test_whoever_proposed_cannot_also_sign(decisions):
    both = create_team_member(decisions.world.setup, Role.REVIEWER, Role.APPROVER)
    caller = by_session(both, decisions.organisation)
    decision = decisions.opened()
    caller.post(decisions.url(decision, "proposal"), {"outcome": "proceed", "reasons": POSITIVE})

    signed = caller.post(decisions.url(decision, "signature"), {"password": TEST_PASSWORD})

    assert (signed.status_code, signed.json()["code"]) == (403, "forbidden")
    assert decisions.current()["state"] == "awaiting_signature"


def test_a_chain_with_two_review_steps_returns_and_endorses_before_the_signature(decisions):
    chain = [
        {"role": "reviewer", "kind": "review"},
        {"role": "hr_admin", "kind": "review"},
        {"role": "approver", "kind": "sign"},
    ]
    policy = {"chain": chain, "feedback_trigger": "report_completed", "response_working_days": 7}
    assert decisions.hr_admin.put(f"{decisions.base}/decision-policy", policy).status_code == 200
    decision = decisions.opened()
    sign = decisions.url(decision, "signature")

    decisions.propose(decision, "proceed", reasons=POSITIVE)
    too_early = decisions.approver.post(sign, {"password": TEST_PASSWORD})
    returned = decisions.hr_admin.post(
        decisions.url(decision, "return"), {"reason": "测试：请补充理由 (give more reasons)"}
    )
    decisions.propose(decision, "proceed", reasons=POSITIVE)
    endorsed = decisions.hr_admin.post(
        decisions.url(decision, "endorsement"), {"comment": "测试：同意 (agreed)"}
    )
    signed = decisions.approver.post(sign, {"password": TEST_PASSWORD})

    assert decision["chain"] == chain
    assert (too_early.status_code, too_early.json()["code"]) == (409, "conflict")
    assert (returned.json()["state"], returned.json()["step"]) == ("in_review", 0)
    assert endorsed.json()["next_step"] == {"role": "approver", "kind": "sign"}
    assert signed.json()["state"] == "final"
    assert [entry["kind"] for entry in signed.json()["entries"]] == [
        "opened",
        "proposal",
        "returned",
        "proposal",
        "endorsement",
        "signature",
    ]


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("proposal", {"outcome": SECRET, "reasons": REASONS}, "outcome"),
        ("proposal", {"outcome": "proceed", "reasons": "   "}, "reasons"),
        ("proposal", {"outcome": "proceed_with_conditions", "reasons": REASONS}, "conditions"),
        ("proposal", {"outcome": "proceed", "reasons": "测" * 4001}, "reasons"),
        ("comments", {"text": ""}, "text"),
        ("assessment", {"time_elapsed": SECRET[:5]}, "time_elapsed"),
        ("assessment", {"findings": ["00000000-0000-4000-8000-000000000000"]}, "findings"),
        ("assessment", {"findings": [SECRET]}, "findings"),
        ("assessment", {"findings": []}, "findings"),
    ],
)
def test_bad_input_is_refused_by_field_never_echoed_and_changes_nothing(
    decisions, action, body, field
):
    decision = decisions.opened()
    payload = {**decisions.assessment(), **body} if action == "assessment" else body
    before = stored()

    response = decisions.reviewer.post(decisions.url(decision, action), payload)

    details = response.json()["details"]
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "validation_error"
    assert field in named_fields(details), details
    assert SECRET not in response.content.decode()
    assert SECRET[:5] not in response.content.decode()
    assert stored() == before


def endpoint_calls(
    base: str, screening_id: Any, decision_id: Any, finding_id: Any
) -> dict[str, Callable[[Caller], Any]]:
    screening = f"{base}/screenings/{screening_id}/decision"
    decision = f"{base}/decisions/{decision_id}"
    reason = {"reason": "测试：理由 (a reason)"}
    password = {"password": TEST_PASSWORD}
    assessment = {
        "findings": [str(finding_id)],
        **dict.fromkeys(
            ("nature_and_gravity", "time_elapsed", "relevance_to_duties", "candidate_statement"),
            "测试：足够长的个别评估文字 (long enough)",
        ),
    }
    policy = {
        "chain": [{"role": "reviewer", "kind": "review"}, {"role": "approver", "kind": "sign"}],
        "feedback_trigger": "decision_signed",
        "response_working_days": 6,
    }
    return {
        "read": lambda caller: caller.get(screening),
        "open": lambda caller: caller.post(screening),
        "comment": lambda caller: caller.post(f"{decision}/comments", {"text": "测试"}),
        "assess": lambda caller: caller.post(f"{decision}/assessment", assessment),
        "propose": lambda caller: caller.post(
            f"{decision}/proposal", {"outcome": "proceed", "reasons": POSITIVE}
        ),
        "endorse": lambda caller: caller.post(f"{decision}/endorsement", {}),
        "return": lambda caller: caller.post(f"{decision}/return", reason),
        "sign": lambda caller: caller.post(f"{decision}/signature", password),
        "reconsider": lambda caller: caller.post(f"{decision}/reconsideration", reason),
        "finalise": lambda caller: caller.post(f"{decision}/finalisation", password),
        "deadlines": lambda caller: caller.get(f"{base}/feedback-deadlines"),
        "policy": lambda caller: caller.get(f"{base}/decision-policy"),
        "set_policy": lambda caller: caller.put(f"{base}/decision-policy", policy),
        "calendar": lambda caller: caller.put(
            f"{base}/working-day-calendar", {"text": "year 2027 测试\nholiday 2027-01-01\n"}
        ),
    }


ORGANISATION_LEVEL = frozenset({"deadlines", "policy", "set_policy", "calendar"})
WITHOUT_THE_ROLE = {
    "read": Role.ANALYST,
    "open": Role.AUDITOR,
    "comment": Role.DPO,
    "assess": Role.RECRUITER,
    "propose": Role.ANALYST,
    "endorse": Role.AUDITOR,
    "return": Role.DPO,
    "sign": Role.AUDITOR,
    "reconsider": Role.RECRUITER,
    "finalise": Role.DPO,
    "deadlines": Role.RECRUITER,
    "policy": Role.ANALYST,
    "set_policy": Role.APPROVER,
    "calendar": Role.REVIEWER,
}


@pytest.mark.parametrize(("action", "role"), WITHOUT_THE_ROLE.items())
def test_each_endpoint_refuses_a_caller_without_the_role(decisions, action, role):
    decision = decisions.opened()
    organisation = decisions.organisation
    callers = (
        by_token(organisation, role),
        by_session(create_member(organisation, role), organisation),
    )
    calls = endpoint_calls(
        decisions.base, decisions.world.screening.id, decision["id"], decisions.world.finding.id
    )
    before = stored()

    for caller in callers:
        response = calls[action](caller)
        assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert stored() == before


def test_another_organisations_decisions_and_settings_do_not_exist(decisions):
    theirs = Decisions()
    their_decision = theirs.opened()
    organisation = decisions.organisation
    everything = by_session(create_member(organisation, *Role), organisation)
    every_role_token = by_token(organisation, *Role)
    ids = (theirs.world.screening.id, their_decision["id"], theirs.world.finding.id)
    object_calls = endpoint_calls(decisions.base, *ids)
    organisation_calls = endpoint_calls(theirs.base, *ids)
    before = stored()

    responses = {
        (action, kind): (organisation_calls if action in ORGANISATION_LEVEL else object_calls)[
            action
        ](caller)
        for action in WITHOUT_THE_ROLE
        for kind, caller in (("session", everything), ("token", every_role_token))
    }

    for (action, kind), response in responses.items():
        if kind == "token" and action in {"sign", "finalise"}:  # refused before any lookup
            assert response.status_code == 403, action
            continue
        assert (response.status_code, response.json()["code"]) == (404, "not_found"), action
        assert str(theirs.world.screening.candidate.full_name.reveal()) not in (
            response.content.decode()
        )
    assert stored() == before


def test_the_policy_reads_as_the_default_until_an_hr_admin_stores_one(decisions):
    url = f"{decisions.base}/decision-policy"
    default = decisions.reviewer.get(url)
    stored_policy = decisions.hr_admin.put(
        url,
        {
            "chain": [{"role": "hr_admin", "kind": "review"}, {"role": "approver", "kind": "sign"}],
            "feedback_trigger": "decision_signed",
            "response_working_days": 10,
        },
    )
    read = decisions.reviewer.get(url)

    assert default.json() == {
        "chain": [{"role": "reviewer", "kind": "review"}, {"role": "approver", "kind": "sign"}],
        "feedback_trigger": "report_completed",
        "response_working_days": 5,
        "is_default": True,
        "updated_by": None,
        "updated_at": None,
    }
    assert stored_policy.status_code == 200, stored_policy.content
    assert read.json() == stored_policy.json()
    assert read.json()["is_default"] is False
    assert read.json()["updated_by"].startswith("api_token:")
    assert (read.json()["feedback_trigger"], read.json()["response_working_days"]) == (
        "decision_signed",
        10,
    )
    assert Event.objects.filter(event_type="decision_policy.changed").count() == 1


REVIEW = {"role": "reviewer", "kind": "review"}
SIGN = {"role": "approver", "kind": "sign"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"chain": [SIGN]}, "chain"),
        ({"chain": [{**REVIEW, "kind": "sign"}, SIGN]}, "chain[0].kind"),
        ({"chain": [{**REVIEW, "role": "analyst"}, SIGN]}, "chain[0].role"),
        ({"chain": [{**REVIEW, "role": SECRET}, SIGN]}, "role"),
        ({"chain": [REVIEW, SIGN, REVIEW]}, "chain[2].kind"),
        ({"response_working_days": 4}, "response_working_days"),
        ({"response_working_days": 31}, "response_working_days"),
        ({"feedback_trigger": SECRET}, "feedback_trigger"),
    ],
)
def test_a_bad_policy_is_refused_by_field_and_changes_nothing(decisions, body, field):
    policy = {
        "chain": [REVIEW, SIGN],
        "feedback_trigger": "report_completed",
        "response_working_days": 5,
        **body,
    }
    before = stored()

    response = decisions.hr_admin.put(f"{decisions.base}/decision-policy", policy)

    details = response.json()["details"]
    assert (response.status_code, response.json()["code"]) == (422, "validation_error")
    assert field in named_fields(details), details
    assert SECRET not in response.content.decode()
    assert stored() == before


def test_a_loaded_schedule_extends_the_calendar(decisions):
    text = "year 2027 测试：虚构的安排 (a fictional schedule)\nholiday 2027-01-01\n"

    response = decisions.hr_admin.put(f"{decisions.base}/working-day-calendar", {"text": text})

    assert response.status_code == 200, response.content
    assert 2027 in response.json()["covered_years"]
    assert response.json()["covered_until"] == "2027-12-31"
    assert CalendarSchedule.objects.filter(organisation=decisions.organisation).count() == 1
    assert Event.objects.filter(event_type="calendar.loaded").count() == 1


def test_a_schedule_with_problems_lists_them_by_line_without_the_text_and_loads_nothing(
    decisions,
):
    text = "\n".join(
        [
            "year 2027 测试：虚构的安排 (a fictional schedule)",
            "holiday 2027-01-01 元旦",
            "holiday 2027-13-01",
            "workday 2027-02-10 测试调休",
            f"{SECRET} 2027-03-01",
        ]
    )
    url = f"{decisions.base}/working-day-calendar"
    before = stored()

    response = decisions.hr_admin.put(url, {"text": text})
    too_long = decisions.hr_admin.put(url, {"text": "#" * 20_001})

    problems = response.json()["details"]["problems"]
    assert (response.status_code, response.json()["code"]) == (422, "validation_error")
    assert [(problem["line"], problem["code"]) for problem in problems] == [
        (3, "bad_date"),
        (4, "workday_not_on_weekend"),
        (5, "unknown_keyword"),
    ]
    assert all(problem["message"] == SCHEDULE_PROBLEMS[problem["code"]] for problem in problems)
    assert SECRET not in response.content.decode()
    assert "2027-13-01" not in response.content.decode()
    assert too_long.status_code == 422
    assert too_long.json()["details"]["fields"][0]["location"][-1] == "text"
    assert stored() == before


def test_every_schedule_problem_has_an_explanation_that_quotes_nothing() -> None:
    assert set(SCHEDULE_PROBLEMS) == set(workdays.PROBLEM_CODES)


def test_the_deadlines_list_shows_open_clocks_until_the_candidate_is_told(decisions):
    Decisions()  # another organisation's clock, which is not ours to see
    listed = decisions.reviewer.get(f"{decisions.base}/feedback-deadlines")
    decision = decisions.opened()
    decisions.propose(decision, "proceed", reasons=POSITIVE)
    decisions.approver.post(decisions.url(decision, "signature"), {"password": TEST_PASSWORD})
    after = decisions.reviewer.get(f"{decisions.base}/feedback-deadlines")

    (deadline,) = listed.json()
    assert listed["Cache-Control"] == "no-store"
    assert deadline["screening_id"] == str(decisions.world.screening.id)
    assert deadline["candidate_name"].startswith("测试候选人")
    assert (deadline["triggered_on"], deadline["remind_on"], deadline["due_on"]) == (
        "2026-11-23",
        "2026-11-25",
        "2026-11-26",
    )
    assert (deadline["stage"], deadline["calendar_problem"]) == ("on_time", None)
    assert after.json() == []


def test_the_openapi_document_says_a_signature_is_a_persons_act(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    for action in ("signature", "finalisation"):
        operation = paths[f"/api/v1/orgs/{{org_id}}/decisions/{{decision_id}}/{action}"]["post"]
        assert "API tokens are refused" in operation["description"]
    assert "/api/v1/orgs/{org_id}/working-day-calendar" in paths
