"""The demo keeps working when the official calendar package runs out (late December)."""

from __future__ import annotations

from datetime import date

import pytest

from fairscreen.accounts.roles import Role
from fairscreen.decisions import services as decisions
from fairscreen.decisions.models import CalendarSchedule
from fairscreen.demo.decisions import extend_demo_calendar
from tests.factories import access_for, create_member, create_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_admin():
    organisation = create_organisation()
    return access_for(create_member(organisation, Role.HR_ADMIN), organisation)


def test_near_the_calendars_end_the_demo_loads_a_labelled_fictional_next_year(hr_admin):
    covered = decisions.calendar_for(hr_admin.organisation).covered_until()
    assert extend_demo_calendar(hr_admin, today=date(covered.year, 12, 24)) is True

    calendar = decisions.calendar_for(hr_admin.organisation)
    assert calendar.covered_until() == date(covered.year + 1, 12, 31)
    assert calendar.add_working_days(date(covered.year, 12, 31), 1) > date(covered.year + 1, 1, 1)
    schedule = CalendarSchedule.objects.get(organisation=hr_admin.organisation)
    assert "fictional, not official" in schedule.text


def test_with_the_calendar_far_from_its_end_nothing_is_loaded(hr_admin):
    covered = decisions.calendar_for(hr_admin.organisation).covered_until()
    assert extend_demo_calendar(hr_admin, today=date(covered.year, 6, 1)) is False
    assert not CalendarSchedule.objects.filter(organisation=hr_admin.organisation).exists()


def test_years_later_every_missing_year_up_to_the_next_is_loaded(hr_admin):
    covered = decisions.calendar_for(hr_admin.organisation).covered_until()
    assert extend_demo_calendar(hr_admin, today=date(covered.year + 2, 3, 1)) is True
    calendar = decisions.calendar_for(hr_admin.organisation)
    assert calendar.covered_until() == date(covered.year + 3, 12, 31)
