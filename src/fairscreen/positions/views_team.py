"""The hiring team on the position page: who works on this position's screenings.

Only the team sees the position's reports (and the DPO and auditors, who oversee all):
the HR admin puts members on it, in roles they already hold, and takes them off.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fairscreen.accounts.models import Membership
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError
from fairscreen.positions import teams
from fairscreen.positions.models import HiringTeamMember
from fairscreen.positions.policy import PROFILE_EDITORS


@dataclass(frozen=True)
class TeamRow:
    id: UUID
    name: str
    role: str


@dataclass(frozen=True)
class Candidacy:
    """A member who could join, in a role they hold."""

    user_id: UUID
    name: str
    role: str


def team_context(access: OrganisationAccess, position_id: UUID) -> dict[str, object]:
    """The team rows and who could be added, for the position page (staff names only)."""
    members = HiringTeamMember.objects.filter(
        organisation=access.organisation, position_id=position_id, user__isnull=False
    ).select_related("user")
    on_team = {(row.user_id, row.role) for row in members}
    candidates = [
        Candidacy(membership.user_id, membership.user.display_name, assignment.role)
        for membership in Membership.objects.filter(organisation=access.organisation)
        .select_related("user")
        .prefetch_related("roles")
        .order_by("user__display_name")
        for assignment in membership.roles.all()
        if Role(assignment.role) in teams.TEAM_ROLES
        and (membership.user_id, assignment.role) not in on_team
    ]
    return {
        "team": [
            TeamRow(row.id, row.user.display_name if row.user else "", row.role) for row in members
        ],
        "team_candidates": candidates,
    }


@require_POST
@organisation_page(*PROFILE_EDITORS)
def add_member(request: HttpRequest, access: OrganisationAccess, position_id: UUID) -> HttpResponse:
    user_id, _separator, role = request.POST.get("member", "").partition(":")
    try:
        teams.assign_to_hiring_team(
            access=access, position_id=position_id, role=role, user_id=UUID(user_id)
        )
        messages.success(request, _("Added to the hiring team."))
    except (FairscreenError, ValueError):
        messages.error(request, _("Choose a member and a role they hold."))
    return redirect("positions:position", org_id=access.organisation.id, position_id=position_id)


@require_POST
@organisation_page(*PROFILE_EDITORS)
def remove_member(
    request: HttpRequest, access: OrganisationAccess, position_id: UUID, member_id: UUID
) -> HttpResponse:
    try:
        teams.remove_from_hiring_team(access=access, member_id=member_id)
        messages.success(request, _("Removed from the hiring team."))
    except FairscreenError:
        messages.error(request, _("This member could not be removed."))
    return redirect("positions:position", org_id=access.organisation.id, position_id=position_id)
