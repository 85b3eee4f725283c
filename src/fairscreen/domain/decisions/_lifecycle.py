"""The decision lifecycle: a person decides, and a negative decision is heard first.

The report is a basis for a decision, not the decision (结果不是最终判断; PIPL Art. 24). So:

- only people move a decision, one step at a time, along the organisation's chain
  (reviewers propose, an approver signs); nothing here is ever triggered by a light;
- `do_not_proceed` needs an individualised assessment before it can be proposed, and is
  first only *preliminary*: the candidate gets a notice with a copy of the report, the
  reasons and a response window of at least 5 working days (the FCRA pre-adverse pattern
  and fair-chance practice);
- it becomes final only after the window has closed and while no dispute is open (an
  objection freezes the decision: PIPL Art. 46; FCRA reinvestigation);
- a correction that changes the rating supersedes the decision: it must be taken again.

The transition table below is the whole lifecycle; `transition` checks it and the guards,
and refuses anything else with `DecisionRefused` and a stable code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "ADVERSE",
    "TRANSITIONS",
    "Action",
    "DecisionFacts",
    "DecisionRefused",
    "DecisionState",
    "Outcome",
    "transition",
]


class Outcome(StrEnum):
    PROCEED = "proceed"
    PROCEED_WITH_CONDITIONS = "proceed_with_conditions"
    DO_NOT_PROCEED = "do_not_proceed"


ADVERSE = Outcome.DO_NOT_PROCEED


class DecisionState(StrEnum):
    IN_REVIEW = "in_review"  # reviewers read the report, comment, propose
    AWAITING_SIGNATURE = "awaiting_signature"  # a proposal waits for the approver
    PRELIMINARY = "preliminary"  # adverse: notice sent, the candidate's window is open
    FINAL = "final"  # decided; the candidate has been told the outcome and the reasons
    SUPERSEDED = "superseded"  # reopened by a correction: a new decision is needed


class Action(StrEnum):
    PROPOSE = "propose"
    ENDORSE = "endorse"  # a further review step of the chain agrees with the proposal
    RETURN = "return"  # the approver sends a proposal back for review
    SIGN = "sign"
    RECONSIDER = "reconsider"  # after the candidate's response: back to review
    FINALISE = "finalise"
    SUPERSEDE = "supersede"


TRANSITIONS: dict[tuple[DecisionState, Action], DecisionState] = {
    (DecisionState.IN_REVIEW, Action.PROPOSE): DecisionState.AWAITING_SIGNATURE,
    (DecisionState.AWAITING_SIGNATURE, Action.ENDORSE): DecisionState.AWAITING_SIGNATURE,
    (DecisionState.AWAITING_SIGNATURE, Action.RETURN): DecisionState.IN_REVIEW,
    (DecisionState.AWAITING_SIGNATURE, Action.SIGN): DecisionState.FINAL,  # PRELIMINARY if adverse
    (DecisionState.PRELIMINARY, Action.RECONSIDER): DecisionState.IN_REVIEW,
    (DecisionState.PRELIMINARY, Action.FINALISE): DecisionState.FINAL,
    (DecisionState.IN_REVIEW, Action.SUPERSEDE): DecisionState.SUPERSEDED,
    (DecisionState.AWAITING_SIGNATURE, Action.SUPERSEDE): DecisionState.SUPERSEDED,
    (DecisionState.PRELIMINARY, Action.SUPERSEDE): DecisionState.SUPERSEDED,
    (DecisionState.FINAL, Action.SUPERSEDE): DecisionState.SUPERSEDED,
}
"""Every legal move. `SIGN` leads to PRELIMINARY instead when the outcome is adverse."""


class DecisionRefused(Exception):
    """A move the lifecycle does not allow now; `code` says why (the API's 409 code)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class DecisionFacts:
    """What the guards need to know, gathered by the caller at the moment of the move."""

    state: DecisionState
    outcome: Outcome | None
    today: date
    relies_on_report: bool = True
    has_assessment: bool = False
    dispute_open: bool = False
    report_usable: bool = True
    response_deadline: date | None = None
    deviates_from_usual: bool = False
    deviation_reason: str = ""


def transition(action: Action, facts: DecisionFacts) -> DecisionState:
    """The state after `action`, or `DecisionRefused` (illegal move or a failed guard)."""
    target = TRANSITIONS.get((facts.state, action))
    if target is None:
        raise DecisionRefused(
            "illegal_transition", f"A decision that is {facts.state} cannot {action}."
        )
    if action in (Action.PROPOSE, Action.ENDORSE, Action.SIGN, Action.FINALISE):
        _require_decidable(facts)
    if action is Action.PROPOSE:
        _require_proposable(facts)
    if action is Action.SIGN and facts.outcome is ADVERSE:
        return DecisionState.PRELIMINARY
    if action is Action.FINALISE:
        _require_window_closed(facts)
    return target


def _require_decidable(facts: DecisionFacts) -> None:
    if facts.dispute_open:
        raise DecisionRefused(
            "dispute_open", "The candidate disputes the report: decisions wait for the outcome."
        )
    if not facts.report_usable:
        raise DecisionRefused(
            "report_not_usable", "The report has expired or is incomplete; it cannot back this."
        )


def _require_proposable(facts: DecisionFacts) -> None:
    if facts.outcome is None:
        raise DecisionRefused("outcome_required", "Choose an outcome.")
    if facts.outcome is ADVERSE and facts.relies_on_report and not facts.has_assessment:
        raise DecisionRefused(
            "assessment_required",
            "A decision not to proceed that relies on the report needs an individualised "
            "assessment first.",
        )
    if facts.deviates_from_usual and not facts.deviation_reason.strip():
        raise DecisionRefused(
            "deviation_reason_required",
            "This differs from how the organisation usually decided the same rule for this "
            "tier: give the reason.",
        )


def _require_window_closed(facts: DecisionFacts) -> None:
    if facts.response_deadline is None or facts.today <= facts.response_deadline:
        raise DecisionRefused(
            "response_window_open",
            "The candidate's response window has not closed yet.",
        )
