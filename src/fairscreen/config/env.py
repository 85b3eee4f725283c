"""The one typed settings model, read from `FAIRSCREEN_*` variables and `DATABASE_URL`.

Everything has an embedded default so that a fresh clone runs with no configuration
(SQLite and a SQLite job queue under `./var/`, a secret key generated on first run).
Production (`FAIRSCREEN_ENV=production`) refuses those conveniences: a generated secret,
SQLite, DEBUG or an empty host list would each be a real weakness on a server that holds
candidates' personal data (PIPL Art. 51: the processor must take security measures).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fairscreen.config._parsing import SettingsError, parse_bool
from fairscreen.config.mail_env import (
    MailSettings,
    SmtpSecurity,
    SmtpSettings,
    mail_problems,
    mail_settings,
)

__all__ = [
    "AppSettings",
    "Environment",
    "KeyringKind",
    "KeyringSettings",
    "MailSettings",
    "SettingsError",
    "SmtpSecurity",
    "SmtpSettings",
    "load_settings",
    "production_problems",
]

SECRET_KEY_FILENAME = "secret_key"  # noqa: S105 - a file name
_INSECURE_SECRET_PREFIXES = ("django-insecure", "changeme", "change-me", "secret")
_MINIMUM_SECRET_LENGTH = 50


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class KeyringKind(StrEnum):
    LOCAL = "local"
    VAULT_TRANSIT = "vault-transit"


@dataclass(frozen=True, kw_only=True)
class KeyringSettings:
    """Where the key-encryption keys live (`FAIRSCREEN_KEYRING`), see privacy/README.md.

    `key_file` is the local key file: the KEKs for `local:`, and in every case the blind
    index secret (blind indexes never depend on Vault). `configured` is False when nothing
    was set and the development default is in use; production refuses that, because a
    key file generated on the fly is a key nobody backed up.
    """

    kind: KeyringKind
    key_file: Path
    configured: bool
    key_file_configured: bool
    vault_address: str = ""
    vault_token: str = field(default="", repr=False)
    vault_transit_key: str = ""
    vault_transit_mount: str = "transit"


@dataclass(frozen=True, kw_only=True)
class AppSettings:
    environment: Environment
    debug: bool
    secret_key: str
    secret_key_generated: bool
    database_url: str
    queue_url: str
    allowed_hosts: tuple[str, ...]
    csrf_trusted_origins: tuple[str, ...]
    var_dir: Path
    time_zone: str
    host: str
    port: int
    ledger_origin: str
    ledger_key_file: Path
    ledger_key_configured: bool
    keyring: KeyringSettings
    media_dir: Path
    mail: MailSettings

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:")


def load_settings(environ: Mapping[str, str] | None = None) -> AppSettings:
    """Read and validate the settings; production problems raise `SettingsError`."""
    env = os.environ if environ is None else environ
    environment = _parse_environment(env.get("FAIRSCREEN_ENV", "development"))
    var_dir = Path(env.get("FAIRSCREEN_VAR_DIR", _default_var_dir(environment))).resolve()
    secret_key, generated = _secret_key(env, var_dir, environment)
    settings = AppSettings(
        environment=environment,
        debug=parse_bool(
            "FAIRSCREEN_DEBUG",
            env.get(
                "FAIRSCREEN_DEBUG", "true" if environment is Environment.DEVELOPMENT else "false"
            ),
        ),
        secret_key=secret_key,
        secret_key_generated=generated,
        database_url=env.get("DATABASE_URL", f"sqlite:///{var_dir / 'fairscreen.sqlite3'}"),
        queue_url=env.get("FAIRSCREEN_QUEUE_URL", _default_queue_url(environment, var_dir)),
        allowed_hosts=_parse_list(env.get("FAIRSCREEN_ALLOWED_HOSTS", _default_hosts(environment))),
        csrf_trusted_origins=_parse_list(env.get("FAIRSCREEN_CSRF_TRUSTED_ORIGINS", "")),
        var_dir=var_dir,
        time_zone=_parse_time_zone(env.get("FAIRSCREEN_TIME_ZONE", "Asia/Shanghai")),
        host=env.get("FAIRSCREEN_HOST", "127.0.0.1"),
        port=_parse_port(env.get("FAIRSCREEN_PORT", "8000")),
        ledger_origin=_parse_origin(
            env.get("FAIRSCREEN_LEDGER_ORIGIN", "fairscreen.localhost/ledger")
        ),
        ledger_key_file=Path(
            env.get("FAIRSCREEN_LEDGER_KEY_FILE", str(var_dir / "ledger_signer.key"))
        ).resolve(),
        ledger_key_configured=bool(env.get("FAIRSCREEN_LEDGER_KEY_FILE")),
        keyring=_keyring(env, var_dir),
        media_dir=Path(env.get("FAIRSCREEN_MEDIA_DIR", str(var_dir / "media"))).resolve(),
        mail=mail_settings(env, var_dir),
    )
    if environment is Environment.PRODUCTION:
        problems = production_problems(settings)
        if problems:
            raise SettingsError(
                "Refusing to start in production:\n" + "\n".join(f"  - {p}" for p in problems)
            )
    return settings


def production_problems(settings: AppSettings) -> list[str]:
    """Every unsafe convenience still switched on, each naming the variable that fixes it."""
    problems = []
    if settings.secret_key_generated or _looks_insecure(settings.secret_key):
        problems.append(
            "FAIRSCREEN_SECRET_KEY: set a random secret of at least "
            f"{_MINIMUM_SECRET_LENGTH} characters (a generated or default key is not allowed)"
        )
    if settings.uses_sqlite:
        problems.append("DATABASE_URL: point it at PostgreSQL (postgresql://...), not SQLite")
    if settings.debug:
        problems.append("FAIRSCREEN_DEBUG: must be false (DEBUG pages leak data)")
    if not settings.allowed_hosts:
        problems.append("FAIRSCREEN_ALLOWED_HOSTS: list the host names this server answers to")
    if not settings.ledger_key_configured:
        problems.append(
            "FAIRSCREEN_LEDGER_KEY_FILE: point it at the evidence ledger's signing key "
            "(create one with `fairscreen ledger key --generate PATH`)"
        )
    problems.extend(_keyring_problems(settings.keyring))
    problems.extend(mail_problems(settings.mail))
    return problems


def _parse_environment(raw: str) -> Environment:
    try:
        return Environment(raw.strip().lower())
    except ValueError:
        choices = ", ".join(member.value for member in Environment)
        raise SettingsError(f"FAIRSCREEN_ENV: expected one of {choices}, got {raw!r}") from None


def _parse_list(raw: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def _parse_port(raw: str) -> int:
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SettingsError(f"FAIRSCREEN_PORT: expected a port number 1-65535, got {raw!r}")
    return int(raw)


def _parse_time_zone(raw: str) -> str:
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"FAIRSCREEN_TIME_ZONE: unknown time zone {raw!r}") from None
    return raw


def _parse_origin(raw: str) -> str:
    """The checkpoint origin line doubles as the signing key's name (C2SP signed-note)."""
    origin = raw.strip()
    if not origin or any(character.isspace() or character == "+" for character in origin):
        raise SettingsError(f"FAIRSCREEN_LEDGER_ORIGIN: a name without spaces or '+', got {raw!r}")
    return origin


