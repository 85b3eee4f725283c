"""The copy's records of what the candidate said and asked, and of what they were told.

Disputes, statements, questions, the survey and the candidate's data requests; every
message queued about them — to them, or to staff about them (the text is about the
candidate) — but a message to staff leaves out the member's user id and address, which
are that member's data, not the candidate's.
"""

from __future__ import annotations

from fairscreen.accounts.roles import Role
from fairscreen.notifications.messages import RecipientKind
from fairscreen.notifications.models import Notification, PortalMessage
from fairscreen.portal.data_export._screenings import evidence_of
from fairscreen.portal.data_export._values import ExportContext, Record, iso
from fairscreen.portal.models import (
    CandidateQuestion,
    CandidateStatement,
    DataRequest,
    Dispute,
    SurveyResponse,
)
from fairscreen.screenings.policy import FINDING_RECORDERS

__all__ = [
    "data_request_record",
    "dispute_record",
    "notification_record",
    "portal_message_record",
    "question_record",
    "statement_record",
    "survey_record",
]

_DPO = frozenset({Role.DPO})


def dispute_record(row: Dispute, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "finding": str(row.finding_id),
        "statement": context.text(row.statement),
        "evidence": evidence_of(row),
        "opened_at": iso(row.opened_at),
        "due_on": iso(row.due_on),
        "state": row.state,
        "outcome": row.outcome,
        "reasons": context.text(row.reasons),
        "details_before": context.document(row.details_before),
        "lifecycle_before": row.lifecycle_before,
        "light_before": row.light_before,
        "light_after": row.light_after,
        "decision_reopened": row.decision_reopened,
        "resolved_by": context.actor(row.resolved_by, acting_as=FINDING_RECORDERS),
        "resolved_at": iso(row.resolved_at),
    }


def statement_record(row: CandidateStatement, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "text": context.text(row.text),
        "revision": row.revision,
        "created_at": iso(row.created_at),
        "updated_at": iso(row.updated_at),
    }


def question_record(row: CandidateQuestion, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "question": context.text(row.question),
        "asked_at": iso(row.asked_at),
        "answer": context.text(row.answer),
        "answered_by": context.actor(row.answered_by),
        "answered_at": iso(row.answered_at),
    }


def survey_record(row: SurveyResponse, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "responsiveness": row.responsiveness,
        "transparency": row.transparency,
        "fairness": row.fairness,
        "comment": context.text(row.comment),
        "submitted_at": iso(row.submitted_at),
    }


def data_request_record(row: DataRequest, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "kind": row.kind,
        "text": context.text(row.text),
        "finding": None if row.finding_id is None else str(row.finding_id),
        "dispute": None if row.dispute_id is None else str(row.dispute_id),
        "received_at": iso(row.received_at),
        "due_on": iso(row.due_on),
        "state": row.state,
        "outcome": context.text(row.outcome),
        "handled_by": context.actor(row.handled_by, acting_as=_DPO),
        "started_at": iso(row.started_at),
        "handled_at": iso(row.handled_at),
        "destruction_certificate": row.destruction_event,
    }


def notification_record(row: Notification, context: ExportContext) -> Record:
    to_candidate = row.recipient_kind == RecipientKind.CANDIDATE
    return {
        "id": str(row.id),
        "kind": row.kind,
        "screening": None if row.screening_id is None else str(row.screening_id),
        "recipient": "you" if to_candidate else "staff",
        "language": row.language,
        "content": context.document(row.content),
        "email": context.text(row.email) if to_candidate else None,
        "phone": context.text(row.phone) if to_candidate else None,
        "created_by": context.actor(row.created_by),
        "created_at": iso(row.created_at),
        "purged_at": iso(row.purged_at),
        "deliveries": [
            {
                "channel": delivery.channel,
                "state": delivery.state,
                "attempts": delivery.attempts,
                "last_error_code": delivery.last_error_code,
                "queued_at": iso(delivery.queued_at),
                "sent_at": iso(delivery.sent_at),
                "finished_at": iso(delivery.finished_at),
            }
            for delivery in row.deliveries.all()
        ],
    }


def portal_message_record(row: PortalMessage, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "notification": str(row.notification_id),
        "screening": None if row.screening_id is None else str(row.screening_id),
        "kind": row.kind,
        "content": context.document(row.content),
        "created_at": iso(row.created_at),
        "read_at": iso(row.read_at),
    }
