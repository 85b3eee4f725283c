"""The connectors an instance starts with.

- The sandbox (fictional registries) everywhere but production: it refuses real people
  anyway, but a production instance has no business offering it to analysts.
- A provider's HTTP JSON API (docs/provider-api.md) when `FAIRSCREEN_PROVIDER_URL` is set,
  with `FAIRSCREEN_PROVIDER_TOKEN` (its bearer token), `FAIRSCREEN_PROVIDER_ITEMS` (the
  check items it runs, comma-separated catalogue codes) and optionally
  `FAIRSCREEN_PROVIDER_CODE` (its name in runs and evidence, default ``provider``) and
  `FAIRSCREEN_PROVIDER_TIMEOUT` (seconds, default 10). A bad value stops the start with the
  variable's name — never its value, which may be the token.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.conf import settings

from fairscreen.config.env import Environment, SettingsError
from fairscreen.domain.scope import CATALOGUE
from fairscreen.screenings.connectors._registry import register
from fairscreen.screenings.connectors.http_json import HttpJsonConnector
from fairscreen.screenings.connectors.sandbox import SandboxConnector


def register_configured(environ: Mapping[str, str] | None = None) -> None:
    if settings.APP.environment is not Environment.PRODUCTION:
        register(SandboxConnector())
    provider = provider_from_environment(os.environ if environ is None else environ)
    if provider is not None:
        register(provider)


def provider_from_environment(environ: Mapping[str, str]) -> HttpJsonConnector | None:
    url = environ.get("FAIRSCREEN_PROVIDER_URL", "").strip()
    if not url:
        return None
    token = environ.get("FAIRSCREEN_PROVIDER_TOKEN", "").strip()
    if not token:
        raise SettingsError("FAIRSCREEN_PROVIDER_TOKEN is required with FAIRSCREEN_PROVIDER_URL")
    items = frozenset(
        code.strip()
        for code in environ.get("FAIRSCREEN_PROVIDER_ITEMS", "").split(",")
        if code.strip()
    )
    if not items or not all(CATALOGUE.has(code) for code in items):
        raise SettingsError(
            "FAIRSCREEN_PROVIDER_ITEMS must list catalogue item codes, "
            "e.g. education,civil_litigation"
        )
    try:
        timeout = float(environ.get("FAIRSCREEN_PROVIDER_TIMEOUT", "10"))
        return HttpJsonConnector(
            code=environ.get("FAIRSCREEN_PROVIDER_CODE", "provider").strip() or "provider",
            base_url=url,
            items=items,
            token=token,
            timeout_seconds=timeout,
        )
    except ValueError:
        raise SettingsError(
            "FAIRSCREEN_PROVIDER_URL, _CODE or _TIMEOUT is invalid (https URL, a short name, "
            "seconds)"
        ) from None
