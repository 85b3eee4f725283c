"""The candidate's voice through HTTP: the portal's statement, questions and survey pages in
the candidate's own session, HR's inbox and the satisfaction review in the console."""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.decisions import services as decisions
from fairscreen.domain import scope
from fairscreen.notifications.models import Notification
from fairscreen.portal.models import CandidateQuestion, CandidateStatement, SurveyResponse
from fairscreen.screenings import services as screenings
from fairscreen.screenings.models import Screening
from tests.factories import (
    TEST_PASSWORD,
    HiringSetup,
    access_for,
    create_candidate,
    create_hiring_setup,
    create_team_member,
)

pytestmark = pytest.mark.django_db

ITEMS = ("identity", "dishonest_debtor")
GAP = "测试：2024 年 3 月至 6 月照顾家人，故有三个月空档 (test: a 3-month gap caring for family)"
QUESTION = "测试：该岗位每月加班大约多少小时？(test: how much overtime a month?)"
ANSWER = "测试：旺季每月约 10 小时，按法定标准支付加班费 (test: about 10 hours in peak season)"
COMMENT = "测试：HR 回复及时 (test: quick replies)"
SCORES = {"responsiveness": "5", "transparency": "4", "fairness": "4"}


@dataclass(frozen=True)
class VoiceWorld:
    setup: HiringSetup
    screening: Screening
    portal: Client
    reviewer: OrganisationAccess
    approver: OrganisationAccess

    @property
    def org(self) -> str:
        return str(self.setup.organisation.id)

    def staff(self, access: OrganisationAccess) -> Client:
        client = Client()
        client.force_login(access.principal.user)
        client.cookies["django_language"] = "zh-hans"
        return client


def voice_world() -> VoiceWorld:
    """A cashier screening: the candidate opened the link in `portal`, consented, was checked."""
    setup = create_hiring_setup(template_key="cashier")
    candidate = create_candidate(setup.organisation)
    screening = screenings.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=list(ITEMS),
    )
    issued = screenings.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    portal = Client()
    assert portal.get(f"/c/invitation/{issued.token}/")["Location"] == "/c/"
    screening.refresh_from_db()
    screenings.record_consent(
        screening_id=screening.id,
        choices=screenings.ConsentChoices(
            granted=frozenset(ITEMS),
            refused=frozenset(),
            sensitive_confirmed=frozenset(
                code for code in ITEMS if scope.CATALOGUE.item(code).sensitive
            ),
            third_parties_granted=frozenset(),
        ),
        signed_name=candidate.full_name.reveal(),
        notice_digest=screening.notice_digest,
        language="zh-hans",
    )
    for code in ITEMS:
        screenings.start_check(access=setup.analyst, screening_id=screening.id, code=code)
        screenings.complete_check(access=setup.analyst, screening_id=screening.id, code=code)
    organisation = setup.organisation
    return VoiceWorld(
        setup=setup,
        screening=screening,
        portal=portal,
        reviewer=access_for(create_team_member(setup, Role.REVIEWER), organisation),
        approver=access_for(create_team_member(setup, Role.APPROVER), organisation),
    )


def told_the_outcome(world: VoiceWorld) -> None:
    decision = decisions.open_decision(access=world.reviewer, screening_id=world.screening.id)
    decisions.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：无影响岗位的记录 (test: nothing bears on the job)",
    )
    decisions.sign_decision(access=world.approver, decision_id=decision.id, password=TEST_PASSWORD)


def page(response) -> str:
    return response.content.decode()


def test_without_a_portal_session_the_voice_pages_explain_how_to_get_in(db) -> None:
    for path in ("/c/statement/", "/c/questions/", "/c/survey/", "/c/survey/thanks/"):
        response = Client().get(path)

        assert response.status_code == 403, path
        assert "no-store" in response["Cache-Control"]


def test_the_statement_written_in_the_portal_is_on_the_employers_report() -> None:
    world = voice_world()

    form = world.portal.get("/c/statement/")
    saved = world.portal.post("/c/statement/", {"text": GAP})

    assert 'id="statement-form"' in page(form)
    assert saved.status_code == 302
    assert saved["Location"] == "/c/statement/"
    assert GAP in page(world.portal.get("/c/statement/"))
    report = world.staff(world.reviewer).get(
        f"/o/{world.org}/screenings/{world.screening.id}/report/?purpose=decision"
    )
    assert report.status_code == 200
    section = re.search(
        r'<section class="card candidate-statement".*?</section>', page(report), re.S
    ).group(0)
    assert "候选人的说明" in section
    assert GAP in section
    assert "第 1 版" in section


def test_a_report_without_a_statement_says_so() -> None:
    world = voice_world()

    report = world.staff(world.reviewer).get(
        f"/o/{world.org}/screenings/{world.screening.id}/report/?purpose=review"
    )

    assert 'id="no-candidate-statement"' in page(report)


def test_an_empty_statement_is_refused_next_to_the_field_and_nothing_is_saved() -> None:
    world = voice_world()

    response = world.portal.post("/c/statement/", {"text": "   "})

    assert response.status_code == 422
    assert 'id="statement-error"' in page(response)
    assert 'aria-invalid="true"' in page(response)
    assert not CandidateStatement.objects.exists()


def test_after_the_final_decision_the_statement_is_shown_but_cannot_change() -> None:
    world = voice_world()
    world.portal.post("/c/statement/", {"text": GAP})
    told_the_outcome(world)

    shown = world.portal.get("/c/statement/")
    refused = world.portal.post("/c/statement/", {"text": "测试：改写 (test: rewritten)"})

    assert 'id="statement-closed"' in page(shown)
    assert 'id="statement-form"' not in page(shown)
    assert refused.status_code == 302
    assert CandidateStatement.objects.get().text.reveal() == GAP


