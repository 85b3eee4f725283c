"""`SmtpRelay` security against the local server: STARTTLS, implicit TLS, AUTH, no downgrade.

Certificates are verified against a throw-away CA made per test; a relay configured for
STARTTLS refuses to go on in clear when the server does not offer it, and never sends the
password or the message before TLS is up.
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from fairscreen.config.env import SmtpSecurity
from fairscreen.notifications.channels import DeliveryError, OutgoingDelivery, compose_email
from fairscreen.notifications.channels import SmtpRelay as Relay
from fairscreen.notifications.messages import ChannelName, Language, RecipientKind
from tests.support.smtp_server import SmtpTestServer
from tests.unit.notifications.support import BODY, MAIL_FROM, SUBJECT

USERNAME = "fairscreen-test"
PASSWORD = "fictional-smtp-password-0000"  # smtplib sends ASCII only
RECIPIENT = "test.candidate@example.com"


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    return make_test_certificate(tmp_path)


@pytest.fixture
def server_tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def client_tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


@pytest.fixture
def starttls_server(server_tls: ssl.SSLContext) -> Iterator[SmtpTestServer]:
    with SmtpTestServer(username=USERNAME, password=PASSWORD, tls_context=server_tls) as server:
        yield server


def relay_to(
    server: SmtpTestServer,
    security: SmtpSecurity,
    *,
    password: str = "",
    ssl_context: ssl.SSLContext | None = None,
) -> Relay:
    return Relay(
        host=server.host,
        port=server.port,
        security=security,
        username=USERNAME if password else "",
        password=password,
        timeout=2.0,
        ssl_context=ssl_context,
    )


def send(relay: Relay) -> None:
    delivery = OutgoingDelivery(
        delivery_id=uuid.uuid4(),
        notification_id=uuid.uuid4(),
        organisation_id=uuid.uuid4(),
        kind="feedback.outcome_pending",
        channel=ChannelName.EMAIL,
        recipient_kind=RecipientKind.CANDIDATE,
        candidate_id=uuid.uuid4(),
        screening_id=None,
        language=Language.ZH_HANS,
        address=RECIPIENT,
        subject=SUBJECT,
        body=BODY,
    )
    message = compose_email(delivery, mail_from=MAIL_FROM)
    relay.relay(
        message,
        sender="no-reply@screening.example.com",
        recipient=RECIPIENT,
        reference=str(delivery.delivery_id),
    )


def test_starttls_then_auth_delivers_over_tls(starttls_server, client_tls):
    send(
        relay_to(starttls_server, SmtpSecurity.STARTTLS, password=PASSWORD, ssl_context=client_tls)
    )

    [mail] = starttls_server.received
    assert mail.over_tls
    assert mail.username == USERNAME
    assert mail.message["Subject"] == SUBJECT.zh_hans
    commands = starttls_server.commands
    assert commands.index("STARTTLS") < commands.index("AUTH") < commands.index("MAIL")


def test_implicit_tls_delivers(server_tls, client_tls):
    with SmtpTestServer(tls_context=server_tls, implicit_tls=True) as server:
        send(relay_to(server, SmtpSecurity.TLS, ssl_context=client_tls))

        assert server.received[0].over_tls


def test_starttls_is_never_downgraded_to_clear_text(server_tls, client_tls):
    with SmtpTestServer(
        username=USERNAME, password=PASSWORD, tls_context=server_tls, offer_starttls=False
    ) as server:
        relay = relay_to(server, SmtpSecurity.STARTTLS, password=PASSWORD, ssl_context=client_tls)
        with pytest.raises(DeliveryError) as raised:
            send(relay)

        assert raised.value.code == "smtp_starttls_unavailable"
        assert raised.value.retryable
        assert "AUTH" not in server.commands
        assert "MAIL" not in server.commands


def test_an_untrusted_certificate_is_refused(starttls_server):
    relay = relay_to(
        starttls_server, SmtpSecurity.STARTTLS, ssl_context=ssl.create_default_context()
    )

    with pytest.raises(DeliveryError) as raised:
        send(relay)

    assert raised.value.code == "smtp_tls_failed"
    assert starttls_server.received == []


def test_wrong_credentials_are_a_retryable_configuration_error(starttls_server, client_tls):
    relay = relay_to(
        starttls_server,
        SmtpSecurity.STARTTLS,
        password="fictional-wrong-password",
        ssl_context=client_tls,
    )

    with pytest.raises(DeliveryError) as raised:
        send(relay)

    assert (raised.value.code, raised.value.retryable) == ("smtp_auth_failed", True)
    assert PASSWORD not in repr(relay)
    assert "wrong" not in str(raised.value)


def test_auth_login_works_when_the_server_offers_only_login(server_tls, client_tls):
    with SmtpTestServer(
        username=USERNAME, password=PASSWORD, tls_context=server_tls, auth_mechanisms=("LOGIN",)
    ) as server:
        send(relay_to(server, SmtpSecurity.STARTTLS, password=PASSWORD, ssl_context=client_tls))

        assert server.received[0].username == USERNAME


def test_a_server_without_auth_is_a_retryable_configuration_error(server_tls, client_tls):
    with SmtpTestServer(tls_context=server_tls) as server:
        relay = relay_to(server, SmtpSecurity.STARTTLS, password=PASSWORD, ssl_context=client_tls)
        with pytest.raises(DeliveryError) as raised:
            send(relay)

        assert (raised.value.code, raised.value.retryable) == ("smtp_auth_unavailable", True)


def make_test_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: (certificate, key) PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fairscreen test SMTP")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certificate_path = directory / "smtp-test-cert.pem"
    key_path = directory / "smtp-test-key.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate_path, key_path
