"""Suite-wide rules: no skips under CI, and PostgreSQL fails loudly when it is expected."""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import Any

import pytest

from tests.factories import *  # noqa: F403 - fixtures shared by every test package


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgres-required",
        action="store_true",
        help="fail the run unless the tests run on PostgreSQL",
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """When PostgreSQL is asked for, it must be there: a missing server fails, never skips."""
    url = os.environ.get("FAIRSCREEN_TEST_DATABASE_URL", "")
    if url:
        import psycopg

        try:
            psycopg.connect(url, connect_timeout=5).close()
        except psycopg.OperationalError as error:
            pytest.exit(
                f"FAIRSCREEN_TEST_DATABASE_URL is set but PostgreSQL is unreachable: {error}",
                returncode=1,
            )
    if session.config.getoption("--postgres-required"):
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if engine != "django.db.backends.postgresql":
            pytest.exit(f"--postgres-required, but the tests would run on {engine}", returncode=1)


@pytest.fixture(autouse=True, scope="session")
def _flush_may_purge_the_ledger() -> None:
    """Tests that use real transactions are cleaned up by Django's `flush`; let it empty the
    append-only evidence tables of the throw-away test database (see evidence.guards)."""
    from django.core.management.commands import flush

    from fairscreen.evidence.guards import allow_purge

    original = flush.Command.handle
    if getattr(original, "_purges_ledger", False):
        return

    def handle(self: flush.Command, *args: Any, **options: Any) -> None:
        with allow_purge():
            original(self, *args, **options)

    handle._purges_ledger = True  # type: ignore[attr-defined]
    flush.Command.handle = handle  # type: ignore[method-assign]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Generator[None, Any, None]:
    """Under CI a skip is a failure: every test must really run there."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skips are not allowed under CI=true: {report.longrepr}"
