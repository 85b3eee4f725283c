"""The decision pages through HTTP: a person decides on the report, along the chain.

A fictional cashier candidate is on the dishonest-debtor list (verified). Reviewers propose,
an approver signs with the password; a decision not to proceed needs the individualised
assessment first and becomes only preliminary, with a notice and a response window; it
is made final after the window. Every refusal comes back next to its form in Chinese and
changes nothing. Other organisations' screenings are 404, members without a role 403.

Time: the views pass no date, so the services use today. To get past a response window,
a test moves `Decision.response_deadline` into the past in the database (a legitimate
set-up of time, like the integration tests' `today=`); nothing here patches the clock.
"""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fairscreen.accounts.roles import Role
from fairscreen.decisions import services
from fairscreen.decisions.models import (
    CalendarSchedule,
    Decision,
    DecisionEntry,
    DecisionPolicy,
    FeedbackDeadline,
    Notice,
)
from fairscreen.domain import workdays
from fairscreen.domain.findings import Lifecycle
from fairscreen.evidence.models import Event
from fairscreen.screenings.models import Finding
from tests.factories import TEST_PASSWORD, create_hiring_setup, create_member
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db

REASONS = "测试：出纳岗位经手现金，失信记录与职责直接相关 (handles cash; the listing bears on it)"
ASSESSMENT = {
    "assessment-nature_and_gravity": "测试：仍在失信名单上，拒不履行生效判决 (still listed)",
    "assessment-time_elapsed": "测试：2025 年 6 月列入，至今未移出 (listed June 2025)",
    "assessment-relevance_to_duties": "测试：出纳保管现金与票据 (the cashier keeps cash)",
    "assessment-candidate_statement": "测试：候选人称正在协商还款 (says she is negotiating)",
}


