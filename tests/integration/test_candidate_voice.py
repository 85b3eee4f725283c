"""The candidate's voice: a statement that travels with the report, questions HR answers
(and how fast), a satisfaction survey once the outcome is told — on the real database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from fairscreen.accounts.roles import Role
from fairscreen.core.errors import FairscreenError, NotFound, PermissionDenied
from fairscreen.decisions import services as decisions
from fairscreen.evidence.models import Event
from fairscreen.notifications.models import Notification
from fairscreen.portal import selectors_voice as selectors
from fairscreen.portal.models import CandidateQuestion, CandidateStatement, SurveyResponse
from fairscreen.portal.services import (
    answer_question,
    ask_question,
    save_statement,
    submit_survey,
)
from fairscreen.portal.services._voice import MAX_OPEN_QUESTIONS
from fairscreen.screenings import services as screenings
from tests.factories import (
    TEST_PASSWORD,
    access_for,
    create_candidate,
    create_member,
    create_organisation,
)
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db

GAP = "测试：2024 年 3 月至 6 月照顾家人，故有三个月空档 (test: a 3-month gap caring for family)"
QUESTION = "测试：该岗位每月加班大约多少小时？(test: how much overtime a month?)"
ANSWER = "测试：旺季每月约 10 小时，按法定标准支付加班费 (test: about 10 hours in peak season)"
COMMENT = "测试：HR 回复及时，流程清楚 (test: quick replies, a clear process)"
WORDS = (GAP, QUESTION, ANSWER, COMMENT)
# The National Day holiday (Oct 1-7, 2026) lies between these: 8 days, 1 working day.
BEFORE_GOLDEN_WEEK = datetime(2026, 9, 30, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
AFTER_GOLDEN_WEEK = datetime(2026, 10, 8, 2, 0, tzinfo=UTC)


@pytest.fixture
def world():
    return decision_world()


def told_the_outcome(world):
    """Decide to proceed and sign: the candidate is sent the outcome notice."""
    decision = decisions.open_decision(access=world.reviewer, screening_id=world.screening.id)
    decisions.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：失信记录已另行核实与岗位无关 (test: assessed separately)",
    )
    return decisions.sign_decision(
        access=world.approver, decision_id=decision.id, password=TEST_PASSWORD
    )


def counts():
    return (
        CandidateStatement.objects.count(),
        CandidateQuestion.objects.filter(answered_at__isnull=False).count(),
        CandidateQuestion.objects.count(),
        SurveyResponse.objects.count(),
        Event.objects.count(),
        Notification.objects.count(),
    )


def refused(call, code):
    before = counts()
    with pytest.raises(FairscreenError) as raised:
        call()
    assert raised.value.code == code, raised.value.message
    assert counts() == before
    return raised.value


def voice_events():
    kinds = ("statement.saved", "question.asked", "question.answered", "survey.submitted")
    return list(Event.objects.filter(event_type__in=kinds))


def screenings_report(world):
    from fairscreen.screenings import selectors as report_selectors

    return report_selectors.employer_report(
        access=world.reviewer, screening_id=world.screening.id, purpose="decision"
    )


def test_the_statement_travels_with_the_report_and_an_edit_replaces_it(world):
    save_statement(screening_id=world.screening.id, text="测试：初稿 (test: a first draft)")
    saved = save_statement(screening_id=world.screening.id, text=f"  {GAP}  ")

    shown = selectors.statements_for(
        world.screening.id, organisation_id=world.setup.organisation.id
    )
    assert [(statement.text, statement.revision) for statement in shown] == [(GAP, 2)]
    assert CandidateStatement.objects.get().id == saved.id
    assert GAP not in str(CandidateStatement.objects.values_list("text", flat=True).get())
    report = screenings_report(world)
    assert report.screening.id == world.screening.id
    assert selectors.statements_for(report.screening.id)[0].text == GAP
    other = create_organisation()
    assert selectors.statements_for(world.screening.id, organisation_id=other.id) == ()
    revisions = [json.loads(bytes(event.entry))["payload"]["revision"] for event in voice_events()]
    assert revisions == [1, 2]


def test_the_statement_is_frozen_once_the_decision_is_final(world):
    save_statement(screening_id=world.screening.id, text=GAP)
    told_the_outcome(world)

    refused(
        lambda: save_statement(screening_id=world.screening.id, text="测试：改写"),
        "statement_closed",
    )

    page = selectors.statement_for_candidate(world.screening.id)
    assert (page.statement.text, page.editable) == (GAP, False)


def test_no_statement_before_consent_and_no_empty_or_overlong_one(world):
    setup = world.setup
    unconsented = screenings.order_screening(
        access=setup.recruiter,
        candidate_id=create_candidate(setup.organisation).id,
        position_id=setup.position_id,
        items=["identity"],
    )

    refused(lambda: save_statement(screening_id=unconsented.id, text=GAP), "statement_closed")
    for text in ("", "   ", "测" * 4001):
        error = refused(
            lambda text=text: save_statement(screening_id=world.screening.id, text=text),
            "validation_error",
        )
        assert error.details == {"text": "1-4000 characters"}


def test_a_question_reaches_hr_and_its_answer_reaches_the_candidate_with_its_response_time(world):
    setup = world.setup
    question = ask_question(screening_id=world.screening.id, text=QUESTION, now=BEFORE_GOLDEN_WEEK)

    told = set(
        Notification.objects.filter(kind="question.asked").values_list(
            "recipient_user_id", flat=True
        )
    )
    assert {setup.hr_admin.principal.id, setup.recruiter.principal.id} <= told
    assert not told & {setup.analyst.principal.id, world.reviewer.principal.id}
    inbox = selectors.questions_for_organisation(setup.recruiter, now=AFTER_GOLDEN_WEEK)
    assert [(row.view.question, row.waited.days, row.waited_working_days) for row in inbox] == [
        (QUESTION, 8, 1)
    ]

    answer_question(
        access=setup.recruiter, question_id=question.id, text=ANSWER, now=AFTER_GOLDEN_WEEK
    )

    [seen] = selectors.questions_for_candidate(world.screening.id)
    assert (seen.question, seen.answer, seen.answered_at) == (QUESTION, ANSWER, AFTER_GOLDEN_WEEK)
    to_candidate = Notification.objects.get(kind="question.answered")
    assert to_candidate.recipient_kind == "candidate"
    times = selectors.question_response_times(setup.hr_admin, date(2026, 9, 17))
    [row] = times.rows
    assert (row.hours, row.working_days) == (192.0, 1)
    assert (times.median_hours, times.median_working_days, times.within_one_working_day) == (
        192.0,
        1.0,
        1,
    )
    assert selectors.question_response_times(setup.hr_admin, date(2026, 10, 1)).rows == ()
    assert answering_again_is_refused(setup, question)


def answering_again_is_refused(setup, question):
    refused(
        lambda: answer_question(access=setup.hr_admin, question_id=question.id, text="测试：再答"),
        "question_answered",
    )
    return CandidateQuestion.objects.get(id=question.id).answer.reveal() == ANSWER


def test_the_inbox_lists_open_questions_first_the_longest_waiting_on_top(world):
    first = ask_question(
        screening_id=world.screening.id, text="测试：第一问", now=datetime(2026, 11, 2, tzinfo=UTC)
    )
    second = ask_question(
        screening_id=world.screening.id, text="测试：第二问", now=datetime(2026, 11, 3, tzinfo=UTC)
    )
    third = ask_question(
        screening_id=world.screening.id, text="测试：第三问", now=datetime(2026, 11, 4, tzinfo=UTC)
    )
    answer_question(access=world.setup.hr_admin, question_id=first.id, text=ANSWER)

    inbox = selectors.questions_for_organisation(world.setup.hr_admin)

    assert [row.view.id for row in inbox] == [second.id, third.id, first.id]
    assert inbox[-1].answered_by == world.setup.hr_admin.principal.user.display_name
    viewed = Event.objects.filter(event_type="questions.viewed").get()
    assert json.loads(bytes(viewed.entry))["payload"] == {"waiting": 2, "answered": 1}


def test_only_hr_answers_and_only_in_its_own_organisation(world):
    question = ask_question(screening_id=world.screening.id, text=QUESTION)
    stranger = decision_world()

    for access in (world.setup.analyst, world.reviewer, world.approver, world.setup.dpo):
        refused(
            lambda access=access: answer_question(
                access=access, question_id=question.id, text=ANSWER
            ),
            PermissionDenied.code,
        )
        with pytest.raises(PermissionDenied):
            selectors.questions_for_organisation(access)
    refused(
        lambda: answer_question(
            access=stranger.setup.hr_admin, question_id=question.id, text=ANSWER
        ),
        NotFound.code,
    )
    assert selectors.questions_for_organisation(stranger.setup.hr_admin) == ()
    with pytest.raises(PermissionDenied):
        selectors.survey_summary(world.setup.recruiter)
    with pytest.raises(PermissionDenied):
        selectors.question_response_times(world.setup.recruiter, date(2026, 11, 1))


def test_hr_off_the_positions_team_neither_sees_nor_answers_its_questions(world):
    question = ask_question(screening_id=world.screening.id, text=QUESTION)
    organisation = world.setup.organisation
    off_team = access_for(create_member(organisation, Role.HR_ADMIN), organisation)

    assert selectors.questions_for_organisation(off_team) == ()
    refused(
        lambda: answer_question(access=off_team, question_id=question.id, text=ANSWER),
        NotFound.code,
    )
    assert [q.view.id for q in selectors.questions_for_organisation(world.setup.hr_admin)] == [
        question.id
    ]


def test_bad_questions_and_answers_change_nothing(world):
    for text in ("", " \n ", "问" * 2001):
        refused(
            lambda text=text: ask_question(screening_id=world.screening.id, text=text),
            "validation_error",
        )
    question = ask_question(screening_id=world.screening.id, text=QUESTION)
    refused(
        lambda: answer_question(access=world.setup.hr_admin, question_id=question.id, text=" "),
        "validation_error",
    )
    for _ in range(MAX_OPEN_QUESTIONS - 1):
        ask_question(screening_id=world.screening.id, text=QUESTION)
    refused(
        lambda: ask_question(screening_id=world.screening.id, text=QUESTION), "questions_closed"
    )


def test_no_question_after_the_candidate_withdrew(world):
    screenings.withdraw_consent(
        screening_id=world.screening.id, actor=f"candidate:{world.screening.candidate_id}"
    )

    refused(
        lambda: ask_question(screening_id=world.screening.id, text=QUESTION), "questions_closed"
    )


def test_the_survey_opens_only_after_the_outcome_and_is_answered_once(world):
    def survey():
        return submit_survey(
            screening_id=world.screening.id,
            responsiveness=5,
            transparency=4,
            fairness=4,
            comment=COMMENT,
        )

    refused(survey, "survey_not_offered")
    assert not selectors.survey_for_candidate(world.screening.id).offered
    told_the_outcome(world)

    response = survey()

    assert (response.responsiveness, response.transparency, response.fairness) == (5, 4, 4)
    assert response.comment.reveal() == COMMENT
    assert selectors.survey_for_candidate(world.screening.id).submitted_at == response.submitted_at
    refused(survey, "survey_already_submitted")


def test_scores_outside_1_to_5_are_refused_by_field_and_change_nothing(world):
    told_the_outcome(world)

    error = refused(
        lambda: submit_survey(
            screening_id=world.screening.id,
            responsiveness=0,
            transparency=6,
            fairness=True,
            comment="长" * 2001,
        ),
        "validation_error",
    )

    assert set(error.details) == {"responsiveness", "transparency", "fairness", "comment"}


def test_the_monthly_summary_counts_and_averages_each_month_in_the_organisations_zone(world):
    setup = world.setup
    october = decision_world(setup)
    for case in (world, october):
        told_the_outcome(case)
    # 2026-10-31 20:00 UTC is already November 1st in Shanghai
    submit_survey(
        screening_id=world.screening.id,
        responsiveness=5,
        transparency=3,
        fairness=4,
        comment=COMMENT,
        now=datetime(2026, 10, 31, 20, 0, tzinfo=UTC),
    )
    submit_survey(
        screening_id=october.screening.id,
        responsiveness=2,
        transparency=3,
        fairness=3,
        now=datetime(2026, 10, 15, tzinfo=UTC),
    )

    summary = selectors.survey_summary(setup.hr_admin, 3, today=date(2026, 11, 20))

    assert [month.month for month in summary] == [
        date(2026, 11, 1),
        date(2026, 10, 1),
        date(2026, 9, 1),
    ]
    november, october_summary, september = summary
    assert (november.count, november.responsiveness, november.fairness) == (1, 5.0, 4.0)
    assert [text for _when, text in november.comments] == [COMMENT]
    assert (october_summary.count, october_summary.transparency, october_summary.comments) == (
        1,
        3.0,
        (),
    )
    assert (september.count, september.responsiveness) == (0, None)
    viewed = Event.objects.get(event_type="surveys.viewed")
    assert json.loads(bytes(viewed.entry))["payload"] == {
        "months": 3,
        "responses": 2,
        "comments": 1,
    }
    for months in (0, 25, True):
        with pytest.raises(FairscreenError):
            selectors.survey_summary(setup.dpo, months)


def test_evidence_events_name_what_happened_but_carry_none_of_the_words(world):
    save_statement(screening_id=world.screening.id, text=GAP)
    question = ask_question(screening_id=world.screening.id, text=QUESTION)
    answer_question(access=world.setup.hr_admin, question_id=question.id, text=ANSWER)
    told_the_outcome(world)
    submit_survey(
        screening_id=world.screening.id,
        responsiveness=4,
        transparency=4,
        fairness=5,
        comment=COMMENT,
    )
    selectors.survey_summary(world.setup.hr_admin)

    events = voice_events()
    assert [event.event_type for event in events] == [
        "statement.saved",
        "question.asked",
        "question.answered",
        "survey.submitted",
    ]
    subject = f"candidate:{world.screening.candidate_id}"
    assert {event.subject for event in events} == {subject}
    for event in Event.objects.all():
        entry = bytes(event.entry).decode()
        assert not any(words in entry or words[:8] in entry for words in WORDS)
    survey = json.loads(bytes(events[-1].entry))["payload"]
    assert set(survey) == {"screening", "survey"}


def test_a_member_of_another_organisation_reads_nothing_of_this_one(world):
    ask_question(screening_id=world.screening.id, text=QUESTION)
    other = create_organisation()
    admin = access_for(create_member(other, Role.HR_ADMIN), other)

    assert selectors.questions_for_organisation(admin) == ()
    assert all(month.count == 0 for month in selectors.survey_summary(admin))
    assert selectors.question_response_times(admin, date(2026, 11, 1)).rows == ()
