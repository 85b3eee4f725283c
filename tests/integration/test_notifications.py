"""E-mail notifications over real SMTP (a local server on 127.0.0.1, no mocks of smtplib).

A message queued in the caller's transaction is sent after the commit, in the recipient's
language with UTF-8 encoded headers; temporary failures (421, 451, a dropped connection,
a slow server) are retried with backoff by the periodic job and delivered once; a 550 fails
at once; a task that runs twice sends once; and neither logs nor stored error codes hold
an address, a word of the text or the server's reply.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction

from fairscreen.config.env import SmtpSecurity
from fairscreen.evidence.models import Event
from fairscreen.notifications import tasks
from fairscreen.notifications.channels import (
    EmailChannel,
    SmtpRelay,
    public_base_url,
    reset_channels,
    use_channel,
)
from fairscreen.notifications.lifecycle import DeliveryState
from fairscreen.notifications.messages import ChannelName, Language
from fairscreen.notifications.models import Delivery, Notification
from fairscreen.notifications.services import (
    STALLED_AFTER,
    backoff,
    due_deliveries,
    enqueue_deliveries,
    notify,
    send_delivery,
    send_due_deliveries,
)
from tests.factories import create_candidate, create_organisation
from tests.support.smtp_server import Fault, SmtpTestServer
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


@pytest.fixture
def smtp() -> Iterator[SmtpTestServer]:
    with SmtpTestServer() as server:
        yield server


@pytest.fixture(autouse=True)
def email_via_smtp(smtp: SmtpTestServer) -> Iterator[None]:
    """E-mail goes to the local server (plain SMTP to loopback, as the settings allow)."""
    relay = SmtpRelay(host=smtp.host, port=smtp.port, security=SmtpSecurity.NONE, timeout=2.0)
    use_channel(EmailChannel(relay=relay, mail_from=MAIL_FROM))
    yield
    reset_channels()


@pytest.fixture
def candidate():
    return create_candidate(create_organisation(), email="test.candidate@example.com")


def queue_email(candidate, **recipient_options) -> Delivery:
    queued = notify(
        recipient=recipient_for(candidate, **recipient_options),
        message=message(),
        channels=[ChannelName.EMAIL],
    )
    return Delivery.objects.get(id=queued.deliveries[ChannelName.EMAIL])


def test_an_email_arrives_after_commit_in_chinese_with_encoded_headers_and_no_trace_in_logs(
    candidate, smtp, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = queue_email(candidate)
        assert smtp.received == [], "nothing leaves before the caller's transaction commits"

    [mail] = smtp.received
    received = mail.message
    assert mail.recipients == ("test.candidate@example.com",)
    assert mail.mail_from == "no-reply@screening.example.com"
    assert received["Subject"] == SUBJECT.zh_hans
    assert received["To"] == "test.candidate@example.com"
    assert received["Content-Language"] == "zh-Hans"
    assert received["Auto-Submitted"] == "auto-generated"
    assert received["Message-ID"] == f"<{delivery.id}@screening.example.com>"
    assert mail.data.isascii(), "headers are RFC 2047 encoded and the body base64: 7-bit safe"
    assert b"=?utf-8?" in mail.data.split(b"\r\n\r\n")[0]
    body = received.get_content()
    assert BODY.zh_hans in body
    assert BODY.en not in body
    assert f"打开：{public_base_url(settings.APP)}{LINK}" in body
    assert "请勿回复" in body
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT
    assert delivery.attempts == 1
    logged = caplog.text
    assert str(delivery.id) in logged
    for secret in ("test.candidate@example.com", *FRAGMENTS_OF_CONTENT):
        assert secret not in logged


@pytest.mark.parametrize(
    ("language", "subject", "content_language"),
    [
        (Language.EN, SUBJECT.en, "en"),
        (Language.BOTH, f"{SUBJECT.zh_hans} / {SUBJECT.en}", "zh-Hans, en"),
    ],
)
def test_the_recipients_language_chooses_the_text(
    candidate, smtp, language, subject, content_language
):
    send_delivery(queue_email(candidate, language=language).id, now=NOW)

    received = smtp.received[0].message
    body = received.get_content()
    assert received["Subject"] == subject
    assert received["Content-Language"] == content_language
    assert BODY.en in body
    assert "Please do not reply" in body
    if language is Language.BOTH:
        assert body.index(BODY.zh_hans) < body.index(BODY.en), "Chinese first"
    else:
        assert BODY.zh_hans not in body


@pytest.mark.parametrize(
    ("fault", "code"),
    [
        (Fault("rcpt", reply=451), "smtp_rcpt_451"),
        (Fault("greeting", reply=421), "smtp_greeting_421"),
        (Fault("mail", reply=421), "smtp_mail_421"),
        (Fault("end_of_data", reply=451), "smtp_data_451"),
        (Fault("rcpt", drop=True), "smtp_disconnected"),
    ],
)
def test_a_temporary_failure_is_retried_with_backoff_and_delivered_once(
    candidate, smtp, fault, code
):
    smtp.fail_next_sessions(fault, fault)
    delivery_id = queue_email(candidate).id
    moment = NOW
    for attempt in (1, 2):
        delivery = send_delivery(delivery_id, now=moment)
        assert delivery.state == DeliveryState.RETRYING
        assert delivery.last_error_code == code
        assert delivery.next_attempt_at == moment + backoff(attempt)
        assert delivery_id not in due_deliveries(moment + timedelta(seconds=1))
        assert send_delivery(delivery_id, now=moment + timedelta(seconds=1)).attempts == attempt
        moment = delivery.next_attempt_at

    assert send_due_deliveries(now=moment) == 1, "the periodic job picks up the due retry"

    delivery = Delivery.objects.get(id=delivery_id)
    assert delivery.state == DeliveryState.SENT
    assert delivery.attempts == 3
    assert len(smtp.received) == 1
    assert smtp.sessions == 3
    assert "example.com" not in delivery.last_error_code, "never the server's reply"
    assert _events("notification.retrying") == 2
    assert _events("notification.sent") == 1


def test_a_permanent_refusal_fails_at_once_and_erases_the_stored_text(candidate, smtp):
    smtp.fail_next_sessions(Fault("rcpt", reply=550))
    delivery = send_delivery(queue_email(candidate).id, now=NOW)

    assert delivery.state == DeliveryState.FAILED
    assert delivery.attempts == 1
    assert delivery.last_error_code == "smtp_rcpt_550"
    assert delivery.id not in due_deliveries(NOW + timedelta(days=1))
    assert send_due_deliveries(now=NOW + timedelta(days=1)) == 0
    assert smtp.received == []
    assert _events("notification.failed") == 1
    notification = Notification.objects.get(id=delivery.notification_id)
    assert notification.content is None
    assert notification.email is None
    assert notification.purged_at == NOW


def test_the_task_running_twice_sends_once(candidate, smtp, django_capture_on_commit_callbacks):
    delivery_id = queue_email(candidate).id

    tasks.deliver.call_local(str(delivery_id))
    tasks.deliver.call_local(str(delivery_id))
    enqueue_deliveries([delivery_id, delivery_id])  # the immediate test queue runs them now
    send_due_deliveries()

    assert len(smtp.received) == 1
    assert Delivery.objects.get(id=delivery_id).attempts == 1
    assert _events("notification.sent") == 1


def test_a_delivery_claimed_by_another_worker_is_left_alone(candidate, smtp):
    delivery = queue_email(candidate)
    Delivery.objects.filter(id=delivery.id).update(
        state=DeliveryState.SENDING, attempts=1, claimed_at=NOW
    )

    assert send_delivery(delivery.id, now=NOW).state == DeliveryState.SENDING
    assert send_due_deliveries(now=NOW + timedelta(minutes=1)) == 0
    assert smtp.sessions == 0


def test_a_worker_lost_mid_send_is_retried_after_its_lease_with_the_same_message_id(
    candidate, smtp
):
    delivery = queue_email(candidate)
    Delivery.objects.filter(id=delivery.id).update(
        state=DeliveryState.SENDING, attempts=1, claimed_at=NOW
    )
    later = NOW + STALLED_AFTER

    send_due_deliveries(now=later)
    stalled = Delivery.objects.get(id=delivery.id)
    assert stalled.state == DeliveryState.RETRYING
    assert stalled.last_error_code == "outcome_unknown"
    send_due_deliveries(now=stalled.next_attempt_at)

    assert Delivery.objects.get(id=delivery.id).state == DeliveryState.SENT
    assert smtp.received[0].message["Message-ID"] == f"<{delivery.id}@screening.example.com>"


@pytest.mark.slow
def test_a_slow_server_times_out_and_the_retry_gets_through(candidate, smtp):
    smtp.fail_next_sessions(Fault("greeting", delay=3.0))
    delivery = send_delivery(queue_email(candidate).id, now=NOW)

    assert delivery.state == DeliveryState.RETRYING
    assert delivery.last_error_code == "smtp_timeout"
    assert send_delivery(delivery.id, now=delivery.next_attempt_at).state == DeliveryState.SENT


def test_an_unreachable_server_is_retried(candidate, smtp):
    with SmtpTestServer() as gone:
        port = gone.port  # a port that was free and is closed again when the block ends
    relay = SmtpRelay(host="127.0.0.1", port=port, security=SmtpSecurity.NONE, timeout=2.0)
    use_channel(EmailChannel(relay=relay, mail_from=MAIL_FROM))

    delivery = send_delivery(queue_email(candidate).id, now=NOW)

    assert delivery.state == DeliveryState.RETRYING
    assert delivery.last_error_code == "smtp_unreachable"


def test_attempts_run_out_and_the_delivery_fails_for_good(candidate, smtp):
    delivery = queue_email(candidate)
    Delivery.objects.filter(id=delivery.id).update(max_attempts=2)
    smtp.fail_next_sessions(Fault("rcpt", reply=451), Fault("rcpt", reply=451))

    first = send_delivery(delivery.id, now=NOW)
    second = send_delivery(delivery.id, now=first.next_attempt_at)

    assert second.state == DeliveryState.FAILED
    assert second.last_error_code == "smtp_rcpt_451"
    assert smtp.received == []


def test_a_caller_that_rolls_back_queues_and_sends_nothing(
    candidate, smtp, django_capture_on_commit_callbacks
):
    def decide_then_fail() -> None:
        with transaction.atomic():
            queue_email(candidate)
            raise RuntimeError("the caller's decision failed")

    events_before = Event.objects.count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        decide_then_fail()

    assert Notification.objects.count() == 0
    assert Event.objects.count() == events_before
    assert smtp.sessions == 0


def _events(event_type: str) -> int:
    return Event.objects.filter(event_type=event_type).count()
