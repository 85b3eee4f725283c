"""Whose turn it is on a decision, and which forms the reader may use now.

The organisation's chain names a role per step (reviewers propose, an approver signs); the
services enforce it. The page offers a form only to someone who holds the role of the step
at hand on the position's hiring team (`policy.decision_roles`) and who has not taken part
in the proposal already, and says plainly who else must act — a form that would only be
refused is not offered. Finalising waits for the candidate's response window to close and
for any dispute to be resolved (PIPL Art. 46: an objection freezes the decision); the page
says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from fairscreen.accounts.local_time import organisation_today
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.decisions.policy import DECIDERS, decision_roles
from fairscreen.decisions.selectors import DecisionView
from fairscreen.decisions.views_labels import role_label
from fairscreen.decisions.views_rows import current_step
from fairscreen.domain import decisions as domain

State = domain.DecisionState


@dataclass(frozen=True)
class Turn:
    """What the reader may do on this decision now."""

    held: frozenset[str]
    is_decider: bool
    can_comment: bool
    can_propose: bool
    can_endorse: bool
    can_return: bool
    can_sign: bool
    can_close_window: bool  # finalise or reconsider a preliminary decision
    finalise_blocked: str  # why finalising is not possible yet ("" when it is)
    next_action: str  # who must act next, in words


def turn_for(access: OrganisationAccess, view: DecisionView | None) -> Turn:
    is_decider = access.has_any(DECIDERS)
    if view is None:
        return Turn(
            held=frozenset(role.value for role in access.roles),
            is_decider=is_decider,
            can_comment=False,
            can_propose=False,
            can_endorse=False,
            can_return=False,
            can_sign=False,
            can_close_window=False,
            finalise_blocked="",
            next_action="",
        )
    roles = decision_roles(access, view.position_id) if view.position_id else access.roles
    held = frozenset(role.value for role in roles)
    index = current_step(view)
    step = view.chain[index] if index is not None else None
    holds_step = is_decider and step is not None and step["role"] in held
    awaiting = view.state == State.AWAITING_SIGNATURE
    kind = step["kind"] if step is not None else ""
    reference = access.principal.reference
    proposer = view.proposed_by == reference
    independent = not proposer and reference not in view.endorsed_by
    return Turn(
        held=held,
        is_decider=is_decider,
        can_comment=is_decider and view.state not in (State.FINAL, State.SUPERSEDED),
        can_propose=holds_step and view.state == State.IN_REVIEW,
        can_endorse=holds_step and awaiting and independent and kind == "review",
        can_return=holds_step and awaiting,
        can_sign=holds_step and awaiting and not proposer and kind == "sign",
        can_close_window=holds_step and view.state == State.PRELIMINARY,
        finalise_blocked=finalise_blocked(view, organisation_today(access.organisation)),
        next_action=next_action(view, step),
    )


def finalise_blocked(view: DecisionView, today: date) -> str:
    """Why a preliminary decision cannot be made final today (the organisation's day), in
    the reader's language."""
    if view.state != State.PRELIMINARY:
        return ""
    if view.dispute_open:
        return _(
            "The candidate disputes the report: the decision waits until the dispute is "
            "resolved (the finding re-verified or corrected)."
        )
    if view.response_deadline is None or today <= view.response_deadline:
        deadline = view.response_deadline.isoformat() if view.response_deadline else "—"
        return _(
            "The candidate's response window is open until %(deadline)s (inclusive): the "
            "decision can be made final from the next day."
        ) % {"deadline": deadline}
    return ""


def next_action(view: DecisionView, step: dict[str, str] | None) -> str:
    if step is None:
        if view.state == State.FINAL:
            return _("Decided: the candidate has been told the outcome and the reasons.")
        return _("This decision was superseded by a correction and must be taken again.")
    role = role_label(step["role"])
    if view.state == State.IN_REVIEW:
        return _("Next: the %(role)s proposes an outcome with written reasons.") % {"role": role}
    if view.state == State.PRELIMINARY:
        return _(
            "Next: the %(role)s finalises after the candidate's response window, or "
            "reconsiders in the light of the response."
        ) % {"role": role}
    if step["kind"] == "sign":
        return _("Next: the %(role)s signs the proposal, or returns it for review.") % {
            "role": role
        }
    return _("Next: the %(role)s endorses the proposal, or returns it for review.") % {"role": role}
