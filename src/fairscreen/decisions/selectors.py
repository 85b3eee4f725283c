"""Reads of decisions: the decision with its history, the consistency view, the deadlines.

Everything here is personal data (reasons, comments, the assessment), decrypted inside one
key scope and returned as frozen views, never models. Reading a decision records the
access like reading a report (DESIGN.md rule 3); a list that names candidates records one
access per screening it shows. "Today" is the organisation's day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import F

from fairscreen.accounts.local_time import organisation_today
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import NotFound
from fairscreen.decisions.models import Decision, FeedbackDeadline, Notice
from fairscreen.decisions.policy import DECISION_READERS
from fairscreen.decisions.services import _facts as facts
from fairscreen.decisions.services._feedback import counted_clock
from fairscreen.decisions.services._steps import endorsers
from fairscreen.domain import decisions as domain
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.subjects import Revealed
from fairscreen.screenings.access_log import record_access
from fairscreen.screenings.models import Screening
from fairscreen.screenings.policy import require
from fairscreen.screenings.selectors import ReportPurpose
from fairscreen.screenings.team_access import team_q

__all__ = [
    "AssessmentView",
    "DeadlineView",
    "DecisionView",
    "EntryView",
    "NoticeView",
    "decision_for_screening",
    "feedback_deadlines",
    "notices_for_candidate",
]


@dataclass(frozen=True)
class EntryView:
    kind: str
    actor_name: str
    role: str
    outcome: str
    text: Revealed
    reauthenticated: bool
    created_at: datetime


@dataclass(frozen=True)
class AssessmentView:
    findings: tuple[str, ...]
    nature_and_gravity: Revealed
    time_elapsed: Revealed
    relevance_to_duties: Revealed
    candidate_statement: Revealed
    recorded_at: datetime


@dataclass(frozen=True)
class NoticeView:
    id: UUID
    kind: str
    content: dict[str, Any] | None
    response_deadline: date | None
    sent_at: datetime
    responses: tuple[tuple[Revealed, datetime], ...]


@dataclass(frozen=True)
class DecisionView:
    """A decision as the deciders see it, with what the next step needs to know."""

    id: UUID
    screening_id: UUID
    state: str
    outcome: str
    tier: str
    chain: tuple[dict[str, str], ...]
    step: int
    reasons: Revealed
    conditions: Revealed
    deviation_reason: Revealed
    response_deadline: date | None
    entries: tuple[EntryView, ...]
    assessment: AssessmentView | None
    notices: tuple[NoticeView, ...]
    histories: tuple[domain.RuleHistory, ...]
    dispute_open: bool
    report_usable: bool
    report_expires_on: date | None = None
    proposed_by: str = ""
    """The opaque reference of whoever proposed: they may not also endorse or sign."""
    endorsed_by: frozenset[str] = frozenset()
    """The opaque references of whoever endorsed the current proposal (once each)."""
    position_id: UUID | None = None
    """The screening's position: steps are taken in roles held on its hiring team."""

    @property
    def next_step(self) -> dict[str, str] | None:
        if self.state == domain.DecisionState.IN_REVIEW:
            return self.chain[0]
        if self.state == domain.DecisionState.AWAITING_SIGNATURE and self.step < len(self.chain):
            return self.chain[self.step]
        if self.state == domain.DecisionState.PRELIMINARY:
            return self.chain[-1]
        return None


@transaction.atomic
def decision_for_screening(
    *, access: OrganisationAccess, screening_id: UUID
) -> DecisionView | None:
    """The screening's live decision (None if none is open yet); the read is recorded."""
    require(access, DECISION_READERS)
    screening = Screening.objects.filter(
        team_q(access), organisation=access.organisation, id=screening_id
    ).first()
    if screening is None:
        raise NotFound("Not found.")
    row = (
        Decision.objects.filter(screening=screening)
        .exclude(state=domain.DecisionState.SUPERSEDED)
        .select_related("rating")
        .first()
    )
    if row is None:
        return None
    with data_key_scope():
        view = _decision_view(row, screening)
    record_access(
        access,
        screening,
        kind="decision.viewed",
        purpose=ReportPurpose.DECISION.value,
        decision=str(row.id),
    )
    return view


@dataclass(frozen=True)
class DeadlineView:
    screening_id: UUID
    candidate_name: Revealed
    position_title: str
    triggered_on: date
    remind_on: date | None  # None while the clock cannot be counted (`calendar_problem`)
    due_on: date | None
    stage: str
    reminded_at: datetime | None
    escalated_at: datetime | None
    calendar_problem: str


