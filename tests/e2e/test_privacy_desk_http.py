"""The DPO's privacy desk: the access log, what is due, legal holds, the rules."""

from __future__ import annotations

import pytest
from django.test import Client

from fairscreen.retention.models import LegalHold, RetentionPolicy
from fairscreen.screenings import selectors
from fairscreen.screenings import services as screenings
from tests.factories import TEST_PASSWORD, create_candidate, create_consented_screening
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db


def logged_in(access) -> Client:
    client = Client()
    assert client.login(email=access.principal.user.email, password=TEST_PASSWORD)
    return client


@pytest.fixture
def world():
    return decision_world()


def desk(world) -> str:
    return f"/o/{world.setup.organisation.id}/privacy/"


def test_the_dpo_sees_who_read_which_report_and_why_and_what_is_due(world):
    selectors.employer_report(
        access=world.reviewer, screening_id=world.screening.id, purpose="decision"
    )
    leaving = create_candidate(world.setup.organisation)
    screening = create_consented_screening(
        world.setup, leaving, items=("identity", "dishonest_debtor")
    )
    screenings.record_withdrawal_for_candidate(
        access=world.setup.recruiter, screening_id=screening.id
    )

    page = logged_in(world.setup.dpo).get(desk(world)).content.decode()

    assert world.reviewer.principal.user.display_name in page
    assert "<code>decision</code>" in page
    assert f'data-candidate="{leaving.id}"' in page


def test_the_dpo_places_and_releases_a_hold_and_sets_the_rules(world):
    dpo = logged_in(world.setup.dpo)
    candidate = world.screening.candidate_id
    dpo.post(
        desk(world) + "holds/",
        {"candidate": str(candidate), "reason": "测试：劳动仲裁审理中 (arbitration pending)"},
    )
    hold = LegalHold.objects.get(candidate_id=candidate)
    assert hold.released_at is None
    dpo.post(desk(world) + f"holds/{hold.id}/release/")
    hold.refresh_from_db()
    assert hold.released_at is not None

    dpo.post(desk(world) + "rules/", {"days_after_withdrawal": "7", "days_after_no_consent": "14"})
    policy = RetentionPolicy.objects.get(organisation=world.setup.organisation)
    assert (policy.days_after_withdrawal, policy.days_after_no_consent) == (7, 14)
    dpo.post(desk(world) + "rules/", {"days_after_withdrawal": "365", "days_after_no_consent": "1"})
    policy.refresh_from_db()
    assert policy.days_after_withdrawal == 7  # a bad value changes nothing


def test_only_the_dpo_and_the_auditor_open_the_desk_and_only_the_dpo_acts(world):
    from fairscreen.accounts.roles import Role
    from tests.factories import access_for, create_member

    auditor = access_for(
        create_member(world.setup.organisation, Role.AUDITOR), world.setup.organisation
    )
    assert logged_in(world.reviewer).get(desk(world)).status_code == 403
    assert logged_in(auditor).get(desk(world)).status_code == 200
    refused = logged_in(auditor).post(
        desk(world) + "holds/", {"candidate": str(world.screening.candidate_id), "reason": "测试"}
    )
    assert refused.status_code == 403
    assert not LegalHold.objects.exists()
