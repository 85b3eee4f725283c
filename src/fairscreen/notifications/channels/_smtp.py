"""`SmtpRelay`: e-mail over SMTP (RFC 5321) with smtplib, one connection per message.

- Security: STARTTLS (port 587; refused, not downgraded, when the server does not offer
  it), implicit TLS (port 465), or plain SMTP, which the settings allow only to a relay on
  this machine. Certificates and host names are verified (`ssl.create_default_context`).
- Authentication is optional (AUTH PLAIN or LOGIN, whichever the server offers first).
- Outcomes become `DeliveryError` codes like ``smtp_rcpt_550``: the stage and the numeric
  reply only. The server's reply text never leaves this module: it can quote the
  recipient's address (``550 <name@example.com>: no such user``), and the code is what is
  stored, shown to staff and logged. 4xx replies, timeouts, dropped connections and TLS or
  authentication problems (our configuration, fixable) are retryable; 5xx replies are not.
- Once the server has accepted the message (250 after DATA), it is sent: a failing QUIT
  afterwards changes nothing.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from email.message import EmailMessage

from fairscreen.config.env import SmtpSecurity
from fairscreen.notifications.channels._protocol import DeliveryError

__all__ = ["SmtpRelay"]


class SmtpRelay:
    """The `MailRelay` Protocol over an SMTP server."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        security: SmtpSecurity,
        username: str = "",
        password: str = "",
        timeout: float = 10.0,
        ssl_context: ssl.SSLContext | None = None,
        helo_name: str = "localhost",
    ) -> None:
        """`ssl_context` defaults to the system's trusted CAs; `timeout` is per operation.

        smtplib sends AUTH credentials as ASCII; anything else is refused here, before a
        send could fail with an encoding error that quotes the password.
        """
        if not (username + password).isascii():
            raise ValueError("SMTP user name and password must be ASCII")
        self._host = host
        self._port = port
        self._security = security
        self._username = username
        self._password = password
        self._timeout = timeout
        self._context = ssl_context or ssl.create_default_context()
        self._helo_name = helo_name

    def __repr__(self) -> str:
        """Host, port and security only: a relay in a log line must not show the password."""
        return f"<SmtpRelay {self._host}:{self._port} {self._security}>"

    def relay(self, message: EmailMessage, *, sender: str, recipient: str, reference: str) -> None:
        stage = "greeting"
        connection: smtplib.SMTP | None = None
        try:
            connection = self._connect()
            stage = "ehlo"
            connection.ehlo_or_helo_if_needed()
            if self._security is SmtpSecurity.STARTTLS:
                stage = "starttls"
                self._start_tls(connection)
            if self._username:
                stage = "auth"
                connection.login(self._username, self._password)
            stage = "mail"
            connection.send_message(message, from_addr=sender, to_addrs=[recipient])
        except DeliveryError:
            _close(connection)
            raise
        except (smtplib.SMTPException, OSError) as error:
            _close(connection)
            # Raised outside the `except` chain: smtplib's exceptions hold the reply text.
            failure = _delivery_error(error, stage)
        else:
            _quit(connection)
            return
        raise failure

    def _connect(self) -> smtplib.SMTP:
        if self._security is SmtpSecurity.TLS:
            return smtplib.SMTP_SSL(
                self._host,
                self._port,
                local_hostname=self._helo_name,
                timeout=self._timeout,
                context=self._context,
            )
        return smtplib.SMTP(
            self._host, self._port, local_hostname=self._helo_name, timeout=self._timeout
        )

    def _start_tls(self, connection: smtplib.SMTP) -> None:
        if not connection.has_extn("starttls"):
            raise DeliveryError("smtp_starttls_unavailable", retryable=True)
        connection.starttls(context=self._context)
        connection.ehlo()


_TRANSPORT_CODES: tuple[tuple[type[Exception], str], ...] = (
    (smtplib.SMTPServerDisconnected, "smtp_disconnected"),
    (ssl.SSLError, "smtp_tls_failed"),
    (TimeoutError, "smtp_timeout"),
    (OSError, "smtp_unreachable"),
)
"""Failures below SMTP's replies: all retryable (the network, or our TLS configuration)."""


def _delivery_error(error: Exception, stage: str) -> DeliveryError:
    """The code for a failure at `stage`; the reply text is dropped (see the module doc)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        return _reply_error("rcpt", codes[0] if codes else 0)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return DeliveryError("smtp_auth_failed", retryable=True)  # our credentials: fixable
    if isinstance(error, smtplib.SMTPResponseException):
        if isinstance(error, smtplib.SMTPSenderRefused):
            stage = "mail"
        elif isinstance(error, smtplib.SMTPDataError):
            stage = "data"
        return _reply_error(stage, error.smtp_code)
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return DeliveryError(f"smtp_{stage}_unavailable", retryable=True)
    if isinstance(error, smtplib.SMTPServerDisconnected) and isinstance(
        error.__context__, TimeoutError
    ):
        return DeliveryError("smtp_timeout", retryable=True)  # smtplib wraps a read timeout
    code = next(
        (code for kind, code in _TRANSPORT_CODES if isinstance(error, kind)), f"smtp_{stage}_error"
    )
    return DeliveryError(code, retryable=True)


def _reply_error(stage: str, code: int) -> DeliveryError:
    """RFC 5321 §4.2.1: 4yz is transient (try again), 5yz is permanent."""
    known = 400 <= code < 600
    return DeliveryError(
        f"smtp_{stage}_{code}" if known else f"smtp_{stage}_error", retryable=code < 500
    )


def _quit(connection: smtplib.SMTP | None) -> None:
    """Say goodbye; the message is already accepted, so nothing here can fail the send."""
    if connection is None:
        return
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        _close(connection)


def _close(connection: smtplib.SMTP | None) -> None:
    if connection is not None:
        with contextlib.suppress(OSError):
            connection.close()
