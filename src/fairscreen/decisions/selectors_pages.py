"""Reads the console's decision pages need beyond `selectors.py`: whose decision, which are
under way, every notice of a screening, the organisation's decision policy and calendar.

Same rules as `selectors.py` (DESIGN.md rule 3): the role is checked here too, only the
position's hiring team (and the overseers) see a screening's decision (`team_q`), personal
values are decrypted inside one key scope and returned in frozen views, never models, and
every read that shows a candidate's name or what they were told is a recorded access, one
per screening shown, in the read's own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from django.db import transaction

from fairscreen.accounts.local_time import organisation_today
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import NotFound
from fairscreen.decisions.models import (
    CalendarSchedule,
    Decision,
    DecisionPolicy,
    FeedbackTrigger,
    Notice,
)
from fairscreen.decisions.models import default_chain as _default_chain
from fairscreen.decisions.policy import DECISION_READERS, POLICY_EDITORS
from fairscreen.decisions.selectors import NoticeView, _notice_view
from fairscreen.decisions.services import calendar_for
from fairscreen.domain import decisions as domain
from fairscreen.domain import workdays
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.subjects import Revealed
from fairscreen.screenings.access_log import record_access
from fairscreen.screenings.models import Screening
from fairscreen.screenings.policy import require
from fairscreen.screenings.selectors import ReportPurpose
from fairscreen.screenings.team_access import team_q

__all__ = [
    "DecisionCover",
    "OpenDecisionView",
    "PolicyView",
    "decision_cover",
    "decision_policy",
    "notices_for_screening",
    "open_decisions",
]

_UNDER_WAY = (
    domain.DecisionState.IN_REVIEW,
    domain.DecisionState.AWAITING_SIGNATURE,
    domain.DecisionState.PRELIMINARY,
)


@dataclass(frozen=True)
class DecisionCover:
    """Whose decision the page is about: the deciders must know whom they decide on."""

    screening_id: UUID
    candidate_name: Revealed
    position_title: str
    screening_status: str


@dataclass(frozen=True)
class OpenDecisionView:
    """A decision not yet final, with the role whose turn it is (the dashboard's worklist)."""

    screening_id: UUID
    candidate_name: Revealed
    position_title: str
    state: str
    next_role: str
    response_deadline: date | None
    opened_at: datetime


@dataclass(frozen=True)
class PolicyView:
    chain: tuple[dict[str, str], ...]
    feedback_trigger: str
    response_working_days: int
    updated_at: datetime | None
    schedule_text: str
    schedule_loaded_at: datetime | None
    covered_until: date | None  # the last day of the latest year with data
    runs_out_on: date | None  # the last day with data, without a gap, from today on
    runs_out_soon: bool


_PURPOSE = ReportPurpose.DECISION.value


@transaction.atomic
def decision_cover(*, access: OrganisationAccess, screening_id: UUID) -> DecisionCover:
    """The candidate and the position of a screening; another organisation's is `NotFound`.

    It names the candidate, so the read is recorded."""
    require(access, DECISION_READERS)
    row = (
        Screening.objects.select_related("candidate", "position")
        .filter(team_q(access), organisation=access.organisation, id=screening_id)
        .first()
    )
    if row is None:
        raise NotFound("Not found.")
    with data_key_scope():
        cover = DecisionCover(
            screening_id=row.id,
            candidate_name=row.candidate.full_name.reveal(),
            position_title=row.position.title,
            screening_status=row.status,
        )
    record_access(access, row, kind="decision.cover_viewed", purpose=_PURPOSE)
    return cover


@transaction.atomic
def open_decisions(*, access: OrganisationAccess) -> tuple[OpenDecisionView, ...]:
    """Decisions in review, awaiting a signature or preliminary, oldest first.

    A preliminary decision has met its feedback deadline (the candidate was told), so it
    leaves the deadline list; it still waits for someone to finalise or reconsider it. The
    list names candidates: each screening listed is a recorded access.
    """
    require(access, DECISION_READERS)
    rows = list(
        Decision.objects.filter(
            team_q(access, "screening__position_id"),
            organisation=access.organisation,
            state__in=_UNDER_WAY,
        )
        .select_related("screening__candidate", "screening__position")
        .order_by("opened_at", "id")
    )
    with data_key_scope():
        prime(row.screening.encryption_subject() for row in rows)
        views = tuple(_open_view(row) for row in rows)
    for row in rows:
        record_access(
            access, row.screening, kind="decision.listed", purpose=_PURPOSE, decision=str(row.id)
        )
    return views


@transaction.atomic
def notices_for_screening(
    *, access: OrganisationAccess, screening_id: UUID
) -> tuple[NoticeView, ...]:
    """Every notice the candidate of this screening was sent, superseded decisions' too.

    What the candidate was told is evidence (PIPL Art. 69); reading it is recorded.
    """
    require(access, DECISION_READERS)
    screening = Screening.objects.filter(
        team_q(access), organisation=access.organisation, id=screening_id
    ).first()
    if screening is None:
        raise NotFound("Not found.")
    rows = list(Notice.objects.filter(screening=screening).prefetch_related("responses"))
    with data_key_scope():
        views = tuple(_notice_view(row) for row in rows)
    record_access(access, screening, kind="notices.viewed", purpose=_PURPOSE, notices=len(views))
    return views


def decision_policy(*, access: OrganisationAccess, today: date | None = None) -> PolicyView:
    """The policy as configured (or the defaults) and the calendar's reach, for HR admins."""
    require(access, POLICY_EDITORS)
    today = today or organisation_today(access.organisation)
    policy = DecisionPolicy.objects.filter(organisation=access.organisation).first()
    schedule = CalendarSchedule.objects.filter(organisation=access.organisation).first()
    calendar = calendar_for(access.organisation)
    covered = calendar.covered_years()
    days_left = workdays.days_until_calendar_runs_out(calendar, today=today)
    return PolicyView(
        chain=tuple(policy.chain if policy else _default_chain()),
        feedback_trigger=policy.feedback_trigger if policy else FeedbackTrigger.REPORT_COMPLETED,
        response_working_days=(
            policy.response_working_days if policy else domain.MIN_RESPONSE_WORKING_DAYS
        ),
        updated_at=policy.updated_at if policy and policy.updated_by else None,
        schedule_text=schedule.text if schedule else "",
        schedule_loaded_at=schedule.loaded_at if schedule else None,
        covered_until=calendar.covered_until() if covered else None,
        runs_out_on=today + timedelta(days=days_left - 1) if days_left else None,
        runs_out_soon=workdays.needs_next_year_warning(calendar, today=today),
    )


def _open_view(row: Decision) -> OpenDecisionView:
    chain = row.chain
    if row.state == domain.DecisionState.AWAITING_SIGNATURE:
        step = chain[min(row.step, len(chain) - 1)]
    elif row.state == domain.DecisionState.PRELIMINARY:
        step = chain[-1]
    else:
        step = chain[0]
    return OpenDecisionView(
        screening_id=row.screening_id,
        candidate_name=row.screening.candidate.full_name.reveal(),
        position_title=row.screening.position.title,
        state=row.state,
        next_role=str(step["role"]),
        response_deadline=row.response_deadline,
        opened_at=row.opened_at,
    )
