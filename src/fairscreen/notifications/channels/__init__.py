"""Channels behind one Protocol: e-mail (SMTP or a development outbox), SMS, portal inbox."""

from fairscreen.notifications.channels._email import (
    EmailChannel,
    MailRelay,
    OutboxRelay,
    compose_email,
)
from fairscreen.notifications.channels._portal import PortalChannel
from fairscreen.notifications.channels._protocol import Channel, DeliveryError, OutgoingDelivery
from fairscreen.notifications.channels._registry import (
    build_channels,
    channel_for,
    public_base_url,
    reset_channels,
    use_channel,
)
from fairscreen.notifications.channels._sms import (
    FakeSmsGateway,
    OutboxSmsGateway,
    SentText,
    SmsChannel,
    SmsGateway,
)
from fairscreen.notifications.channels._smtp import SmtpRelay

__all__ = [
    "Channel",
    "DeliveryError",
    "EmailChannel",
    "FakeSmsGateway",
    "MailRelay",
    "OutboxRelay",
    "OutboxSmsGateway",
    "OutgoingDelivery",
    "PortalChannel",
    "SentText",
    "SmsChannel",
    "SmsGateway",
    "SmtpRelay",
    "build_channels",
    "channel_for",
    "compose_email",
    "public_base_url",
    "reset_channels",
    "use_channel",
]
