"""How callers call `notify`: staff recipients, malformed calls, tenancy, idempotency.

A bad call fails inside the caller's transaction, naming the field and never the value,
and queues nothing; a candidate is only told about themselves; a message to staff is
encrypted under the key of the candidate it concerns.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from fairscreen.core.errors import FairscreenError
from fairscreen.evidence.models import Event
from fairscreen.notifications.channels import EmailChannel, OutboxRelay, reset_channels, use_channel
from fairscreen.notifications.messages import ChannelName, Recipient
from fairscreen.notifications.models import Delivery, Notification
from fairscreen.notifications.services import notify, send_delivery
from tests.factories import create_candidate, create_hiring_setup
from tests.unit.notifications.support import MAIL_FROM, NOW, message, recipient_for

pytestmark = pytest.mark.django_db

SCREENING = uuid.UUID("00000000-0000-7000-8000-00000000a001")


@pytest.fixture(autouse=True)
def outbox(tmp_path) -> Iterator[None]:
    use_channel(EmailChannel(relay=OutboxRelay(tmp_path / "outbox"), mail_from=MAIL_FROM))
    yield
    reset_channels()


@pytest.fixture
def setup():
    return create_hiring_setup()


@pytest.fixture
def candidate(setup):
    return create_candidate(setup.organisation)


def send_all() -> None:
    for delivery_id in Delivery.objects.values_list("id", flat=True):
        send_delivery(delivery_id, now=NOW)


def test_staff_are_told_about_a_candidate_under_that_candidates_key(setup, candidate, tmp_path):
    user = setup.hr_admin.principal.user
    staff = Recipient.staff(
        user_id=user.id, organisation_id=setup.organisation.id, email=user.email
    )

    notify(
        recipient=staff,
        message=message(kind="feedback.escalation", data_subject=f"candidate:{candidate.id}"),
        channels=[ChannelName.EMAIL],
    )
    send_all()

    [written] = (tmp_path / "outbox").glob("*.eml")
    assert written.stat().st_mode & 0o777 == 0o600
    assert f"To: {user.email}" in written.read_text()
    notification = Notification.objects.get()
    assert notification.encryption_subject().subject == f"candidate:{candidate.id}"
    event = Event.objects.get(event_type="notification.queued")
    assert f'"recipient":"user:{user.id}"' in bytes(event.entry).decode()


def about_someone_else(candidate, setup):
    return recipient_for(candidate), message(data_subject=f"candidate:{uuid.uuid4()}"), ["portal"]


def staff_message_about_nobody(candidate, setup):
    return _staff(setup), message(), ["email"]


def staff_portal(candidate, setup):
    return _staff(setup), message(data_subject=f"candidate:{candidate.id}"), ["portal"]


def sms_without_phone(candidate, setup):
    return recipient_for(candidate, with_phone=False), message(), ["sms"]


def channel_twice(candidate, setup):
    return recipient_for(candidate), message(), ["email", "email"]


def unknown_channel(candidate, setup):
    return recipient_for(candidate), message(), ["fax"]


def no_channel(candidate, setup):
    return recipient_for(candidate), message(), []


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (about_someone_else, "data_subject"),
        (staff_message_about_nobody, "data_subject"),
        (staff_portal, "channels"),
        (sms_without_phone, "channels"),
        (channel_twice, "channels"),
        (unknown_channel, "channels"),
        (no_channel, "channels"),
    ],
)
def test_a_malformed_call_is_refused_naming_the_field_and_queues_nothing(
    setup, candidate, build, field
):
    recipient, wrong, channels = build(candidate, setup)

    with pytest.raises(FairscreenError) as raised:
        notify(recipient=recipient, message=wrong, channels=channels)

    assert field in raised.value.details
    assert Notification.objects.count() == 0


def test_a_candidate_of_another_organisation_cannot_be_written_to(setup, candidate):
    elsewhere = create_hiring_setup().organisation

    with pytest.raises(FairscreenError) as raised:
        notify(
            recipient=recipient_for(candidate, organisation_id=elsewhere.id),
            message=message(),
            channels=["portal"],
        )

    assert raised.value.details == {"data_subject": "no such candidate in this organisation"}


def test_an_idempotency_key_queues_a_reminder_once(candidate):
    key = f"feedback.reminder:{SCREENING}:1"
    first = notify(
        recipient=recipient_for(candidate),
        message=message(),
        channels=["portal"],
        idempotency_key=key,
    )
    second = notify(
        recipient=recipient_for(candidate),
        message=message(),
        channels=["portal"],
        idempotency_key=key,
    )

    assert second.already_queued
    assert second.notification_id == first.notification_id
    assert second.deliveries == first.deliveries
    assert Delivery.objects.count() == 1


def _staff(setup) -> Recipient:
    user = setup.hr_admin.principal.user
    return Recipient.staff(user_id=user.id, organisation_id=setup.organisation.id, email=user.email)
