"""Reads of profiles, positions and the disclosure: the organisation's own, its readers only."""

from __future__ import annotations

import pytest

from fairscreen.core.errors import FairscreenError
from fairscreen.domain import scope
from fairscreen.positions import selectors
from fairscreen.positions import services as positions
from tests.factories import access_for, create_hiring_setup, create_member

pytestmark = pytest.mark.django_db


def test_a_profile_shows_its_current_version_and_the_one_awaiting_the_dpo():
    setup = create_hiring_setup(template_key="software_engineer")
    approved = selectors.profile(access=setup.recruiter, profile_id=setup.profile_id).current
    assert approved is not None
    spec = approved.spec
    widened = scope.ProfileSpec.from_json(
        {
            **spec.to_json(),
            "attributes": ["handles_funds"],
            "items": [
                *spec.to_json()["items"],  # type: ignore[misc]
                {"code": "credit_report", "necessity": {"zh": "测试", "en": "test"}},
            ],
        }
    )
    pending = positions.propose_profile_version(
        access=setup.hr_admin, profile_id=setup.profile_id, spec=widened
    )

    view = selectors.profile(access=setup.dpo, profile_id=setup.profile_id)

    assert view.current == approved
    assert view.pending is not None
    assert view.pending.id == pending.id
    assert view.pending.sensitive_added == ("credit_report",)
    assert [version.number for version in view.versions] == [2, 1]
    assert selectors.profile_version(access=setup.dpo, version_id=pending.id).spec == widened


def test_positions_carry_their_disclosure_and_the_current_scope():
    setup = create_hiring_setup()

    [position] = selectors.positions_for(access=setup.recruiter)

    assert position.id == setup.position_id
    assert position.disclosure["team"] == "测试团队 5 人"
    assert position.current is not None
    assert "credit_report" in position.current.spec.codes()
    assert selectors.position(access=setup.analyst, position_id=setup.position_id) == position


def test_the_disclosure_says_what_a_notice_still_misses():
    setup = create_hiring_setup()
    assert selectors.organisation_disclosure(access=setup.recruiter).missing() == ()

    positions.update_organisation_disclosure(access=setup.hr_admin, texts={"privacy_contact": ""})

    assert selectors.organisation_disclosure(access=setup.recruiter).missing() == (
        "privacy_contact",
    )


def test_another_organisation_sees_nothing_and_a_member_without_a_role_is_refused():
    setup = create_hiring_setup()
    other = create_hiring_setup()
    assert [view.id for view in selectors.profiles_for(access=other.hr_admin)] == [other.profile_id]
    with pytest.raises(FairscreenError) as hidden:
        selectors.position(access=other.hr_admin, position_id=setup.position_id)
    assert hidden.value.code == "not_found"
    nobody = access_for(create_member(setup.organisation), setup.organisation)
    with pytest.raises(FairscreenError) as denied:
        selectors.profiles_for(access=nobody)
    assert denied.value.code == "forbidden"
