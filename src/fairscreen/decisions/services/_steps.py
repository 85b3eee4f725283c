"""Who may take a step of a decision's chain: the checks the use cases share.

- The decision is looked up through the hiring team (`team_q`): a screening of a position
  the reader is not on does not exist for them.
- A step belongs to a role, held for this position (`policy.decision_roles`): the
  organisation's roles narrowed to the position's hiring team.
- Separation of duties: whoever proposed may neither endorse nor sign their own proposal,
  and one person endorses a proposal once — a chain of two review steps means two people.
- A signature is a person's act, made after re-entering their password.
"""

from __future__ import annotations

from uuid import UUID

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, NotFound, PermissionDenied
from fairscreen.decisions.models import Decision, DecisionEntry, EntryKind
from fairscreen.decisions.policy import decision_roles
from fairscreen.domain import decisions as domain
from fairscreen.screenings.models import Screening
from fairscreen.screenings.team_access import team_q


class DecisionConflict(Conflict):
    """A lifecycle refusal; `code` is the domain's (e.g. `response_window_open`)."""

    def __init__(self, refused: domain.DecisionRefused) -> None:
        super().__init__(refused.message)
        self.code = refused.code  # type: ignore[misc]


class ReauthenticationFailed(PermissionDenied):
    code = "reauthentication_failed"


class NotIndependent(PermissionDenied):
    """A further step of the chain taken by someone who already took part in the proposal."""

    code = "not_independent"


def locked_screening(access: OrganisationAccess, screening_id: UUID) -> Screening:
    screening = (
        Screening.objects.select_for_update()
        .select_related("position__profile")
        .filter(team_q(access), organisation=access.organisation, id=screening_id)
        .first()
    )
    if screening is None:
        raise NotFound("Not found.")
    return screening


def locked_decision(access: OrganisationAccess, decision_id: UUID) -> Decision:
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


def step_kind(decision: Decision) -> str:
    if decision.step >= len(decision.chain):
        return ""
    return str(decision.chain[decision.step]["kind"])


def require_step_role(decision: Decision, access: OrganisationAccess, *, step: int) -> None:
    """The step's role must be one the reader holds on this position's hiring team."""
    role = decision.chain[min(step, len(decision.chain) - 1)]["role"]
    held = decision_roles(access, decision.screening.position_id)
    if role not in {held_role.value for held_role in held}:
        raise PermissionDenied(
            "This step of the organisation's decision chain belongs to another role.",
            details={"required_role": role},
        )


def require_independent_endorsement(decision: Decision, access: OrganisationAccess) -> None:
    """Neither the proposer nor someone who already endorsed this proposal endorses it."""
    reference = access.principal.reference
    if decision.proposed_by == reference:
        raise NotIndependent("Whoever proposed a decision cannot also endorse it.")
    if reference in endorsers(decision):
        raise NotIndependent(
            "You have already endorsed this proposal: the next step needs someone else."
        )


def endorsers(decision: Decision) -> frozenset[str]:
    """Who endorsed the current proposal (a return or reconsideration leads to a new one)."""
    found: set[str] = set()
    rows = DecisionEntry.objects.filter(
        decision=decision, kind__in=(EntryKind.PROPOSAL, EntryKind.ENDORSEMENT)
    ).order_by("created_at", "id")
    for kind, actor in rows.values_list("kind", "actor"):
        if kind == EntryKind.PROPOSAL:
            found.clear()
        else:
            found.add(actor)
    return frozenset(found)


def reauthenticate(access: OrganisationAccess, password: str) -> None:
    user = access.principal.user
    if user is None:
        raise PermissionDenied("Only a person can sign a decision, not an API token.")
    if not password or not user.check_password(password):
        raise ReauthenticationFailed("Re-enter your password to sign.")
