"""Parallel processes appending to the log keep one gap-free, strictly increasing sequence.

Each database gets its own throw-away store (a SQLite file; a PostgreSQL database when
FAIRSCREEN_TEST_DATABASE_URL names a server), migrated by the real CLI, and several OS
processes append at once. Afterwards every leaf, every stored interior node and the root
are recomputed from the entries.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from fairscreen.domain.ledger import LedgerEntry, leaf_hash, range_hash, root_hash

WORKERS = 4
EVENTS_PER_WORKER = 60
POSTGRES_URL = os.environ.get("FAIRSCREEN_TEST_DATABASE_URL", "")
VENDORS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]

APPEND = """
import django, sys
django.setup()
from django.db import transaction
from fairscreen.evidence.services import record_event
worker = sys.argv[1]
for number in range(int(sys.argv[2])):
    with transaction.atomic():
        record_event(event_type="concurrency.appended", actor="worker:" + worker,
                     payload={"number": number})
"""


@pytest.fixture(params=VENDORS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'concurrency.sqlite3'}"
        return
    name = f"fairscreen_concurrency_{uuid.uuid4().hex[:8]}"
    server = POSTGRES_URL.rsplit("/", 1)[0]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield "postgresql", f"{server}/{name}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAIRSCREEN_")}
    env.update(
        DATABASE_URL=database_url,
        FAIRSCREEN_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="fairscreen.config.settings",
    )
    return env


def rows(vendor: str, url: str, query: str) -> list[tuple[Any, ...]]:
    if vendor == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            return connection.execute(query).fetchall()
    with psycopg.connect(url) as connection:
        return connection.execute(query).fetchall()


@pytest.mark.slow
def test_parallel_appenders_keep_a_gap_free_sequence_and_a_consistent_tree(
    database: tuple[str, str], tmp_path: Path
) -> None:
    vendor, url = database
    env = environment(url, tmp_path)
    migrate = subprocess.run(
        [sys.executable, "-m", "fairscreen", "migrate", "--no-input"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert migrate.returncode == 0, migrate.stderr

    workers = [
        subprocess.Popen(
            [sys.executable, "-c", APPEND, str(worker), str(EVENTS_PER_WORKER)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(WORKERS)
    ]
    for process in workers:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors

    events = rows(
        vendor, url, "SELECT sequence, entry, leaf_hash FROM evidence_event ORDER BY sequence"
    )
    nodes = rows(vendor, url, "SELECT level, position, hash FROM evidence_treenode")
    total = WORKERS * EVENTS_PER_WORKER

    assert [sequence for sequence, _, _ in events] == list(range(total))
    leaves = []
    for sequence, entry, stored_leaf in events:
        parsed = LedgerEntry.from_bytes(bytes(entry))
        assert parsed.sequence == sequence
        assert bytes(stored_leaf) == leaf_hash(bytes(entry))
        leaves.append(bytes(stored_leaf))
    per_worker = {}
    for _, entry, _ in events:
        parsed = LedgerEntry.from_bytes(bytes(entry))
        per_worker.setdefault(parsed.actor, []).append(parsed.payload["number"])
    assert all(numbers == list(range(EVENTS_PER_WORKER)) for numbers in per_worker.values())
    assert len(per_worker) == WORKERS
    expected_nodes = sum(total >> level for level in range(1, total.bit_length()))
    assert len(nodes) == expected_nodes
    for level, position, digest in nodes:
        start = position << level
        assert bytes(digest) == range_hash(leaves, start, start + (1 << level))
    assert root_hash(leaves)  # the full tree recomputes from the entries alone