def _keyring(env: Mapping[str, str], var_dir: Path) -> KeyringSettings:
    """Parse `FAIRSCREEN_KEYRING`: ``local:<path>`` or ``vault-transit:<https-url>``."""
    raw = env.get("FAIRSCREEN_KEYRING", "").strip()
    default_file = str(var_dir / "keyring.json")
    kind_text, separator, location = (raw or f"local:{default_file}").partition(":")
    if not separator or not location or kind_text not in {kind.value for kind in KeyringKind}:
        raise SettingsError(
            f"FAIRSCREEN_KEYRING: expected local:<path> or vault-transit:<https-url>, got {raw!r}"
        )
    kind = KeyringKind(kind_text)
    if kind is KeyringKind.LOCAL:
        return KeyringSettings(
            kind=kind,
            key_file=Path(location).resolve(),
            configured=bool(raw),
            key_file_configured=bool(raw),
        )
    index_file = env.get("FAIRSCREEN_BLIND_INDEX_KEY_FILE", "").strip()
    return KeyringSettings(
        kind=kind,
        key_file=Path(index_file or default_file).resolve(),
        configured=True,
        key_file_configured=bool(index_file),
        vault_address=_parse_vault_address(location),
        vault_token=_required(env, "FAIRSCREEN_VAULT_TOKEN"),
        vault_transit_key=_required(env, "FAIRSCREEN_VAULT_TRANSIT_KEY"),
        vault_transit_mount=env.get("FAIRSCREEN_VAULT_TRANSIT_MOUNT", "transit").strip("/ "),
    )


