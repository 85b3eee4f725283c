"""When a screening counts as closed for retention: never while a dispute is open or a
decision is being taken, and never "open forever" because a case was abandoned."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fairscreen.decisions.models import Decision
from fairscreen.domain.decisions import DecisionState
from fairscreen.portal.services import open_dispute
from fairscreen.retention.closures import DEFAULT_REPORT_VALIDITY_DAYS, UNFINISHED_CHECKS_GRACE
from fairscreen.retention.schedule import due_candidates
from fairscreen.screenings import services as screenings
from fairscreen.screenings.models import Invitation, Screening
from tests.factories import create_candidate, create_consented_screening, create_hiring_setup
from tests.integration.decision_support import decision_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PROMISED_MONTHS = 6  # create_hiring_setup's disclosure


def due_ids(today=TODAY) -> set:
    return {found.candidate_id for found in due_candidates(today=today)}


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def decide(world, state: str, *, final_days_ago: int | None = None) -> Decision:
    """A decision row in `state` (the lifecycle's own services are tested in decisions)."""
    return Decision.objects.create(
        organisation=world.setup.organisation,
        screening=world.screening,
        candidate_id=world.screening.candidate_id,
        state=state,
        outcome="proceed" if state == DecisionState.FINAL else "",
        tier="L3",
        chain=[],
        opened_by="test",
        final_at=days_ago(final_days_ago) if final_days_ago is not None else None,
    )


def ordered_days_ago(setup, days: int):
    candidate = create_candidate(setup.organisation)
    screening = screenings.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=["identity"],
    )
    Screening.objects.filter(id=screening.id).update(ordered_at=days_ago(days))
    return candidate, screening


# 1. Open disputes and decisions in progress keep the data.


def test_an_open_dispute_keeps_a_long_final_decision_from_being_destroyed():
    world = decision_world()
    decide(world, DecisionState.FINAL, final_days_ago=400)
    candidate_id = world.screening.candidate_id
    assert candidate_id in due_ids()  # positive control: final long ago, months over

    open_dispute(
        screening_id=world.screening.id,
        finding_id=world.finding.id,
        statement="测试：该记录已撤销 (the listing was lifted)",
    )

    assert candidate_id not in due_ids()
    assert candidate_id not in due_ids(TODAY + timedelta(days=3650))


@pytest.mark.parametrize(
    "state",
    [
        DecisionState.IN_REVIEW,
        DecisionState.AWAITING_SIGNATURE,
        DecisionState.PRELIMINARY,
        DecisionState.SUPERSEDED,
    ],
)
def test_an_expired_report_is_not_closed_while_its_decision_is_not_final(state):
    world = decision_world()
    Screening.objects.filter(id=world.screening.id).update(report_completed_at=days_ago(280))
    candidate_id = world.screening.candidate_id
    assert candidate_id in due_ids()  # positive control: expired 190 days ago, no decision

    decide(world, state)

    assert candidate_id not in due_ids()
    assert candidate_id not in due_ids(TODAY + timedelta(days=3650))


def test_a_superseded_decision_taken_again_and_final_closes_the_screening():
    world = decision_world()
    decide(world, DecisionState.SUPERSEDED)
    decide(world, DecisionState.FINAL, final_days_ago=10)
    candidate_id = world.screening.candidate_id

    assert candidate_id not in due_ids()
    assert candidate_id in due_ids(TODAY + timedelta(days=31 * PROMISED_MONTHS))


# 4. Abandoned screenings close: no usable invitation, or checks that never finish.


def test_a_screening_never_invited_closes_at_its_order_as_no_consent():
    setup = create_hiring_setup()
    old, _ = ordered_days_ago(setup, 40)
    recent, _ = ordered_days_ago(setup, 10)

    found = {f.candidate_id: f for f in due_candidates(today=TODAY)}

    assert old.id in found
    assert found[old.id].due_on == timezone.localdate(days_ago(40)) + timedelta(days=30)
    assert recent.id not in found  # 30 days after no consent (the default) not yet over


def test_a_screening_whose_only_invitation_was_revoked_closes_at_the_revocation():
    setup = create_hiring_setup()
    candidate, screening = ordered_days_ago(setup, 60)
    screenings.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    invitation = Invitation.objects.filter(screening=screening)

    invitation.update(revoked_at=days_ago(10))
    assert candidate.id not in due_ids()  # revoked 10 days ago: the 30 days run from there

    invitation.update(revoked_at=days_ago(40))
    assert candidate.id in due_ids()


def test_an_invitation_opened_but_never_signed_closes_when_it_ran_out():
    setup = create_hiring_setup()
    candidate, screening = ordered_days_ago(setup, 60)
    issued = screenings.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    screenings.open_invitation(token=issued.token)
    invitation = Invitation.objects.filter(screening=screening)
    assert candidate.id not in due_ids()  # opened just now: the candidate may be signing

    invitation.update(used_at=days_ago(45), expires_at=days_ago(40))

    assert candidate.id in due_ids()


def test_a_usable_invitation_keeps_the_screening_open_however_old_the_order():
    setup = create_hiring_setup()
    candidate, screening = ordered_days_ago(setup, 60)
    screenings.issue_invitation(access=setup.recruiter, screening_id=screening.id)

    assert candidate.id not in due_ids()


def test_checks_that_never_finish_lapse_after_the_backstop_then_the_promised_months_run():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    screening = create_consented_screening(setup, candidate)  # checks running, never done
    backstop = timedelta(days=DEFAULT_REPORT_VALIDITY_DAYS) + UNFINISHED_CHECKS_GRACE
    assert screening.report_completed_at is None

    Screening.objects.filter(id=screening.id).update(consented_at=timezone.now() - backstop)
    assert candidate.id not in due_ids()  # lapsed today: the promised months start now
    assert candidate.id in due_ids(TODAY + timedelta(days=31 * PROMISED_MONTHS))

    long_ago = timezone.now() - backstop - timedelta(days=31 * PROMISED_MONTHS + 1)
    Screening.objects.filter(id=screening.id).update(consented_at=long_ago)
    assert candidate.id in due_ids()


def test_checks_still_within_the_backstop_keep_the_screening_open():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    screening = create_consented_screening(setup, candidate)
    Screening.objects.filter(id=screening.id).update(consented_at=days_ago(100))

    assert candidate.id not in due_ids(TODAY + timedelta(days=31 * PROMISED_MONTHS))
