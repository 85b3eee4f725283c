"""Notices to the candidate: the outcome and the reasons, always; the report copy and a
response window before any negative decision is final.

- **outcome** — a positive decision signed: the result and the reasons.
- **preliminary** — a decision not to proceed signed as preliminary: the reasons, the
  findings it rests on and the individualised assessment, a copy of the report (the same
  one the employer sees, with the rating's explanations), and the last day to respond or
  dispute (at least 5 working days, the organisation may give more).
- **final** — after the window: the decision, the reasons, and how to object (PIPL Art. 50:
  the handler must have a way to receive and handle requests and complaints).

Every notice meets the screening's feedback deadline (结果反馈) and is an evidence event.
"""

from __future__ import annotations

import json
from datetime import date

from django.utils import timezone

from fairscreen.accounts.local_time import organisation_today
from fairscreen.core.errors import Conflict
from fairscreen.decisions.models import Decision, DecisionPolicy, FeedbackDeadline, Notice
from fairscreen.decisions.services._calendar import calendar_for
from fairscreen.decisions.services._messages import tell_candidate
from fairscreen.domain import decisions as domain
from fairscreen.domain import workdays
from fairscreen.evidence.services import record_event
from fairscreen.screenings.selectors import report_copy

HOW_TO_OBJECT = {
    "zh": "如对结果有异议，您可以在候选人门户中对报告中的任何一项提出异议并上传证据；"
    "异议期间不会作出最终决定。您也可以联系用人单位的个人信息保护负责人。",
    "en": "If you disagree, you can dispute any finding of the report in your candidate "
    "portal and upload evidence; no final decision is taken while a dispute is open. You "
    "may also contact the employer's personal information protection contact.",
}


class CalendarMissing(Conflict):
    code = "calendar_not_available"


def issue_notice(decision: Decision, *, kind: str, actor: str, today: date | None = None) -> Notice:
    """Write the notice, tell the candidate, meet the feedback deadline (caller's transaction)."""
    today = today or organisation_today(decision.organisation)
    deadline = _response_deadline(decision, today) if kind == "preliminary" else None
    content = _content(decision, kind, deadline)
    notice = Notice(
        organisation_id=decision.organisation_id,
        screening_id=decision.screening_id,
        candidate_id=decision.candidate_id,
        decision=decision,
        kind=kind,
        content=json.dumps(content, ensure_ascii=False, sort_keys=True),
        response_deadline=deadline,
        sent_by=actor,
    )
    notice.save()
    FeedbackDeadline.objects.filter(screening_id=decision.screening_id, met_at=None).update(
        met_at=timezone.now()
    )
    record_event(
        event_type=f"notice.{kind}",
        actor=actor,
        subject=decision.encryption_subject().subject,
        organisation=str(decision.organisation_id),
        payload={
            "notice": str(notice.id),
            "decision": str(decision.id),
            "outcome": decision.outcome,
            "response_deadline": deadline.isoformat() if deadline else None,
        },
    )
    tell_candidate(notice)
    return notice


def _response_deadline(decision: Decision, today: date) -> date:
    policy = DecisionPolicy.objects.filter(organisation_id=decision.organisation_id).first()
    days = policy.response_working_days if policy else domain.MIN_RESPONSE_WORKING_DAYS
    try:
        return domain.response_deadline(
            today, calendar_for(decision.organisation), working_days=days
        )
    except workdays.CalendarNotAvailable as missing:
        raise CalendarMissing(
            f"The working-day calendar for {missing.year} is not loaded: an HR admin must load "
            "the official schedule before a response deadline can be set.",
            details={"year": missing.year},
        ) from None


def _content(decision: Decision, kind: str, deadline: date | None) -> dict[str, object]:
    content: dict[str, object] = {
        "kind": kind,
        "outcome": decision.outcome,
        "reasons": str(decision.reasons.reveal()),
        "conditions": str(decision.conditions.reveal()),
        "how_to_object": HOW_TO_OBJECT,
    }
    if kind == "preliminary":
        assessment = decision.assessments.first()
        content["response_deadline"] = deadline.isoformat() if deadline else None
        content["report"] = report_copy(decision.screening_id)
        content["assessment"] = (
            None
            if assessment is None
            else {
                "findings": assessment.findings,
                "nature_and_gravity": str(assessment.nature_and_gravity.reveal()),
                "time_elapsed": str(assessment.time_elapsed.reveal()),
                "relevance_to_duties": str(assessment.relevance_to_duties.reveal()),
                "candidate_statement": str(assessment.candidate_statement.reveal()),
            }
        )
    return content
