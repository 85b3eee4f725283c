"""The connector package stands apart from Django, and `HttpJsonConnector` is a `Connector`."""

from __future__ import annotations

import os
import subprocess
import sys

from fairscreen.screenings.connectors import Connector, HttpJsonConnector


def test_the_http_json_connector_satisfies_the_protocol() -> None:
    connector: Connector = HttpJsonConnector(  # checked by mypy: the Protocol's members
        code="example_provider",
        base_url="https://provider.example.com/api",
        items=["education"],
        token="fictional-provider-token-0000",
    )

    assert (connector.code, connector.items) == ("example_provider", frozenset({"education"}))


def test_importing_the_connectors_loads_no_django() -> None:
    """Connectors run in workers and tools without Django settings; keep it that way."""
    probe = (
        "import sys, fairscreen.screenings.connectors\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    environment = {
        name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"
    }

    completed = subprocess.run(
        [sys.executable, "-c", probe], env=environment, capture_output=True, text=True, timeout=60
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
