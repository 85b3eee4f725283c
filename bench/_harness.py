"""What every two-database benchmark under bench/ does the same way.

Each benchmark's `run.py` measures on SQLite and on PostgreSQL, each in its own child process
(Django reads its settings once per process): a fresh SQLite file in a temporary directory,
then a PostgreSQL database of the benchmark's own name, dropped and created afresh and
dropped again afterwards. When PostgreSQL does not answer the benchmark runs on SQLite alone
and says so, except under `CI=true`, where a missing PostgreSQL is a failure, never a skip.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

POSTGRES_URL = os.environ.get(
    "FAIRSCREEN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432"
)
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

#: Turns one child's figures (and its wall time) into summary lines.
Report = Callable[[str, dict[str, Any], float], list[str]]


def add_child_arguments(parser: argparse.ArgumentParser) -> None:
    """The options `run_child` passes to the script it runs again as a child."""
    parser.add_argument("--database", choices=sorted(NAMES), help="(internal) run one child")
    parser.add_argument("--result", type=Path, help="(internal) where the child writes JSON")
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="comma-separated (default: both)"
    )


def child(options: argparse.Namespace, here: Path) -> None:
    """In the child: import the benchmark's `_measure` (which sets Django up) and run it."""
    sys.path.insert(0, str(here))
    import _measure  # type: ignore[import-not-found]  # noqa: PLC0415

    options.result.write_text(json.dumps(_measure.run(options)))


def postgres_problem() -> str | None:
    """None if PostgreSQL answers, else why not."""
    import psycopg  # noqa: PLC0415

    try:
        with psycopg.connect(f"{POSTGRES_URL}/postgres", connect_timeout=5):
            return None
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]


def recreate_postgres_database(name: str, *, create: bool) -> None:
    import psycopg  # noqa: PLC0415

    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if create:
            admin.execute(f"CREATE DATABASE {name}")


@dataclass(frozen=True)
class Benchmark:
    """One benchmark script and where its children keep their state."""

    script: Path
    postgres_database: str
    #: Environment the child needs beyond the database, given its state directory.
    child_env: Callable[[Path], dict[str, str]] = lambda var_dir: {}

    def run_child(self, database: str, argv: Sequence[str], workdir: Path) -> dict[str, Any]:
        var_dir = workdir / f"var-{database}"
        url = (
            f"sqlite:///{workdir / 'bench.sqlite3'}"
            if database == "sqlite"
            else f"{POSTGRES_URL}/{self.postgres_database}"
        )
        result = workdir / f"{database}.json"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fairscreen.config.settings",
            "FAIRSCREEN_VAR_DIR": str(var_dir),
            "FAIRSCREEN_DEBUG": "false",  # DEBUG would record every query
            "DATABASE_URL": url,
            **self.child_env(var_dir),
        }
        command = [sys.executable, str(self.script), *argv]
        command += ["--database", database, "--result", str(result)]
        subprocess.run(command, env=env, check=True)
        figures: dict[str, Any] = json.loads(result.read_text())
        return figures

    def run(
        self,
        options: argparse.Namespace,
        argv: Sequence[str],
        *,
        sizes: str,
        report: Report,
        before: Callable[[], list[str]] = list,
        after: str = "",
    ) -> int:
        """Run on each requested database and print the summary; the exit status."""
        databases = [name.strip() for name in options.databases.split(",") if name.strip()]
        skipped = None
        if "postgresql" in databases and (problem := postgres_problem()):
            skipped = f"PostgreSQL: skipped (unreachable at {POSTGRES_URL}: {problem})"
            if os.environ.get("CI") == "true":
                print(skipped.replace("skipped", "FAILED, required when CI=true"))
                return 1
            databases.remove("postgresql")
        print(sizes)
        started = time.perf_counter()
        summary = [sizes, *before()]
        workdir = Path(tempfile.mkdtemp(prefix=f"{self.postgres_database}-"))
        try:
            for database in databases:
                if database == "postgresql":
                    recreate_postgres_database(self.postgres_database, create=True)
                began = time.perf_counter()
                try:
                    result = self.run_child(database, argv, workdir)
                finally:
                    if database == "postgresql":
                        recreate_postgres_database(self.postgres_database, create=False)
                summary += report(NAMES[database], result, time.perf_counter() - began)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        if after:
            print(f"\n{after}")
        if skipped:
            print(f"\n{skipped}")
        print("\n== Summary")
        print("\n".join(f"  {line}" for line in [*summary, *([skipped] if skipped else [])]))
        print(f"  total wall time: {time.perf_counter() - started:.0f} s")
        return 0
