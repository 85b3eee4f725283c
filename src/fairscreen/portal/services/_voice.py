"""The candidate's voice: statement, questions to the employer, the satisfaction survey.

See `models._voice` for the why of each. Every write is one transaction with its evidence
event, whose payload holds ids and counts only — never the words (they are personal data,
encrypted under the candidate's key; the ledger outlives them). Bad input is refused with
the field that is wrong before anything is written.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.decisions.models import Decision, Notice, NoticeKind
from fairscreen.decisions.services._messages import message_candidate, message_staff
from fairscreen.domain.decisions import DecisionState
from fairscreen.evidence.services import record_event
from fairscreen.notifications.messages import Bilingual
from fairscreen.portal.models import CandidateQuestion, CandidateStatement, SurveyResponse
from fairscreen.portal.models._voice import SCORE_RANGE
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import Screening, ScreeningStatus
from fairscreen.screenings.policy import require
from fairscreen.screenings.team_access import team_q

MAX_STATEMENT = 4000
MAX_QUESTION = 2000
MAX_ANSWER = 4000
MAX_COMMENT = 2000
MAX_OPEN_QUESTIONS = 10
"""Enough for any real candidate; a bound so that a stuck page cannot flood HR's inbox."""

QUESTION_ANSWERERS = frozenset({Role.HR_ADMIN, Role.RECRUITER})
"""HR speaks for the employer to the candidate; they are also told of each new question."""

OUTCOME_NOTICES = (NoticeKind.OUTCOME, NoticeKind.FINAL)
"""The notices that tell the candidate the outcome: only then is the process rated."""


class StatementClosed(Conflict):
    code = "statement_closed"


class QuestionsClosed(Conflict):
    code = "questions_closed"


class QuestionAnswered(Conflict):
    code = "question_answered"


class SurveyNotOffered(Conflict):
    code = "survey_not_offered"


class SurveyAlreadySubmitted(Conflict):
    code = "survey_already_submitted"


def statement_is_open(screening: Screening) -> bool:
    """A statement adds to a report that exists (consent given) and to a decision not yet
    final: once final, what the decision weighed must stay as it was. A decision that a
    correction superseded is taken again, so the candidate may speak again too."""
    if screening.status != ScreeningStatus.ACTIVE:
        return False
    return not Decision.objects.filter(screening=screening, state=DecisionState.FINAL).exists()


def questions_are_open(status: str) -> bool:
    """Questions may come before consent (反向背调: candidates check the employer first), but
    not after the candidate declined or withdrew: their data is then on its way out."""
    return status not in (ScreeningStatus.DECLINED, ScreeningStatus.WITHDRAWN)


def survey_is_offered(screening_id: UUID) -> bool:
    return Notice.objects.filter(screening_id=screening_id, kind__in=OUTCOME_NOTICES).exists()


@transaction.atomic
def save_statement(*, screening_id: UUID, text: str) -> CandidateStatement:
    """Write or overwrite the candidate's statement (their portal session); see the model."""
    words = _required(text, "text", MAX_STATEMENT)
    screening = _screening(screening_id)
    if not statement_is_open(screening):
        raise StatementClosed(
            "The statement can be written while the screening is under way and until the"
            " decision is final."
        )
    now = timezone.now()
    statement = CandidateStatement.objects.filter(screening=screening).first()
    if statement is None:
        statement = CandidateStatement(
            organisation_id=screening.organisation_id,
            screening=screening,
            candidate_id=screening.candidate_id,
            created_at=now,
            revision=0,
        )
    statement.text = words
    statement.revision += 1
    statement.updated_at = now
    statement.save()
    _event(
        screening,
        "statement.saved",
        statement_id=str(statement.id),  # "statement" is reserved for personal text
        revision=statement.revision,
    )
    return statement


