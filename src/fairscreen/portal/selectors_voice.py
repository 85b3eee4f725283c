"""Reads of the candidate's voice: the statement beside the report, questions, the survey.

Staff reads check roles here again (defence in depth) and record that the candidates'
words were read; the candidate's own reads go through their portal session. The monthly
review reads (`survey_summary`, `question_response_times`) group by calendar month in the
organisation's time zone, and count working days on its official calendar (CONTEXT.md 13).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.models import Organisation, User
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import InvalidInput
from fairscreen.decisions.services import calendar_for
from fairscreen.domain import workdays
from fairscreen.evidence.services import record_event
from fairscreen.portal.models import CandidateQuestion, CandidateStatement, SurveyResponse
from fairscreen.portal.services import QUESTION_ANSWERERS, statement_is_open, survey_is_offered
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.subjects import Revealed
from fairscreen.screenings.models import Screening
from fairscreen.screenings.policy import require
from fairscreen.screenings.team_access import team_q

SURVEY_READERS = frozenset({Role.HR_ADMIN, Role.DPO})
"""The survey's comments are the candidates' own words: HR reviews them, the DPO oversees."""
MONTHLY_REVIEWERS = frozenset({Role.HR_ADMIN, Role.DPO, Role.AUDITOR})
"""Response times are ids and times only, no words: auditors review the process too."""
ANSWERED_SHOWN = 50
MAX_MONTHS = 24


@dataclass(frozen=True)
class StatementView:
    text: Revealed
    created_at: datetime
    updated_at: datetime
    revision: int


@dataclass(frozen=True)
class CandidateStatementPage:
    statement: StatementView | None
    editable: bool


@dataclass(frozen=True)
class CandidateSurveyPage:
    offered: bool
    submitted_at: datetime | None


@dataclass(frozen=True)
class QuestionView:
    id: UUID
    question: Revealed
    asked_at: datetime
    answer: Revealed
    answered_at: datetime | None


@dataclass(frozen=True)
class InboxQuestion:
    """A question in HR's inbox: open ones with their age, answered ones with the time taken."""

    view: QuestionView
    screening_id: UUID
    candidate_name: Revealed
    position_title: str
    answered_by: str
    waited: timedelta
    waited_working_days: int | None


@dataclass(frozen=True)
class MonthOfSurveys:
    month: date
    count: int
    responsiveness: float | None
    transparency: float | None
    fairness: float | None
    comments: tuple[tuple[datetime, Revealed], ...]


@dataclass(frozen=True)
class ResponseTime:
    question_id: UUID
    asked_at: datetime
    answered_at: datetime | None
    hours: float | None
    working_days: int | None


@dataclass(frozen=True)
class ResponseTimes:
    """How fast HR answered the questions asked in one month (open ones are counted apart)."""

    month: date
    rows: tuple[ResponseTime, ...]

    @property
    def answered(self) -> tuple[ResponseTime, ...]:
        return tuple(row for row in self.rows if row.answered_at is not None)

    @property
    def median_hours(self) -> float | None:
        return _median(row.hours for row in self.answered)

    @property
    def median_working_days(self) -> float | None:
        return _median(row.working_days for row in self.answered)

    @property
    def within_one_working_day(self) -> int:
        return sum(
            1 for row in self.answered if row.working_days is not None and row.working_days <= 1
        )


def statements_for(
    screening_id: UUID, *, organisation_id: UUID | None = None
) -> tuple[StatementView, ...]:
    """The candidate's statement, to show beside the report (empty, or one per screening).

    No role check and no evidence event of its own, on purpose: it is called only inside a
    read that has already checked the reader and recorded the view — the employer's report
    (`employer_report`), the decision page's report, the candidate's own portal session.
    Never call it on its own for a staff page. `organisation_id`, when given, narrows the
    read to that organisation (the console pages pass theirs).
    """
    rows = CandidateStatement.objects.filter(screening_id=screening_id)
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    with data_key_scope():
        return tuple(
            StatementView(
                text=row.text.reveal(),
                created_at=row.created_at,
                updated_at=row.updated_at,
                revision=row.revision,
            )
            for row in rows
        )


