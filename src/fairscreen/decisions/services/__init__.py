"""Writes for the decisions context, one use case per function, one transaction each."""

from fairscreen.decisions.services._assessment import record_assessment
from fairscreen.decisions.services._calendar import calendar_for, load_calendar_schedule
from fairscreen.decisions.services._decisions import (
    DecisionConflict,
    ReauthenticationFailed,
    comment_on_decision,
    endorse_decision,
    finalise_decision,
    open_decision,
    propose_decision,
    reconsider_decision,
    return_decision,
    sign_decision,
)
from fairscreen.decisions.services._feedback import (
    SweepReport,
    start_feedback_clock,
    sweep_feedback_deadlines,
)
from fairscreen.decisions.services._notices import CalendarMissing, issue_notice
from fairscreen.decisions.services._policy import configure_decisions
from fairscreen.decisions.services._responses import record_candidate_response
from fairscreen.decisions.services._supersede import supersede_decision

__all__ = [
    "CalendarMissing",
    "DecisionConflict",
    "ReauthenticationFailed",
    "SweepReport",
    "calendar_for",
    "comment_on_decision",
    "configure_decisions",
    "endorse_decision",
    "finalise_decision",
    "issue_notice",
    "load_calendar_schedule",
    "open_decision",
    "propose_decision",
    "reconsider_decision",
    "record_assessment",
    "record_candidate_response",
    "return_decision",
    "sign_decision",
    "start_feedback_clock",
    "supersede_decision",
    "sweep_feedback_deadlines",
]
