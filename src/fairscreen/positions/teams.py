"""Hiring teams: who works on a position, in which role — and so who may see its reports.

The HR admin assigns the team; assignment and removal are evidence events. `team_roles`
answers, for one principal and one position, the roles they hold on that team: the
screenings context lets a reader see a position's reports only with a role they hold both
in the organisation and on the team (the DPO and auditors oversee every position).
"""

from __future__ import annotations

from uuid import UUID

from django.db import transaction

from fairscreen.accounts.models import ApiToken, Membership
from fairscreen.accounts.principals import OrganisationAccess, Principal, PrincipalKind
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.evidence.services import record_event
from fairscreen.positions.models import HiringTeamMember, Position
from fairscreen.positions.policy import PROFILE_EDITORS
from fairscreen.screenings.policy import require

TEAM_ROLES = frozenset({Role.RECRUITER, Role.ANALYST, Role.REVIEWER, Role.APPROVER, Role.HR_ADMIN})


@transaction.atomic
def assign_to_hiring_team(
    *,
    access: OrganisationAccess,
    position_id: UUID,
    role: str,
    user_id: UUID | None = None,
    token_id: UUID | None = None,
) -> HiringTeamMember:
    """Add a member (or a token) of the organisation to the position's team in `role`.

    The member must already hold that role in the organisation: the team narrows who may
    act, it never grants a role.
    """
    require(access, PROFILE_EDITORS)
    position = _position(access, position_id)
    chosen = _team_role(role)
    if (user_id is None) == (token_id is None):
        raise InvalidInput("Name one member or one token.", details={"user_id": "or token_id"})
    holds = _holds_role(access, chosen, user_id=user_id, token_id=token_id)
    if not holds:
        raise InvalidInput(
            "Only a member who holds this role in the organisation can take it on the team.",
            details={"role": "not held by this member"},
        )
    existing = HiringTeamMember.objects.filter(position=position, role=chosen).filter(
        **({"user_id": user_id} if user_id is not None else {"token_id": token_id})
    )
    if existing.exists():
        raise Conflict("Already on the team in this role.")
    member = HiringTeamMember.objects.create(
        organisation=access.organisation,
        position=position,
        user_id=user_id,
        token_id=token_id,
        role=chosen,
        added_by=access.principal.reference,
    )
    record_event(
        event_type="hiring_team.assigned",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={"position": str(position.id), "member": str(user_id or token_id), "role": chosen},
    )
    return member


@transaction.atomic
def remove_from_hiring_team(*, access: OrganisationAccess, member_id: UUID) -> None:
    require(access, PROFILE_EDITORS)
    member = HiringTeamMember.objects.filter(organisation=access.organisation, id=member_id).first()
    if member is None:
        raise NotFound("Not found.")
    record_event(
        event_type="hiring_team.removed",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={
            "position": str(member.position_id),
            "member": str(member.user_id or member.token_id),
            "role": member.role,
        },
    )
    member.delete()


def team_roles(principal: Principal, position_id: UUID) -> frozenset[Role]:
    """The roles `principal` holds on the position's hiring team."""
    rows = HiringTeamMember.objects.filter(position_id=position_id)
    if principal.kind is PrincipalKind.USER:
        rows = rows.filter(user_id=principal.id)
    else:
        rows = rows.filter(token_id=principal.id)
    return frozenset(Role(role) for role in rows.values_list("role", flat=True))


def team_positions(principal: Principal, organisation_id: UUID) -> dict[UUID, frozenset[Role]]:
    """Every position of the organisation the principal is on, with their roles there."""
    rows = HiringTeamMember.objects.filter(organisation_id=organisation_id)
    if principal.kind is PrincipalKind.USER:
        rows = rows.filter(user_id=principal.id)
    else:
        rows = rows.filter(token_id=principal.id)
    found: dict[UUID, set[Role]] = {}
    for position_id, role in rows.values_list("position_id", "role"):
        found.setdefault(position_id, set()).add(Role(role))
    return {position_id: frozenset(roles) for position_id, roles in found.items()}


def _position(access: OrganisationAccess, position_id: UUID) -> Position:
    position = Position.objects.filter(organisation=access.organisation, id=position_id).first()
    if position is None:
        raise NotFound("Not found.")
    return position


def _team_role(role: str) -> Role:
    if role not in {team_role.value for team_role in TEAM_ROLES}:
        raise InvalidInput(
            "Not a hiring-team role.",
            details={"role": "one of: " + ", ".join(sorted(r.value for r in TEAM_ROLES))},
        )
    return Role(role)


def _holds_role(
    access: OrganisationAccess, role: Role, *, user_id: UUID | None, token_id: UUID | None
) -> bool:
    if user_id is not None:
        return Membership.objects.filter(
            organisation=access.organisation, user_id=user_id, roles__role=role
        ).exists()
    if token_id is None:
        return False
    token = ApiToken.objects.filter(organisation=access.organisation, id=token_id).first()
    return token is not None and role.value in token.roles
