"""The connectors an instance starts with.

The sandbox (fictional registries) everywhere but production: it refuses real people
anyway, but a production instance has no business offering it to analysts.
"""

from __future__ import annotations

from django.conf import settings

from fairscreen.config.env import Environment
from fairscreen.screenings.connectors._registry import register
from fairscreen.screenings.connectors.sandbox import SandboxConnector


def register_configured() -> None:
    if settings.APP.environment is not Environment.PRODUCTION:
        register(SandboxConnector())