def client_for(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def text_of(response) -> str:
    """The page's visible text, tags removed, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<style>.*?</style>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def cover_the_coming_weeks(world) -> None:
    """A response window is counted on the calendar: if the real today is near the end of
    the installed data, load an obviously fictional schedule for the years that follow."""
    calendar = services.calendar_for(world.setup.organisation)
    this_year = timezone.localdate().year
    missing = [year for year in (this_year, this_year + 1) if year not in calendar.covered_years()]
    if not missing:
        return
    text = "".join(
        f"year {year} 测试：虚构的节假日安排 (a fictional schedule for tests)\n"
        f"holiday {year}-01-01 测试：虚构 (fictional)\n"
        for year in missing
    )
    services.load_calendar_schedule(access=world.setup.hr_admin, text=text)


@pytest.fixture
def world():
    world = decision_world()
    cover_the_coming_weeks(world)
    return world


@pytest.fixture
def reviewer(world) -> Client:
    return client_for(world.reviewer.principal.user)


@pytest.fixture
def approver(world) -> Client:
    return client_for(world.approver.principal.user)


def page_url(world, tail: str = "") -> str:
    return f"/o/{world.setup.organisation.id}/screenings/{world.screening.id}/decision/{tail}"


def step_url(world, decision, step: str) -> str:
    return page_url(world, f"{decision.id}/{step}/")


def opened(world, reviewer) -> Decision:
    assert reviewer.post(page_url(world, "open/")).status_code == 302
    return Decision.objects.get(screening=world.screening)


def snapshot() -> tuple[object, ...]:
    """What a refused post must leave as it was (the page shown again records its reads)."""
    reads = ["decision.viewed", "decision.cover_viewed", "report.viewed"]
    return (
        list(Decision.objects.values_list("state", "outcome", "step")),
        DecisionEntry.objects.count(),
        Notice.objects.count(),
        Event.objects.exclude(event_type__in=reads).count(),
    )


def propose(reviewer, world, decision, outcome: str, **extra: str):
    return reviewer.post(
        step_url(world, decision, "proposal"),
        {
            "proposal-outcome": outcome,
            "proposal-reasons": REASONS,
            "proposal-relies_on_report": "on",
            **extra,
        },
    )


def assess(reviewer, world, decision):
    return reviewer.post(
        step_url(world, decision, "assessment"),
        {"assessment-findings": [str(world.finding.id)], **ASSESSMENT},
    )


def test_each_page_is_for_its_roles_and_another_organisations_screening_is_not_found(world):
    organisation = world.setup.organisation.id
    pages = {
        "decision": page_url(world),
        "notices": f"/o/{organisation}/screenings/{world.screening.id}/notices/",
        "deadlines": f"/o/{organisation}/deadlines/",
        "policy": f"/o/{organisation}/decisions/policy/",
    }
    expected = {
        "reviewer": {"decision": 200, "notices": 200, "deadlines": 200, "policy": 403},
        "approver": {"decision": 200, "notices": 200, "deadlines": 200, "policy": 403},
        "hr_admin": {"decision": 200, "notices": 200, "deadlines": 200, "policy": 200},
        "dpo": {"decision": 200, "notices": 200, "deadlines": 200, "policy": 403},
        "auditor": {"decision": 200, "notices": 200, "deadlines": 200, "policy": 403},
        "analyst": {"decision": 403, "notices": 403, "deadlines": 403, "policy": 403},
        "recruiter": {"decision": 403, "notices": 403, "deadlines": 403, "policy": 403},
    }
    users = {
        "reviewer": world.reviewer.principal.user,
        "approver": world.approver.principal.user,
        "hr_admin": world.setup.hr_admin.principal.user,
        "dpo": world.setup.dpo.principal.user,
        "auditor": create_member(world.setup.organisation, Role.AUDITOR),
        "analyst": world.setup.analyst.principal.user,
        "recruiter": world.setup.recruiter.principal.user,
    }
    for role, statuses in expected.items():
        client = client_for(users[role])
        for page, status in statuses.items():
            assert client.get(pages[page]).status_code == status, (role, page)

    # Only deciders post; a read-only role gets 403 and no decision opens.
    assert client_for(users["dpo"]).post(page_url(world, "open/")).status_code == 403
    assert client_for(users["recruiter"]).post(page_url(world, "open/")).status_code == 403
    assert not Decision.objects.exists()

    # Another organisation's reviewer: its own pages work, this screening does not exist.
    elsewhere = create_hiring_setup()
    stranger = client_for(create_member(elsewhere.organisation, Role.REVIEWER))
    assert stranger.get(pages["decision"]).status_code == 404
    other_screening = f"/o/{elsewhere.organisation.id}/screenings/{world.screening.id}/decision/"
    assert stranger.get(other_screening).status_code == 404
    assert stranger.post(other_screening + "open/").status_code == 404
    assert not Decision.objects.exists()


def test_read_only_roles_see_the_decision_but_no_form(world, reviewer):
    opened(world, reviewer)
    for user in (
        world.setup.dpo.principal.user,
        create_member(world.setup.organisation, Role.AUDITOR),
    ):
        page = client_for(user).get(page_url(world)).content.decode()
        assert 'id="decision-state"' in page
        for form in ("proposal-form", "assessment-form", "comment-form", "sign-form"):
            assert f'id="{form}"' not in page
    # Neither takes the decision, so neither is shown the report as its basis: both are sent
    # to the report page, which asks for their own purpose and records it.
    auditor_page = client_for(create_member(world.setup.organisation, Role.AUDITOR)).get(
        page_url(world)
    )
    assert 'id="open-full-report"' in auditor_page.content.decode()
    assert "请按您自己的处理目的打开" in text_of(auditor_page)
    assert "data-finding=" not in auditor_page.content.decode()
    assert "本决定所依据的报告" not in text_of(auditor_page)


def test_a_reviewer_opens_and_proposes_to_proceed_and_the_approver_signs(world, reviewer, approver):
    first = reviewer.get(page_url(world))
    assert 'id="open-decision"' in first.content.decode()
    decision = opened(world, reviewer)

    page = reviewer.get(page_url(world))
    body = page.content.decode()
    assert 'id="light"' in body
    assert 'data-light="red"' in body
    assert 'class="disposition counted"' in body  # ...and each finding's rule
    assert "目前被列为失信被执行人" in text_of(page)  # the category by its name
    assert 'id="proposal-form"' in body
    assert 'id="sign-form"' not in body
    assert Event.objects.filter(event_type="report.viewed").exists()

    response = propose(reviewer, world, decision, "proceed")
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.state, decision.outcome) == ("awaiting_signature", "proceed")

    not_theirs = reviewer.post(
        step_url(world, decision, "signature"), {"sign-password": TEST_PASSWORD}
    )
    assert not_theirs.status_code == 403  # the signature is the approver's step
    assert "决策流程的这一步属于“审批人”角色" in text_of(not_theirs)

    signing_page = approver.get(page_url(world)).content.decode()
    assert 'id="sign-form"' in signing_page
    assert 'aria-current="step"' in signing_page
    assert "API 令牌" in signing_page  # a signature is a person's act

    before = snapshot()
    wrong = approver.post(step_url(world, decision, "signature"), {"sign-password": "wrong-测试"})
    assert wrong.status_code == 422
    assert "密码不正确" in text_of(wrong)
    assert snapshot() == before

    signed = approver.post(
        step_url(world, decision, "signature"), {"sign-password": TEST_PASSWORD}, follow=True
    )
    assert signed.redirect_chain[-1][1] == 302
    decision.refresh_from_db()
    assert decision.state == "final"
    assert 'data-state="final"' in signed.content.decode()
    assert "已签署。决定为最终决定" in text_of(signed)
    notices = reviewer.get(
        f"/o/{world.setup.organisation.id}/screenings/{world.screening.id}/notices/"
    )
    assert 'data-kind="outcome"' in notices.content.decode()
    assert REASONS in text_of(notices)
    assert Event.objects.filter(event_type="notices.viewed").count() == 1


def test_not_proceeding_without_an_assessment_is_refused_with_the_reason(world, reviewer):
    decision = opened(world, reviewer)
    before = snapshot()

    response = propose(reviewer, world, decision, "do_not_proceed")

    assert response.status_code == 409
    assert "须先完成个案评估" in text_of(response)
    assert 'value="do_not_proceed"' in response.content.decode()
    assert REASONS in text_of(response)  # the form as it was posted
    assert snapshot() == before


def test_the_adverse_path_runs_through_the_preliminary_notice_and_its_window(
    world, reviewer, approver
):
    decision = opened(world, reviewer)
    short = reviewer.post(
        step_url(world, decision, "assessment"),
        {
            "assessment-findings": [str(world.finding.id)],
            **ASSESSMENT,
            "assessment-time_elapsed": "短",
        },
    )
    assert short.status_code == 422
    assert "至少填写 10 个字符" in text_of(short)
    assert assess(reviewer, world, decision).status_code == 302
    assert propose(reviewer, world, decision, "do_not_proceed").status_code == 302

    signing_page = text_of(approver.get(page_url(world)))
    assert "签署后仅为初步决定" in signing_page
    assert (
        approver.post(
            step_url(world, decision, "signature"), {"sign-password": TEST_PASSWORD}
        ).status_code
        == 302
    )
    decision.refresh_from_db()
    assert decision.state == "preliminary"
    deadline = decision.response_deadline.isoformat()

    page = approver.get(page_url(world))
    body = page.content.decode()
    assert f'<dd id="response-deadline">{deadline}</dd>' in body
    assert 'data-kind="preliminary"' in body
    assert deadline in text_of(page)
    assert "报告副本" in text_of(page)
    assert 'id="finalise-blocked"' in body
    assert "disabled" in body

    services.record_candidate_response(
        screening_id=world.screening.id, statement="测试：债务已于上周清偿 (paid last week)"
    )
    assert "债务已于上周清偿" in text_of(approver.get(page_url(world)))

    before = snapshot()
    early = approver.post(
        step_url(world, decision, "finalisation"), {"finalise-password": TEST_PASSWORD}
    )
    assert early.status_code == 409
    assert "回应期尚未结束" in text_of(early)
    assert snapshot() == before

    Decision.objects.filter(id=decision.id).update(
        response_deadline=timezone.localdate() - timedelta(days=1)
    )
    after = approver.get(page_url(world)).content.decode()
    assert 'id="finalise-blocked"' not in after
    assert (
        approver.post(
            step_url(world, decision, "finalisation"), {"finalise-password": TEST_PASSWORD}
        ).status_code
        == 302
    )
    decision.refresh_from_db()
    assert decision.state == "final"
    assert list(Notice.objects.values_list("kind", flat=True)) == ["preliminary", "final"]


def test_an_open_dispute_blocks_finalising_and_reconsidering_goes_back_to_review(
    world, reviewer, approver
):
    decision = opened(world, reviewer)
    assess(reviewer, world, decision)
    propose(reviewer, world, decision, "do_not_proceed")
    approver.post(step_url(world, decision, "signature"), {"sign-password": TEST_PASSWORD})
    Decision.objects.filter(id=decision.id).update(response_deadline=date(2026, 1, 5))
    Finding.objects.filter(id=world.finding.id).update(
        lifecycle=Lifecycle.DISPUTED, status="disputed"
    )

    page = text_of(approver.get(page_url(world)))
    assert "候选人对报告提出了异议" in page
    refused = approver.post(
        step_url(world, decision, "finalisation"), {"finalise-password": TEST_PASSWORD}
    )
    assert refused.status_code == 409
    assert "在异议处理完毕之前，决定暂停" in text_of(refused)

    empty = approver.post(step_url(world, decision, "reconsideration"), {"reconsider-reason": ""})
    assert empty.status_code == 422
    back = approver.post(
        step_url(world, decision, "reconsideration"),
        {"reconsider-reason": "测试：候选人称已清偿，待核实 (to re-check)"},
    )
    assert back.status_code == 302
    decision.refresh_from_db()
    assert decision.state == "in_review"


def test_a_second_review_step_endorses_and_the_approver_may_return_it(world, reviewer, approver):
    services.configure_decisions(
        access=world.setup.hr_admin,
        chain=[
            {"role": "reviewer", "kind": "review"},
            {"role": "hr_admin", "kind": "review"},
            {"role": "approver", "kind": "sign"},
        ],
        feedback_trigger="report_completed",
        response_working_days=5,
    )
    decision = opened(world, reviewer)
    propose(reviewer, world, decision, "proceed")
    hr_admin = client_for(world.setup.hr_admin.principal.user)
    assert 'id="endorse-form"' in hr_admin.get(page_url(world)).content.decode()
    assert 'id="sign-form"' not in approver.get(page_url(world)).content.decode()
    early = approver.post(step_url(world, decision, "signature"), {"sign-password": TEST_PASSWORD})
    assert early.status_code == 409  # the HR admin's review comes first
    assert "流程中的复核步骤尚未全部同意" in text_of(early)

    assert (
        hr_admin.post(
            step_url(world, decision, "endorsement"), {"endorse-comment": "测试：同意 (agreed)"}
        ).status_code
        == 302
    )
    assert (
        approver.post(
            step_url(world, decision, "return"),
            {"return-reason": "测试：理由需写明岗位职责 (name the duty)"},
        ).status_code
        == 302
    )
    decision.refresh_from_db()
    assert (decision.state, decision.step) == ("in_review", 0)
    page = reviewer.get(page_url(world))
    assert "理由需写明岗位职责" in text_of(page)  # the history shows why
    assert re.search(r'value="proceed"[^>]*checked', page.content.decode())  # to revise


def test_departing_from_how_the_same_rule_was_decided_shows_a_warning_and_needs_a_reason(
    world, reviewer
):
    for _ in range(3):
        earlier = decision_world(world.setup)
        decision = services.open_decision(
            access=earlier.reviewer, screening_id=earlier.screening.id
        )
        services.record_assessment(
            access=earlier.reviewer,
            decision_id=decision.id,
            findings=[earlier.finding.id],
            nature_and_gravity=ASSESSMENT["assessment-nature_and_gravity"],
            time_elapsed=ASSESSMENT["assessment-time_elapsed"],
            relevance_to_duties=ASSESSMENT["assessment-relevance_to_duties"],
            candidate_statement=ASSESSMENT["assessment-candidate_statement"],
        )
        services.propose_decision(
            access=earlier.reviewer,
            decision_id=decision.id,
            outcome="do_not_proceed",
            reasons=REASONS,
        )
        services.sign_decision(
            access=earlier.approver,
            decision_id=decision.id,
            password=TEST_PASSWORD,
            today=date(2026, 3, 2),
        )
        services.finalise_decision(
            access=earlier.approver,
            decision_id=decision.id,
            password=TEST_PASSWORD,
            today=date(2026, 3, 20),
        )

    decision = opened(world, reviewer)
    page = reviewer.get(page_url(world))
    panel = text_of(page)
    assert "不予录用: 3" in panel
    assert 'data-usual="do_not_proceed"' in page.content.decode()
    assert "偏离惯常结果：须说明理由" in panel  # next to the outcomes that would depart

    before = snapshot()
    refused = propose(reviewer, world, decision, "proceed")
    assert refused.status_code == 409
    body = refused.content.decode()
    assert 'id="departure-warning"' in body
    assert "请说明偏离的理由" in text_of(refused)
    assert snapshot() == before

    accepted = propose(
        reviewer,
        world,
        decision,
        "proceed",
        **{"proposal-deviation_reason": "测试：该岗位调整为不经手现金 (no cash now)"},
    )
    assert accepted.status_code == 302
    assert "该岗位调整为不经手现金" in text_of(reviewer.get(page_url(world)))


def test_the_policy_form_says_what_is_wrong_and_saves_a_good_chain(world):
    hr_admin = client_for(world.setup.hr_admin.principal.user)
    url = f"/o/{world.setup.organisation.id}/decisions/policy/"
    page = hr_admin.get(url)
    assert page.status_code == 200
    assert 'id="current-chain"' in page.content.decode()

    bad = hr_admin.post(
        url,
        {
            "policy-review_1": "reviewer",
            "policy-sign_role": "approver",
            "policy-feedback_trigger": "report_completed",
            "policy-response_working_days": "4",
        },
    )
    assert bad.status_code == 422
    assert "5 至 30 个工作日" in text_of(bad)
    assert not DecisionPolicy.objects.exists()

    good = hr_admin.post(
        url,
        {
            "policy-review_1": "reviewer",
            "policy-review_3": "hr_admin",
            "policy-sign_role": "approver",
            "policy-feedback_trigger": "report_completed",
            "policy-response_working_days": "7",
        },
    )
    assert good.status_code == 302
    policy = DecisionPolicy.objects.get(organisation=world.setup.organisation)
    assert policy.chain == [
        {"role": "reviewer", "kind": "review"},
        {"role": "hr_admin", "kind": "review"},
        {"role": "approver", "kind": "sign"},
    ]
    assert policy.response_working_days == 7


def test_the_calendar_schedule_lists_every_problem_by_line_and_loads_nothing(world):
    CalendarSchedule.objects.all().delete()
    hr_admin = client_for(world.setup.hr_admin.principal.user)
    url = f"/o/{world.setup.organisation.id}/decisions/policy/calendar/"
    text = (
        "# 测试：虚构的安排 (a fictional schedule)\n"
        "year 2031 测试：虚构的通知 (fictional notice)\n"
        "holiday 2031-13-01 测试\n"
        "workday 2031-02-05 测试：不是周末 (not a weekend)\n"
    )

    refused = hr_admin.post(url, {"calendar-text": text})

    assert refused.status_code == 422
    problems = refused.content.decode()
    assert 'data-line="3"' in problems
    assert 'data-line="4"' in problems
    assert "第 3 行" in text_of(refused)
    assert "调休上班日必须是周六或周日" in text_of(refused)
    assert text.splitlines()[2] in html.unescape(problems)  # the text as it was posted
    assert not CalendarSchedule.objects.exists()

    this_year = timezone.localdate().year
    fictional = "".join(
        f"year {year} 测试：虚构的通知 (fictional notice)\nholiday {year}-01-01 测试：虚构\n"
        for year in (this_year, this_year + 1)
    )
    assert hr_admin.post(url, {"calendar-text": fictional}).status_code == 302
    assert CalendarSchedule.objects.filter(organisation=world.setup.organisation).exists()
    page = hr_admin.get(f"/o/{world.setup.organisation.id}/decisions/policy/").content.decode()
    assert f'<dd id="covered-until">{this_year + 1}-12-31</dd>' in page
    assert 'id="calendar-warning"' not in page  # more than 30 days of data ahead


def test_the_policy_page_warns_a_month_before_the_calendar_runs_out(world):
    CalendarSchedule.objects.all().delete()
    calendar = services.calendar_for(world.setup.organisation)
    running_out = workdays.needs_next_year_warning(calendar, today=timezone.localdate())
    hr_admin = client_for(world.setup.hr_admin.principal.user)
    page = hr_admin.get(f"/o/{world.setup.organisation.id}/decisions/policy/").content.decode()
    assert ('id="calendar-warning"' in page) is running_out
    assert f'<dd id="covered-until">{calendar.covered_until().isoformat()}</dd>' in page


def test_the_dashboard_lists_the_open_deadlines_most_urgent_first(world, reviewer):
    second = decision_world(world.setup)
    FeedbackDeadline.objects.filter(screening=second.screening).update(
        triggered_on=date(2026, 3, 2), remind_on=date(2026, 3, 4), due_on=date(2026, 3, 5)
    )
    response = reviewer.get(f"/o/{world.setup.organisation.id}/deadlines/")
    body = response.content.decode()
    rows = re.findall(r'<tr data-screening="([0-9a-f-]+)" data-stage="(\w+)">', body)
    assert rows[0] == (str(second.screening.id), "overdue")
    assert (str(world.screening.id), rows[1][1]) == rows[1]
    assert rows[1][1] in {"on_time", "remind", "due_today", "calendar_missing"}
    assert "已逾期" in text_of(response)
    assert page_url(world) in body

    opened(world, reviewer)
    under_way = reviewer.get(f"/o/{world.setup.organisation.id}/deadlines/").content.decode()
    assert f'<tr data-screening="{world.screening.id}" data-state="in_review">' in under_way


def test_the_screening_page_and_the_nav_link_to_the_decision_pages(world, reviewer):
    organisation = world.setup.organisation.id
    screening_page = reviewer.get(f"/o/{organisation}/screenings/{world.screening.id}/")
    assert f'href="{page_url(world)}" id="open-decision-page"' in screening_page.content.decode()
    hr_page = client_for(world.setup.hr_admin.principal.user).get(f"/o/{organisation}/deadlines/")
    assert f'href="/o/{organisation}/decisions/policy/"' in hr_page.content.decode()
    reviewer_page = reviewer.get(f"/o/{organisation}/deadlines/").content.decode()
    assert f'href="/o/{organisation}/deadlines/"' in reviewer_page
    assert f'href="/o/{organisation}/decisions/policy/"' not in reviewer_page


def test_the_pages_speak_english_too(world, reviewer):
    english = client_for(world.reviewer.principal.user, "en")
    decision = opened(world, reviewer)
    refused = english.post(
        step_url(world, decision, "proposal"),
        {
            "proposal-outcome": "do_not_proceed",
            "proposal-reasons": REASONS,
            "proposal-relies_on_report": "on",
        },
    )
    assert refused.status_code == 409
    assert "needs an individualised assessment first" in text_of(refused)
