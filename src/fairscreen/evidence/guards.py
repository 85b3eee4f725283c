"""The database itself refuses to change history: UPDATE and DELETE on the log are rejected.

Application code never updates or deletes evidence; these triggers also stop a stray
migration, an admin action or a hand-typed SQL statement. They are not the security
guarantee -- someone who controls the database can drop a trigger -- the Merkle tree and
the signed checkpoints are: any change after a checkpoint is detected by verification.

On SQLite the triggers consult `fairscreen_ledger_locked()`, a function each Django
connection registers returning 1. Only `allow_purge()` (used by the test suite to flush its
throw-away database between tests) makes it return 0; any other client, such as the
`sqlite3` shell, lacks the function and so cannot modify the tables either.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created

GUARDED_TABLES = ("evidence_event", "evidence_treenode", "evidence_signedcheckpoint")
_state = threading.local()


def _locked() -> int:
    return 0 if getattr(_state, "purging", False) else 1


@contextlib.contextmanager
def allow_purge() -> Iterator[None]:
    """Let this thread empty the tables (test databases only)."""
    _state.purging = True
    try:
        yield
    finally:
        _state.purging = False


def _register_function(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("fairscreen_ledger_locked", 0, _locked)


def connect() -> None:
    connection_created.connect(_register_function, dispatch_uid="fairscreen-ledger-guard")


def install_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        statements = [
            """
            CREATE OR REPLACE FUNCTION fairscreen_ledger_reject() RETURNS trigger AS $$
            BEGIN
              RAISE EXCEPTION 'evidence ledger is append-only: % on % rejected',
                TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
            END $$ LANGUAGE plpgsql
            """
        ]
        statements += [
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION fairscreen_ledger_reject()"
            for table in GUARDED_TABLES
        ]
        return statements
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{operation.lower()} BEFORE {operation} "
            f"ON {table} WHEN fairscreen_ledger_locked() "
            "BEGIN SELECT RAISE(ABORT, 'evidence ledger is append-only'); END"
            for table in GUARDED_TABLES
            for operation in ("UPDATE", "DELETE")
        ]
    raise RuntimeError(f"no ledger guards for database vendor {vendor!r}")


def uninstall_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in GUARDED_TABLES),
            "DROP FUNCTION IF EXISTS fairscreen_ledger_reject()",
        ]
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_{operation.lower()}"
        for table in GUARDED_TABLES
        for operation in ("UPDATE", "DELETE")
    ]
