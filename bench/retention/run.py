"""Retention benchmark: destroying 100,000 due candidates, against a plain DELETE of the same rows.

Run `.venv/bin/python bench/retention/run.py` (or `make bench`); `--candidates 1000` is the
quick smoke check. Each database runs in its own child process (Django reads its settings
once per process): a fresh SQLite file in a temporary directory, then the PostgreSQL
database `fairscreen_bench_retention`, dropped and created afresh. The sweep's time is
printed beside a plain DELETE of a copy of the same rows, measured in the same run, in the
same tables. See README.md.
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
from pathlib import Path
from typing import Any

POSTGRES_URL = os.environ.get(
    "FAIRSCREEN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432"
)
BENCH_DATABASE = "fairscreen_bench_retention"
DEFAULT_CANDIDATES = 100_000
WIDTH = 52  # of the first column of the tables
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
HERE = Path(__file__).resolve().parent
WHY = (
    "Why the sweep is slower than DELETE: it destroys each candidate in its own transaction\n"
    "(a commit per candidate, so a killed sweep never leaves one half-destroyed), locks the\n"
    "candidate and its key row, checks for a legal hold, blanks the wrapped key, NULLs the\n"
    "blind indexes and appends a destruction certificate to the evidence ledger (the log's\n"
    "table lock on PostgreSQL, the tree size, the compact range, the new tree nodes). In\n"
    "return it reaches what DELETE cannot: every copy of the ciphertexts in replicas and\n"
    "backups becomes unreadable with the key, and the ledger proves when and why."
)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=sorted(NAMES), help="(internal) run one child")
    parser.add_argument("--result", type=Path, help="(internal) where the child writes JSON")
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="comma-separated (default: both)"
    )
    parser.add_argument(
        "--candidates",
        type=int,
        default=DEFAULT_CANDIDATES,
        help="due candidates destroyed, and rows in each baseline set (quick check: 1000)",
    )
    parser.add_argument(
        "--seed-batch", type=int, default=10_000, help="rows bulk-inserted per transaction"
    )
    parser.add_argument(
        "--skip-per-candidate",
        action="store_true",
        help="leave out the informational one-candidate-per-transaction DELETE baseline",
    )
    return parser.parse_args(argv)


def child(options: argparse.Namespace) -> None:
    sys.path.insert(0, str(HERE))
    import _measure  # noqa: PLC0415 - sets Django up, so only in the child

    options.result.write_text(json.dumps(_measure.run(options)))


def postgres_problem() -> str | None:
    """None if PostgreSQL answers, else why not."""
    import psycopg  # noqa: PLC0415

    try:
        with psycopg.connect(f"{POSTGRES_URL}/postgres", connect_timeout=5):
            return None
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]


def recreate_postgres_database(*, create: bool) -> None:
    import psycopg  # noqa: PLC0415

    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        if create:
            admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")


def run_child(database: str, argv: list[str], workdir: Path) -> dict[str, Any]:
    var_dir = workdir / f"var-{database}"
    url = (
        f"sqlite:///{workdir / 'bench.sqlite3'}"
        if database == "sqlite"
        else f"{POSTGRES_URL}/{BENCH_DATABASE}"
    )
    result = workdir / f"{database}.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fairscreen.config.settings",
        "FAIRSCREEN_VAR_DIR": str(var_dir),
        "FAIRSCREEN_DEBUG": "false",  # DEBUG would record every query
        "DATABASE_URL": url,
        # The local key file, whatever the caller's settings: destruction never unwraps,
        # but registering the template candidate wraps its key.
        "FAIRSCREEN_KEYRING": f"local:{var_dir / 'keyring.json'}",
        "FAIRSCREEN_MEDIA_DIR": str(var_dir / "media"),
    }
    command = [sys.executable, __file__, *argv, "--database", database, "--result", str(result)]
    subprocess.run(command, env=env, check=True)
    figures: dict[str, Any] = json.loads(result.read_text())
    return figures


def row(label: str, seconds: float, count: int | None, baseline: float, note: str = "") -> None:
    rate = f"{count / seconds:>14,.0f}" if count else " " * 14
    ratio = f"{seconds / baseline:>9.1f}×" if count else " " * 10
    print(f"  {label:<{WIDTH - 2}}{seconds:>9.2f}{rate}{ratio}  {note}".rstrip())


def report(name: str, r: dict[str, Any], wall: float) -> list[str]:
    """Print one database's table; return its lines for the final summary."""
    count = r["sweep"]["candidates"]
    seed = r["seed"]
    print(
        f"\n== {name}  (migrate {r['migrate_s']:.1f} s, seeding {seed['sets']} × {count:,} "
        f"candidates + keys {seed['seconds']:.0f} s, whole run {wall:.0f} s)"
    )
    heading = f"Destroying N={count:,} candidates"
    print(f"{heading:<{WIDTH}}{'seconds':>9}{'candidates/s':>14}{'× DELETE':>10}")
    bulk = r["delete_bulk"]
    baseline = bulk["seconds"]
    sweep, due, files = r["sweep"]["seconds"], r["due"]["seconds"], r["files"]["seconds"]
    row("sweep_retention (due + destroy + files)", sweep, count, baseline)
    row("  due_candidates alone, before (list)", due, r["due"]["candidates"], baseline)
    row("  delete_orphan_files alone, after", files, None, baseline)
    row("  the rest: destroying one by one", sweep - due - files, count, baseline)
    rows_s = f"({bulk['rows'] / baseline:,.0f} rows/s)"
    row("plain DELETE: 1 statement per table, 1 transaction", baseline, count, baseline, rows_s)
    if each := r.get("delete_each"):
        row("plain DELETE: 1 candidate per transaction", each["seconds"], count, baseline)
    row("sweep_retention again, nothing due", r["idle"]["seconds"], None, baseline)
    statements = r["statements"]
    print(
        f"    one destruction runs {statements['total']} SQL statements, "
        f"{statements['ledger']} of them on the ledger's tables; a plain DELETE per candidate: 2"
    )
    v = r["verified"]
    print(
        f"    verified after the sweep: {v['keys_destroyed']:,} keys destroyed "
        f"({v['keys_live']} live), {v['blind_indexes_left']} blind indexes left, "
        f"{v['certificates']:,} destruction certificates in the ledger "
        f"({v['certified_subjects']:,} subjects)"
    )
    lines = [
        (
            f"sweep_retention of {count:,} due candidates: {sweep:.1f} s ({count / sweep:,.0f}/s)"
            f" vs plain DELETE {baseline:.2f} s ({count / baseline:,.0f} candidates/s, "
            f"{bulk['rows'] / baseline:,.0f} rows/s) = {sweep / baseline:,.0f}× the time"
        ),
        (
            f"due_candidates {due:.2f} s ({count / due:,.0f}/s), delete_orphan_files "
            f"{files:.2f} s, a sweep with nothing due {r['idle']['seconds']:.2f} s"
        ),
    ]
    if each:
        lines.append(
            f"plain DELETE one candidate per transaction: {each['seconds']:.1f} s "
            f"({count / each['seconds']:,.0f}/s); the sweep takes "
            f"{sweep / each['seconds']:.1f}× that"
        )
    return [f"{name} {line}" for line in lines]


