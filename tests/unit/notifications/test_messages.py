"""Messages and recipients check themselves when built; errors name fields, never values."""

from __future__ import annotations

import uuid

import pytest
from django.utils.translation import gettext_lazy

from fairscreen.notifications.channels import OutgoingDelivery, compose_email
from fairscreen.notifications.lifecycle import (
    FINAL_STATES,
    DeliveryState,
    IllegalTransition,
    check_transition,
)
from fairscreen.notifications.messages import (
    Bilingual,
    ChannelName,
    InvalidNotification,
    Language,
    Recipient,
    RecipientKind,
)
from fairscreen.notifications.rendering import render
from tests.unit.notifications.support import BODY, LINK, MAIL_FROM, SUBJECT, message

ORGANISATION = uuid.UUID("00000000-0000-7000-8000-0000000000a1")
CANDIDATE = uuid.UUID("00000000-0000-7000-8000-0000000000c1")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "Preliminary Notice"}, "kind"),
        ({"kind": "notice"}, "kind"),
        ({"link_path": "https://evil.example.com/c/1"}, "link_path"),
        ({"link_path": "//evil.example.com/c/1"}, "link_path"),
        ({"link_path": "/c/1?token=abc"}, "link_path"),
        ({"link_path": "/c/测试"}, "link_path"),
        ({"subject": Bilingual(zh_hans="测试\nBcc: x@example.com", en="Test")}, "subject.zh-hans"),
        ({"data_subject": "user:123"}, "data_subject"),
    ],
)
def test_a_malformed_message_cannot_be_built(overrides, field):
    with pytest.raises(InvalidNotification) as raised:
        message(**overrides)

    assert field in raised.value.details


def test_both_languages_are_required():
    with pytest.raises(InvalidNotification) as raised:
        Bilingual(zh_hans="测试", en=" ")

    assert raised.value.details == {"en": "required"}


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"email": "测试候选人 <candidate@example.com>"}, "email"),
        ({"email": "candidate@example.com\r\nBcc: x@example.com"}, "email"),
        ({"phone": "138-0000-0000"}, "phone"),
    ],
)
def test_a_malformed_address_is_refused_without_quoting_it(options, field):
    with pytest.raises(InvalidNotification) as raised:
        Recipient.candidate(
            subject=f"candidate:{CANDIDATE}", organisation_id=ORGANISATION, **options
        )

    assert list(raised.value.details) == [field]
    assert options[field] not in str(raised.value.details)


def test_a_candidate_recipient_needs_a_candidate_subject():
    with pytest.raises(InvalidNotification):
        Recipient.candidate(subject="user:someone", organisation_id=ORGANISATION)


def test_reprs_show_no_personal_value():
    recipient = Recipient.candidate(
        subject=f"candidate:{CANDIDATE}",
        organisation_id=ORGANISATION,
        email="test.candidate@example.com",
        phone="13800000042",
    )
    shown = repr(recipient) + repr(message())

    for secret in ("test.candidate@example.com", "13800000042", SUBJECT.zh_hans, BODY.en, LINK):
        assert secret not in shown
    assert recipient.reference == f"candidate:{CANDIDATE}"


def test_a_translatable_string_is_rendered_in_both_languages_with_its_parameters():
    text = Bilingual.translated(gettext_lazy("Open: %(url)s"), url="/c/1")

    assert text.zh_hans == "打开：/c/1"
    assert text.en == "Open: /c/1"
    assert text.in_language(Language.EN) == text.en


def test_both_languages_put_chinese_first_each_with_its_own_link_and_footer():
    rendered = render(subject=SUBJECT, body=BODY, language=Language.BOTH, link_url="https://x/c")

    assert rendered.subject == f"{SUBJECT.zh_hans} / {SUBJECT.en}"
    chinese, english = rendered.body.split("————————")
    assert BODY.zh_hans in chinese
    assert "打开：https://x/c" in chinese
    assert "请勿回复" in chinese
    assert BODY.en in english
    assert "Open: https://x/c" in english
    assert "Please do not reply" in english


def test_an_email_names_neither_the_kind_nor_the_candidate_in_its_headers():
    delivery = OutgoingDelivery(
        delivery_id=uuid.uuid4(),
        notification_id=uuid.uuid4(),
        organisation_id=ORGANISATION,
        kind="decision.preliminary_notice",
        channel=ChannelName.EMAIL,
        recipient_kind=RecipientKind.CANDIDATE,
        candidate_id=CANDIDATE,
        screening_id=None,
        language=Language.ZH_HANS,
        address="test.candidate@example.com",
        subject=SUBJECT,
        body=BODY,
    )

    email = compose_email(delivery, mail_from=MAIL_FROM)
    headers = "".join(f"{name}: {value}\n" for name, value in email.items())

    assert set(email.keys()) == {
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "Auto-Submitted",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
        "Content-Language",
    }
    assert "preliminary" not in headers
    assert str(CANDIDATE) not in headers
    assert "test.candidate@example.com" not in repr(delivery)


@pytest.mark.parametrize("final", sorted(FINAL_STATES))
def test_a_finished_delivery_never_moves_again(final):
    for target in DeliveryState:
        with pytest.raises(IllegalTransition):
            check_transition(final, target)


def test_only_a_claim_leads_to_a_send():
    with pytest.raises(IllegalTransition):
        check_transition(DeliveryState.QUEUED, DeliveryState.SENT)
    check_transition(DeliveryState.QUEUED, DeliveryState.SENDING)
    check_transition(DeliveryState.RETRYING, DeliveryState.SENDING)
