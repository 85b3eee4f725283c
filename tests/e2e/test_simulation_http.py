"""The policy-simulation page: HR pastes a proposed rulebook and sees which lights move."""

from __future__ import annotations

import pytest
from django.test import Client

from fairscreen.domain import rating
from fairscreen.evidence.models import Event
from tests.factories import TEST_PASSWORD
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db

SHIPPED = (rating.shipped_rulebook_directory() / "2026.1.toml").read_text(encoding="utf-8")
SOFTER = SHIPPED.replace('version = "2026.1"', 'version = "2026.2"').replace(
    '[categories."dishonest_debtor.currently_listed"]\nseverity = "serious"',
    '[categories."dishonest_debtor.currently_listed"]\nseverity = "minor"',
)


def logged_in(access) -> Client:
    client = Client()
    assert client.login(email=access.principal.user.email, password=TEST_PASSWORD)
    return client


def url(world) -> str:
    return f"/o/{world.setup.organisation.id}/rulebook/simulation/"


def test_hr_sees_which_past_lights_a_softer_rulebook_would_change():
    world = decision_world()
    hr = logged_in(world.setup.hr_admin)

    page = hr.post(url(world), {"rulebook": SOFTER, "profile_version": ""})

    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="simulation-result"' in text
    assert f'data-screening="{world.screening.id}"' in text
    assert "counted: serious" in text
    assert "counted: minor" in text
    assert Event.objects.filter(event_type="policy.simulated").count() == 1


def test_a_broken_rulebook_lists_its_problems_and_changes_nothing():
    world = decision_world()
    hr = logged_in(world.setup.hr_admin)

    page = hr.post(
        url(world), {"rulebook": SOFTER.replace('severity = "minor"', 'severity = "huge"', 1)}
    )

    assert page.status_code == 422
    assert 'id="problems"' in page.content.decode()
    assert not Event.objects.filter(event_type="policy.simulated").exists()


def test_only_hr_admins_and_the_dpo_open_it():
    world = decision_world()
    assert logged_in(world.reviewer).get(url(world)).status_code == 403
    assert logged_in(world.setup.dpo).get(url(world)).status_code == 200
    assert logged_in(world.setup.hr_admin).post(url(world), {}).status_code == 422
