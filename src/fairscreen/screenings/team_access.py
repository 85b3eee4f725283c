"""The access policy for reports: only the position's hiring team, and the overseers.

A screening's report, findings, workspace, runs, disputes and decision are seen only by the
members of that position's hiring team, each with a role they hold both in the
organisation and on the team (the recruiter who ordered, the analysts assigned to verify,
the reviewers and approvers who decide), and by the data protection officer and auditors,
who oversee every position (PIPL Art. 52). Everyone else gets 404 — not 403 — so that the
existence of a screening does not leak (使用留痕; PIPL Art. 6, minimum necessary). Lists are
filtered by the same rule.

An API token is an integration (an applicant-tracking system) the HR admin set up for the
organisation: it acts within its roles for every position, unless the HR admin has put it
on particular teams, which then limit it like a person.
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q

from fairscreen.accounts.principals import OrganisationAccess, PrincipalKind
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import NotFound
from fairscreen.positions.teams import team_positions

__all__ = ["OVERSEERS", "require_team", "sees_position", "team_q", "visible_positions"]

OVERSEERS = frozenset({Role.DPO, Role.AUDITOR})


def sees_position(access: OrganisationAccess, position_id: UUID) -> bool:
    visible = visible_positions(access)
    return visible is None or position_id in visible


def require_team(access: OrganisationAccess, position_id: UUID) -> None:
    """`NotFound` unless the reader is on the position's team (or oversees every position)."""
    if not sees_position(access, position_id):
        raise NotFound("Not found.")


def visible_positions(access: OrganisationAccess) -> frozenset[UUID] | None:
    """The positions whose screenings the reader may list; None means every position."""
    if access.roles & OVERSEERS:
        return None
    teams = team_positions(access.principal, access.organisation.id)
    if access.principal.kind is PrincipalKind.API_TOKEN and not teams:
        return None  # an organisation-wide integration
    return frozenset(position_id for position_id, roles in teams.items() if roles & access.roles)


def team_q(access: OrganisationAccess, field: str = "position_id") -> Q:
    """A filter for querysets: rows of the positions the reader may see (`field` names the
    position id, e.g. ``screening__position_id``)."""
    visible = visible_positions(access)
    return Q() if visible is None else Q(**{f"{field}__in": visible})
