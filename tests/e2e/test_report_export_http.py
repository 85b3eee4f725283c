"""The report on screen and exported: a watermark with the reader, the time and the purpose;
an export needs a reason, is limited per day and lands in the access log."""

from __future__ import annotations

import pytest
from django.test import Client

from fairscreen.screenings.models import AccessRecord
from fairscreen.screenings.selectors import EXPORTS_PER_DAY
from tests.factories import TEST_PASSWORD
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db


def logged_in(access) -> Client:
    client = Client()
    assert client.login(email=access.principal.user.email, password=TEST_PASSWORD)
    return client


@pytest.fixture
def world():
    return decision_world()


def base(world) -> str:
    return f"/o/{world.setup.organisation.id}/screenings/{world.screening.id}/report/"


def test_the_report_on_screen_carries_the_readers_watermark(world):
    page = logged_in(world.reviewer).get(base(world) + "?purpose=review").content.decode()
    name = world.reviewer.principal.user.display_name
    assert 'id="watermark"' in page
    assert page.count(f"<span>{name} · ") >= 10


def test_an_export_is_watermarked_logged_and_named_by_id_only(world):
    response = logged_in(world.reviewer).post(
        base(world) + "export/", {"purpose": "decision", "reason": "signed_file"}
    )

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition == f'attachment; filename="report-{world.screening.id}.html"'
    page = response.content.decode()
    assert 'id="exported-banner"' in page
    assert 'id="watermark"' in page
    assert "(2025)测执1号" in page  # the report itself is in the copy
    record = AccessRecord.objects.get(kind="report.exported")
    assert (record.purpose, record.actor) == ("decision", world.reviewer.principal.reference)


def test_an_export_needs_a_reason_and_stops_at_the_daily_limit(world):
    client = logged_in(world.reviewer)
    refused = client.post(base(world) + "export/", {"purpose": "decision", "reason": ""})
    assert refused.status_code == 302
    assert not AccessRecord.objects.filter(kind="report.exported").exists()
    for _ in range(EXPORTS_PER_DAY):
        assert (
            client.post(
                base(world) + "export/", {"purpose": "review", "reason": "signed_file"}
            ).status_code
            == 200
        )
    over = client.post(base(world) + "export/", {"purpose": "review", "reason": "signed_file"})
    assert over.status_code == 302
    assert AccessRecord.objects.filter(kind="report.exported").count() == EXPORTS_PER_DAY


def test_members_without_a_report_role_cannot_export(world):
    response = logged_in(world.setup.analyst).post(
        base(world) + "export/", {"purpose": "review", "reason": "signed_file"}
    )
    assert response.status_code == 403
