"""The candidate's answer to a preliminary notice, inside the response window.

The window exists so the candidate can be heard before a negative decision is final: an
explanation (the record is old, the circumstances, rehabilitation) or a correction. A
response after the window is still accepted and shown to the deciders — being late must not
silence anyone — but it does not reopen the window.
"""

from __future__ import annotations

from uuid import UUID

from django.db import transaction

from fairscreen.accounts.local_time import organisation_today
from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.decisions.models import CandidateResponse, Decision, Notice, NoticeKind
from fairscreen.domain import decisions as domain
from fairscreen.evidence.services import record_event

MAX_STATEMENT = 8000


@transaction.atomic
def record_candidate_response(*, screening_id: UUID, statement: str) -> CandidateResponse:
    """For the candidate's own screening (the portal session names it)."""
    text = (statement or "").strip()
    if not 0 < len(text) <= MAX_STATEMENT:
        raise InvalidInput(
            "Write your response.", details={"statement": f"1-{MAX_STATEMENT} characters"}
        )
    decision = (
        Decision.objects.select_for_update()
        .filter(screening_id=screening_id)
        .exclude(state=domain.DecisionState.SUPERSEDED)
        .first()
    )
    if decision is None:
        raise NotFound("Not found.")
    if decision.state != domain.DecisionState.PRELIMINARY:
        raise Conflict("There is no preliminary notice to respond to.")
    notice = Notice.objects.filter(decision=decision, kind=NoticeKind.PRELIMINARY).last()
    if notice is None:
        raise NotFound("Not found.")
    response = CandidateResponse(
        organisation_id=decision.organisation_id,
        notice=notice,
        candidate_id=decision.candidate_id,
        statement=text,
    )
    response.save()
    today = organisation_today(decision.organisation)
    late = notice.response_deadline is not None and today > notice.response_deadline
    record_event(
        event_type="notice.responded",
        actor=f"candidate:{decision.candidate_id}",
        subject=decision.encryption_subject().subject,
        organisation=str(decision.organisation_id),
        payload={"notice": str(notice.id), "decision": str(decision.id), "late": late},
    )
    return response
