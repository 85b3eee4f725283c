"""Deadlines on the official calendar, and how usual outcomes are found."""

from __future__ import annotations

from datetime import date

import pytest

from fairscreen.domain.decisions import (
    FeedbackStage,
    Outcome,
    Precedent,
    deviations,
    feedback_clock,
    response_deadline,
    rule_history,
)
from fairscreen.domain.workdays import CalendarNotAvailable, official_calendar

CALENDAR = official_calendar()


def test_feedback_is_due_three_working_days_after_the_trigger_across_national_day():
    clock = feedback_clock(date(2026, 9, 30), CALENDAR)
    assert clock.due_on == date(2026, 10, 10)  # Oct 1-8 holidays; Saturday Oct 10 is worked
    assert clock.remind_on == date(2026, 10, 9)
    assert clock.stage(date(2026, 10, 8)) is FeedbackStage.ON_TIME
    assert clock.stage(date(2026, 10, 9)) is FeedbackStage.REMIND
    assert clock.stage(date(2026, 10, 10)) is FeedbackStage.DUE_TODAY
    assert clock.stage(date(2026, 10, 11)) is FeedbackStage.OVERDUE


def test_the_response_window_is_five_working_days_across_spring_festival():
    assert response_deadline(date(2026, 2, 12), CALENDAR, working_days=5) == date(2026, 2, 26)


def test_the_window_is_never_shorter_than_five_working_days():
    with pytest.raises(ValueError, match="at least 5"):
        response_deadline(date(2026, 3, 2), CALENDAR, working_days=4)
    assert response_deadline(date(2026, 3, 2), CALENDAR, working_days=10) == date(2026, 3, 16)


def test_a_deadline_in_a_year_without_a_calendar_raises_instead_of_guessing():
    with pytest.raises(CalendarNotAvailable):
        feedback_clock(date(2026, 12, 29), CALENDAR)


P = "categories.dishonest_debtor.currently_listed"


def test_the_usual_outcome_needs_enough_precedents_of_the_same_tier_and_no_tie():
    precedents = [Precedent(frozenset({P}), "L2", Outcome.DO_NOT_PROCEED)] * 2
    assert rule_history(P, "L2", precedents).usual is None  # too few to be "usual"
    precedents.append(Precedent(frozenset({P}), "L2", Outcome.DO_NOT_PROCEED))
    precedents.append(Precedent(frozenset({P}), "L3", Outcome.PROCEED))  # another tier
    history = rule_history(P, "L2", precedents)
    assert history.usual is Outcome.DO_NOT_PROCEED
    assert history.counts == ((Outcome.DO_NOT_PROCEED, 3),)
    tied = [*precedents, Precedent(frozenset({P}), "L2", Outcome.PROCEED)] + [
        Precedent(frozenset({P}), "L2", Outcome.PROCEED)
    ] * 2
    assert rule_history(P, "L2", tied).usual is None


def test_a_proposal_against_the_usual_outcome_is_a_deviation():
    precedents = [Precedent(frozenset({P}), "L2", Outcome.DO_NOT_PROCEED)] * 3
    assert deviations(proposed=Outcome.PROCEED, rules=[P], tier="L2", precedents=precedents)
    assert not deviations(
        proposed=Outcome.DO_NOT_PROCEED, rules=[P], tier="L2", precedents=precedents
    )
    assert not deviations(proposed=Outcome.PROCEED, rules=[P], tier="L1", precedents=precedents)
