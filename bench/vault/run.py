"""Vault benchmark: encryption and decryption cost of personal data, against plaintext.

Run `.venv/bin/python bench/vault/run.py` (or `make bench`). The pure crypto figures
(`encrypt_field` / `decrypt_field` for typical field sizes, `encrypt_bytes` /
`decrypt_bytes` for a 1 MB file) are measured in this process, without a database. Then each
database runs in its own child process (Django reads its settings once per process): a fresh
SQLite file in a temporary directory, then the PostgreSQL database `fairscreen_bench_vault`,
dropped and created afresh. Every figure is printed beside a plaintext baseline measured in
the same run. See README.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import _harness

BENCH_DATABASE = "fairscreen_bench_vault"
REPORT_TARGET_MS = 2.0  # a 50-field report decrypted costs < 2 ms more than in plaintext
WIDTH = 50  # of the first column of the tables
HERE = Path(__file__).resolve().parent

BENCHMARK = _harness.Benchmark(
    script=Path(__file__).resolve(),
    postgres_database=BENCH_DATABASE,
    child_env=lambda var_dir: {
        # The local key file, whatever the caller's settings: a Vault transit keyring
        # would turn every unwrap into a network round trip, another benchmark altogether.
        "FAIRSCREEN_KEYRING": f"local:{var_dir / 'keyring.json'}",
        "FAIRSCREEN_MEDIA_DIR": str(var_dir / "media"),
    },
)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _harness.add_child_arguments(parser)
    parser.add_argument(
        "--iterations", type=int, default=1000, help="timed page loads per path (report, list)"
    )
    parser.add_argument("--warmup", type=int, default=20, help="untimed loads per path first")
    parser.add_argument("--file-rounds", type=int, default=20, help="1 MB files stored and read")
    parser.add_argument(
        "--loop-seconds", type=float, default=0.1, help="length of one pure-crypto timing loop"
    )
    parser.add_argument("--repeats", type=int, default=7, help="pure-crypto loops, best kept")
    parser.add_argument("--skip-crypto", action="store_true", help="only the database part")
    return parser.parse_args(argv)


def verdict(met: bool) -> str:
    return "PASS" if met else "MISS"


def crypto_part(options: argparse.Namespace) -> list[str]:
    """Measure and print the pure crypto figures; return the summary lines."""
    sys.path.insert(0, str(HERE))
    import _crypto  # noqa: PLC0415 - lives beside this script

    c = _crypto.run(seconds=options.loop_seconds, repeats=options.repeats)
    print(f"\n== Pure crypto, no database (best of {c['repeats']} loops of ~{c['seconds']} s each)")
    print(f"{'Fields':<{WIDTH}}{'µs/op':>9}{'ops/s':>11}{'MB/s':>8}{'plain µs':>10}{'× plain':>9}")
    lines = []
    for f in c["fields"]:
        heading = f"{f['label']} ({f['encrypt']['bytes']:,} B UTF-8, stored {f['token_chars']:,})"
        print(f"  {heading}")
        for op, baseline in (("encrypt", "encode"), ("decrypt", "decode")):
            s = f[op]
            label = f"{op}_field vs UTF-8 {baseline}"
            print(
                f"    {label:<{WIDTH - 4}}{s['us']:>9.2f}{s['ops_s']:>11,.0f}{s['mb_s']:>8.1f}"
                f"{s['plain_us']:>10.3f}{s['us'] / s['plain_us']:>8.0f}×"
            )
        e, d = f["encrypt"], f["decrypt"]
        lines.append(
            f"{f['label']}: encrypt_field {e['us']:.1f} µs ({e['ops_s']:,.0f}/s, "
            f"{e['mb_s']:.1f} MB/s), decrypt_field {d['us']:.1f} µs ({d['ops_s']:,.0f}/s, "
            f"{d['mb_s']:.1f} MB/s); plain UTF-8 encode/decode {e['plain_us']:.2f}/"
            f"{d['plain_us']:.2f} µs"
        )
    print("    (plain: str.encode('utf-8') / bytes.decode('utf-8') of the same value)")
    file = c["file"]
    print(f"{'1 MB file (random bytes)':<{WIDTH}}{'ms/op':>9}{'ops/s':>11}{'MB/s':>8}", end="")
    print(f"{'copy MB/s':>10}{'× plain':>9}")
    for op in ("encrypt", "decrypt"):
        s = file[op]
        label = f"{op}_bytes vs copying 1 MB in memory"
        print(
            f"  {label:<{WIDTH - 2}}{s['us'] / 1000:>9.3f}{s['ops_s']:>11,.0f}{s['mb_s']:>8,.0f}"
            f"{s['plain_mb_s']:>10,.0f}{s['us'] / s['plain_us']:>8.1f}×"
        )
        lines.append(
            f"1 MB file, {op}_bytes: {s['us'] / 1000:.2f} ms ({s['mb_s']:,.0f} MB/s) vs copy "
            f"{s['plain_us'] / 1000:.3f} ms ({s['plain_mb_s']:,.0f} MB/s) = "
            f"{s['us'] / s['plain_us']:.1f}× the plaintext time"
        )
    print(f"    (ciphertext overhead {file['overhead']} bytes per file)")
    print(f"LocalKeyring.unwrap of one data key: {c['unwrap_us']:.1f} µs")
    lines.append(f"LocalKeyring.unwrap: {c['unwrap_us']:.1f} µs")
    return lines


def row(label: str, s: dict[str, float], status: str = "") -> None:
    times = f"{s['median_ms']:>8.2f} ms{s['p95_ms']:>8.2f} ms"
    print(f"  {label:<{WIDTH - 2}}{times}  {status}".rstrip())


def report(name: str, r: dict[str, Any], wall: float) -> list[str]:
    """Print one database's tables; return its lines for the final summary."""
    print(f"\n== {name}  (migrate {r['migrate_s']:.1f} s, whole run {wall:.0f} s)")
    return [f"{name} {line}" for line in report_page(r) + report_list(r) + report_files(r)]