@transaction.atomic
def ask_question(
    *, screening_id: UUID, text: str, now: datetime | None = None
) -> CandidateQuestion:
    """The candidate asks HR about the position or the company; HR hears of it at once."""
    words = _required(text, "text", MAX_QUESTION)
    screening = _screening(screening_id)
    if not questions_are_open(screening.status):
        raise QuestionsClosed("Questions are closed: the screening was declined or withdrawn.")
    waiting = CandidateQuestion.objects.filter(screening=screening, answered_at=None).count()
    if waiting >= MAX_OPEN_QUESTIONS:
        raise QuestionsClosed(
            f"{MAX_OPEN_QUESTIONS} questions are waiting for an answer; please wait for them."
        )
    question = CandidateQuestion.objects.create(
        organisation_id=screening.organisation_id,
        screening=screening,
        candidate_id=screening.candidate_id,
        question=words,
        asked_at=now or timezone.now(),
    )
    _event(screening, "question.asked", question=str(question.id))
    message_staff(
        screening,
        roles=QUESTION_ANSWERERS,
        kind="question.asked",
        subject=Bilingual.translated(_("A candidate asked a question about the position")),
        body=Bilingual.translated(
            _(
                "A candidate asked about the position or the company. Answer in the console's"
                " candidate questions: how fast HR answers is part of the monthly review."
            )
        ),
        actor=_candidate(screening),
        idempotency_key=f"question.asked:{question.id}",
    )
    return question


@transaction.atomic
def answer_question(
    *, access: OrganisationAccess, question_id: UUID, text: str, now: datetime | None = None
) -> CandidateQuestion:
    """HR answers once; the answer is what the candidate was told, so it is not edited."""
    require(access, QUESTION_ANSWERERS)
    question = (
        CandidateQuestion.objects.select_for_update()
        .select_related("screening__candidate")
        .filter(
            team_q(access, "screening__position_id"),
            organisation=access.organisation,
            id=question_id,
        )
        .first()
    )
    if question is None:  # another organisation's, or a position not on the reader's teams
        raise NotFound("Not found.")
    if question.answered_at is not None:
        raise QuestionAnswered("This question has been answered already.")
    words = _required(text, "text", MAX_ANSWER)
    if isinstance(question.question.reveal(), Destroyed):
        raise QuestionsClosed("The candidate's data was destroyed; the question is closed.")
    question.answer = words
    question.answered_by = access.principal.reference
    question.answered_at = now or timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    screening = question.screening
    _event(
        screening, "question.answered", actor=access.principal.reference, question=str(question.id)
    )
    message_candidate(
        screening,
        kind="question.answered",
        subject=Bilingual.translated(_("The employer answered your question")),
        body=Bilingual.translated(_("Read the answer in your candidate portal.")),
        actor=access.principal.reference,
        idempotency_key=f"question.answered:{question.id}",
    )
    return question


@transaction.atomic
def submit_survey(
    *,
    screening_id: UUID,
    responsiveness: int,
    transparency: int,
    fairness: int,
    comment: str = "",
    now: datetime | None = None,
) -> SurveyResponse:
    """The candidate rates the process once, after hearing the outcome (CONTEXT.md 11, 13)."""
    scores = {"responsiveness": responsiveness, "transparency": transparency, "fairness": fairness}
    problems = {
        name: "a whole number from 1 to 5" for name, value in scores.items() if not _score(value)
    }
    words = (comment or "").strip()
    if len(words) > MAX_COMMENT:
        problems["comment"] = f"at most {MAX_COMMENT} characters"
    if problems:
        raise InvalidInput("Some fields are invalid.", details=problems)
    screening = _screening(screening_id)
    if not survey_is_offered(screening.id):
        raise SurveyNotOffered("The survey opens once you have been told the outcome.")
    if SurveyResponse.objects.filter(screening=screening).exists():
        raise SurveyAlreadySubmitted("You have already answered the survey. Thank you.")
    response = SurveyResponse.objects.create(
        organisation_id=screening.organisation_id,
        screening=screening,
        candidate_id=screening.candidate_id,
        comment=words,
        submitted_at=now or timezone.now(),
        **scores,
    )
    _event(screening, "survey.submitted", survey=str(response.id))
    return response


def _screening(screening_id: UUID) -> Screening:
    """The screening, locked: two tabs of the same portal cannot both pass the checks."""
    screening = (
        Screening.objects.select_for_update()
        .select_related("candidate")
        .filter(id=screening_id)
        .first()
    )
    if screening is None:
        raise NotFound("Not found.")
    return screening


def _event(screening: Screening, event_type: str, *, actor: str = "", **ids: object) -> None:
    record_event(
        event_type=event_type,
        actor=actor or _candidate(screening),
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={"screening": str(screening.id), **ids},
    )


def _candidate(screening: Screening) -> str:
    return f"candidate:{screening.candidate_id}"


def _score(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in SCORE_RANGE


def _required(value: str, field: str, limit: int) -> str:
    text = (value or "").strip()
    if not 0 < len(text) <= limit:
        raise InvalidInput("Some fields are invalid.", details={field: f"1-{limit} characters"})
    return text
