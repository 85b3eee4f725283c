"""The measurements of `run.py`, run in a child process whose settings name one database.

Imported only after `run.py` has set `DJANGO_SETTINGS_MODULE`, `DATABASE_URL` and
`FAIRSCREEN_VAR_DIR`; every function returns plain numbers that the parent prints.
"""

from __future__ import annotations

import hashlib
import math
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import Any

import django

django.setup()

from django.core.management import call_command  # noqa: E402 - needs django.setup()
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from fairscreen.domain.ledger import (  # noqa: E402
    CompactRange,
    leaf_hashes,
    root_hash,
    verify_consistency,
    verify_inclusion,
)
from fairscreen.evidence import store  # noqa: E402
from fairscreen.evidence.models import Event  # noqa: E402
from fairscreen.evidence.services import EventDraft, record_event, record_events  # noqa: E402

PLAIN_TABLE = "bench_plain_event"
COLUMNS = "sequence, recorded_at, event_type, organisation_id, actor, subject, entry, leaf_hash"
INDEXED = ("recorded_at", "event_type", "organisation_id", "subject")
TYPES = {"sqlite": ("datetime", "BLOB"), "postgresql": ("timestamp with time zone", "bytea")}


def say(message: str) -> None:
    print(f"  [{connection.vendor}] {message}", flush=True)


def draft(number: int) -> EventDraft:
    """A realistic event: opaque ids and a small payload without personal data."""
    return EventDraft(
        event_type="screening.check_completed",
        actor=f"user:{number % 50:04d}",
        subject=f"cand_{number:08d}",
        organisation=f"org_{number % 10:02d}",
        payload={"check": "education", "outcome": "verified", "request": f"req_{number:08d}"},
    )


def drafts(start: int, count: int) -> list[EventDraft]:
    return [draft(number) for number in range(start, start + count)]


def migrate() -> float:
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    return time.perf_counter() - started


def create_plain_table() -> None:
    """Same columns, types and indexes as `evidence_event` (as Django's migration made it)."""
    stamp, binary = TYPES[connection.vendor]
    columns = (
        f"sequence bigint NOT NULL PRIMARY KEY, recorded_at {stamp} NOT NULL,"
        " event_type varchar(64) NOT NULL, organisation_id varchar(100) NOT NULL,"
        " actor varchar(100) NOT NULL, subject varchar(100) NOT NULL,"
        f" entry {binary} NOT NULL, leaf_hash {binary} NOT NULL"
    )
    statements = [f"CREATE TABLE {PLAIN_TABLE} ({columns})"]
    statements += [f"CREATE INDEX {PLAIN_TABLE}_{c} ON {PLAIN_TABLE} ({c})" for c in INDEXED]
    if connection.vendor == "postgresql":  # Django adds pattern-ops twins for indexed CharFields
        statements += [
            f"CREATE INDEX {PLAIN_TABLE}_{c}_like ON {PLAIN_TABLE} ({c} varchar_pattern_ops)"
            for c in INDEXED[1:]
        ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def stored_rows(start: int, count: int) -> list[tuple[Any, ...]]:
    """The rows the ledger wrote, adapted for the database as Django adapts them."""
    rows = Event.objects.filter(sequence__gte=start, sequence__lt=start + count).order_by(
        "sequence"
    )
    adapt = connection.ops.adapt_datetimefield_value
    return [
        (
            e.sequence,
            adapt(e.recorded_at),
            e.event_type,
            e.organisation_id,
            e.actor,
            e.subject,
            bytes(e.entry),
            bytes(e.leaf_hash),
        )
        for e in rows.iterator(chunk_size=5000)
    ]


def plain_insert(rows: list[tuple[Any, ...]], per_transaction: int) -> float:
    """Seconds to INSERT `rows` plainly: one execute, or one executemany per transaction."""
    sql = f"INSERT INTO {PLAIN_TABLE} ({COLUMNS}) VALUES ({', '.join(['%s'] * 8)})"
    started = time.perf_counter()
    for offset in range(0, len(rows), per_transaction):
        batch = rows[offset : offset + per_transaction]
        with transaction.atomic(), connection.cursor() as cursor:
            if per_transaction == 1:
                cursor.execute(sql, batch[0])
            else:
                cursor.executemany(sql, batch)
    return time.perf_counter() - started


def append_single(count: int) -> dict[str, float]:
    start = store.current_size()
    pending = [asdict(item) for item in drafts(start, count)]
    started = time.perf_counter()
    for fields in pending:
        with transaction.atomic():
            record_event(**fields)
    ledger = time.perf_counter() - started
    plain = plain_insert(stored_rows(start, count), per_transaction=1)
    return {
        "events": count,
        "ledger_per_s": count / ledger,
        "plain_per_s": count / plain,
        "queries": queries_of(lambda: rolled_back_record_event(start + count)),
    }


def rolled_back_record_event(number: int) -> None:
    with transaction.atomic():
        record_event(**asdict(draft(number)))
        transaction.set_rollback(True)


def queries_of(work: Callable[[], object]) -> int:
    """Untimed: how many SQL statements `work` runs (the timed runs never capture)."""
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


def append_batched(count: int, batch: int) -> dict[str, float]:
    start = store.current_size()
    pending = drafts(start, count)
    started = time.perf_counter()
    for offset in range(0, count, batch):
        with transaction.atomic():
            record_events(pending[offset : offset + batch])
    ledger = time.perf_counter() - started
    plain = plain_insert(stored_rows(start, count), per_transaction=batch)
    return {
        "events": count,
        "batch": batch,
        "ledger_per_s": count / ledger,
        "plain_per_s": count / plain,
    }


def build_log(size: int, batch: int) -> dict[str, float]:
    """Grow the log to `size` events with `record_events`, `batch` per transaction."""
    already = store.current_size()
    started = time.perf_counter()
    for offset in range(already, size, batch):
        with transaction.atomic():
            record_events(drafts(offset, min(batch, size - offset)))
        done = min(offset + batch, size)
        if done // 100_000 > offset // 100_000:
            say(f"log at {done:,} events ({time.perf_counter() - started:.0f} s)")
    seconds = time.perf_counter() - started
    final = store.current_size()
    return {"size": final, "added": final - already, "batch": batch, "seconds": seconds}


def timings_ms(calls: Iterator[Callable[[], object]]) -> list[float]:
    spent = []
    for call in calls:
        started = time.perf_counter()
        call()
        spent.append((time.perf_counter() - started) * 1000)
    return spent


def summary(spent: list[float]) -> dict[str, float]:
    ordered = sorted(spent)
    p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]
    return {"median_ms": statistics.median(ordered), "p95_ms": p95, "max_ms": ordered[-1]}


