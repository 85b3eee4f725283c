"""Who may do what with decisions (separation of duties, CONTEXT.md "Who uses it").

The chain names roles per step; these sets are the outer bound the services check first.
An API token can comment or read, but never sign: a signature is a person's act, made after
re-entering their password (PIPL Art. 24: no automated decision).

A step of the chain is taken in a role held for *this* position: a member acts on a
decision only in a role they hold both in the organisation and on the position's hiring
team (`decision_roles`), the same rule by which the screenings context lets them read its
report (`screenings.team_access`).
"""

from __future__ import annotations

from uuid import UUID

from fairscreen.accounts.principals import OrganisationAccess, PrincipalKind
from fairscreen.accounts.roles import Role
from fairscreen.positions.teams import team_positions
from fairscreen.screenings.team_access import OVERSEERS

DECIDERS = frozenset({Role.REVIEWER, Role.APPROVER, Role.HR_ADMIN})
DECISION_READERS = frozenset({Role.REVIEWER, Role.APPROVER, Role.HR_ADMIN, Role.DPO, Role.AUDITOR})
POLICY_EDITORS = frozenset({Role.HR_ADMIN})
CHAIN_ROLES = frozenset({Role.REVIEWER, Role.APPROVER, Role.HR_ADMIN})


def decision_roles(access: OrganisationAccess, position_id: UUID) -> frozenset[Role]:
    """The roles the reader holds for decisions on this position's screenings.

    The organisation's roles narrowed to those held on the position's hiring team: someone
    who is a reviewer and an approver in the organisation but only a reviewer on this team
    reviews here and does not sign. The overseers' roles (DPO, auditor) reach every
    position; an API token on no team is an organisation-wide integration and keeps its
    roles (as `screenings.team_access` defines both).
    """
    teams = team_positions(access.principal, access.organisation.id)
    if access.principal.kind is PrincipalKind.API_TOKEN and not teams:
        return access.roles
    on_team = teams.get(position_id, frozenset())
    return (access.roles & on_team) | (access.roles & OVERSEERS)
