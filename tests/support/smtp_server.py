"""A small SMTP server on 127.0.0.1 for tests, with the standard library's socketserver.

Why: the e-mail channel must be tested over real TCP against something that speaks RFC
5321 as a mail relay does, with no mocks of smtplib and no network beyond loopback. It
speaks enough: the 220 greeting, EHLO/HELO, STARTTLS (RFC 3207) or implicit TLS, AUTH
PLAIN and LOGIN (RFC 4954), MAIL FROM, RCPT TO, DATA with dot-unstuffing, RSET, NOOP,
QUIT, and answers 503 to commands out of order and 530 to mail before authentication.
It advertises 8BITMIME but not SMTPUTF8, as strict relays do.

`fail_next_sessions(Fault(...), ...)` scripts what goes wrong, one fault per connection,
in order: a reply code at a stage (421 closes the connection, as RFC 5321 says), a
dropped connection, or a delay (a slow server). Fault replies quote the recipient's
address, as real servers do (``550 5.1.1 <name@example.com>: ...``), so tests can check
that the client never stores or logs a server's reply text.
"""

from __future__ import annotations

import base64
import email
import email.policy
import socketserver
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, BinaryIO

__all__ = ["Fault", "ReceivedMail", "SmtpTestServer"]

STAGES = frozenset({"greeting", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "end_of_data"})


@dataclass(frozen=True)
class Fault:
    """At `stage` of one session: wait `delay` seconds, then answer `reply` (a code),
    or close the connection without a word (`drop`), or, with neither, carry on normally."""

    stage: str
    reply: int | None = None
    drop: bool = False
    delay: float = 0.0

    def __post_init__(self) -> None:
        if self.stage not in STAGES:
            raise ValueError(f"unknown stage {self.stage!r}; one of {sorted(STAGES)}")


@dataclass(frozen=True)
class ReceivedMail:
    mail_from: str
    recipients: tuple[str, ...]
    data: bytes
    username: str | None
    over_tls: bool

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


