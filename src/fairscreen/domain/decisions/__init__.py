"""Decisions: who decides, in which steps, how a negative decision is heard, by when.

Pure: the standard library and `fairscreen.domain.workdays`. See README.md beside this file.
"""

from __future__ import annotations

from fairscreen.domain.decisions._consistency import (
    MIN_PRECEDENTS,
    Precedent,
    RuleHistory,
    deviations,
    rule_history,
)
from fairscreen.domain.decisions._deadlines import (
    FEEDBACK_WORKING_DAYS,
    MIN_RESPONSE_WORKING_DAYS,
    REMINDER_WORKING_DAY,
    FeedbackClock,
    FeedbackStage,
    feedback_clock,
    response_deadline,
)
from fairscreen.domain.decisions._lifecycle import (
    ADVERSE,
    TRANSITIONS,
    Action,
    DecisionFacts,
    DecisionRefused,
    DecisionState,
    Outcome,
    transition,
)

__all__ = [
    "ADVERSE",
    "FEEDBACK_WORKING_DAYS",
    "MIN_PRECEDENTS",
    "MIN_RESPONSE_WORKING_DAYS",
    "REMINDER_WORKING_DAY",
    "TRANSITIONS",
    "Action",
    "DecisionFacts",
    "DecisionRefused",
    "DecisionState",
    "FeedbackClock",
    "FeedbackStage",
    "Outcome",
    "Precedent",
    "RuleHistory",
    "deviations",
    "feedback_clock",
    "response_deadline",
    "rule_history",
    "transition",
]
