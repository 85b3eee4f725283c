"""The way back into the portal: a personal link (hashed, expiring, revocable) and a one-time
code (keyed hash, 10 minutes, 5 attempts, once), sessions that end, evidence without
personal data."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils import timezone

from fairscreen.accounts.roles import Role
from fairscreen.core.errors import FairscreenError
from fairscreen.evidence.models import Event
from fairscreen.notifications.content import load_content
from fairscreen.notifications.models import Notification
from fairscreen.portal import session
from fairscreen.portal.models import AccessCode, PortalAccess
from fairscreen.portal.services import (
    CodeOutcome,
    issue_portal_access,
    offer_portal_access,
    open_access_link,
    revoke_portal_access,
    send_access_code,
    send_portal_link,
    verify_access_code,
)
from fairscreen.screenings import services as screenings
from tests.factories import (
    access_for,
    create_candidate,
    create_consented_screening,
    create_hiring_setup,
    create_member,
)

pytestmark = pytest.mark.django_db

T0 = timezone.now().replace(microsecond=0)
RECRUITER = "user:00000000-0000-7000-8000-0000000000aa"


@pytest.fixture
def candidate_and_screening():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    screening = create_consented_screening(setup, candidate, items=("identity", "education"))
    return candidate, screening


@pytest.fixture
def screening(candidate_and_screening):
    return candidate_and_screening[1]


def sent_code() -> str:
    """The newest code, read back from the queued message (the test's 'phone')."""
    notification = Notification.objects.filter(kind="portal.access_code").first()
    body = load_content(notification.content.reveal()).body.zh_hans
    return re.search(r"\b(\d{6})\b", body).group(1)


def linked(screening, *, now=T0):
    token = issue_portal_access(screening, actor=RECRUITER, now=now)
    return token, open_access_link(token=token, now=now)


def payloads(prefix: str) -> list[dict]:
    return [
        json.loads(bytes(event.entry))
        for event in Event.objects.filter(event_type__startswith=prefix).order_by("sequence")
    ]


def test_the_link_is_stored_only_as_its_hash_and_emailed_only_to_the_candidate(screening):
    token, access_id = linked(screening)

    access = PortalAccess.objects.get(id=access_id)
    assert access.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps(list(PortalAccess.objects.values()), default=str)
    notification = Notification.objects.get(kind="portal.access")
    assert set(notification.deliveries.values_list("channel", flat=True)) == {"email"}
    assert load_content(notification.content.reveal()).link_path == f"/c/access/{token}/"
    assert access.expires_at == T0 + timedelta(days=30)


def test_a_link_expires_after_30_days(screening):
    token, _ = linked(screening)

    assert open_access_link(token=token, now=T0 + timedelta(days=29, hours=23)) is not None
    assert open_access_link(token=token, now=T0 + timedelta(days=30)) is None


def test_a_new_link_replaces_the_old_one_and_a_revoked_link_opens_nothing(screening):
    first, _ = linked(screening)
    second, _ = linked(screening, now=T0 + timedelta(minutes=1))

    assert open_access_link(token=first, now=T0 + timedelta(minutes=2)) is None
    assert open_access_link(token=second, now=T0 + timedelta(minutes=2)) is not None

    revoked = revoke_portal_access(
        screening_id=screening.id, actor=RECRUITER, now=T0 + timedelta(minutes=3)
    )

    assert revoked == 1
    assert open_access_link(token=second, now=T0 + timedelta(minutes=4)) is None
    assert open_access_link(token="fs-not-a-real-token") is None
    assert Event.objects.filter(event_type="portal.access_link_revoked").count() == 1


def test_no_link_is_issued_before_the_candidate_decided_on_consent():
    setup = create_hiring_setup()
    candidate = create_candidate(setup.organisation)
    ordered = screenings.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=["identity"],
    )

    with pytest.raises(FairscreenError) as refused:
        issue_portal_access(ordered, actor=RECRUITER)

    assert refused.value.code == "portal_not_open"
    assert not PortalAccess.objects.exists()


def test_after_consent_the_link_is_offered_once(screening):
    assert offer_portal_access(screening_id=screening.id, now=T0)
    assert not offer_portal_access(screening_id=screening.id, now=T0 + timedelta(hours=1))
    assert offer_portal_access(screening_id=screening.id, now=T0 + timedelta(days=31))
    assert Notification.objects.filter(kind="portal.access").count() == 2


