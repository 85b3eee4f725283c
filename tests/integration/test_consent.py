"""Invitation and consent: single-use links, the exact notice signed, separate consents."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from fairscreen.core.errors import FairscreenError
from fairscreen.domain import scope
from fairscreen.evidence.models import Event
from fairscreen.positions import services as positions
from fairscreen.screenings import services
from fairscreen.screenings.models import (
    ConsentRecord,
    Invitation,
    ItemState,
    ScreeningStatus,
    ThirdPartyConsent,
)
from fairscreen.screenings.services import ConsentChoices, ThirdPartyIn
from tests.factories import create_candidate, create_hiring_setup

pytestmark = pytest.mark.django_db


def ordered(
    template_key="finance_manager", items=("identity", "education", "dishonest_debtor"), parties=()
):
    setup = create_hiring_setup(template_key=template_key)
    candidate = create_candidate(setup.organisation)
    screening = services.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=list(items),
        third_parties=list(parties),
    )
    return setup, candidate, screening


def invited(setup, screening):
    issued = services.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    services.open_invitation(token=issued.token)
    screening.refresh_from_db()
    return issued


def sign(screening, candidate, choices, **overrides):
    arguments = {
        "screening_id": screening.id,
        "choices": choices,
        "signed_name": candidate.full_name.reveal(),
        "notice_digest": screening.notice_digest,
        "language": "en",
        **overrides,
    }
    return services.record_consent(**arguments)


def all_granted(screening):
    codes = frozenset(item.code for item in screening.items.all())
    sensitive = frozenset(code for code in codes if scope.CATALOGUE.item(code).sensitive)
    return ConsentChoices(granted=codes, sensitive_confirmed=sensitive)


def test_the_link_works_once_and_only_its_hash_is_stored():
    setup, _candidate, screening = ordered()
    issued = services.issue_invitation(access=setup.recruiter, screening_id=screening.id)

    services.open_invitation(token=issued.token)

    with pytest.raises(FairscreenError, match="already used") as raised:
        services.open_invitation(token=issued.token)
    assert raised.value.status == 410
    with connection.cursor() as cursor:
        cursor.execute("SELECT token_hash FROM screenings_invitation")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored == [hashlib.sha256(issued.token.encode()).hexdigest()]
    assert issued.token not in repr(issued)


def test_an_expired_or_replaced_link_is_refused():
    setup, _candidate, screening = ordered()
    first = services.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    second = services.issue_invitation(access=setup.recruiter, screening_id=screening.id)

    with pytest.raises(FairscreenError, match="not valid"):
        services.open_invitation(token=first.token)
    with pytest.raises(FairscreenError, match="expired"):
        services.open_invitation(token=second.token, now=timezone.now() + timedelta(days=8))
    with pytest.raises(FairscreenError, match="not valid"):
        services.open_invitation(token="fs-not-a-real-token")


def test_a_notice_with_a_required_field_empty_cannot_be_issued():
    setup, _candidate, screening = ordered()
    positions.update_organisation_disclosure(access=setup.hr_admin, texts={"privacy_contact": ""})

    with pytest.raises(FairscreenError) as raised:
        services.issue_invitation(access=setup.recruiter, screening_id=screening.id)

    assert raised.value.code == "notice_incomplete"
    assert "controller_contact" in raised.value.details["missing"]
    assert not Invitation.objects.filter(screening=screening).exists()


def test_the_signature_covers_the_exact_notice_shown():
    setup, candidate, screening = ordered()
    invited(setup, screening)
    shown = screening.notice_digest

    record = sign(screening, candidate, all_granted(screening))

    assert record.notice_digest == shown
    assert shown.startswith("sha256:")
    assert record.signed_name.reveal() == candidate.full_name.reveal()
    screening.refresh_from_db()
    assert screening.status == ScreeningStatus.ACTIVE


def test_consent_to_another_notice_version_is_refused():
    setup, candidate, screening = ordered()
    invited(setup, screening)

    with pytest.raises(FairscreenError) as raised:
        sign(screening, candidate, all_granted(screening), notice_digest="sha256:" + "0" * 64)

    assert raised.value.code == "notice_changed"
    assert not ConsentRecord.objects.exists()


def test_a_sensitive_item_needs_its_own_separate_consent():
    setup, candidate, screening = ordered()
    invited(setup, screening)
    choices = all_granted(screening)

    with pytest.raises(FairscreenError) as raised:
        sign(screening, candidate, ConsentChoices(granted=choices.granted))

    assert "sensitive.identity" in raised.value.details
    assert set(screening.items.values_list("state", flat=True)) == {ItemState.AWAITING_CONSENT}


def test_every_item_must_be_answered_and_the_signature_must_be_the_candidates_name():
    setup, candidate, screening = ordered()
    invited(setup, screening)

    with pytest.raises(FairscreenError) as unanswered:
        sign(screening, candidate, ConsentChoices(granted=frozenset({"education"})))
    with pytest.raises(FairscreenError) as wrong_name:
        sign(screening, candidate, all_granted(screening), signed_name="测试冒名者")

    assert "items.identity" in unanswered.value.details
    assert wrong_name.value.details == {
        "signed_name": "type your full name exactly as on your ID card"
    }
    assert "测试冒名者" not in str(wrong_name.value.message)
    assert not ConsentRecord.objects.exists()


def test_each_third_party_gets_its_own_consent():
    parties = [
        ThirdPartyIn(item="employment_history", name="测试前雇主甲", contact="hr@a.example.com"),
        ThirdPartyIn(item="employment_history", name="测试前雇主乙", contact="hr@b.example.com"),
    ]
    setup, candidate, screening = ordered(
        "software_engineer", ("identity", "employment_history"), parties
    )
    invited(setup, screening)
    first, second = screening.third_parties.order_by("position_in_list")
    choices = all_granted(screening)

    with pytest.raises(FairscreenError) as raised:
        sign(screening, candidate, choices)
    sign(
        screening,
        candidate,
        ConsentChoices(
            granted=choices.granted,
            sensitive_confirmed=choices.sensitive_confirmed,
            third_parties_granted=frozenset({first.id}),
            third_parties_refused=frozenset({second.id}),
        ),
    )

    assert f"third_parties.{first.id}" in raised.value.details
    consents = dict(screening.third_parties.values_list("id", "consent"))
    assert consents == {first.id: ThirdPartyConsent.GRANTED, second.id: ThirdPartyConsent.REFUSED}


def test_a_refused_item_is_never_asked_for_again_in_that_screening():
    setup, candidate, screening = ordered()
    invited(setup, screening)
    choices = all_granted(screening)
    sign(
        screening,
        candidate,
        ConsentChoices(
            granted=choices.granted - {"dishonest_debtor"},
            refused=frozenset({"dishonest_debtor"}),
            sensitive_confirmed=choices.sensitive_confirmed,
        ),
    )

    with pytest.raises(FairscreenError) as reinvite:
        services.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    with pytest.raises(FairscreenError) as resign:
        sign(screening, candidate, choices)

    assert reinvite.value.code == "screening_not_awaiting_consent"
    assert resign.value.code == "consent_closed"
    assert screening.items.get(code="dishonest_debtor").state == ItemState.REFUSED


def test_refusing_everything_declines_the_screening():
    setup, candidate, screening = ordered()
    invited(setup, screening)
    codes = frozenset(item.code for item in screening.items.all())

    sign(screening, candidate, ConsentChoices(refused=codes))

    screening.refresh_from_db()
    assert screening.status == ScreeningStatus.DECLINED


def test_withdrawal_before_consent_revokes_the_link():
    setup, candidate, screening = ordered()
    issued = services.issue_invitation(access=setup.recruiter, screening_id=screening.id)

    services.withdraw_consent(screening_id=screening.id, actor=f"candidate:{candidate.id}")

    with pytest.raises(FairscreenError, match="not valid"):
        services.open_invitation(token=issued.token)
    with pytest.raises(FairscreenError) as again:
        services.withdraw_consent(screening_id=screening.id, actor=f"candidate:{candidate.id}")
    assert again.value.code == "consent_closed"


def test_staff_record_a_withdrawal_made_by_phone_with_themselves_as_the_actor():
    setup, candidate, screening = ordered()
    invited(setup, screening)
    codes = frozenset(item.code for item in screening.items.all())
    sign(screening, candidate, ConsentChoices(granted=codes, sensitive_confirmed=codes))

    with pytest.raises(FairscreenError) as denied:
        services.record_withdrawal_for_candidate(access=setup.analyst, screening_id=screening.id)
    assert denied.value.code == "forbidden"
    elsewhere = create_hiring_setup()
    with pytest.raises(FairscreenError) as hidden:
        services.record_withdrawal_for_candidate(
            access=elsewhere.recruiter, screening_id=screening.id
        )
    assert hidden.value.code == "not_found"
    screening.refresh_from_db()
    assert screening.status == ScreeningStatus.ACTIVE

    services.record_withdrawal_for_candidate(access=setup.recruiter, screening_id=screening.id)

    screening.refresh_from_db()
    assert screening.status == ScreeningStatus.WITHDRAWN
    assert set(screening.items.values_list("state", flat=True)) == {ItemState.STOPPED}
    event = Event.objects.filter(event_type="consent.withdrawn").get()
    assert event.actor == setup.recruiter.principal.reference
