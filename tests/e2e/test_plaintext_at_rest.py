"""No demo candidate's name, ID number, phone, e-mail or finding is stored in clear (PIPL Art. 51).

The real CLI migrates and seeds a fresh database in a separate process; then the raw
bytes are searched, in UTF-8 and GBK: for SQLite the database file and its write-ahead
log (snapshotted while the seeding connection is still open, so the log still holds the
new pages), for PostgreSQL a `pg_dump` in each encoding. A positive control (the demo
organisation's name, which is not personal data and is stored in clear) proves that the
search would have found the values had they been there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from fairscreen.demo.decisions import DECIDED_CANDIDATES
from fairscreen.demo.findings import PERSONAL_SNIPPETS, SCREENED_CANDIDATES
from fairscreen.demo.seed import DEMO_CANDIDATES, DEMO_ORGANISATION_NAME

POSTGRES_URL = os.environ.get("FAIRSCREEN_TEST_DATABASE_URL", "")
VENDORS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]
ENCODINGS = ("utf-8", "gbk")
PERSONAL_VALUES = [
    *(
        value
        for candidate in DEMO_CANDIDATES
        for value in (candidate.full_name, candidate.id_number, candidate.phone, candidate.email)
    ),
    *(value for candidate in SCREENED_CANDIDATES for value in candidate),
    *(
        value
        for name, _sequence, phone, email in DECIDED_CANDIDATES
        for value in (name, phone, email)
    ),
    *PERSONAL_SNIPPETS,
]

SEED_AND_SNAPSHOT = """
import shutil, sys
from pathlib import Path
import django
django.setup()
from django.db import connection
from fairscreen.demo.seed import seed_demo_organisation
seed_demo_organisation()
var_dir, snapshot = Path(sys.argv[1]), Path(sys.argv[2])
snapshot.mkdir()
if connection.vendor == "sqlite":  # the connection is open: the WAL still holds the pages
    for path in var_dir.glob("fairscreen.sqlite3*"):
        shutil.copy(path, snapshot / path.name)
"""


def environment(database_url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAIRSCREEN_")}
    env.update(
        DATABASE_URL=database_url,
        FAIRSCREEN_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="fairscreen.config.settings",
    )
    return env


def run(arguments: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(arguments, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.fixture(params=VENDORS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'var' / 'fairscreen.sqlite3'}"
        return
    name = f"fairscreen_at_rest_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield "postgresql", f"{POSTGRES_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_dump() -> str:
    installed = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))
    found = shutil.which("pg_dump") or (str(installed[-1]) if installed else "")
    assert found, "the PostgreSQL check needs pg_dump (apt-get install postgresql-client)"
    return found


def stored_bytes(vendor: str, url: str, var_dir: Path, snapshot: Path) -> dict[str, bytes]:
    """Every stored form of the database, by a label for the failure message."""
    if vendor == "sqlite":
        files = [*snapshot.iterdir(), *var_dir.glob("fairscreen.sqlite3*")]
        return {str(path): path.read_bytes() for path in files}
    dumps = {}
    for encoding in ("UTF8", "GBK"):
        result = subprocess.run(
            [pg_dump(), "--no-owner", f"--encoding={encoding}", f"--dbname={url}"],
            capture_output=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        dumps[f"pg_dump --encoding={encoding}"] = result.stdout
    return dumps


@pytest.mark.slow
def test_the_demo_candidates_are_nowhere_in_clear(database, tmp_path: Path) -> None:
    vendor, url = database
    var_dir, snapshot = tmp_path / "var", tmp_path / "snapshot"
    env = environment(url, var_dir)
    run([sys.executable, "-m", "fairscreen", "migrate", "--no-input"], env)
    run([sys.executable, "-c", SEED_AND_SNAPSHOT, str(var_dir), str(snapshot)], env)
    run([sys.executable, "-m", "fairscreen", "demo"], env)  # and again: idempotent

    stored = stored_bytes(vendor, url, var_dir, snapshot)

    everything = b"".join(stored.values())
    if vendor == "sqlite":
        assert any(label.endswith("-wal") and data for label, data in stored.items())
    assert DEMO_ORGANISATION_NAME.encode("utf-8") in everything, "positive control (UTF-8)"
    if vendor == "postgresql":
        assert DEMO_ORGANISATION_NAME.encode("gbk") in everything, "positive control (GBK)"
    leaks = [
        f"{value[:2]}… as {encoding} in {label}"
        for value in PERSONAL_VALUES
        for encoding in ENCODINGS
        for label, data in stored.items()
        if value.encode(encoding) in data
    ]
    assert not leaks, leaks
    assert b"fs1:" in everything, "the values are there, encrypted"
