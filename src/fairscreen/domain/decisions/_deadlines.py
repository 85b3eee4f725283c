"""Deadlines counted in working days on the official calendar.

- Feedback (结果反馈): the candidate hears the outcome and the reasons within 3 working days
  of the trigger the organisation chose (the report completed, or the decision signed); a
  reminder goes out on the 2nd working day, and the HR admin is told once it is overdue.
- Response window: a preliminary notice gives the candidate at least 5 working days (the
  organisation may give more) to respond or dispute before a decision can become final.

"n working days after D" is the n-th working day strictly after D (`Calendar.add_working_days`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fairscreen.domain.workdays import Calendar

__all__ = [
    "FEEDBACK_WORKING_DAYS",
    "MIN_RESPONSE_WORKING_DAYS",
    "REMINDER_WORKING_DAY",
    "FeedbackClock",
    "FeedbackStage",
    "feedback_clock",
    "response_deadline",
]

FEEDBACK_WORKING_DAYS = 3
REMINDER_WORKING_DAY = 2
MIN_RESPONSE_WORKING_DAYS = 5


class FeedbackStage(StrEnum):
    ON_TIME = "on_time"
    REMIND = "remind"  # the reminder day has come
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class FeedbackClock:
    triggered_on: date
    remind_on: date
    due_on: date

    def stage(self, today: date) -> FeedbackStage:
        if today > self.due_on:
            return FeedbackStage.OVERDUE
        if today == self.due_on:
            return FeedbackStage.DUE_TODAY
        if today >= self.remind_on:
            return FeedbackStage.REMIND
        return FeedbackStage.ON_TIME


def feedback_clock(triggered_on: date, calendar: Calendar) -> FeedbackClock:
    """The reminder day and the last day for telling the candidate (3 working days)."""
    return FeedbackClock(
        triggered_on=triggered_on,
        remind_on=calendar.add_working_days(triggered_on, REMINDER_WORKING_DAY),
        due_on=calendar.add_working_days(triggered_on, FEEDBACK_WORKING_DAYS),
    )


def response_deadline(sent_on: date, calendar: Calendar, *, working_days: int) -> date:
    """The last day of the candidate's window; at least 5 working days, whatever is asked."""
    if working_days < MIN_RESPONSE_WORKING_DAYS:
        raise ValueError(
            f"the response window is at least {MIN_RESPONSE_WORKING_DAYS} working days"
        )
    return calendar.add_working_days(sent_on, working_days)
