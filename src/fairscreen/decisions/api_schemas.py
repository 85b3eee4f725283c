"""Response schemas of the decisions API (see `decisions.api` for the endpoints).

A decision is built from the selector's frozen `DecisionView`, never from the model, so a
response cannot reach more than the selector chose to read (and recorded reading). Text
the deciders wrote is about the candidate and encrypted under the candidate's key: once
that key is destroyed it reads as `null`, like every other shredded value of the API.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from fairscreen.decisions.models import DecisionPolicy, FeedbackTrigger, default_chain
from fairscreen.decisions.selectors import (
    AssessmentView,
    DeadlineView,
    DecisionView,
    EntryView,
    NoticeView,
)
from fairscreen.domain import decisions as domain
from fairscreen.domain import workdays
from fairscreen.screenings.api_findings_schemas import plain

_SHREDDED = "null once the candidate's keys are destroyed"


class ChainStepOut(Schema):
    role: str
    kind: str = Field(..., description="review (comment, propose, endorse) or sign")

    @staticmethod
    def of(step: dict[str, str]) -> ChainStepOut:
        return ChainStepOut(role=step["role"], kind=step["kind"])


class EntryOut(Schema):
    kind: str = Field(
        ...,
        description="opened, comment, proposal, endorsement, returned, signature, "
        "reconsidered, finalised or superseded",
    )
    actor_name: str = Field(..., description="the name as it was when they acted")
    role: str = Field(..., description="the roles they held then, comma-separated")
    outcome: domain.Outcome | None
    text: str | None = Field(..., description=_SHREDDED)
    reauthenticated: bool = Field(..., description="signed after re-entering the password")
    created_at: datetime

    @staticmethod
    def of(view: EntryView) -> EntryOut:
        return EntryOut(
            kind=view.kind,
            actor_name=view.actor_name,
            role=view.role,
            outcome=domain.Outcome(view.outcome) if view.outcome else None,
            text=plain(view.text),
            reauthenticated=view.reauthenticated,
            created_at=view.created_at,
        )


class AssessmentOut(Schema):
    """The individualised assessment (fair-chance practice): weighed case by case."""

    findings: list[UUID] = Field(..., description="findings of the employer's report it rests on")
    nature_and_gravity: str | None
    time_elapsed: str | None
    relevance_to_duties: str | None
    candidate_statement: str | None
    recorded_at: datetime

    @staticmethod
    def of(view: AssessmentView) -> AssessmentOut:
        return AssessmentOut(
            findings=[UUID(finding) for finding in view.findings],
            nature_and_gravity=plain(view.nature_and_gravity),
            time_elapsed=plain(view.time_elapsed),
            relevance_to_duties=plain(view.relevance_to_duties),
            candidate_statement=plain(view.candidate_statement),
            recorded_at=view.recorded_at,
        )


class CandidateResponseOut(Schema):
    statement: str | None = Field(..., description=_SHREDDED)
    received_at: datetime


class NoticeOut(Schema):
    id: UUID
    kind: str = Field(..., description="outcome, preliminary, final or reopened")
    response_deadline: date | None = Field(
        ..., description="preliminary notices: the candidate's last day to respond or dispute"
    )
    sent_at: datetime
    content: dict[str, Any] | None = Field(
        ..., description="exactly what the candidate was sent (PIPL Art. 69); " + _SHREDDED
    )
    responses: list[CandidateResponseOut]

    @staticmethod
    def of(view: NoticeView) -> NoticeOut:
        return NoticeOut(
            id=view.id,
            kind=view.kind,
            response_deadline=view.response_deadline,
            sent_at=view.sent_at,
            content=view.content,
            responses=[
                CandidateResponseOut(statement=plain(statement), received_at=received_at)
                for statement, received_at in view.responses
            ],
        )


class OutcomeCountOut(Schema):
    outcome: domain.Outcome
    count: int


class RuleHistoryOut(Schema):
    """How this organisation decided before when the same rule counted at the same tier."""

    rule: str = Field(..., description="the rulebook rule, e.g. categories.<category>")
    tier: str
    counts: list[OutcomeCountOut] = Field(..., description="most frequent first")
    total: int
    usual: domain.Outcome | None = Field(
        ...,
        description=f"the most frequent earlier outcome once there are {domain.MIN_PRECEDENTS} "
        "and no tie; a proposal that differs needs a deviation_reason",
    )

    @staticmethod
    def of(history: domain.RuleHistory) -> RuleHistoryOut:
        return RuleHistoryOut(
            rule=history.rule,
            tier=history.tier,
            counts=[
                OutcomeCountOut(outcome=outcome, count=count) for outcome, count in history.counts
            ],
            total=history.total,
            usual=history.usual,
        )


class DecisionOut(Schema):
    id: UUID
    screening_id: UUID
    state: domain.DecisionState
    outcome: domain.Outcome | None = Field(..., description="null until proposed")
    tier: str = Field(..., description="the position's risk tier when the decision opened")
    chain: list[ChainStepOut] = Field(..., description="copied from the policy when it opened")
    step: int = Field(..., description="index into chain of the step that acts next")
    next_step: ChainStepOut | None = Field(..., description="who acts next; null when closed")
    reasons: str | None = Field(..., description="empty until proposed; " + _SHREDDED)
    conditions: str | None
    deviation_reason: str | None
    response_deadline: date | None = Field(
        ..., description="while preliminary: finalisation is refused up to and on this day"
    )
    dispute_open: bool = Field(..., description="an open dispute freezes the decision")
    report_usable: bool
    histories: list[RuleHistoryOut] = Field(..., description="consistency: one per counted rule")
    assessment: AssessmentOut | None
    entries: list[EntryOut] = Field(..., description="the history, oldest first")
    notices: list[NoticeOut]

    @staticmethod
    def of(view: DecisionView) -> DecisionOut:
        return DecisionOut(
            id=view.id,
            screening_id=view.screening_id,
            state=domain.DecisionState(view.state),
            outcome=domain.Outcome(view.outcome) if view.outcome else None,
            tier=view.tier,
            chain=[ChainStepOut.of(step) for step in view.chain],
            step=view.step,
            next_step=ChainStepOut.of(view.next_step) if view.next_step else None,
            reasons=plain(view.reasons),
            conditions=plain(view.conditions),
            deviation_reason=plain(view.deviation_reason),
            response_deadline=view.response_deadline,
            dispute_open=view.dispute_open,
            report_usable=view.report_usable,
            histories=[RuleHistoryOut.of(history) for history in view.histories],
            assessment=AssessmentOut.of(view.assessment) if view.assessment else None,
            entries=[EntryOut.of(entry) for entry in view.entries],
            notices=[NoticeOut.of(notice) for notice in view.notices],
        )


class DeadlineOut(Schema):
    """One screening's 3-working-day feedback clock (结果反馈), for the dashboard."""

    screening_id: UUID
    candidate_name: str | None = Field(..., description=_SHREDDED)
    position_title: str
    triggered_on: date
    remind_on: date | None = Field(..., description="null until the calendar lets it be counted")
    due_on: date | None = Field(..., description="null until the calendar lets it be counted")
    stage: str = Field(
        ..., description="on_time, remind, due_today, overdue or calendar_missing (load the year)"
    )
    reminded_at: datetime | None
    escalated_at: datetime | None
    calendar_problem: str | None = Field(..., description="e.g. calendar_not_available:2027")

    @staticmethod
    def of(view: DeadlineView) -> DeadlineOut:
        return DeadlineOut(
            screening_id=view.screening_id,
            candidate_name=plain(view.candidate_name),
            position_title=view.position_title,
            triggered_on=view.triggered_on,
            remind_on=view.remind_on,
            due_on=view.due_on,
            stage=view.stage,
            reminded_at=view.reminded_at,
            escalated_at=view.escalated_at,
            calendar_problem=view.calendar_problem or None,
        )


