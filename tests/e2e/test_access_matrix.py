"""Nothing leaks: every role, against every report-bearing page and endpoint of a screening
of *another position* of its own organisation, and of *another organisation*.

A member not on the position's hiring team gets 404 (or 403 where their role could never
open the page, before anything is looked up); the candidate's name never appears in any
answer, and lists never show the screening. The DPO and auditors oversee every position of
their own organisation, and nothing of any other.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from fairscreen.accounts.roles import Role
from fairscreen.decisions import services as decisions
from fairscreen.portal.services import open_dispute
from fairscreen.positions import services as positions
from fairscreen.screenings.services import EvidenceIn
from tests.factories import (
    TEST_PASSWORD,
    access_for,
    create_hiring_setup,
    create_member,
    join_team,
)
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db

TEAM_ROLES = (Role.HR_ADMIN, Role.RECRUITER, Role.ANALYST, Role.REVIEWER, Role.APPROVER)
ALL_ROLES = (*TEAM_ROLES, Role.DPO, Role.AUDITOR)


def pages(org, screening, dispute) -> list[tuple[str, str]]:
    o, s = f"/o/{org}", f"/o/{org}/screenings/{screening}"
    a = f"/api/v1/orgs/{org}/screenings/{screening}"
    return [
        ("GET", f"{s}/"),
        ("GET", f"{s}/report/?purpose=review"),
        ("POST", f"{s}/report/export/"),
        ("GET", f"{s}/workspace/"),
        ("GET", f"{s}/decision/"),
        ("GET", f"{s}/notices/"),
        ("GET", f"{o}/disputes/{dispute}/"),
        ("GET", f"{o}/disputes/{dispute}/evidence/"),
        ("GET", a),
        ("GET", f"{a}/findings"),
        ("GET", f"{a}/report?purpose=review"),
        ("GET", f"{a}/decision"),
        ("GET", f"{a}/items/dishonest_debtor/runs"),
    ]


def lists(org) -> list[str]:
    o = f"/o/{org}"
    return [
        f"{o}/screenings/",
        f"{o}/checks/",
        f"{o}/disputes/",
        f"{o}/deadlines/",
        f"/api/v1/orgs/{org}/screenings",
        f"/api/v1/orgs/{org}/feedback-deadlines",
    ]


@pytest.fixture
def target():
    """A screening with a report, a decision, a notice and a dispute, on position P1."""
    world = decision_world()
    decision = decisions.open_decision(access=world.reviewer, screening_id=world.screening.id)
    decisions.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="proceed",
        reasons="测试：无与岗位相关的风险 (nothing relevant)",
    )
    decisions.sign_decision(access=world.approver, decision_id=decision.id, password=TEST_PASSWORD)
    dispute = open_dispute(
        screening_id=world.screening.id,
        finding_id=world.finding.id,
        statement="测试：名单有误 (the listing is wrong)",
        evidence=EvidenceIn(content=b"%PDF-1.4 test", media_type="application/pdf"),
        today=date(2026, 3, 2),
    )
    name = str(world.screening.candidate.full_name.reveal())
    return world, dispute, name


def other_position_team(world) -> dict[Role, object]:
    """Members of the same organisation in every role, on the team of another position."""
    setup = world.setup
    version = positions.create_profile_from_template(
        access=setup.hr_admin, template_key="software_engineer"
    )
    other = positions.create_position(
        access=setup.hr_admin, title="测试其他岗位 (other)", profile_id=version.profile_id
    )
    members = {}
    for role in ALL_ROLES:
        user = create_member(setup.organisation, role)
        if role in TEAM_ROLES:
            join_team(setup.hr_admin, other.id, access_for(user, setup.organisation), role)
        members[role] = user
    return members


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def call(client: Client, method: str, url: str):
    if method == "POST":
        return client.post(url, {"purpose": "review", "reason": "signed_file"})
    return client.get(url)


@pytest.mark.parametrize("role", TEAM_ROLES, ids=lambda role: role.value)
def test_nothing_of_another_positions_screening_reaches_a_member_of_another_team(target, role):
    world, dispute, name = target
    client = signed_in(other_position_team(world)[role])
    org = world.setup.organisation.id

    for method, url in pages(org, world.screening.id, dispute.id):
        response = call(client, method, url)
        assert response.status_code in (403, 404), (role, url, response.status_code)
        assert name not in response.content.decode(), (role, url)
    for url in lists(org):
        response = client.get(url)
        assert name not in response.content.decode(), (role, url)
        assert str(world.screening.id) not in response.content.decode(), (role, url)


@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda role: role.value)
def test_nothing_of_another_organisations_screening_reaches_anyone(target, role):
    world, dispute, name = target
    elsewhere = create_hiring_setup()
    client = signed_in(create_member(elsewhere.organisation, role))
    org = world.setup.organisation.id

    for method, url in [
        *pages(org, world.screening.id, dispute.id),
        *(("GET", url) for url in lists(org)),
    ]:
        response = call(client, method, url)
        assert response.status_code in (403, 404), (role, url, response.status_code)
        assert name not in response.content.decode(), (role, url)


@pytest.mark.parametrize("role", [Role.DPO, Role.AUDITOR], ids=lambda role: role.value)
def test_the_overseers_of_the_organisation_see_every_position(target, role):
    world, _dispute, name = target
    client = signed_in(other_position_team(world)[role])
    page = client.get(
        f"/o/{world.setup.organisation.id}/screenings/{world.screening.id}/report/?purpose=audit"
    )
    assert page.status_code == 200
    assert name in page.content.decode()


def test_the_team_itself_sees_its_screening(target):
    world, _dispute, name = target
    page = signed_in(world.reviewer.principal.user).get(
        f"/o/{world.setup.organisation.id}/screenings/{world.screening.id}/report/?purpose=review"
    )
    assert page.status_code == 200
    assert name in page.content.decode()