def test_the_code_is_sent_by_email_and_sms_and_stored_only_as_a_keyed_hash(screening):
    _, access_id = linked(screening)

    sent = send_access_code(access_id=access_id, now=T0)

    code = sent_code()
    row = AccessCode.objects.get(id=sent.code_id)
    assert sent.channels == ("email", "sms")
    assert code not in row.code_hash
    assert row.code_hash != hashlib.sha256(code.encode()).hexdigest()
    notification = Notification.objects.get(kind="portal.access_code")
    assert set(notification.deliveries.values_list("channel", flat=True)) == {"email", "sms"}
    check = verify_access_code(access_id=access_id, code=code, now=T0 + timedelta(minutes=1))
    assert check.outcome is CodeOutcome.OPENED
    assert check.screening_id == screening.id


def test_a_code_works_for_ten_minutes(screening):
    _, access_id = linked(screening)
    send_access_code(access_id=access_id, now=T0)

    late = verify_access_code(access_id=access_id, code=sent_code(), now=T0 + timedelta(minutes=10))

    assert late.outcome is CodeOutcome.EXPIRED
    in_time = verify_access_code(
        access_id=access_id, code=sent_code(), now=T0 + timedelta(minutes=9, seconds=59)
    )
    assert in_time.outcome is CodeOutcome.OPENED


def test_five_wrong_attempts_end_the_code_and_a_new_code_is_needed(screening):
    _, access_id = linked(screening)
    send_access_code(access_id=access_id, now=T0)
    right = sent_code()
    wrong = f"{(int(right) + 1) % 10**6:06d}"

    outcomes = [
        verify_access_code(access_id=access_id, code=wrong, now=T0 + timedelta(seconds=10))
        for _ in range(5)
    ]

    assert [check.attempts_left for check in outcomes] == [4, 3, 2, 1, 0]
    assert [check.outcome for check in outcomes] == [CodeOutcome.WRONG] * 4 + [CodeOutcome.LOCKED]
    locked = verify_access_code(access_id=access_id, code=right, now=T0 + timedelta(seconds=20))
    assert locked.outcome is CodeOutcome.LOCKED
    send_access_code(access_id=access_id, now=T0 + timedelta(minutes=1))
    fresh = verify_access_code(access_id=access_id, code=sent_code(), now=T0 + timedelta(minutes=2))
    assert fresh.outcome is CodeOutcome.OPENED


def test_a_code_opens_the_portal_once_and_a_newer_code_replaces_it(screening):
    _, access_id = linked(screening)
    send_access_code(access_id=access_id, now=T0)
    first = sent_code()
    send_access_code(access_id=access_id, now=T0 + timedelta(minutes=1))
    second = sent_code()

    replaced = verify_access_code(access_id=access_id, code=first, now=T0 + timedelta(minutes=2))
    opened = verify_access_code(access_id=access_id, code=second, now=T0 + timedelta(minutes=2))
    again = verify_access_code(access_id=access_id, code=second, now=T0 + timedelta(minutes=3))

    assert replaced.outcome is CodeOutcome.WRONG
    assert opened.outcome is CodeOutcome.OPENED
    assert again.outcome is CodeOutcome.NO_CODE


def test_codes_cannot_be_asked_for_every_moment(screening):
    _, access_id = linked(screening)
    send_access_code(access_id=access_id, now=T0)

    with pytest.raises(FairscreenError) as too_soon:
        send_access_code(access_id=access_id, now=T0 + timedelta(seconds=30))

    assert too_soon.value.code == "code_requested_too_soon"
    assert too_soon.value.details["retry_after_seconds"] == 31
    for minute in range(1, 5):
        send_access_code(access_id=access_id, now=T0 + timedelta(minutes=minute))
    with pytest.raises(FairscreenError):
        send_access_code(access_id=access_id, now=T0 + timedelta(minutes=6))
    send_access_code(access_id=access_id, now=T0 + timedelta(minutes=61))


def test_twenty_wrong_attempts_end_the_link_itself(screening):
    token, access_id = linked(screening)
    for round_number in range(4):
        now = T0 + timedelta(minutes=20 * round_number)
        send_access_code(access_id=access_id, now=now)
        for _ in range(5):
            verify_access_code(access_id=access_id, code="000000", now=now)

    assert open_access_link(token=token, now=T0 + timedelta(hours=2)) is None
    with pytest.raises(FairscreenError) as refused:
        send_access_code(access_id=access_id, now=T0 + timedelta(hours=2))
    assert refused.value.code == "access_link_refused"
    assert PortalAccess.objects.get(id=access_id).revoked_reason == "too_many_attempts"


