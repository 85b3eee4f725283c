"""Mail settings: `FAIRSCREEN_SMTP_URL` parsed strictly, production refuses to run without it.

A notice the law requires (PIPL Art. 17, 24; feedback within 3 working days) that goes
nowhere is worse than a server that does not start, so production names the variables
to set; errors never quote the URL, which holds the relay's password.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fairscreen.config.env import (
    Environment,
    SettingsError,
    SmtpSecurity,
    load_settings,
    production_problems,
)
from fairscreen.notifications.channels import (
    EmailChannel,
    SmsChannel,
    build_channels,
    public_base_url,
)
from fairscreen.notifications.messages import ChannelName
from tests.unit.test_settings_env import production_env

PASSWORD = "fictional-relay-password-0000"
SMTP_URL = f"smtp://fairscreen:{PASSWORD}@smtp.example.com:587?starttls=true"
MAIL_FROM = "明鉴背调 <no-reply@screening.example.com>"


def settings_with(tmp_path: Path, **variables: str):
    return load_settings({"FAIRSCREEN_VAR_DIR": str(tmp_path), **variables})


def test_without_a_relay_development_writes_email_to_the_outbox(tmp_path):
    mail = settings_with(tmp_path).mail

    assert mail.smtp is None
    assert mail.outbox_dir == tmp_path / "outbox"
    assert not mail.mail_from_configured


@pytest.mark.parametrize(
    ("url", "host", "port", "security"),
    [
        (SMTP_URL, "smtp.example.com", 587, SmtpSecurity.STARTTLS),
        ("smtp://smtp.example.com?starttls=true", "smtp.example.com", 587, SmtpSecurity.STARTTLS),
        ("smtps://smtp.example.com", "smtp.example.com", 465, SmtpSecurity.TLS),
        ("smtps://smtp.example.com:2465", "smtp.example.com", 2465, SmtpSecurity.TLS),
        ("smtp://127.0.0.1:1025", "127.0.0.1", 1025, SmtpSecurity.NONE),
        ("smtp://localhost", "localhost", 25, SmtpSecurity.NONE),
    ],
)
def test_the_relay_url_names_host_port_and_security(tmp_path, url, host, port, security):
    smtp = settings_with(tmp_path, FAIRSCREEN_SMTP_URL=url).mail.smtp

    assert smtp is not None
    assert (smtp.host, smtp.port, smtp.security) == (host, port, security)


def test_credentials_are_decoded_and_kept_out_of_repr(tmp_path):
    url = "smtp://fs%40example.com:p%3Ass%2Fword@smtp.example.com?starttls=true&timeout=3"
    smtp = settings_with(tmp_path, FAIRSCREEN_SMTP_URL=url).mail.smtp

    assert smtp is not None
    assert (smtp.username, smtp.password, smtp.timeout) == ("fs@example.com", "p:ss/word", 3.0)
    assert "p:ss/word" not in repr(smtp)


@pytest.mark.parametrize(
    "url",
    [
        f"smtp://fairscreen:{PASSWORD}@smtp.example.com:587",  # clear text across a network
        f"http://fairscreen:{PASSWORD}@smtp.example.com",
        f"smtps://fairscreen:{PASSWORD}@smtp.example.com?starttls=true",
        f"smtp://fairscreen:{PASSWORD}@smtp.example.com?starttls=maybe",
        f"smtp://fairscreen:{PASSWORD}@smtp.example.com?starttls=true&verify=no",
        f"smtp://fairscreen:{PASSWORD}@smtp.example.com?starttls=true&timeout=0",
        f"smtp://fairscreen:{PASSWORD}@smtp.example.com:99999?starttls=true",
        f"smtp://fairscreen:{PASSWORD}@smtp.example.com/path?starttls=true",
        "smtp://fairscreen:密码@smtp.example.com?starttls=true",
    ],
)
def test_a_bad_relay_url_is_refused_naming_the_variable_but_not_the_password(tmp_path, url):
    with pytest.raises(SettingsError, match="FAIRSCREEN_SMTP_URL") as raised:
        settings_with(tmp_path, FAIRSCREEN_SMTP_URL=url)

    assert PASSWORD not in str(raised.value)
    assert "密码" not in str(raised.value)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("FAIRSCREEN_MAIL_FROM", "no-reply"),
        ("FAIRSCREEN_MAIL_FROM", "明鉴背调 <no-reply@screening.example.com>\r\nBcc: x@example.com"),
        ("FAIRSCREEN_PUBLIC_URL", "screening.example.com"),
        ("FAIRSCREEN_PUBLIC_URL", "https://screening.example.com/?next=/c"),
    ],
)
def test_a_bad_sender_or_public_address_is_refused_naming_the_variable(tmp_path, variable, value):
    with pytest.raises(SettingsError, match=variable):
        settings_with(tmp_path, **{variable: value})


@pytest.mark.parametrize("missing", ["FAIRSCREEN_SMTP_URL", "FAIRSCREEN_MAIL_FROM"])
def test_production_refuses_to_start_without_an_explicit_mail_configuration(tmp_path, missing):
    variables = {"FAIRSCREEN_SMTP_URL": SMTP_URL, "FAIRSCREEN_MAIL_FROM": MAIL_FROM}
    variables[missing] = "<unset>"

    with pytest.raises(SettingsError, match=missing) as raised:
        load_settings(production_env(tmp_path, **variables))

    assert PASSWORD not in str(raised.value)


def test_production_with_a_relay_and_a_sender_starts_and_has_no_outbox_or_sms(tmp_path):
    app = load_settings(
        production_env(tmp_path, FAIRSCREEN_SMTP_URL=SMTP_URL, FAIRSCREEN_MAIL_FROM=MAIL_FROM)
    )

    channels = build_channels(app)

    assert production_problems(app) == []
    assert isinstance(channels[ChannelName.EMAIL], EmailChannel)
    assert "SmtpRelay smtp.example.com:587 starttls" in repr(channels[ChannelName.EMAIL].relay)
    assert ChannelName.SMS not in channels, "no SMS gateway ships: deliveries fail visibly"
    assert public_base_url(app) == "https://screening.example.com"


def test_development_channels_write_to_the_outbox_and_links_point_at_the_local_server(tmp_path):
    app = settings_with(tmp_path)

    channels = build_channels(app)

    assert isinstance(channels[ChannelName.SMS], SmsChannel)
    assert {ChannelName.EMAIL, ChannelName.SMS, ChannelName.PORTAL} <= set(channels)
    assert public_base_url(app) == "http://127.0.0.1:8000"
    configured = dataclasses.replace(
        app, mail=dataclasses.replace(app.mail, public_url="https://portal.example.com")
    )
    assert public_base_url(configured) == "https://portal.example.com"
    assert app.environment is Environment.DEVELOPMENT