class PolicyOut(Schema):
    chain: list[ChainStepOut]
    feedback_trigger: str = Field(..., description="report_completed or decision_signed")
    response_working_days: int
    is_default: bool = Field(..., description="true until an HR admin stores a policy")
    updated_by: str | None = Field(..., description="an opaque principal reference")
    updated_at: datetime | None

    @staticmethod
    def of(policy: DecisionPolicy | None) -> PolicyOut:
        if policy is None:  # what the services apply when no policy is stored
            return PolicyOut(
                chain=[ChainStepOut.of(step) for step in default_chain()],
                feedback_trigger=FeedbackTrigger.REPORT_COMPLETED,
                response_working_days=domain.MIN_RESPONSE_WORKING_DAYS,
                is_default=True,
                updated_by=None,
                updated_at=None,
            )
        return PolicyOut(
            chain=[ChainStepOut.of(step) for step in policy.chain],
            feedback_trigger=policy.feedback_trigger,
            response_working_days=policy.response_working_days,
            is_default=False,
            updated_by=policy.updated_by or None,
            updated_at=policy.updated_at,
        )


class CalendarOut(Schema):
    schedule_id: UUID = Field(..., description="the loaded text; older ones stay on record")
    loaded_by: str = Field(..., description="an opaque principal reference")
    loaded_at: datetime
    covered_years: list[int] = Field(..., description="years with an official schedule now")
    covered_until: date = Field(..., description="deadlines beyond this day are refused (409)")

    @staticmethod
    def of(
        *, schedule_id: UUID, loaded_by: str, loaded_at: datetime, calendar: workdays.Calendar
    ) -> CalendarOut:
        return CalendarOut(
            schedule_id=schedule_id,
            loaded_by=loaded_by,
            loaded_at=loaded_at,
            covered_years=list(calendar.covered_years()),
            covered_until=calendar.covered_until(),
        )
