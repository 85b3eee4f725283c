"""The copy's records of the decisions context: each decision with its outcome, reasons,
history and individualised assessment, every notice sent and the candidate's responses.

The history names who acted by the role they acted in (the entry keeps it), never by the
display name it also keeps for staff: that name is a colleague's data, not the
candidate's (PIPL Art. 45 covers the candidate's own information).
"""

from __future__ import annotations

from fairscreen.decisions.models import (
    Assessment,
    CandidateResponse,
    Decision,
    DecisionEntry,
    Notice,
)
from fairscreen.decisions.policy import DECIDERS
from fairscreen.portal.data_export._values import ExportContext, Record, iso

__all__ = [
    "assessment_record",
    "decision_record",
    "entry_record",
    "notice_record",
    "response_record",
]


def decision_record(row: Decision, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "state": row.state,
        "outcome": row.outcome,
        "relies_on_report": row.relies_on_report,
        "tier": row.tier,
        "rating": None if row.rating_id is None else str(row.rating_id),
        "chain": row.chain,
        "proposed_by": context.actor(row.proposed_by, acting_as=DECIDERS),
        "reasons": context.text(row.reasons),
        "conditions": context.text(row.conditions),
        "deviation_reason": context.text(row.deviation_reason),
        "response_deadline": iso(row.response_deadline),
        "opened_by": context.actor(row.opened_by, acting_as=DECIDERS),
        "opened_at": iso(row.opened_at),
        "preliminary_at": iso(row.preliminary_at),
        "final_at": iso(row.final_at),
        "superseded_at": iso(row.superseded_at),
        "superseded_reason": context.text(row.superseded_reason),
        "assessments": [],
        "history": [],
    }


def entry_record(row: DecisionEntry, context: ExportContext) -> Record:
    """One step of the decision: by role only (`actor` and `actor_name` stay out)."""
    by = {"kind": "you"} if row.actor == context.subject else context.roles(row.role)
    return {
        "id": str(row.id),
        "decision": str(row.decision_id),
        "kind": row.kind,
        "by": by,
        "outcome": row.outcome,
        "text": context.text(row.text),
        "reauthenticated": row.reauthenticated,
        "created_at": iso(row.created_at),
    }


def assessment_record(row: Assessment, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "decision": str(row.decision_id),
        "findings": row.findings,
        "nature_and_gravity": context.text(row.nature_and_gravity),
        "time_elapsed": context.text(row.time_elapsed),
        "relevance_to_duties": context.text(row.relevance_to_duties),
        "candidate_statement": context.text(row.candidate_statement),
        "recorded_by": context.actor(row.recorded_by, acting_as=DECIDERS),
        "recorded_at": iso(row.recorded_at),
    }


def notice_record(row: Notice, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "decision": str(row.decision_id),
        "kind": row.kind,
        "content": context.document(row.content),
        "response_deadline": iso(row.response_deadline),
        "sent_by": context.actor(row.sent_by, acting_as=DECIDERS),
        "sent_at": iso(row.sent_at),
        "responses": [],
    }


def response_record(row: CandidateResponse, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "notice": str(row.notice_id),
        "statement": context.text(row.statement),
        "received_at": iso(row.received_at),
    }