def statement_for_candidate(screening_id: UUID) -> CandidateStatementPage:
    """The candidate's own statement, and whether they may still change it."""
    screening = Screening.objects.get(id=screening_id)
    found = statements_for(screening_id)
    return CandidateStatementPage(
        statement=found[0] if found else None, editable=statement_is_open(screening)
    )


def survey_for_candidate(screening_id: UUID) -> CandidateSurveyPage:
    """Whether the survey is offered yet (the outcome was told), and whether it was answered."""
    submitted = (
        SurveyResponse.objects.filter(screening_id=screening_id)
        .values_list("submitted_at", flat=True)
        .first()
    )
    return CandidateSurveyPage(offered=survey_is_offered(screening_id), submitted_at=submitted)


def questions_for_candidate(screening_id: UUID) -> tuple[QuestionView, ...]:
    """The candidate's own questions with the employer's answers, newest first."""
    with data_key_scope():
        rows = CandidateQuestion.objects.filter(screening_id=screening_id)
        return tuple(_question_view(row) for row in rows)


@transaction.atomic
def questions_for_organisation(
    access: OrganisationAccess, *, now: datetime | None = None
) -> tuple[InboxQuestion, ...]:
    """HR's inbox: open questions first, the longest waiting on top; then the latest answered.

    Only the questions about positions on the reader's hiring teams (the overseers see all):
    a question names its candidate, like the report."""
    require(access, QUESTION_ANSWERERS)
    now = now or timezone.now()
    rows = CandidateQuestion.objects.filter(
        team_q(access, "screening__position_id"), organisation=access.organisation
    ).select_related("screening__position", "screening__candidate")
    waiting = list(rows.filter(answered_at=None).order_by("asked_at", "id"))
    answered = list(rows.exclude(answered_at=None).order_by("-answered_at", "id")[:ANSWERED_SHOWN])
    names = _display_names(row.answered_by for row in answered)
    counter = _WorkingDays(access.organisation)
    with data_key_scope():
        found = tuple(
            InboxQuestion(
                view=_question_view(row),
                screening_id=row.screening_id,
                candidate_name=row.screening.candidate.full_name.reveal(),
                position_title=row.screening.position.title,
                answered_by=names.get(row.answered_by, ""),
                waited=(row.answered_at or now) - row.asked_at,
                waited_working_days=counter.between(row.asked_at, row.answered_at or now),
            )
            for row in [*waiting, *answered]
        )
    record_event(
        event_type="questions.viewed",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={"waiting": len(waiting), "answered": len(answered)},
    )
    return found


@transaction.atomic
def survey_summary(
    access: OrganisationAccess, months: int = 6, *, today: date | None = None
) -> tuple[MonthOfSurveys, ...]:
    """The last `months` calendar months (this one included), newest first: how many
    candidates answered, the mean of each score, and their comments."""
    require(access, SURVEY_READERS)
    if isinstance(months, bool) or not isinstance(months, int) or not 0 < months <= MAX_MONTHS:
        raise InvalidInput("Some fields are invalid.", details={"months": f"1-{MAX_MONTHS}"})
    zone = ZoneInfo(access.organisation.time_zone)
    newest = _month_of(today or timezone.localtime(timezone.now(), zone).date())
    starts = [_shift(newest, -back) for back in range(months)]
    rows = SurveyResponse.objects.filter(
        organisation=access.organisation,
        submitted_at__gte=_local_start(starts[-1], zone),
        submitted_at__lt=_local_start(_shift(newest, 1), zone),
    ).order_by("submitted_at", "id")
    by_month: dict[date, list[SurveyResponse]] = {start: [] for start in starts}
    for row in rows:
        by_month[_month_of(timezone.localtime(row.submitted_at, zone).date())].append(row)
    with data_key_scope():
        summary = tuple(_month_summary(start, by_month[start]) for start in starts)
    record_event(
        event_type="surveys.viewed",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={
            "months": months,
            "responses": sum(month.count for month in summary),
            "comments": sum(len(month.comments) for month in summary),
        },
    )
    return summary