def proofs(size: int, calls: int, seed: int = 2026) -> dict[str, Any]:
    """Random proofs against tree heads drawn from the newer half of the log."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test positions, not secrets
    heads = [rng.randint(size // 2 + 1, size) for _ in range(calls)]
    inclusion = [(rng.randrange(head), head) for head in heads]
    consistency = [(rng.randint(1, head), head) for head in heads]
    result = {
        "size": size,
        "calls": calls,
        "inclusion": summary(
            timings_ms(lambda i=i, n=n: store.inclusion_proof(i, n) for i, n in inclusion)
        ),
        "consistency": summary(
            timings_ms(lambda m=m, n=n: store.consistency_proof(m, n) for m, n in consistency)
        ),
    }
    result["inclusion"]["queries"] = statistics.mean(
        queries_of(lambda i=i, n=n: store.inclusion_proof(i, n)) for i, n in inclusion[:20]
    )
    result["consistency"]["queries"] = statistics.mean(
        queries_of(lambda m=m, n=n: store.consistency_proof(m, n)) for m, n in consistency[:20]
    )
    check_proofs(inclusion[:20], consistency[:20])
    return result


def check_proofs(inclusion: list[tuple[int, int]], consistency: list[tuple[int, int]]) -> None:
    """Untimed: a sample of the proofs must verify against the stored roots."""
    for index, head in inclusion:
        leaf = bytes(Event.objects.values_list("leaf_hash", flat=True).get(sequence=index))
        proof = store.inclusion_proof(index, head)
        verify_inclusion(
            leaf_hash=leaf, index=index, tree_size=head, proof=proof, root=store.root_at(head)
        )
    for first, head in consistency:
        verify_consistency(
            first=first,
            second=head,
            first_root=store.root_at(first),
            second_root=store.root_at(head),
            proof=store.consistency_proof(first, head),
        )


def best_of(repeats: int, work: Callable[[], object]) -> tuple[float, object]:
    best, outcome = math.inf, None
    for _ in range(repeats):
        started = time.perf_counter()
        outcome = work()
        best = min(best, time.perf_counter() - started)
    return best, outcome


VERIFY_CHUNK = 4096  # as the audit folds leaves (fairscreen/domain/ledger/_audit.py)


def verification(count: int, repeats: int = 3) -> dict[str, Any]:
    """Recompute the root of the first `count` entries versus hashing each entry once."""
    count = min(count, store.current_size())
    entries = [
        bytes(data)
        for data in Event.objects.order_by("sequence")
        .values_list("entry", flat=True)[:count]
        .iterator(chunk_size=10000)
    ]
    megabytes = sum(map(len, entries)) / 1e6

    def compact_root() -> bytes:
        """What `fairscreen ledger verify` does: stream in chunks through a compact range."""
        compact = CompactRange()
        for start in range(0, len(entries), VERIFY_CHUNK):
            compact.extend(leaf_hashes(entries[start : start + VERIFY_CHUNK]))
        return compact.root()

    def fold_root() -> bytes:
        return root_hash(leaf_hashes(entries))

    def plain_sha256() -> None:
        for data in entries:
            hashlib.sha256(data).digest()

    expected = store.root_at(count)
    compact_s, compact_result = best_of(repeats, compact_root)
    fold_s, fold_result = best_of(repeats, fold_root)
    sha_s, _ = best_of(repeats, plain_sha256)
    if compact_result != expected or fold_result != expected:
        raise SystemExit(f"recomputed root of {count} entries differs from the stored root")
    return {
        "entries": count,
        "megabytes": megabytes,
        "compact_mb_s": megabytes / compact_s,
        "root_hash_mb_s": megabytes / fold_s,
        "sha256_mb_s": megabytes / sha_s,
    }


def run(options: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"vendor": connection.vendor, "migrate_s": migrate()}
    create_plain_table()
    say(f"migrated in {result['migrate_s']:.1f} s; appending {options.single:,} one by one")
    result["single"] = append_single(options.single)
    say(f"appending {options.batched:,} in batches of {options.batch:,}")
    result["batched"] = append_batched(options.batched, options.batch)
    say(f"building a log of {options.events:,} events, {options.build_batch:,} per transaction")
    result["build"] = build_log(options.events, options.build_batch)
    say(f"timing {options.proofs:,} inclusion and {options.proofs:,} consistency proofs")
    result["proofs"] = proofs(store.current_size(), options.proofs)
    say(f"recomputing the root over {options.verify:,} entries")
    result["verify"] = verification(options.verify)
    connection.close()
    return result
