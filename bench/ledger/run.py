"""Evidence ledger benchmark: append throughput, proof latency and verification speed.

Run `.venv/bin/python bench/ledger/run.py` (or `make bench`). Each database runs in its own
child process (Django reads its settings once per process): a fresh SQLite file in a
temporary directory, then the PostgreSQL database `fairscreen_bench`, dropped and created
afresh. Every figure is printed beside a baseline measured in the same run. See README.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import _harness

HERE = Path(__file__).resolve().parent
BENCH_DATABASE = "fairscreen_bench"
APPEND_TARGET = 0.50  # ledger appends at >= 50 % of plain INSERT
PROOF_TARGET_MS = 5.0  # p95 of one proof
VERIFY_TARGET = 0.50  # root recomputation at >= 50 % of raw SHA-256
DEFAULT_EVENTS = 1_000_000
WIDTH = 48  # of the first column of the tables

BENCHMARK = _harness.Benchmark(
    script=Path(__file__).resolve(),
    postgres_database=BENCH_DATABASE,
)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _harness.add_child_arguments(parser)
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS, help="log size for proofs")
    parser.add_argument("--build-batch", type=int, default=10_000, help="events per transaction")
    parser.add_argument("--single", type=int, default=2_000, help="record_event calls")
    parser.add_argument("--batched", type=int, default=20_000, help="events via record_events")
    parser.add_argument("--batch", type=int, default=500, help="record_events batch size")
    parser.add_argument("--proofs", type=int, default=1_000, help="calls per proof kind")
    parser.add_argument("--verify", type=int, default=200_000, help="entries to re-hash")
    return parser.parse_args(argv)


def verdict(met: bool) -> str:
    return "PASS" if met else "MISS"


def report(name: str, r: dict[str, Any], wall: float) -> list[str]:
    """Print one database's tables; return its lines for the final summary."""
    print(f"\n== {name}  (migrate {r['migrate_s']:.1f} s, whole run {wall:.0f} s)")
    return [
        f"{name} {line}"
        for line in report_appends(r) + report_proofs(r) + report_verification(r["verify"])
    ]


def report_appends(r: dict[str, Any]) -> list[str]:
    print(
        f"{'Append throughput':<{WIDTH}}{'events/s':>10}{'plain/s':>10}{'ratio':>8}  target ≥ 50 %"
    )
    lines = []
    for key, label in (
        ("single", "record_event, 1 per transaction"),
        ("batched", f"record_events, {r['batched']['batch']} per transaction"),
    ):
        f = r[key]
        ratio = f["ledger_per_s"] / f["plain_per_s"]
        status = verdict(ratio >= APPEND_TARGET)
        row = f"{label} (N={f['events']:,})"
        rates = f"{f['ledger_per_s']:>10,.0f}{f['plain_per_s']:>10,.0f}"
        print(f"  {row:<{WIDTH - 2}}{rates}{ratio:>8.0%}  {status}")
        lines.append(
            f"append, {label}: {f['ledger_per_s']:,.0f} events/s vs plain INSERT "
            f"{f['plain_per_s']:,.0f}/s = {ratio:.0%} (target ≥ 50 %: {status})"
        )
    print(f"    (one record_event runs {r['single']['queries']} SQL statements; plain: 1)")
    build = r["build"]
    rate = build["added"] / build["seconds"] if build["seconds"] else 0
    print(
        f"Log build: {build['added']:,} more events to {build['size']:,}, "
        f"{build['batch']:,} per transaction: {build['seconds']:.1f} s ({rate:,.0f} events/s)"
    )
    lines.append(
        f"log build to {build['size']:,} events: {build['seconds']:.1f} s ({rate:,.0f} events/s)"
    )
    return lines


def report_proofs(r: dict[str, Any]) -> list[str]:
    proofs = r["proofs"]
    heading = f"Proofs, log of {proofs['size']:,} events"
    print(f"{heading:<{WIDTH}}{'median':>10}{'p95':>10}{'max':>8}  target p95 ≤ 5 ms")
    lines = []
    for kind in ("inclusion", "consistency"):
        s = proofs[kind]
        status = verdict(s["p95_ms"] <= PROOF_TARGET_MS)
        row = f"{kind}_proof × {proofs['calls']:,}"
        times = f"{s['median_ms']:>8.2f}ms{s['p95_ms']:>8.2f}ms{s['max_ms']:>6.1f}ms"
        print(f"  {row:<{WIDTH - 2}}{times}  {status}  ({s['queries']:.1f} SQL statements each)")
        lines.append(
            f"{kind}_proof in {proofs['size']:,} events: median {s['median_ms']:.2f} ms, "
            f"p95 {s['p95_ms']:.2f} ms (target ≤ 5 ms: {status})"
        )
    return lines


def report_verification(v: dict[str, Any]) -> list[str]:
    heading = f"Verification, {v['entries']:,} entries"
    print(
        f"{heading:<{WIDTH}}{'MB/s':>10}{'sha256':>10}{'ratio':>8}  target ≥ 50 %"
        f"  ({v['megabytes']:.1f} MB)"
    )
    lines = []
    for key, label in (
        ("compact_mb_s", "leaf_hash + CompactRange.append"),
        ("root_hash_mb_s", "leaf_hash + root_hash"),
    ):
        ratio = v[key] / v["sha256_mb_s"]
        status = verdict(ratio >= VERIFY_TARGET)
        print(
            f"  {label:<{WIDTH - 2}}{v[key]:>10.1f}{v['sha256_mb_s']:>10.1f}{ratio:>8.0%}  {status}"
        )
        lines.append(
            f"verify {v['entries']:,} entries, {label}: {v[key]:.1f} MB/s vs raw sha256 "
            f"{v['sha256_mb_s']:.1f} MB/s = {ratio:.0%} (target ≥ 50 %: {status})"
        )
    return lines


def main(argv: list[str]) -> int:
    options = parse(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if options.database:
        _harness.child(options, HERE)
        return 0
    scaled = "" if options.events == DEFAULT_EVENTS else f" (scaled from {DEFAULT_EVENTS:,})"
    sizes = (
        f"Sizes: append single N={options.single:,}, batched N={options.batched:,} "
        f"(batches of {options.batch:,}); proof log {options.events:,} events{scaled} built "
        f"{options.build_batch:,} per transaction; {options.proofs:,} proofs of each kind; "
        f"verification over {options.verify:,} entries"
    )
    return BENCHMARK.run(options, argv, sizes=sizes, report=report)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