def _parse_vault_address(raw: str) -> str:
    """HTTPS, so the Vault token never crosses a network in clear; plain HTTP to loopback
    only (a development Vault on the same machine)."""
    parsed = urlsplit(raw)
    loopback = parsed.hostname in {"127.0.0.1", "localhost", "::1"}
    if not parsed.hostname or not (
        parsed.scheme == "https" or (parsed.scheme == "http" and loopback)
    ):
        raise SettingsError(
            "FAIRSCREEN_KEYRING: vault-transit needs an https:// address "
            "(http:// only for 127.0.0.1 or localhost)"
        )
    return raw.rstrip("/")


def _required(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise SettingsError(f"{name}: required when FAIRSCREEN_KEYRING is vault-transit:...")
    return value


def _keyring_problems(keyring: KeyringSettings) -> list[str]:
    if not keyring.configured:
        return [
            (
                "FAIRSCREEN_KEYRING: name the key source explicitly, local:/path/to/keyring.json "
                "(create it with `fairscreen keyring create PATH`) or vault-transit:https://..."
            )
        ]
    if not keyring.key_file_configured:
        return [
            (
                "FAIRSCREEN_BLIND_INDEX_KEY_FILE: with vault-transit, point it at the local key "
                "file that holds the blind index secret (`fairscreen keyring create PATH`)"
            )
        ]
    return []


def _default_var_dir(environment: Environment) -> str:
    return "var/test" if environment is Environment.TEST else "var"


def _default_queue_url(environment: Environment, var_dir: Path) -> str:
    if environment is Environment.TEST:
        return "memory://"
    return f"sqlite:///{var_dir / 'queue.sqlite3'}"


def _default_hosts(environment: Environment) -> str:
    if environment is Environment.PRODUCTION:
        return ""
    return "127.0.0.1,localhost,testserver,[::1]"


def _looks_insecure(secret: str) -> bool:
    lowered = secret.lower()
    return len(secret) < _MINIMUM_SECRET_LENGTH or lowered.startswith(_INSECURE_SECRET_PREFIXES)


def _secret_key(
    env: Mapping[str, str], var_dir: Path, environment: Environment
) -> tuple[str, bool]:
    """The configured secret, or one generated once and kept in `var/secret_key` (0600).

    Keeping it on disk means sessions survive a restart of `make run`. In production the
    generated key is reported by `production_problems` rather than silently used.
    """
    configured = env.get("FAIRSCREEN_SECRET_KEY", "").strip()
    if configured:
        return configured, False
    path = var_dir / SECRET_KEY_FILENAME
    if environment is Environment.PRODUCTION and not path.exists():
        return "", True
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it first; use theirs
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip(), True
