"""The mail settings: how notification e-mail leaves this instance.

`FAIRSCREEN_SMTP_URL` is parsed strictly and its errors never quote it (it holds the relay's
password); plain SMTP only to a relay on this machine, because notices and passwords must not
cross a network in clear. Production refuses to start without a relay and a sender: a notice
the law requires (PIPL Art. 17, 24; feedback within 3 working days) that silently reaches
nobody is worse than a server that does not start.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from enum import StrEnum
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from fairscreen.config._parsing import SettingsError, parse_bool


class SmtpSecurity(StrEnum):
    STARTTLS = "starttls"
    TLS = "tls"  # implicit TLS from the first byte (smtps://, port 465)
    NONE = "none"  # plain SMTP: a relay on this machine only


@dataclass(frozen=True, kw_only=True)
class SmtpSettings:
    """The mail relay from `FAIRSCREEN_SMTP_URL`; the password is kept out of repr."""

    host: str
    port: int
    security: SmtpSecurity
    username: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 10.0


@dataclass(frozen=True, kw_only=True)
class MailSettings:
    """How e-mail leaves (`FAIRSCREEN_SMTP_URL`, `FAIRSCREEN_MAIL_FROM`), see notifications/.

    No `smtp` means no relay was named: outside production each e-mail is then written to
    a file under `outbox_dir` so a fresh clone runs; production refuses that, because the
    notices the law requires (PIPL Art. 17, 24; feedback within 3 working days) would
    silently reach nobody. `public_url` is where links in messages point ("" = derived
    from the trusted origins or allowed hosts, see `notifications.channels`).
    """

    smtp: SmtpSettings | None
    mail_from: str
    mail_from_configured: bool
    outbox_dir: Path
    public_url: str = ""

    @property
    def uses_smtp(self) -> bool:
        return self.smtp is not None


_SMTP_URL_FORMAT = (
    "FAIRSCREEN_SMTP_URL: expected smtp://[user:pass@]host[:port][?starttls=true]"
    "[&timeout=SECONDS] or smtps://[user:pass@]host[:port]"
)
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_DEFAULT_MAIL_FROM = "fairscreen <no-reply@fairscreen.localhost>"


def mail_settings(env: Mapping[str, str], var_dir: Path) -> MailSettings:
    """Parse the mail variables; error messages never quote the URL (it holds the password)."""
    raw_from = env.get("FAIRSCREEN_MAIL_FROM", "").strip()
    public_url = env.get("FAIRSCREEN_PUBLIC_URL", "").strip().rstrip("/")
    if public_url and not _is_web_origin(public_url):
        raise SettingsError("FAIRSCREEN_PUBLIC_URL: expected an address like https://host[/path]")
    raw_url = env.get("FAIRSCREEN_SMTP_URL", "").strip()
    return MailSettings(
        smtp=_parse_smtp_url(raw_url) if raw_url else None,
        mail_from=_parse_mail_from(raw_from or _DEFAULT_MAIL_FROM),
        mail_from_configured=bool(raw_from),
        outbox_dir=var_dir / "outbox",
        public_url=public_url,
    )


def _parse_smtp_url(raw: str) -> SmtpSettings:
    parsed = urlsplit(raw)
    try:
        port = parsed.port
    except ValueError:
        raise SettingsError(_SMTP_URL_FORMAT) from None
    query = parse_qs(parsed.query, keep_blank_values=True)
    if (
        parsed.scheme not in {"smtp", "smtps"}
        or not parsed.hostname
        or parsed.path not in {"", "/"}
        or parsed.fragment
        or not set(query) <= {"starttls", "timeout"}
    ):
        raise SettingsError(_SMTP_URL_FORMAT)
    starttls = parse_bool("FAIRSCREEN_SMTP_URL (starttls)", query.get("starttls", [""])[-1])
    if parsed.scheme == "smtps" and starttls:
        raise SettingsError("FAIRSCREEN_SMTP_URL: smtps:// is TLS already; drop ?starttls=true")
    if parsed.scheme == "smtps":
        security = SmtpSecurity.TLS
    else:
        security = SmtpSecurity.STARTTLS if starttls else SmtpSecurity.NONE
    if security is SmtpSecurity.NONE and parsed.hostname not in _LOOPBACK_HOSTS:
        raise SettingsError(
            "FAIRSCREEN_SMTP_URL: plain SMTP only to a relay on 127.0.0.1 or localhost; "
            "add ?starttls=true or use smtps:// (messages and passwords must not cross a "
            "network in clear)"
        )
    username, password = unquote(parsed.username or ""), unquote(parsed.password or "")
    if not (username + password).isascii():
        raise SettingsError("FAIRSCREEN_SMTP_URL: SMTP AUTH takes ASCII user names and passwords")
    default_port = {SmtpSecurity.TLS: 465, SmtpSecurity.STARTTLS: 587, SmtpSecurity.NONE: 25}
    return SmtpSettings(
        host=parsed.hostname,
        port=port or default_port[security],
        security=security,
        username=username,
        password=password,
        timeout=_parse_timeout(query.get("timeout", ["10"])[-1]),
    )


def _parse_timeout(raw: str) -> float:
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 300:
        raise SettingsError("FAIRSCREEN_SMTP_URL: timeout must be seconds between 0 and 300")
    return seconds


def _parse_mail_from(raw: str) -> str:
    """A sender like ``明鉴背调 <no-reply@screening.example.com>`` or a bare address."""
    _name, address = parseaddr(raw)
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or any(c in raw for c in "\r\n"):
        raise SettingsError(
            "FAIRSCREEN_MAIL_FROM: expected an address like 明鉴背调 <no-reply@example.com>"
        )
    return raw


def _is_web_origin(url: str) -> bool:
    parsed = urlsplit(url)
    return parsed.scheme in {"http", "https"} and bool(parsed.hostname) and not parsed.query


def mail_problems(mail: MailSettings) -> list[str]:
    problems = []
    if not mail.uses_smtp:
        problems.append(
            "FAIRSCREEN_SMTP_URL: name the mail relay, e.g. "
            "smtp://user:pass@smtp.example.com:587?starttls=true or smtps://smtp.example.com "
            "(production never leaves e-mail in files under var/outbox)"
        )
    if not mail.mail_from_configured:
        problems.append(
            "FAIRSCREEN_MAIL_FROM: the sender candidates see, e.g. "
            "明鉴背调 <no-reply@screening.example.com>"
        )
    return problems
