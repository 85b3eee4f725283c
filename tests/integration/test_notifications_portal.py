"""The portal inbox, SMS, evidence, staff's view and crypto-shredding of notifications.

Portal messages are stored encrypted under the candidate's key (the raw column holds only
an ``fs1:`` ciphertext) and read back newest first in the portal's language; destroying
the candidate's key (PIPL Art. 47) makes them unreadable and stops anything still queued.
Evidence names kinds, channels and opaque ids only.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import connection

from fairscreen.accounts.roles import Role
from fairscreen.core.errors import NotFound, PermissionDenied
from fairscreen.evidence.models import Event
from fairscreen.notifications.channels import (
    DeliveryError,
    EmailChannel,
    FakeSmsGateway,
    OutboxRelay,
    SmsChannel,
    reset_channels,
    use_channel,
)
from fairscreen.notifications.lifecycle import DeliveryState
from fairscreen.notifications.messages import ChannelName, Language, Recipient
from fairscreen.notifications.models import Delivery
from fairscreen.notifications.selectors import deliveries_for, portal_messages_for
from fairscreen.notifications.services import (
    CandidateDataDestroyed,
    mark_portal_message_read,
    notify,
    send_delivery,
    send_due_deliveries,
)
from fairscreen.privacy.models import DestructionReason
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.services import destroy_candidate_keys
from tests.factories import (
    access_for,
    create_candidate,
    create_consented_screening,
    create_hiring_setup,
    create_member,
)
from tests.unit.notifications.support import (
    BODY,
    FRAGMENTS_OF_CONTENT,
    LINK,
    MAIL_FROM,
    NOW,
    SUBJECT,
    message,
    recipient_for,
)

pytestmark = pytest.mark.django_db

SCREENING = uuid.UUID("00000000-0000-7000-8000-00000000a001")
OTHER_SCREENING = uuid.UUID("00000000-0000-7000-8000-00000000b002")


@pytest.fixture(autouse=True)
def sms(tmp_path) -> Iterator[FakeSmsGateway]:
    """SMS through the fake gateway; e-mail into this test's own outbox directory."""
    gateway = FakeSmsGateway()
    use_channel(SmsChannel(gateway=gateway))
    use_channel(EmailChannel(relay=OutboxRelay(tmp_path / "outbox"), mail_from=MAIL_FROM))
    yield gateway
    reset_channels()


@pytest.fixture
def setup():
    return create_hiring_setup()


@pytest.fixture
def candidate(setup):
    return create_candidate(setup.organisation, phone="13800000042")


def queue(candidate, channels, **overrides):
    overrides.setdefault("screening_id", SCREENING)
    return notify(
        recipient=recipient_for(candidate), message=message(**overrides), channels=channels
    )


def send_all() -> None:
    for delivery_id in Delivery.objects.values_list("id", flat=True):
        send_delivery(delivery_id, now=NOW)


def test_the_sms_gateway_receives_the_text_in_the_recipients_language(candidate, sms):
    queue(candidate, [ChannelName.SMS])
    send_all()

    [text] = sms.sent
    assert text.phone == "13800000042"
    assert text.text.startswith(SUBJECT.zh_hans)
    assert BODY.zh_hans in text.text
    assert LINK in text.text
    assert "请勿回复" not in text.text, "texts carry no footer"


def test_a_busy_sms_gateway_is_retried(candidate, sms):
    sms.fail_next(DeliveryError("sms_gateway_busy", retryable=True))
    delivery_id = queue(candidate, [ChannelName.SMS]).deliveries[ChannelName.SMS]

    first = send_delivery(delivery_id, now=NOW)
    send_due_deliveries(now=first.next_attempt_at)

    assert first.state == DeliveryState.RETRYING
    assert Delivery.objects.get(id=delivery_id).state == DeliveryState.SENT
    assert len(sms.sent) == 1


def test_portal_messages_are_stored_encrypted_and_read_newest_first(candidate):
    queue(candidate, [ChannelName.PORTAL], kind="feedback.outcome_pending")
    queue(
        candidate,
        [ChannelName.PORTAL],
        kind="decision.preliminary_notice",
        subject=SUBJECT,
        body=BODY,
    )
    send_all()

    raw = _raw_column("notifications_portalmessage", "content")
    assert len(raw) == 2
    for ciphertext in raw:
        assert ciphertext.startswith("fs1:")
        for fragment in (*FRAGMENTS_OF_CONTENT, SUBJECT.zh_hans):
            assert fragment not in ciphertext
    inbox = portal_messages_for(screening_id=SCREENING)
    assert [view.kind for view in inbox] == [
        "decision.preliminary_notice",
        "feedback.outcome_pending",
    ]
    assert inbox[0].subject == SUBJECT.zh_hans
    assert inbox[0].link_path == LINK
    english = portal_messages_for(subject=f"candidate:{candidate.id}", language=Language.EN)
    assert english[0].body == BODY.en
    assert portal_messages_for(screening_id=OTHER_SCREENING) == []


def test_marking_a_message_read_is_recorded_once_and_only_in_its_own_inbox(candidate):
    queue(candidate, [ChannelName.PORTAL])
    send_all()
    [view] = portal_messages_for(screening_id=SCREENING)

    with pytest.raises(NotFound):
        mark_portal_message_read(message_id=view.id, screening_id=OTHER_SCREENING)
    first = mark_portal_message_read(message_id=view.id, screening_id=SCREENING, now=NOW)
    again = mark_portal_message_read(
        message_id=view.id, screening_id=SCREENING, now=NOW + timedelta(hours=1)
    )

    assert first == again == NOW
    assert portal_messages_for(screening_id=SCREENING)[0].is_read
    assert Event.objects.filter(event_type="notification.read").count() == 1


