"""Django settings, derived from the typed `AppSettings` in `fairscreen.config.env`.

Nothing here reads the environment directly: change behaviour through the variables that
`env.load_settings` documents, so that validation lives in one place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from fairscreen.config.env import AppSettings, Environment, load_settings

django_stubs_ext.monkeypatch()  # lets admin.ModelAdmin[Model] and friends subscript at run time

APP: AppSettings = load_settings()
PACKAGE_DIR = Path(__file__).resolve().parent.parent
APP.var_dir.mkdir(parents=True, exist_ok=True)

SECRET_KEY = APP.secret_key
DEBUG = APP.debug
ALLOWED_HOSTS = list(APP.allowed_hosts)
CSRF_TRUSTED_ORIGINS = list(APP.csrf_trusted_origins)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "huey.contrib.djhuey",
    "ninja",
    "fairscreen.core",
    "fairscreen.accounts",
    "fairscreen.evidence",
    "fairscreen.privacy",
    "fairscreen.positions",
    "fairscreen.screenings",
    "fairscreen.decisions",
    "fairscreen.retention",
    "fairscreen.portal",
    "fairscreen.rulebook",
    "fairscreen.notifications",
    "fairscreen.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fairscreen.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fairscreen.core.middleware.FairscreenErrorMiddleware",
]

ROOT_URLCONF = "fairscreen.config.urls"
WSGI_APPLICATION = "fairscreen.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database(url: str) -> dict[str, Any]:
    """SQLite gets WAL, IMMEDIATE transactions and a busy timeout; PostgreSQL uses psycopg 3.

    WAL lets readers proceed while the single writer commits; IMMEDIATE takes the write lock
    at BEGIN so two writers queue on the busy timeout instead of failing with "database is
    locked" half-way through a transaction.
    """
    config: dict[str, Any] = dict(dj_database_url.parse(url))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return config


DATABASES = {"default": _database(APP.database_url)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _queue(url: str) -> dict[str, Any]:
    """The huey queue: SQLite file by default, Redis in production, in-memory for tests."""
    common: dict[str, Any] = {"name": "fairscreen", "utc": True}
    if url == "memory://":
        return {**common, "huey_class": "huey.MemoryHuey", "immediate": True}
    if url.startswith("sqlite:///"):
        return {
            **common,
            "huey_class": "huey.SqliteHuey",
            "filename": url.removeprefix("sqlite:///"),
            "immediate": False,
        }
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {**common, "huey_class": "huey.RedisHuey", "url": url, "immediate": False}
    from fairscreen.config.env import SettingsError  # noqa: PLC0415 - error path only

    raise SettingsError(
        "FAIRSCREEN_QUEUE_URL: expected sqlite:///PATH, redis://HOST:PORT/DB or memory://"
    )


HUEY = _queue(APP.queue_url)

DATA_UPLOAD_MAX_MEMORY_SIZE = 15 * 1024 * 1024
"""Room for a 10 MB evidence file sent as base64 in a JSON body (bigger is 413)."""

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["fairscreen.accounts.backends.EmailBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day; screening data is sensitive
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "fairscreen.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if APP.environment is Environment.PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = APP.time_zone
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = APP.var_dir / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it even when serving from the apps
WHITENOISE_USE_FINDERS = True  # serve app static files without a collectstatic step

# Uploaded files are stored only encrypted (fairscreen.privacy.files) and never served
# directly: there is deliberately no MEDIA_URL route.
MEDIA_ROOT = APP.media_dir

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # Request lines carry URLs only; URLs never carry personal data (public ids only).
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"level": "WARNING"},
        "huey": {"level": "INFO"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50
