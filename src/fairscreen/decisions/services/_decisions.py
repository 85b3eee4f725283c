"""The decision on a screening, step by step along the organisation's chain.

One use case per function, one transaction each, with its evidence event. The chain is
copied into the decision when it opens, so a policy change mid-way does not change the
rules of a decision already under way. Every move goes through `domain.transition`, which
holds the lifecycle and its guards; this module adds what needs the database: who holds the
step's role, the re-authenticated signature, the separation of proposer and signer.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from fairscreen.decisions.models import (
    Decision,
    DecisionEntry,
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
from fairscreen.domain import decisions as domain
from fairscreen.evidence.services import record_event
from fairscreen.positions.services import current_version
from fairscreen.screenings.models import Screening
from fairscreen.screenings.policy import require
from fairscreen.screenings.team_access import team_q

MAX_TEXT = 4000


class DecisionConflict(Conflict):
    """A lifecycle refusal; `code` is the domain's (e.g. `response_window_open`)."""

    def __init__(self, refused: domain.DecisionRefused) -> None:
        super().__init__(refused.message)
        self.code = refused.code  # type: ignore[misc]


class ReauthenticationFailed(PermissionDenied):
    code = "reauthentication_failed"


@transaction.atomic
def open_decision(*, access: OrganisationAccess, screening_id: UUID) -> Decision:
    """The screening's live decision, opened now if there is none."""
    require(access, DECIDERS)
    screening = _screening(access, screening_id)
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
    decision = _locked(access, decision_id)
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
    decision = _locked(access, decision_id)
    _require_step_role(decision, access, step=0)
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
    decision = _locked(access, decision_id)
    if _step_kind(decision) != "review":
        raise Conflict("This step is a signature, not a review.")
    _require_step_role(decision, access, step=decision.step)
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
    decision = _locked(access, decision_id)
    _require_step_role(decision, access, step=decision.step)
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
    _reauthenticate(access, password)
    decision = _locked(access, decision_id)
    if _step_kind(decision) != "sign":
        raise Conflict("The chain's review steps have not all agreed yet.")
    _require_step_role(decision, access, step=decision.step)
    if decision.proposed_by == access.principal.reference:
        raise PermissionDenied("Whoever proposed a decision cannot also sign it.")
    decision.state = _move(domain.Action.SIGN, decision, today)
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
    decision = _locked(access, decision_id)
    _require_step_role(decision, access, step=len(decision.chain) - 1)
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
    _reauthenticate(access, password)
    decision = _locked(access, decision_id)
    _require_step_role(decision, access, step=len(decision.chain) - 1)
    decision.state = _move(domain.Action.FINALISE, decision, today)
    decision.final_at = timezone.now()
    decision.save()
    _entry(decision, access, EntryKind.FINALISED, outcome=decision.outcome, reauthenticated=True)
    issue_notice(decision, kind="final", actor=access.principal.reference, today=today)
    _event(decision, access, "decision.finalised", outcome=decision.outcome)
    return decision


def supersede_decision(decision: Decision, *, actor: str, reason: str) -> Decision:
    """Inside the caller's transaction: a correction changed the rating; decide again."""
    decision.state = domain.transition(
        domain.Action.SUPERSEDE,
        domain.DecisionFacts(
            state=domain.DecisionState(decision.state), outcome=None, today=timezone.localdate()
        ),
    )
    decision.superseded_at = timezone.now()
    decision.superseded_reason = reason
    decision.save()
    DecisionEntry(
        organisation_id=decision.organisation_id,
        decision=decision,
        candidate_id=decision.candidate_id,
        kind=EntryKind.SUPERSEDED,
        actor=actor,
        actor_name=actor,
        text=reason,
    ).save()
    record_event(
        event_type="decision.superseded",
        actor=actor,
        subject=decision.encryption_subject().subject,
        organisation=str(decision.organisation_id),
        payload={"decision": str(decision.id), "screening": str(decision.screening_id)},
    )
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
    screening = decision.screening
    assessed = decision.assessments.exists()
    current = domain.DecisionFacts(
        state=domain.DecisionState(decision.state),
        outcome=domain.Outcome(decision.outcome) if decision.outcome else None,
        today=today or timezone.localdate(),
        relies_on_report=decision.relies_on_report,
        has_assessment=assessed,
        dispute_open=facts.dispute_open(screening),
        report_usable=facts.report_usable(screening, today=today) or not decision.relies_on_report,
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


def _screening(access: OrganisationAccess, screening_id: UUID) -> Screening:
    screening = (
        Screening.objects.select_for_update()
        .select_related("position__profile")
        .filter(team_q(access), organisation=access.organisation, id=screening_id)
        .first()
    )
    if screening is None:
        raise NotFound("Not found.")
    return screening


def _locked(access: OrganisationAccess, decision_id: UUID) -> Decision:
    decision = (
        Decision.objects.select_for_update()
        .select_related("screening__position__profile")
        .filter(
            team_q(access, "screening__position_id"),
            organisation=access.organisation,
            id=decision_id,
        )
        .first()
    )
    if decision is None:
        raise NotFound("Not found.")
    return decision


def _step_kind(decision: Decision) -> str:
    if decision.step >= len(decision.chain):
        return ""
    return str(decision.chain[decision.step]["kind"])


def _require_step_role(decision: Decision, access: OrganisationAccess, *, step: int) -> None:
    role = decision.chain[min(step, len(decision.chain) - 1)]["role"]
    if role not in {held.value for held in access.roles}:
        raise PermissionDenied(
            "This step of the organisation's decision chain belongs to another role.",
            details={"required_role": role},
        )


def _reauthenticate(access: OrganisationAccess, password: str) -> None:
    user = access.principal.user
    if user is None:
        raise PermissionDenied("Only a person can sign a decision, not an API token.")
    if not password or not user.check_password(password):
        raise ReauthenticationFailed("Re-enter your password to sign.")


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