def report_page(r: dict[str, Any]) -> list[str]:
    p = r["report"]
    heading = f"50-field report of one candidate (N={p['iterations']:,})"
    print(f"{heading:<{WIDTH}}{'median':>11}{'p95':>11}  target: median extra < 2 ms")
    q = p["queries"]
    row(f"plain: load 50 values ({q['plain']} query)", p["plain"])
    row(f"encrypted: load + reveal() ({q['encrypted']} queries)", p["encrypted"])
    extra = p["extra"]
    status = verdict(extra["median_ms"] < REPORT_TARGET_MS)
    row("extra cost of encryption (paired)", extra, status)
    parts = p["parts"]
    print(
        f"    parts, each timed alone (medians): loading the row {parts['load_ms']:.2f} ms; "
        f"key row read + unwrap {parts['key_ms']:.2f} ms (unwrap alone "
        f"{parts['unwrap_ms'] * 1000:.0f} µs);\n    50 × reveal() with the key cached "
        f"{parts['reveal_ms']:.2f} ms (50 × decrypt_field alone {parts['decrypt_ms']:.2f} ms)"
    )
    print(
        f"    values: {p['plain_bytes']:,} bytes of UTF-8 text, stored as "
        f"{p['stored_bytes']:,} characters of ciphertext"
    )
    line = (
        f"50-field report: extra median {extra['median_ms']:.2f} ms, p95 {extra['p95_ms']:.2f} ms "
        f"(encrypted {p['encrypted']['median_ms']:.2f} ms vs plain "
        f"{p['plain']['median_ms']:.2f} ms) (target median extra < 2 ms: {status})"
    )
    return [line]


def report_list(r: dict[str, Any]) -> list[str]:
    p = r["list"]
    values = p["candidates"] * 4
    heading = f"candidates_for, {p['candidates']} × 4 = {values} values (N={p['iterations']:,})"
    print(f"{heading:<{WIDTH}}{'median':>11}{'p95':>11}  (no target of its own)")
    q = p["queries"]
    row(f"plain: same rows, same views ({q['plain']} query)", p["plain"])
    row(f"encrypted: candidates_for ({q['encrypted']} queries)", p["encrypted"])
    row("extra cost of encryption (paired)", p["extra"])
    line = (
        f"candidates_for, {p['candidates']} candidates: extra median "
        f"{p['extra']['median_ms']:.2f} ms, p95 {p['extra']['p95_ms']:.2f} ms "
        f"(encrypted {p['encrypted']['median_ms']:.2f} ms vs plain "
        f"{p['plain']['median_ms']:.2f} ms)"
    )
    return [line]


def report_files(r: dict[str, Any]) -> list[str]:
    f = r["files"]
    heading = f"1 MB file on disk (N={f['rounds']})"
    print(f"{heading:<{WIDTH}}{'median':>11}{'p95':>11}")
    lines = []
    for key, encrypted, plain in (
        ("store", "store_file", "storage.save of the plaintext"),
        ("read", "read_file", "storage.open().read() of it"),
    ):
        s = f[key]
        row(f"plain: {plain}", s["plain"])
        row(f"encrypted: {encrypted}", s["encrypted"])
        row("extra cost of encryption (paired)", s["extra"])
        lines.append(
            f"1 MB {encrypted}: {s['encrypted']['median_ms']:.2f} ms vs plain "
            f"{s['plain']['median_ms']:.2f} ms (extra median {s['extra']['median_ms']:.2f} ms)"
        )
    return lines


def main(argv: list[str]) -> int:
    options = parse(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if options.database:
        _harness.child(options, HERE)
        return 0
    sizes = (
        f"Sizes: fields of 8, 18, 64 characters, 1 KB and 16 KB, files of 1 MB; report and "
        f"list loaded {options.iterations:,} times each way after {options.warmup} untimed; "
        f"{options.file_rounds} files stored and read each way"
    )
    return BENCHMARK.run(
        options,
        argv,
        sizes=sizes,
        report=report,
        before=(lambda: []) if options.skip_crypto else (lambda: crypto_part(options)),
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
