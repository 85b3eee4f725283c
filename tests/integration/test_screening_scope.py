"""Ordering and running checks: nothing outside the profile, nothing outside the consent.

Every refusal changes nothing: no screening, no item, no evidence event.
"""

from __future__ import annotations

import pytest

from fairscreen.core.errors import FairscreenError, NotFound, PermissionDenied
from fairscreen.domain import scope
from fairscreen.evidence.models import Event
from fairscreen.positions import services as positions
from fairscreen.screenings import services
from fairscreen.screenings.models import ItemState, Screening, ScreeningItem
from fairscreen.screenings.services import ConsentChoices, ThirdPartyIn
from tests.factories import IMPACT_ASSESSMENT, create_candidate, create_hiring_setup

pytestmark = pytest.mark.django_db

ORDERED_ITEMS = ("identity", "education", "dishonest_debtor")


def order(setup, candidate, items=ORDERED_ITEMS, third_parties=()):
    return services.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=list(items),
        third_parties=list(third_parties),
    )


def consent_to_all(setup, screening, candidate, *, refuse=()):
    issued = services.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    services.open_invitation(token=issued.token)
    screening.refresh_from_db()
    codes = {item.code for item in screening.items.all()}
    granted = frozenset(codes - set(refuse))
    return services.record_consent(
        screening_id=screening.id,
        choices=ConsentChoices(
            granted=granted,
            refused=frozenset(refuse),
            sensitive_confirmed=frozenset(
                code for code in granted if scope.CATALOGUE.item(code).sensitive
            ),
        ),
        signed_name=candidate.full_name.reveal(),
        notice_digest=screening.notice_digest,
        language="zh-hans",
    )


def refused_without_trace(call, code):
    before = (Screening.objects.count(), ScreeningItem.objects.count(), Event.objects.count())
    with pytest.raises(FairscreenError) as raised:
        call()
    assert raised.value.code == code
    after = (Screening.objects.count(), ScreeningItem.objects.count(), Event.objects.count())
    assert after == before
    return raised.value


def test_an_order_within_the_profile_pins_its_version_and_awaits_consent():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)

    screening = order(setup, candidate)

    assert screening.profile_version.status == "approved"
    assert {item.code: item.state for item in screening.items.all()} == dict.fromkeys(
        ORDERED_ITEMS, ItemState.AWAITING_CONSENT
    )
    event = Event.objects.order_by("-sequence").first()
    assert event.event_type == "screening.ordered"
    assert candidate.full_name.reveal().encode() not in bytes(event.entry)


@pytest.mark.parametrize(
    ("items", "code"),
    [
        (["identity", "driving_record"], "item_not_in_profile"),
        (["identity", "marital_status"], "protected_ground"),
        (["hepatitis_b"], "unknown_check_item"),
        ([], "empty_order"),
    ],
    ids=["outside-profile", "protected-ground", "unknown", "empty"],
)
def test_an_order_outside_the_profile_is_refused_and_changes_nothing(items, code):
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)

    error = refused_without_trace(lambda: order(setup, candidate, items), code)

    assert error.status == 422


def test_a_protected_ground_is_refused_by_name_even_inside_a_valid_order():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)

    error = refused_without_trace(
        lambda: order(setup, candidate, ["identity", "pregnancy"]), "protected_ground"
    )

    assert error.details["item"] == "pregnancy"


def test_third_party_items_name_whom_to_ask_and_nothing_else_does():
    setup = create_hiring_setup(template_key="software_engineer")
    candidate = create_candidate(setup.organisation)

    refused_without_trace(
        lambda: order(setup, candidate, ["identity", "employment_history"]), "validation_error"
    )
    refused_without_trace(
        lambda: order(
            setup,
            candidate,
            ["identity"],
            [ThirdPartyIn(item="identity", name="测试前雇主", contact="hr@former.example.com")],
        ),
        "validation_error",
    )


def test_another_organisations_position_or_candidate_is_not_found():
    ours, theirs = create_hiring_setup(), create_hiring_setup()
    candidate = create_candidate(theirs.organisation)

    with pytest.raises(NotFound):
        order(ours, candidate)


def test_only_recruiters_and_hr_admins_order():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)

    with pytest.raises(PermissionDenied):
        services.order_screening(
            access=setup.analyst,
            candidate_id=candidate.id,
            position_id=setup.position_id,
            items=["identity"],
        )