def test_a_question_asked_in_the_portal_is_answered_in_the_console() -> None:
    world = voice_world()
    recruiter = world.staff(world.setup.recruiter)

    asked = world.portal.post("/c/questions/", {"text": QUESTION})

    assert asked["Location"] == "/c/questions/"
    assert "等待 HR 回答" in page(world.portal.get("/c/questions/"))
    question = CandidateQuestion.objects.get()
    inbox = recruiter.get(f"/o/{world.org}/questions/")
    assert inbox.status_code == 200
    assert f'id="question-{question.id}"' in page(inbox)
    assert QUESTION in page(inbox)
    answer_url = f"/o/{world.org}/questions/{question.id}/answer/"
    empty = recruiter.post(answer_url, {"text": " "})
    assert empty.status_code == 422
    assert f'id="answer-error-{question.id}"' in page(empty)

    answered = recruiter.post(answer_url, {"text": ANSWER})

    assert answered["Location"] == f"/o/{world.org}/questions/"
    assert ANSWER in page(world.portal.get("/c/questions/"))
    assert 'id="no-waiting"' in page(recruiter.get(f"/o/{world.org}/questions/"))
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"question.asked", "question.answered"} <= kinds
    again = recruiter.post(answer_url, {"text": "测试：再答 (test: again)"})
    assert again.status_code == 302
    assert CandidateQuestion.objects.get().answer.reveal() == ANSWER


def test_an_empty_question_is_refused_and_nothing_is_sent() -> None:
    world = voice_world()

    response = world.portal.post("/c/questions/", {"text": ""})

    assert response.status_code == 422
    assert 'id="question-error"' in page(response)
    assert not CandidateQuestion.objects.exists()
    assert not Notification.objects.filter(kind="question.asked").exists()


def test_the_survey_waits_for_the_outcome_then_is_answered_once() -> None:
    world = voice_world()

    waiting = world.portal.get("/c/survey/")
    early = world.portal.post("/c/survey/", SCORES)

    assert 'id="survey-not-yet"' in page(waiting)
    assert early.status_code == 200
    assert not SurveyResponse.objects.exists()
    told_the_outcome(world)
    assert 'id="survey-form"' in page(world.portal.get("/c/survey/"))
    wrong = world.portal.post("/c/survey/", {"transparency": "9", "fairness": "4"})
    assert wrong.status_code == 422
    assert 'id="error-responsiveness"' in page(wrong)
    assert 'id="error-transparency"' in page(wrong)
    assert 'id="error-fairness"' not in page(wrong)
    assert not SurveyResponse.objects.exists()

    sent = world.portal.post("/c/survey/", {**SCORES, "comment": COMMENT})

    assert sent["Location"] == "/c/survey/thanks/"
    assert 'id="survey-thanks"' in page(world.portal.get("/c/survey/thanks/"))
    assert world.portal.get("/c/survey/")["Location"] == "/c/survey/thanks/"
    assert world.portal.post("/c/survey/", SCORES)["Location"] == "/c/survey/thanks/"
    response = SurveyResponse.objects.get()
    assert (response.responsiveness, response.transparency, response.fairness) == (5, 4, 4)
    review = world.staff(world.setup.hr_admin).get(f"/o/{world.org}/surveys/")
    assert review.status_code == 200
    month = response.submitted_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
    row = re.search(rf'<tr data-month="{month}">.*?</tr>', page(review), re.S).group(0)
    assert '<td class="number" data-field="count">1</td>' in row
    assert '<td class="number" data-field="responsiveness">5.00</td>' in row
    assert COMMENT in page(review)


def test_the_thanks_page_is_shown_only_after_the_survey() -> None:
    world = voice_world()

    assert world.portal.get("/c/survey/thanks/")["Location"] == "/c/survey/"


def test_console_pages_follow_the_roles_and_the_console_links_show_them() -> None:
    world = voice_world()
    questions, surveys = f"/o/{world.org}/questions/", f"/o/{world.org}/surveys/"
    setup = world.setup

    for access, expected in (
        (setup.hr_admin, (200, 200)),
        (setup.recruiter, (200, 403)),
        (setup.dpo, (403, 200)),
        (setup.analyst, (403, 403)),
        (world.reviewer, (403, 403)),
    ):
        client = world.staff(access)
        assert (client.get(questions).status_code, client.get(surveys).status_code) == expected
    admin_page = page(world.staff(setup.hr_admin).get(questions))
    assert f'href="{questions}"' in admin_page
    assert f'href="{surveys}"' in admin_page
    recruiter_page = page(world.staff(setup.recruiter).get(questions))
    assert f'href="{surveys}"' not in recruiter_page


def test_another_organisation_gets_404_and_cannot_answer() -> None:
    world = voice_world()
    world.portal.post("/c/questions/", {"text": QUESTION})
    question = CandidateQuestion.objects.get()
    stranger = create_hiring_setup()
    outsider = world.staff(stranger.hr_admin)

    assert outsider.get(f"/o/{world.org}/questions/").status_code == 404
    assert outsider.get(f"/o/{world.org}/surveys/").status_code == 404
    own_url = f"/o/{stranger.organisation.id}/questions/{question.id}/answer/"
    assert outsider.post(own_url, {"text": ANSWER}).status_code == 404
    assert QUESTION not in page(outsider.get(f"/o/{stranger.organisation.id}/questions/"))
    assert CandidateQuestion.objects.get().answered_at is None