def question_response_times(access: OrganisationAccess, month: date) -> ResponseTimes:
    """The questions asked in `month` (any day of it) and how long each waited for its answer,
    in hours and in working days (a same-day answer is 0; None without a calendar)."""
    require(access, MONTHLY_REVIEWERS)
    zone = ZoneInfo(access.organisation.time_zone)
    start = _month_of(month)
    rows = CandidateQuestion.objects.filter(
        organisation=access.organisation,
        asked_at__gte=_local_start(start, zone),
        asked_at__lt=_local_start(_shift(start, 1), zone),
    ).order_by("asked_at", "id")
    counter = _WorkingDays(access.organisation)
    return ResponseTimes(month=start, rows=tuple(_response_time(row, counter) for row in rows))


class _WorkingDays:
    """Working days between two instants, on the organisation's calendar and in its zone."""

    def __init__(self, organisation: Organisation) -> None:
        self.calendar = calendar_for(organisation)
        self.zone = ZoneInfo(organisation.time_zone)

    def between(self, start: datetime, end: datetime) -> int | None:
        first = timezone.localtime(start, self.zone).date()
        last = timezone.localtime(end, self.zone).date()
        try:
            return self.calendar.working_days_between(first, max(first, last))
        except workdays.CalendarNotAvailable:
            return None  # a year nobody loaded: shown as unknown, never guessed


def _question_view(row: CandidateQuestion) -> QuestionView:
    return QuestionView(
        id=row.id,
        question=row.question.reveal(),
        asked_at=row.asked_at,
        answer=row.answer.reveal(),
        answered_at=row.answered_at,
    )


def _response_time(row: CandidateQuestion, counter: _WorkingDays) -> ResponseTime:
    answered = row.answered_at
    return ResponseTime(
        question_id=row.id,
        asked_at=row.asked_at,
        answered_at=answered,
        hours=round((answered - row.asked_at).total_seconds() / 3600, 1) if answered else None,
        working_days=counter.between(row.asked_at, answered) if answered else None,
    )


def _month_summary(start: date, rows: list[SurveyResponse]) -> MonthOfSurveys:
    comments = tuple(
        (row.submitted_at, text) for row in rows if (text := row.comment.reveal()) != ""
    )
    return MonthOfSurveys(
        month=start,
        count=len(rows),
        responsiveness=_mean(row.responsiveness for row in rows),
        transparency=_mean(row.transparency for row in rows),
        fairness=_mean(row.fairness for row in rows),
        comments=comments,
    )


def _display_names(references: Iterable[str]) -> dict[str, str]:
    """Staff names for the opaque `user:<id>` references an answer keeps."""
    ids = {
        reference.removeprefix("user:") for reference in references if reference.startswith("user:")
    }
    users = User.objects.filter(id__in=ids).values_list("id", "display_name")
    return {f"user:{user_id}": name for user_id, name in users}


def _month_of(day: date) -> date:
    return day.replace(day=1)


def _shift(month: date, by: int) -> date:
    index = month.year * 12 + month.month - 1 + by
    return date(index // 12, index % 12 + 1, 1)


def _local_start(month: date, zone: ZoneInfo) -> datetime:
    return datetime(month.year, month.month, 1, tzinfo=zone)


def _mean(values: Iterable[int]) -> float | None:
    found = list(values)
    return round(statistics.fmean(found), 2) if found else None


def _median(values: Iterable[float | int | None]) -> float | None:
    found = [value for value in values if value is not None]
    return round(float(statistics.median(found)), 1) if found else None
