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
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import _harness

BENCH_DATABASE = "fairscreen_bench_retention"
DEFAULT_CANDIDATES = 100_000
WIDTH = 52  # of the first column of the tables
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

BENCHMARK = _harness.Benchmark(
    script=Path(__file__).resolve(),
    postgres_database=BENCH_DATABASE,
    child_env=lambda var_dir: {
        # The local key file, whatever the caller's settings: destruction never unwraps,
        # but registering the template candidate wraps its key.
        "FAIRSCREEN_KEYRING": f"local:{var_dir / 'keyring.json'}",
        "FAIRSCREEN_MEDIA_DIR": str(var_dir / "media"),
    },
)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _harness.add_child_arguments(parser)
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
        _harness.child(options, HERE)
        return 0
    scaled = (
        "" if options.candidates == DEFAULT_CANDIDATES else f" (scaled from {DEFAULT_CANDIDATES:,})"
    )
    sizes = (
        f"Sizes: {options.candidates:,} due candidates{scaled}, destroyed by sweep_retention; "
        f"a copy of the same {options.candidates:,} candidate + subject-key rows per "
        f"baseline; seeded {options.seed_batch:,} per transaction"
    )
    return BENCHMARK.run(
        options,
        argv,
        sizes=sizes,
        report=report,
        after=WHY,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
