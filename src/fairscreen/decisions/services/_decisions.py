"""The decision on a screening, step by step along the organisation's chain.

One use case per function, one transaction each, with its evidence event. The chain is
copied into the decision when it opens, so a policy change mid-way does not change the
rules of a decision already under way. Every move goes through `domain.transition`, which
holds the lifecycle and its guards; this module adds what needs the database, with the
checks of `_steps`: who holds the step's role on the position's hiring team, the
re-authenticated signature, the separation of the proposer from the later steps.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.local_time import organisation_today
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, InvalidInput, PermissionDenied
from fairscreen.decisions.models import (
    Decision,
    DecisionPolicy,
    EntryKind,
    FeedbackTrigger,
    default_chain,
)
from fairscreen.decisions.policy import DECIDERS
from fairscreen.decisions.services import _facts as facts
from fairscreen.decisions.services._feedback import start_feedback_clock
from fairscreen.decisions.services._history import add_entry as _entry
from fairscreen.decisions.services._history import record_decision_event as _event
from fairscreen.decisions.services._notices import issue_notice
from fairscreen.decisions.services._steps import (
    DecisionConflict,
    ReauthenticationFailed,
    locked_decision,
    locked_screening,
    reauthenticate,
    require_independent_endorsement,
    require_step_role,
    step_kind,
)
from fairscreen.domain import decisions as domain
from fairscreen.positions.services import current_version
from fairscreen.screenings.policy import require

__all__ = [
    "DecisionConflict",
    "ReauthenticationFailed",
    "comment_on_decision",
    "endorse_decision",
    "finalise_decision",
    "open_decision",
    "propose_decision",
    "reconsider_decision",
    "return_decision",
    "sign_decision",
]

MAX_TEXT = 4000


@transaction.atomic
def open_decision(*, access: OrganisationAccess, screening_id: UUID) -> Decision:
    """The screening's live decision, opened now if there is none."""
    require(access, DECIDERS)
    screening = locked_screening(access, screening_id)
    live = Decision.objects.filter(screening=screening).exclude(
        state=domain.DecisionState.SUPERSEDED
    )
    if live.exists():
        return live.get()
    version = current_version(screening.position.profile)
    policy = DecisionPolicy.objects.filter(organisation=access.organisation).first()
    decision = Decision.objects.create(
        organisation=access.organisation,
        screening=screening,
        candidate_id=screening.candidate_id,
        tier=str(version.profile_spec().tier) if version else "",
        chain=policy.chain if policy else default_chain(),
        opened_by=access.principal.reference,
    )
    _entry(decision, access, EntryKind.OPENED)
    _event(decision, access, "decision.opened")
    return decision


@transaction.atomic
def comment_on_decision(*, access: OrganisationAccess, decision_id: UUID, text: str) -> Decision:
    require(access, DECIDERS)
    decision = locked_decision(access, decision_id)
    if decision.state in (domain.DecisionState.FINAL, domain.DecisionState.SUPERSEDED):
        raise Conflict("This decision is closed.")
    _entry(decision, access, EntryKind.COMMENT, text=_text(text, "text"))
    _event(decision, access, "decision.commented")
    return decision


@transaction.atomic
def propose_decision(
    *,
    access: OrganisationAccess,
    decision_id: UUID,
    outcome: str,
    reasons: str,
    conditions: str = "",
    deviation_reason: str = "",
    relies_on_report: bool = True,
    today: date | None = None,
) -> Decision:
    """Propose an outcome with written reasons, as the first step of the chain."""
    require(access, DECIDERS)
    decision = locked_decision(access, decision_id)
    require_step_role(decision, access, step=0)
    chosen = _outcome(outcome)
    deviating = _deviations(decision, chosen)
    decision.state = _move(
        domain.Action.PROPOSE,
        decision,
        today,
        outcome=chosen,
        relies_on_report=relies_on_report,
        deviates_from_usual=bool(deviating),
        deviation_reason=deviation_reason,
    )
    decision.outcome = chosen
    decision.relies_on_report = relies_on_report
    written = _text(reasons, "reasons")
    decision.reasons = written
    decision.conditions = _conditions(chosen, conditions)
    decision.deviation_reason = deviation_reason.strip()
    decision.rating = facts.latest_rating(decision.screening)
    decision.proposed_by = access.principal.reference
    decision.step = 1
    decision.save()
    _entry(decision, access, EntryKind.PROPOSAL, outcome=chosen, text=written)
    _event(decision, access, "decision.proposed", outcome=chosen, deviates=bool(deviating))
    return decision


