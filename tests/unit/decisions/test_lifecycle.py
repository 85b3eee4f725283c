"""The decision lifecycle: people decide; a negative decision is heard before it is final."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain.decisions import (
    TRANSITIONS,
    Action,
    DecisionFacts,
    DecisionRefused,
    DecisionState,
    Outcome,
    transition,
)

TODAY = date(2026, 12, 1)


def facts(state=DecisionState.IN_REVIEW, outcome=Outcome.PROCEED, **more) -> DecisionFacts:
    return DecisionFacts(state=state, outcome=outcome, today=TODAY, **more)


def refused(action, given_facts) -> str:
    with pytest.raises(DecisionRefused) as raised:
        transition(action, given_facts)
    return raised.value.code


def test_a_positive_decision_is_proposed_then_signed_final():
    assert transition(Action.PROPOSE, facts()) is DecisionState.AWAITING_SIGNATURE
    assert transition(Action.SIGN, facts(DecisionState.AWAITING_SIGNATURE)) is DecisionState.FINAL


def test_not_proceeding_on_the_report_needs_an_assessment_and_is_first_preliminary():
    adverse = facts(outcome=Outcome.DO_NOT_PROCEED)
    assert refused(Action.PROPOSE, adverse) == "assessment_required"
    assessed = facts(outcome=Outcome.DO_NOT_PROCEED, has_assessment=True)
    assert transition(Action.PROPOSE, assessed) is DecisionState.AWAITING_SIGNATURE
    signed = facts(DecisionState.AWAITING_SIGNATURE, Outcome.DO_NOT_PROCEED, has_assessment=True)
    assert transition(Action.SIGN, signed) is DecisionState.PRELIMINARY


def test_the_decision_cannot_be_final_inside_the_window_or_while_disputed():
    window = facts(
        DecisionState.PRELIMINARY,
        Outcome.DO_NOT_PROCEED,
        has_assessment=True,
        response_deadline=date(2026, 12, 8),
    )
    assert refused(Action.FINALISE, window) == "response_window_open"
    on_the_last_day = facts(
        DecisionState.PRELIMINARY, Outcome.DO_NOT_PROCEED, response_deadline=TODAY
    )
    assert refused(Action.FINALISE, on_the_last_day) == "response_window_open"
    after = facts(
        DecisionState.PRELIMINARY, Outcome.DO_NOT_PROCEED, response_deadline=date(2026, 11, 30)
    )
    assert transition(Action.FINALISE, after) is DecisionState.FINAL
    disputed = facts(
        DecisionState.PRELIMINARY,
        Outcome.DO_NOT_PROCEED,
        response_deadline=date(2026, 11, 30),
        dispute_open=True,
    )
    assert refused(Action.FINALISE, disputed) == "dispute_open"


def test_a_dispute_or_an_unusable_report_freezes_proposing_and_signing():
    assert refused(Action.PROPOSE, facts(dispute_open=True)) == "dispute_open"
    assert refused(Action.SIGN, facts(DecisionState.AWAITING_SIGNATURE, dispute_open=True)) == (
        "dispute_open"
    )
    assert refused(Action.PROPOSE, facts(report_usable=False)) == "report_not_usable"


def test_departing_from_the_usual_outcome_needs_a_written_reason():
    assert refused(Action.PROPOSE, facts(deviates_from_usual=True)) == "deviation_reason_required"
    assert refused(Action.PROPOSE, facts(deviates_from_usual=True, deviation_reason="  ")) == (
        "deviation_reason_required"
    )
    reasoned = facts(deviates_from_usual=True, deviation_reason="测试：岗位不经手现金 (no cash)")
    assert transition(Action.PROPOSE, reasoned) is DecisionState.AWAITING_SIGNATURE


def test_a_decision_not_relying_on_the_report_needs_no_assessment():
    """E.g. the candidate withdrew: not proceeding is then not an adverse action on the report."""
    independent = facts(outcome=Outcome.DO_NOT_PROCEED, relies_on_report=False)
    assert transition(Action.PROPOSE, independent) is DecisionState.AWAITING_SIGNATURE


@given(st.sampled_from(DecisionState), st.sampled_from(Action))
def test_every_move_outside_the_table_is_refused_as_illegal(state, action):
    if (state, action) in TRANSITIONS:
        return
    assert refused(action, facts(state)) == "illegal_transition"


def test_nothing_leaves_a_superseded_decision_and_a_final_one_can_only_be_superseded():
    assert {action for (state, action) in TRANSITIONS if state is DecisionState.SUPERSEDED} == set()
    assert {action for (state, action) in TRANSITIONS if state is DecisionState.FINAL} == {
        Action.SUPERSEDE
    }
