"""Hiring teams: the HR admin puts members on a position's team, in roles they hold."""

from __future__ import annotations

import pytest

from fairscreen.accounts.principals import Principal
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import FairscreenError, PermissionDenied
from fairscreen.evidence.models import Event
from fairscreen.positions import teams
from tests.factories import create_hiring_setup, create_member, create_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return create_hiring_setup()


def test_a_member_joins_the_team_in_a_role_they_hold_and_can_leave_it(setup):
    reviewer = create_member(setup.organisation, Role.REVIEWER)
    member = teams.assign_to_hiring_team(
        access=setup.hr_admin, position_id=setup.position_id, role="reviewer", user_id=reviewer.id
    )

    assert teams.team_roles(Principal.for_user(reviewer), setup.position_id) == {Role.REVIEWER}
    assert teams.team_positions(Principal.for_user(reviewer), setup.organisation.id) == {
        setup.position_id: frozenset({Role.REVIEWER})
    }
    assert Event.objects.filter(event_type="hiring_team.assigned").exists()
    teams.remove_from_hiring_team(access=setup.hr_admin, member_id=member.id)
    assert teams.team_roles(Principal.for_user(reviewer), setup.position_id) == frozenset()


def test_the_team_never_grants_a_role_and_a_member_is_there_once_per_role(setup):
    reviewer = create_member(setup.organisation, Role.REVIEWER)
    with pytest.raises(FairscreenError) as raised:
        teams.assign_to_hiring_team(
            access=setup.hr_admin,
            position_id=setup.position_id,
            role="approver",
            user_id=reviewer.id,
        )
    assert raised.value.details == {"role": "not held by this member"}
    teams.assign_to_hiring_team(
        access=setup.hr_admin, position_id=setup.position_id, role="reviewer", user_id=reviewer.id
    )
    with pytest.raises(FairscreenError) as again:
        teams.assign_to_hiring_team(
            access=setup.hr_admin,
            position_id=setup.position_id,
            role="reviewer",
            user_id=reviewer.id,
        )
    assert again.value.code == "conflict"


def test_an_integration_token_can_be_on_a_team_in_one_of_its_roles(setup):
    issued = create_token(setup.organisation, Role.RECRUITER)
    teams.assign_to_hiring_team(
        access=setup.hr_admin,
        position_id=setup.position_id,
        role="recruiter",
        token_id=issued.token.id,
    )
    assert teams.team_roles(Principal.for_token(issued.token), setup.position_id) == {
        Role.RECRUITER
    }


def test_only_hr_admins_assign_teams(setup):
    with pytest.raises(PermissionDenied):
        teams.assign_to_hiring_team(
            access=setup.recruiter,
            position_id=setup.position_id,
            role="recruiter",
            user_id=setup.recruiter.principal.id,
        )