@transaction.atomic
def endorse_decision(
    *, access: OrganisationAccess, decision_id: UUID, comment: str = "", today: date | None = None
) -> Decision:
    """A further review step of the chain agrees; the proposal moves to the next step."""
    require(access, DECIDERS)
    decision = locked_decision(access, decision_id)
    if step_kind(decision) != "review":
        raise Conflict("This step is a signature, not a review.")
    require_step_role(decision, access, step=decision.step)
    require_independent_endorsement(decision, access)
    decision.state = _move(domain.Action.ENDORSE, decision, today)
    decision.step += 1
    decision.save()
    _entry(decision, access, EntryKind.ENDORSEMENT, text=comment.strip()[:MAX_TEXT])
    _event(decision, access, "decision.endorsed", step=decision.step)
    return decision


@transaction.atomic
def return_decision(*, access: OrganisationAccess, decision_id: UUID, reason: str) -> Decision:
    """Send a proposal back for review (any step after the proposal may)."""
    require(access, DECIDERS)
    decision = locked_decision(access, decision_id)
    require_step_role(decision, access, step=decision.step)
    decision.state = _move(domain.Action.RETURN, decision, None)
    decision.step = 0
    decision.save()
    _entry(decision, access, EntryKind.RETURNED, text=_text(reason, "reason"))
    _event(decision, access, "decision.returned")
    return decision


@transaction.atomic
def sign_decision(
    *, access: OrganisationAccess, decision_id: UUID, password: str, today: date | None = None
) -> Decision:
    """The signature of the chain's last step, by a person who re-entered their password.

    A positive outcome is final at once and the candidate is told it with the reasons; a
    decision not to proceed becomes preliminary: the candidate gets the notice with a copy
    of the report and a response window, and only `finalise_decision` can end it.
    """
    require(access, DECIDERS)
    reauthenticate(access, password)
    decision = locked_decision(access, decision_id)
    if step_kind(decision) != "sign":
        raise Conflict("The chain's review steps have not all agreed yet.")
    require_step_role(decision, access, step=decision.step)
    if decision.proposed_by == access.principal.reference:
        raise PermissionDenied("Whoever proposed a decision cannot also sign it.")
    decision.state = _move(domain.Action.SIGN, decision, today)
    decision.counted_rules = sorted(facts.counted_rules(decision.rating))
    now = timezone.now()
    _entry(decision, access, EntryKind.SIGNATURE, outcome=decision.outcome, reauthenticated=True)
    _start_clock_on_signature(decision, access)
    if decision.state == domain.DecisionState.PRELIMINARY:
        decision.preliminary_at = now
        notice = issue_notice(
            decision, kind="preliminary", actor=access.principal.reference, today=today
        )
        decision.response_deadline = notice.response_deadline
    else:
        decision.final_at = now
        issue_notice(decision, kind="outcome", actor=access.principal.reference, today=today)
    decision.save()
    _event(decision, access, "decision.signed", outcome=decision.outcome, state=decision.state)
    return decision


@transaction.atomic
def reconsider_decision(*, access: OrganisationAccess, decision_id: UUID, reason: str) -> Decision:
    """After the candidate's response: back to review instead of a final negative decision."""
    require(access, DECIDERS)
    decision = locked_decision(access, decision_id)
    require_step_role(decision, access, step=len(decision.chain) - 1)
    decision.state = _move(domain.Action.RECONSIDER, decision, None)
    decision.step = 0
    decision.save()
    _entry(decision, access, EntryKind.RECONSIDERED, text=_text(reason, "reason"))
    _event(decision, access, "decision.reconsidered")
    return decision