def test_destroying_the_candidates_key_makes_their_messages_unreadable_and_stops_the_queue(
    setup, candidate, sms
):
    queue(candidate, [ChannelName.PORTAL])
    send_all()
    pending = queue(candidate, [ChannelName.SMS], kind="feedback.reminder")
    raw_before = _raw_column("notifications_portalmessage", "content")

    destroy_candidate_keys(
        access=setup.dpo, candidate_id=candidate.id, reason=DestructionReason.DELETION_REQUEST
    )

    [view] = portal_messages_for(screening_id=SCREENING)
    assert isinstance(view.subject, Destroyed)
    assert isinstance(view.body, Destroyed)
    assert view.link_path == ""
    assert _raw_column("notifications_portalmessage", "content") == raw_before
    stopped = send_delivery(pending.deliveries[ChannelName.SMS], now=NOW)
    assert stopped.state == DeliveryState.FAILED
    assert stopped.last_error_code == "candidate_data_destroyed"
    assert sms.sent == []
    nothing_left = Recipient.candidate(
        subject=f"candidate:{candidate.id}", organisation_id=setup.organisation.id
    )
    with pytest.raises(CandidateDataDestroyed):
        notify(recipient=nothing_left, message=message(), channels=[ChannelName.PORTAL])


def test_evidence_names_kinds_channels_and_ids_but_no_address_and_no_text(candidate):
    queued = queue(candidate, [ChannelName.EMAIL, ChannelName.SMS, ChannelName.PORTAL])
    send_all()

    events = Event.objects.filter(event_type__startswith="notification.")
    types = sorted(event.event_type for event in events)
    assert types == ["notification.queued"] * 3 + ["notification.sent"] * 3
    secrets = (candidate.email.reveal(), candidate.phone.reveal(), *FRAGMENTS_OF_CONTENT)
    for event in events:
        entry = bytes(event.entry).decode()
        assert event.subject == f"candidate:{candidate.id}"
        assert "feedback.outcome_pending" in entry
        assert str(queued.notification_id) in entry
        for secret in secrets:
            assert secret not in entry


def test_a_channel_this_instance_lacks_fails_at_once_and_visibly(setup, candidate, monkeypatch):
    """Production ships no SMS gateway: such a delivery must not wait for ever."""
    from fairscreen.notifications.channels import PortalChannel, _registry

    monkeypatch.setattr(_registry, "_channels", {ChannelName.PORTAL: PortalChannel()})
    queued = queue(candidate, [ChannelName.SMS, ChannelName.PORTAL])
    send_all()

    sms_delivery = Delivery.objects.get(id=queued.deliveries[ChannelName.SMS])
    assert sms_delivery.state == DeliveryState.FAILED
    assert sms_delivery.last_error_code == "channel_not_configured"
    assert sms_delivery.attempts == 0
    assert Event.objects.filter(event_type="notification.failed").count() == 1
    assert len(portal_messages_for(screening_id=SCREENING)) == 1


def test_staff_follow_deliveries_without_their_text_and_only_with_a_role(setup, candidate, sms):
    screening = create_consented_screening(setup, candidate, start=False)
    sms.fail_next(DeliveryError("sms_gateway_busy", retryable=True))
    queue(candidate, [ChannelName.SMS, ChannelName.PORTAL], screening_id=screening.id)
    send_all()

    views = [
        view
        for view in deliveries_for(access=setup.hr_admin, screening_id=screening.id)
        if view.kind == "feedback.outcome_pending"
    ]

    assert {(view.channel, view.state, view.last_error_code) for view in views} == {
        (ChannelName.SMS, DeliveryState.RETRYING, "sms_gateway_busy"),
        (ChannelName.PORTAL, DeliveryState.SENT, ""),
    }
    assert {view.recipient for view in views} == {"candidate"}
    with pytest.raises(NotFound):  # another organisation's
        deliveries_for(access=create_hiring_setup().hr_admin, screening_id=screening.id)
    with pytest.raises(PermissionDenied):
        deliveries_for(access=setup.analyst, screening_id=screening.id)


def test_only_the_positions_hiring_team_and_the_overseers_follow_its_deliveries(setup, candidate):
    """An HR admin of another position's team does not learn that this screening exists."""
    screening = create_consented_screening(setup, candidate, start=False)
    queue(candidate, [ChannelName.PORTAL], screening_id=screening.id)
    off_team = access_for(create_member(setup.organisation, Role.HR_ADMIN), setup.organisation)

    with pytest.raises(NotFound):
        deliveries_for(access=off_team, screening_id=screening.id)
    with pytest.raises(NotFound):  # an unknown screening reads the same
        deliveries_for(access=setup.hr_admin, screening_id=OTHER_SCREENING)
    assert deliveries_for(access=setup.dpo, screening_id=screening.id)  # oversees every position
    assert deliveries_for(access=setup.hr_admin, screening_id=screening.id)


def _raw_column(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} ORDER BY id")  # noqa: S608 - fixed names
        return [row[0] for row in cursor.fetchall()]