def test_a_sensitive_widening_waits_for_the_dpo_and_does_not_apply_until_approved():
    setup = create_hiring_setup(template_key="software_engineer")
    candidate = create_candidate(setup.organisation)
    current = positions.current_version(
        positions.RiskProfile.objects.get(id=setup.profile_id)
    ).profile_spec()
    widened = scope.ProfileSpec.from_json(
        {
            **current.to_json(),
            "attributes": sorted({*current.to_json()["attributes"], "handles_funds"}),
            "items": [
                *current.to_json()["items"],
                {
                    "code": "credit_report",
                    "necessity": {"zh": "测试：管理公司资金", "en": "Test: manages company funds"},
                    "lookback_months": None,
                },
            ],
        }
    )

    pending = positions.propose_profile_version(
        access=setup.hr_admin, profile_id=setup.profile_id, spec=widened
    )

    assert pending.status == "pending_approval"
    assert pending.sensitive_added == ["credit_report"]
    refused_without_trace(
        lambda: order(setup, candidate, ["identity", "credit_report"]), "item_not_in_profile"
    )
    with pytest.raises(FairscreenError, match="impact assessment"):
        positions.approve_profile_version(
            access=setup.dpo, version_id=pending.id, impact_assessment="ok"
        )
    with pytest.raises(PermissionDenied):
        positions.approve_profile_version(
            access=setup.hr_admin, version_id=pending.id, impact_assessment=IMPACT_ASSESSMENT
        )
    positions.approve_profile_version(
        access=setup.dpo, version_id=pending.id, impact_assessment=IMPACT_ASSESSMENT
    )

    screening = order(setup, candidate, ["identity", "credit_report"])

    assert screening.profile_version_id == pending.id


def test_nothing_runs_before_consent():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    screening = order(setup, candidate)

    error = refused_without_trace(
        lambda: services.start_check(
            access=setup.analyst, screening_id=screening.id, code="identity"
        ),
        "check_not_runnable",
    )

    assert error.status == 409


def test_a_consented_item_runs_and_a_refused_one_never_does():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    screening = order(setup, candidate)
    consent_to_all(setup, screening, candidate, refuse=("dishonest_debtor",))

    running = services.start_check(access=setup.analyst, screening_id=screening.id, code="identity")

    assert running.state == ItemState.RUNNING
    error = refused_without_trace(
        lambda: services.start_check(
            access=setup.analyst, screening_id=screening.id, code="dishonest_debtor"
        ),
        "check_not_runnable",
    )
    assert error.details["reason"] == "refused"
    refused_without_trace(
        lambda: services.start_check(
            access=setup.analyst, screening_id=screening.id, code="credit_report"
        ),
        "item_not_ordered",
    )


def test_a_profile_narrowed_mid_screening_stops_the_removed_item_at_once():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    screening = order(setup, candidate)
    consent_to_all(setup, screening, candidate)
    profile = positions.RiskProfile.objects.get(id=setup.profile_id)
    current = positions.current_version(profile).profile_spec().to_json()
    narrowed = {
        **current,
        "items": [item for item in current["items"] if item["code"] != "dishonest_debtor"],
    }
    positions.propose_profile_version(
        access=setup.hr_admin,
        profile_id=setup.profile_id,
        spec=scope.ProfileSpec.from_json(narrowed),
    )

    error = refused_without_trace(
        lambda: services.start_check(
            access=setup.analyst, screening_id=screening.id, code="dishonest_debtor"
        ),
        "check_not_runnable",
    )

    assert error.details["reason"] == "removed_from_profile"
    assert (
        services.start_check(
            access=setup.analyst, screening_id=screening.id, code="education"
        ).state
        == ItemState.RUNNING
    )


def test_withdrawal_stops_every_pending_check_and_nothing_runs_afterwards():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    screening = order(setup, candidate)
    consent_to_all(setup, screening, candidate)
    services.start_check(access=setup.analyst, screening_id=screening.id, code="identity")

    services.withdraw_consent(screening_id=screening.id, actor=f"candidate:{candidate.id}")

    assert set(screening.items.values_list("state", flat=True)) == {ItemState.STOPPED}
    for code in ORDERED_ITEMS:
        error = refused_without_trace(
            lambda code=code: services.start_check(
                access=setup.analyst, screening_id=screening.id, code=code
            ),
            "check_not_runnable",
        )
        assert error.details["reason"] == "withdrawn_or_stopped"
    withdrawn = Event.objects.order_by("-sequence").first()
    assert withdrawn.event_type == "consent.withdrawn"


def test_every_step_of_a_screening_is_in_the_evidence_ledger_in_order():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    first = Event.objects.order_by("-sequence").first().sequence
    screening = order(setup, candidate)
    consent_to_all(setup, screening, candidate)
    services.start_check(access=setup.analyst, screening_id=screening.id, code="identity")
    services.withdraw_consent(screening_id=screening.id, actor=f"candidate:{candidate.id}")

    types = list(
        Event.objects.filter(sequence__gt=first)
        .order_by("sequence")
        .values_list("event_type", flat=True)
    )

    assert types == [
        "screening.ordered",
        "consent.invitation_issued",
        "consent.invitation_opened",
        "consent.granted",
        "check.started",
        "consent.withdrawn",
    ]
