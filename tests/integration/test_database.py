"""The database layer runs the configured engine with the options DESIGN.md promises."""

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.django_db
def test_the_connection_uses_the_configured_engine() -> None:
    expected = "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"

    assert connection.vendor == expected


@pytest.mark.django_db
def test_sqlite_enforces_foreign_keys_and_postgres_uses_psycopg3() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1
            assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        else:
            import psycopg

            assert isinstance(connection.connection, psycopg.Connection)