@transaction.atomic
def finalise_decision(
    *, access: OrganisationAccess, decision_id: UUID, password: str, today: date | None = None
) -> Decision:
    """Make a preliminary negative decision final, after the window and with no dispute."""
    require(access, DECIDERS)
    reauthenticate(access, password)
    decision = locked_decision(access, decision_id)
    require_step_role(decision, access, step=len(decision.chain) - 1)
    decision.state = _move(domain.Action.FINALISE, decision, today)
    decision.final_at = timezone.now()
    decision.save()
    _entry(decision, access, EntryKind.FINALISED, outcome=decision.outcome, reauthenticated=True)
    issue_notice(decision, kind="final", actor=access.principal.reference, today=today)
    _event(decision, access, "decision.finalised", outcome=decision.outcome)
    return decision


def _start_clock_on_signature(decision: Decision, access: OrganisationAccess) -> None:
    """For an organisation whose feedback clock starts at the signature: start it now (the
    notice that follows in this transaction meets it at once)."""
    policy = DecisionPolicy.objects.filter(organisation_id=decision.organisation_id).first()
    if policy is not None and policy.feedback_trigger == FeedbackTrigger.DECISION_SIGNED:
        start_feedback_clock(
            decision.screening, trigger=policy.feedback_trigger, actor=access.principal.reference
        )


def _move(action: domain.Action, decision: Decision, today: date | None, **changes: object) -> str:
    """The lifecycle's answer to `action`, on the facts now and the `changes` proposed.

    "Today" is the organisation's day; whether the report must be usable depends on the
    proposal as submitted (`relies_on_report` among the changes), not on the stored one.
    """
    screening = decision.screening
    today = today or organisation_today(decision.organisation)
    relies_on_report = bool(changes.get("relies_on_report", decision.relies_on_report))
    current = domain.DecisionFacts(
        state=domain.DecisionState(decision.state),
        outcome=domain.Outcome(decision.outcome) if decision.outcome else None,
        today=today,
        relies_on_report=decision.relies_on_report,
        has_assessment=decision.assessments.exists(),
        dispute_open=facts.dispute_open(screening),
        report_usable=facts.report_usable(screening, today=today) or not relies_on_report,
        response_deadline=decision.response_deadline,
    )
    current = domain.DecisionFacts(**{**_as_dict(current), **changes})  # type: ignore[arg-type]
    try:
        return str(domain.transition(action, current))
    except domain.DecisionRefused as refused:
        raise DecisionConflict(refused) from None


def _as_dict(value: domain.DecisionFacts) -> dict[str, object]:
    return {name: getattr(value, name) for name in value.__dataclass_fields__}


def _deviations(decision: Decision, outcome: domain.Outcome) -> tuple[domain.RuleHistory, ...]:
    rating = facts.latest_rating(decision.screening)
    return domain.deviations(
        proposed=outcome,
        rules=facts.counted_rules(rating),
        tier=decision.tier,
        precedents=facts.precedents(decision),
    )


def _outcome(value: str) -> domain.Outcome:
    if value not in domain.Outcome.__members__.values():
        raise InvalidInput(
            "Unknown outcome.", details={"outcome": "one of: " + ", ".join(domain.Outcome)}
        )
    return domain.Outcome(value)


def _conditions(outcome: domain.Outcome, conditions: str) -> str:
    if outcome is domain.Outcome.PROCEED_WITH_CONDITIONS:
        return _text(conditions, "conditions")
    return conditions.strip()[:MAX_TEXT]


def _text(value: str, field: str) -> str:
    text = (value or "").strip()
    if not 0 < len(text) <= MAX_TEXT:
        raise InvalidInput("Some fields are invalid.", details={field: f"1-{MAX_TEXT} characters"})
    return text