class SmtpTestServer:
    """Run with ``with SmtpTestServer() as server:``; `server.port` is a free port."""

    def __init__(
        self,
        *,
        username: str | None = None,
        password: str | None = None,
        tls_context: ssl.SSLContext | None = None,
        implicit_tls: bool = False,
        offer_starttls: bool = True,
        auth_mechanisms: tuple[str, ...] = ("PLAIN", "LOGIN"),
        hostname: str = "smtp.example.com",
    ) -> None:
        self.auth_mechanisms = auth_mechanisms
        self.username = username
        self.password = password
        self.tls_context = tls_context
        self.implicit_tls = implicit_tls
        self.offer_starttls = offer_starttls and tls_context is not None and not implicit_tls
        self.hostname = hostname
        self.received: list[ReceivedMail] = []
        self.commands: list[str] = []
        """Every command verb, in order (never arguments: they hold passwords)."""
        self.sessions = 0
        self._faults: list[Fault | None] = []
        self._lock = threading.Lock()
        self._tcp = _Server(("127.0.0.1", 0), _Session)
        self._tcp.smtp = self
        self._thread = threading.Thread(
            target=self._tcp.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def port(self) -> int:
        return int(self._tcp.server_address[1])

    def __enter__(self) -> SmtpTestServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._tcp.shutdown()
        self._tcp.server_close()
        self._thread.join(timeout=5)

    def fail_next_sessions(self, *faults: Fault | None) -> None:
        """One entry per coming connection; None means that one goes well."""
        with self._lock:
            self._faults.extend(faults)

    def _start_session(self) -> Fault | None:
        with self._lock:
            self.sessions += 1
            return self._faults.pop(0) if self._faults else None

    def _record(self, *, command: str = "", mail: ReceivedMail | None = None) -> None:
        with self._lock:
            if command:
                self.commands.append(command)
            if mail is not None:
                self.received.append(mail)


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    smtp: SmtpTestServer


class _Dropped(Exception):
    """The session ends without another word (a fault, QUIT, or the client went away)."""


class _Session(socketserver.BaseRequestHandler):
    server: _Server

    def setup(self) -> None:
        self.smtp = self.server.smtp
        self.fault = self.smtp._start_session()
        self.sock: Any = self.request
        self.sock.settimeout(10)
        self.tls = False
        self.authenticated_as: str | None = None
        self.greeted = False
        self._reset()

    def _reset(self) -> None:
        self.mail_from: str | None = None
        self.recipients: list[str] = []

    def handle(self) -> None:
        try:
            if self.smtp.implicit_tls:
                self._wrap_tls()
            else:
                self.reader = self.sock.makefile("rb")
            self._at("greeting")
            self._reply(220, f"{self.smtp.hostname} ESMTP fairscreen test server")
            while True:
                line = self._read_line()
                verb, _space, argument = line.partition(" ")
                self.smtp._record(command=verb.upper())
                try:
                    self._dispatch(verb.upper(), argument.strip())
                except _Answered:
                    continue
        except (_Dropped, _Answered, OSError):  # _Answered here: the greeting was refused
            pass
        finally:
            self.sock.close()

    def _dispatch(self, verb: str, argument: str) -> None:
        handlers = {
            "EHLO": self._ehlo,
            "HELO": self._helo,
            "STARTTLS": self._starttls,
            "AUTH": self._auth,
            "MAIL": self._mail,
            "RCPT": self._rcpt,
            "DATA": self._data,
        }
        if verb in handlers:
            handlers[verb](argument)
        elif verb == "RSET":
            self._reset()
            self._reply(250, "2.0.0 reset")
        elif verb == "NOOP":
            self._reply(250, "2.0.0 ok")
        elif verb == "QUIT":
            self._reply(221, "2.0.0 bye")
            raise _Dropped
        else:
            self._reply(500, "5.5.2 command not recognised")

    def _ehlo(self, argument: str) -> None:
        self._at("ehlo")
        self.greeted = True
        self._reset()
        lines = [self.smtp.hostname, "8BITMIME", "SIZE 10485760"]
        if self.smtp.offer_starttls and not self.tls:
            lines.append("STARTTLS")
        if self.smtp.username is not None:
            lines.append("AUTH " + " ".join(self.smtp.auth_mechanisms))
        self._multiline(250, lines)

    def _helo(self, argument: str) -> None:
        self._at("ehlo")
        self.greeted = True
        self._reply(250, self.smtp.hostname)

    def _starttls(self, argument: str) -> None:
        self._at("starttls")
        if not self.smtp.offer_starttls or self.tls:
            self._reply(502, "5.5.1 STARTTLS not available")
            return
        self._reply(220, "2.0.0 ready to start TLS")
        self._wrap_tls()
        self.greeted = False  # RFC 3207: the client must say EHLO again
        self.authenticated_as = None
        self._reset()

    def _wrap_tls(self) -> None:
        assert self.smtp.tls_context is not None, "TLS needs a tls_context"
        self.sock = self.smtp.tls_context.wrap_socket(self.sock, server_side=True)
        self.reader = self.sock.makefile("rb")
        self.tls = True

    def _auth(self, argument: str) -> None:
        self._at("auth")
        mechanism, _space, initial = argument.partition(" ")
        if self.smtp.username is None or mechanism.upper() not in self.smtp.auth_mechanisms:
            self._reply(504, "5.5.4 unrecognised authentication type")
            return
        if mechanism.upper() == "PLAIN":
            response = initial or self._challenge("")
            _authzid, _nul, rest = _b64(response).partition("\0")
            user, _nul, password = rest.partition("\0")
        else:
            user = _b64(initial) if initial else _b64(self._challenge("VXNlcm5hbWU6"))
            password = _b64(self._challenge("UGFzc3dvcmQ6"))
        if (user, password) != (self.smtp.username, self.smtp.password):
            self._reply(535, "5.7.8 authentication credentials invalid")
            return
        self.authenticated_as = user
        self._reply(235, "2.7.0 authentication successful")

    def _challenge(self, prompt: str) -> str:
        self._reply(334, prompt)
        return self._read_line()

    def _mail(self, argument: str) -> None:
        if not self.greeted:
            self._reply(503, "5.5.1 say EHLO first")
            return
        if self.smtp.username is not None and self.authenticated_as is None:
            self._reply(530, "5.7.0 authentication required")
            return
        self._at("mail")
        self._reset()
        self.mail_from = _path(argument, "FROM:")
        self._reply(250, "2.1.0 sender ok")

    def _rcpt(self, argument: str) -> None:
        if self.mail_from is None:
            self._reply(503, "5.5.1 need MAIL first")
            return
        recipient = _path(argument, "TO:")
        self._at("rcpt", quoting=recipient)
        self.recipients.append(recipient)
        self._reply(250, "2.1.5 recipient ok")

    def _data(self, argument: str) -> None:
        if not self.recipients or self.mail_from is None:
            self._reply(503, "5.5.1 need RCPT first")
            return
        self._at("data")
        self._reply(354, "end data with <CR><LF>.<CR><LF>")
        lines: list[bytes] = []
        while True:
            raw = self._read_raw()
            if raw in {b".\r\n", b".\n"}:
                break
            lines.append(raw[1:] if raw.startswith(b"..") else raw)
        mail = ReceivedMail(
            mail_from=self.mail_from,
            recipients=tuple(self.recipients),
            data=b"".join(lines),
            username=self.authenticated_as,
            over_tls=self.tls,
        )
        self._reset()  # accepted or refused, this mail transaction is over
        self._at("end_of_data", quoting=mail.recipients[0])
        self.smtp._record(mail=mail)
        self._reply(250, "2.0.0 queued as TEST")

    def _at(self, stage: str, *, quoting: str = "") -> None:
        """Apply this session's fault if it is for `stage`."""
        fault = self.fault
        if fault is None or fault.stage != stage:
            return
        self.fault = None
        time.sleep(fault.delay)
        if fault.drop:
            raise _Dropped
        if fault.reply is None:
            return
        said = f"<{quoting}>: " if quoting else ""
        self._reply(fault.reply, f"{fault.reply // 100}.0.0 {said}test fault")
        if fault.reply == 421:
            raise _Dropped
        raise _Answered

    def _read_raw(self) -> bytes:
        reader: BinaryIO = self.reader
        raw = reader.readline(10_000)
        if not raw:
            raise _Dropped
        return bytes(raw)

    def _read_line(self) -> str:
        return self._read_raw().decode("utf-8", "replace").rstrip("\r\n")

    def _reply(self, code: int, text: str) -> None:
        self.sock.sendall(f"{code} {text}\r\n".encode())

    def _multiline(self, code: int, lines: list[str]) -> None:
        text = "".join(f"{code}-{line}\r\n" for line in lines[:-1]) + f"{code} {lines[-1]}\r\n"
        self.sock.sendall(text.encode())


class _Answered(Exception):
    """A fault reply was sent instead of the normal one; the session goes on."""


def _path(argument: str, prefix: str) -> str:
    """The address inside ``FROM:<...>`` or ``TO:<...>``, parameters dropped."""
    rest = argument[len(prefix) :] if argument.upper().startswith(prefix) else argument
    return rest.strip().split(" ")[0].strip("<>")


def _b64(text: str) -> str:
    return base64.b64decode(text).decode("utf-8")