def main(argv: list[str]) -> int:
    options = parse(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if options.database:
        child(options)
        return 0
    databases = [name.strip() for name in options.databases.split(",") if name.strip()]
    skipped = None
    if "postgresql" in databases and (problem := postgres_problem()):
        skipped = f"PostgreSQL: skipped (unreachable at {POSTGRES_URL}: {problem})"
        if os.environ.get("CI") == "true":
            print(skipped.replace("skipped", "FAILED, required when CI=true"))
            return 1
        databases.remove("postgresql")
    scaled = (
        "" if options.candidates == DEFAULT_CANDIDATES else f" (scaled from {DEFAULT_CANDIDATES:,})"
    )
    sizes = (
        f"Sizes: {options.candidates:,} due candidates{scaled}, destroyed by sweep_retention; "
        f"a copy of the same {options.candidates:,} candidate + subject-key rows per "
        f"baseline; seeded {options.seed_batch:,} per transaction"
    )
    print(sizes)
    started = time.perf_counter()
    summary: list[str] = [sizes]
    workdir = Path(tempfile.mkdtemp(prefix="fairscreen-bench-retention-"))
    try:
        for database in databases:
            if database == "postgresql":
                recreate_postgres_database(create=True)
            began = time.perf_counter()
            try:
                result = run_child(database, argv, workdir)
            finally:
                if database == "postgresql":
                    recreate_postgres_database(create=False)
            summary += report(NAMES[database], result, time.perf_counter() - began)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\n{WHY}")
    if skipped:
        print(f"\n{skipped}")
    print("\n== Summary")
    print("\n".join(f"  {line}" for line in [*summary, *([skipped] if skipped else [])]))
    print(f"  total wall time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