def test_a_code_for_an_expired_link_opens_nothing(screening):
    _, access_id = linked(screening)
    send_access_code(access_id=access_id, now=T0 + timedelta(days=29, hours=23, minutes=55))

    check = verify_access_code(
        access_id=access_id, code=sent_code(), now=T0 + timedelta(days=30, minutes=1)
    )

    assert check.outcome is CodeOutcome.LINK_REFUSED
    assert check.screening_id is None


def _request():
    request = RequestFactory().get("/c/")
    request.session = SessionStore()
    return request


def test_a_session_ends_after_30_idle_minutes(screening):
    request = _request()
    session.open_portal_session(request, screening_id=screening.id, now=T0)

    assert session.portal_screening_id(request, now=T0 + timedelta(minutes=29)) == screening.id
    assert session.portal_screening_id(request, now=T0 + timedelta(minutes=58)) == screening.id
    assert session.portal_screening_id(request, now=T0 + timedelta(minutes=89)) is None
    assert session.portal_screening_id(request, now=T0 + timedelta(minutes=90)) is None


def test_a_session_ends_12_hours_after_it_was_opened_however_active(screening):
    request = _request()
    session.open_portal_session(request, screening_id=screening.id, now=T0)
    for quarter in range(1, 48):
        assert session.portal_screening_id(request, now=T0 + quarter * timedelta(minutes=15))

    assert session.portal_screening_id(request, now=T0 + timedelta(hours=12)) is None


def test_a_session_with_edited_or_missing_timestamps_is_ended(screening):
    request = _request()
    session.open_portal_session(request, screening_id=screening.id)
    request.session[session.LAST_SEEN_KEY] -= 31 * 60

    assert session.portal_screening_id(request) is None
    assert session.SCREENING_KEY not in request.session
    request.session[session.SCREENING_KEY] = str(screening.id)  # no timestamps at all
    assert session.portal_screening_id(request) is None


def test_every_step_is_evidence_without_personal_data(candidate_and_screening):
    candidate, screening = candidate_and_screening
    token, access_id = linked(screening)
    send_access_code(access_id=access_id, now=T0)
    code = sent_code()
    verify_access_code(access_id=access_id, code="999999" if code != "999999" else "000000", now=T0)
    verify_access_code(access_id=access_id, code=code, now=T0)

    entries = payloads("portal.")
    kinds = [entry["type"] for entry in entries]
    assert kinds == [
        "portal.access_link_issued",
        "portal.code_sent",
        "portal.code_failed",
        "portal.session_opened",
    ]
    assert entries[2]["payload"]["reason"] == "wrong"
    assert entries[3]["payload"]["screening"] == str(screening.id)
    text = json.dumps(entries, ensure_ascii=False)
    for personal in (
        candidate.full_name.reveal(),
        candidate.email.reveal(),
        candidate.phone.reveal(),
        token,
        code,
    ):
        assert personal not in text
    assert all(entry["actor"] in (RECRUITER, f"candidate:{candidate.id}") for entry in entries)


def test_a_recruiter_can_have_the_link_sent_but_never_sees_it():
    setup = create_hiring_setup()
    screening = create_consented_screening(setup, create_candidate(setup.organisation))
    other = create_hiring_setup()

    assert send_portal_link(access=setup.recruiter, screening_id=screening.id) is None
    with pytest.raises(FairscreenError) as analyst:
        send_portal_link(access=setup.analyst, screening_id=screening.id)
    with pytest.raises(FairscreenError) as elsewhere:
        send_portal_link(access=other.recruiter, screening_id=screening.id)

    outsider = access_for(create_member(setup.organisation, Role.RECRUITER), setup.organisation)
    with pytest.raises(FairscreenError) as off_team:
        send_portal_link(access=outsider, screening_id=screening.id)

    assert analyst.value.code == "forbidden"
    assert elsewhere.value.code == "not_found"
    assert off_team.value.code == "not_found"
    assert PortalAccess.objects.filter(screening=screening).count() == 1
    assert Notification.objects.get(kind="portal.access").created_by == (
        setup.recruiter.principal.reference
    )
