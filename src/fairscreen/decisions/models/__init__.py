"""The decisions context's models."""

from fairscreen.decisions.models._decisions import Assessment, Decision, DecisionEntry, EntryKind
from fairscreen.decisions.models._notices import (
    CandidateResponse,
    FeedbackDeadline,
    Notice,
    NoticeKind,
)
from fairscreen.decisions.models._policy import (
    CalendarSchedule,
    DecisionPolicy,
    FeedbackTrigger,
    default_chain,
)

__all__ = [
    "Assessment",
    "CalendarSchedule",
    "CandidateResponse",
    "Decision",
    "DecisionEntry",
    "DecisionPolicy",
    "EntryKind",
    "FeedbackDeadline",
    "FeedbackTrigger",
    "Notice",
    "NoticeKind",
    "default_chain",
]
