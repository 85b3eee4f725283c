"""The channels this instance has, built once from the settings (`config.mail_env.MailSettings`).

- e-mail: SMTP when `FAIRSCREEN_SMTP_URL` is set; otherwise, outside production, .eml
  files under var/outbox/ (production refuses to start without a relay);
- SMS: outside production, text files under var/outbox/sms/; in production none until a
  real gateway is plugged in with `use_channel(SmsChannel(gateway=...))`;
- portal: always.
"""

from __future__ import annotations

import threading
from email.utils import parseaddr

from django.conf import settings

from fairscreen.config.env import AppSettings, Environment
from fairscreen.notifications.channels._email import EmailChannel, MailRelay, OutboxRelay
from fairscreen.notifications.channels._portal import PortalChannel
from fairscreen.notifications.channels._protocol import Channel
from fairscreen.notifications.channels._sms import OutboxSmsGateway, SmsChannel
from fairscreen.notifications.channels._smtp import SmtpRelay
from fairscreen.notifications.messages import ChannelName

__all__ = ["build_channels", "channel_for", "public_base_url", "reset_channels", "use_channel"]

_lock = threading.RLock()
_channels: dict[ChannelName, Channel] | None = None


def channel_for(name: ChannelName) -> Channel | None:
    """The configured channel, or None when this instance has none of that kind."""
    with _lock:
        return _configured().get(name)


def use_channel(channel: Channel) -> None:
    """Replace one channel: a real SMS gateway, or a test pointing e-mail at a local server."""
    with _lock:
        _configured()[channel.name] = channel


def reset_channels() -> None:
    """Forget the built channels; the next use reads the settings again (tests, reloads)."""
    global _channels  # noqa: PLW0603 - one set of channels per process, by design
    with _lock:
        _channels = None


def _configured() -> dict[ChannelName, Channel]:
    global _channels  # noqa: PLW0603
    if _channels is None:
        _channels = build_channels(settings.APP)
    return _channels


def build_channels(app: AppSettings) -> dict[ChannelName, Channel]:
    mail = app.mail
    production = app.environment is Environment.PRODUCTION
    channels: dict[ChannelName, Channel] = {ChannelName.PORTAL: PortalChannel()}
    relay: MailRelay | None = None
    if mail.smtp is not None:
        relay = SmtpRelay(
            host=mail.smtp.host,
            port=mail.smtp.port,
            security=mail.smtp.security,
            username=mail.smtp.username,
            password=mail.smtp.password,
            timeout=mail.smtp.timeout,
            helo_name=parseaddr(mail.mail_from)[1].rpartition("@")[2] or "localhost",
        )
    elif not production:
        relay = OutboxRelay(mail.outbox_dir)
    if relay is not None:
        channels[ChannelName.EMAIL] = EmailChannel(relay=relay, mail_from=mail.mail_from)
    if not production:
        channels[ChannelName.SMS] = SmsChannel(gateway=OutboxSmsGateway(mail.outbox_dir / "sms"))
    return channels


def public_base_url(app: AppSettings) -> str:
    """Where links in e-mail and SMS point: `FAIRSCREEN_PUBLIC_URL`, else the first trusted
    origin, else (production) https:// and the first allowed host, else host:port."""
    if app.mail.public_url:
        return app.mail.public_url
    if app.csrf_trusted_origins:
        return app.csrf_trusted_origins[0].rstrip("/")
    if app.environment is Environment.PRODUCTION and app.allowed_hosts:
        return f"https://{app.allowed_hosts[0].lstrip('.')}"
    return f"http://{app.host}:{app.port}"