@transaction.atomic
def feedback_deadlines(
    *, access: OrganisationAccess, today: date | None = None
) -> tuple[DeadlineView, ...]:
    """The open feedback deadlines of the organisation, most urgent first (the dashboard):
    those that cannot be counted (no calendar) first, then by due date.

    It shows candidates' names, so each screening listed is a recorded access.
    """
    require(access, DECISION_READERS)
    today = today or organisation_today(access.organisation)
    rows = list(
        FeedbackDeadline.objects.filter(
            team_q(access, "screening__position_id"),
            organisation=access.organisation,
            met_at=None,
        )
        .select_related("screening__candidate", "screening__position")
        .order_by(F("due_on").asc(nulls_first=True), "triggered_on", "id")
    )
    with data_key_scope():
        prime(row.screening.encryption_subject() for row in rows)
        views = tuple(_deadline_view(row, today) for row in rows)
    for row in rows:
        record_access(
            access,
            row.screening,
            kind="feedback_deadline.listed",
            purpose=ReportPurpose.DECISION.value,
        )
    return views


def notices_for_candidate(*, screening_id: UUID) -> tuple[NoticeView, ...]:
    """The candidate's own notices (the portal session names the screening)."""
    rows = list(Notice.objects.filter(screening_id=screening_id).prefetch_related("responses"))
    with data_key_scope():
        return tuple(_notice_view(row) for row in rows)


def _decision_view(row: Decision, screening: Screening) -> DecisionView:
    assessment = row.assessments.first()
    rules = facts.counted_rules(facts.latest_rating(screening))
    earlier = facts.precedents(row)
    return DecisionView(
        id=row.id,
        screening_id=row.screening_id,
        state=row.state,
        outcome=row.outcome,
        tier=row.tier,
        chain=tuple(row.chain),
        step=row.step,
        reasons=row.reasons.reveal(),
        conditions=row.conditions.reveal(),
        deviation_reason=row.deviation_reason.reveal(),
        response_deadline=row.response_deadline,
        entries=tuple(_entry_view(entry) for entry in row.entries.all()),
        assessment=None if assessment is None else _assessment_view(assessment),
        notices=tuple(_notice_view(notice) for notice in row.notices.all()),
        histories=tuple(domain.rule_history(rule, row.tier, earlier) for rule in sorted(rules)),
        dispute_open=facts.dispute_open(screening),
        report_usable=facts.report_usable(screening),
        report_expires_on=facts.report_expires_on(screening),
        proposed_by=row.proposed_by,
        endorsed_by=endorsers(row),
        position_id=screening.position_id,
    )


def _entry_view(entry: Any) -> EntryView:
    return EntryView(
        kind=entry.kind,
        actor_name=entry.actor_name,
        role=entry.role,
        outcome=entry.outcome,
        text=entry.text.reveal(),
        reauthenticated=entry.reauthenticated,
        created_at=entry.created_at,
    )


def _assessment_view(row: Any) -> AssessmentView:
    return AssessmentView(
        findings=tuple(row.findings),
        nature_and_gravity=row.nature_and_gravity.reveal(),
        time_elapsed=row.time_elapsed.reveal(),
        relevance_to_duties=row.relevance_to_duties.reveal(),
        candidate_statement=row.candidate_statement.reveal(),
        recorded_at=row.recorded_at,
    )


def _notice_view(row: Notice) -> NoticeView:
    content = row.content.reveal()
    return NoticeView(
        id=row.id,
        kind=row.kind,
        content=json.loads(content) if isinstance(content, str) else None,
        response_deadline=row.response_deadline,
        sent_at=row.sent_at,
        responses=tuple(
            (response.statement.reveal(), response.received_at) for response in row.responses.all()
        ),
    )


def _deadline_view(row: FeedbackDeadline, today: date) -> DeadlineView:
    clock = counted_clock(row)
    return DeadlineView(
        screening_id=row.screening_id,
        candidate_name=row.screening.candidate.full_name.reveal(),
        position_title=row.screening.position.title,
        triggered_on=row.triggered_on,
        remind_on=row.remind_on,
        due_on=row.due_on,
        stage="calendar_missing" if clock is None else str(clock.stage(today)),
        reminded_at=row.reminded_at,
        escalated_at=row.escalated_at,
        calendar_problem=row.calendar_problem,
    )
