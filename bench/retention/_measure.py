"""The measurements of `run.py`, run in a child process whose settings name one database.

Imported only after `run.py` has set `DJANGO_SETTINGS_MODULE`, `DATABASE_URL`,
`FAIRSCREEN_VAR_DIR`, `FAIRSCREEN_MEDIA_DIR` and `FAIRSCREEN_KEYRING`; every function
returns plain numbers that the parent prints.

Four organisations: one holds the template candidate (registered today, so never due), one
the N due candidates (registered 60 days ago with no screening: due 30 days after
registration), and two the baseline copies of the same rows. The baselines are deleted
first, so the sweep then reads a table of the N due candidates (plus the template) only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import django

django.setup()

from _seed import INDEXED, seed_candidates, template_candidate  # noqa: E402 - bench/retention
from django.core.management import call_command  # noqa: E402 - needs django.setup()
from django.db import connection, models, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from fairscreen.accounts import services as accounts  # noqa: E402
from fairscreen.accounts.models import Organisation  # noqa: E402
from fairscreen.evidence.models import Event  # noqa: E402
from fairscreen.privacy.models import SubjectKey  # noqa: E402
from fairscreen.privacy.services import CERTIFICATE_FORMAT  # noqa: E402
from fairscreen.retention import services as retention  # noqa: E402
from fairscreen.retention.schedule import due_candidates  # noqa: E402
from fairscreen.screenings.models import Candidate  # noqa: E402

AGE_DAYS = 60  # registered 60 days ago, no screening: due after 30 (days_after_no_consent)
CERTIFICATE = "subject_key.destroyed"
CANDIDATE_TABLE = Candidate._meta.db_table
KEY_TABLE = SubjectKey._meta.db_table


def say(message: str) -> None:
    print(f"  [{connection.vendor}] {message}", flush=True)


def migrate() -> float:
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    return time.perf_counter() - started


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    outcome = work()
    return time.perf_counter() - started, outcome


def tidy() -> None:
    """PostgreSQL: VACUUM ANALYZE the two tables, so autovacuum is less likely to start mid-run.

    SQLite gets nothing: it has no vacuum daemon, and a deployment rarely runs ANALYZE.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {CANDIDATE_TABLE}, {KEY_TABLE}")


def db_value(field: Any, value: object) -> Any:
    """The parameter as Django sends it (SQLite stores UUIDs as 32 hex digits)."""
    return field.get_db_prep_value(value, connection, prepared=False)


def delete_in_one_statement(organisation: Organisation, count: int) -> dict[str, Any]:
    """The baseline: one DELETE per table (candidates, then their keys), in one transaction."""
    organisation_id = db_value(Organisation._meta.pk, organisation.id)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {CANDIDATE_TABLE} WHERE organisation_id = %s", [organisation_id]
        )
        candidates = cursor.rowcount
        cursor.execute(f"DELETE FROM {KEY_TABLE} WHERE organisation_id = %s", [organisation_id])
        keys = cursor.rowcount
    seconds = time.perf_counter() - started
    if candidates != count or keys != count:
        raise SystemExit(f"DELETE removed {candidates} candidates and {keys} keys, not {count}")
    return {"candidates": count, "rows": candidates + keys, "seconds": seconds}


def delete_one_by_one(organisation: Organisation, count: int) -> dict[str, Any]:
    """Informational: the same two DELETEs per candidate, one transaction per candidate."""
    pk = Candidate._meta.pk
    ids = list(Candidate.objects.filter(organisation=organisation).values_list("id", flat=True))
    pending = [(db_value(pk, candidate_id), f"candidate:{candidate_id}") for candidate_id in ids]
    deleted = 0
    started = time.perf_counter()
    for candidate_id, subject in pending:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {CANDIDATE_TABLE} WHERE id = %s", [candidate_id])
            deleted += cursor.rowcount
            cursor.execute(f"DELETE FROM {KEY_TABLE} WHERE subject = %s", [subject])
            deleted += cursor.rowcount
    seconds = time.perf_counter() - started
    if deleted != 2 * count:
        raise SystemExit(f"per-candidate DELETEs removed {deleted} rows, not {2 * count}")
    return {"candidates": count, "rows": deleted, "seconds": seconds}


def statements_per_destruction(today: date) -> dict[str, int]:
    """Untimed: the SQL of destroying one due candidate, in a transaction rolled back."""
    due = next(due_candidates(today=today))
    with transaction.atomic():
        with CaptureQueriesContext(connection) as captured:
            destroyed = retention._destroy(due)  # the sweep's own per-candidate step
        transaction.set_rollback(True)
    if not destroyed:
        raise SystemExit("the sample candidate was not destroyed")
    ledger = sum(1 for query in captured if "evidence_" in query["sql"])
    return {"total": len(captured), "ledger": ledger}


def verify(organisation: Organisation, count: int) -> dict[str, int]:
    """Untimed, after the sweep: fail loudly unless every due candidate was destroyed whole."""
    keys = SubjectKey.objects.filter(organisation=organisation)
    has_index = models.Q()
    for column in INDEXED:
        has_index |= models.Q(**{f"{column}__isnull": False})
    certificates = Event.objects.filter(
        event_type=CERTIFICATE, organisation_id=str(organisation.id)
    )
    marker = CERTIFICATE_FORMAT.encode()
    found = {
        "keys_destroyed": keys.filter(destroyed_at__isnull=False, wrapped_key="").count(),
        "keys_live": keys.filter(destroyed_at__isnull=True).count(),
        "blind_indexes_left": Candidate.objects.filter(organisation=organisation)
        .filter(has_index)
        .count(),
        "certificates": sum(
            1
            for entry in certificates.values_list("entry", flat=True).iterator(chunk_size=5000)
            if marker in bytes(entry)
        ),
        "certified_subjects": certificates.values("subject").distinct().count(),
        "other_keys_destroyed": SubjectKey.objects.exclude(organisation=organisation)
        .filter(destroyed_at__isnull=False)
        .count(),
    }
    expected = {
        "keys_destroyed": count,
        "keys_live": 0,
        "blind_indexes_left": 0,
        "certificates": count,
        "certified_subjects": count,
        "other_keys_destroyed": 0,
    }
    if found != expected:
        wrong = {
            name: (found[name], expected[name]) for name in found if found[name] != expected[name]
        }
        raise SystemExit(f"the sweep did not do its job: (found, expected) {wrong}")
    return found


def seed(organisations: dict[str, Organisation], options: Any) -> dict[str, Any]:
    template = template_candidate(organisations["template"])
    registered = timezone.now() - timedelta(days=AGE_DAYS)
    sets = ["due", "bulk"] + ([] if options.skip_per_candidate else ["each"])
    seconds = 0.0
    for label in sets:
        seconds += seed_candidates(
            organisation=organisations[label],
            template=template,
            count=options.candidates,
            created_at=registered,
            label=label,
            batch=options.seed_batch,
        )
        say(f"seeded {options.candidates:,} candidates for {label!r} ({seconds:.0f} s so far)")
    return {"sets": len(sets), "seconds": seconds, "ciphertext_chars": template.ciphertext_chars}


def organisations() -> dict[str, Organisation]:
    names = {
        "template": "模板公司 (Template Co., fictional)",
        "due": "到期公司 (Due Co., fictional)",
        "bulk": "基线一 (Baseline DELETE Co., fictional)",
        "each": "基线二 (Baseline per-candidate Co., fictional)",
    }
    with transaction.atomic():
        return {
            label: accounts.create_organisation(name=name, domain="example.com")
            for label, name in names.items()
        }


def run(options: Any) -> dict[str, Any]:
    count = options.candidates
    result: dict[str, Any] = {"vendor": connection.vendor, "migrate_s": migrate()}
    orgs = organisations()
    say(f"migrated in {result['migrate_s']:.1f} s; seeding {count:,} candidates per set")
    result["seed"] = seed(orgs, options)
    tidy()
    say("baseline: one DELETE per table")
    result["delete_bulk"] = delete_in_one_statement(orgs["bulk"], count)
    if not options.skip_per_candidate:
        say("baseline: two DELETEs per candidate, one transaction each")
        result["delete_each"] = delete_one_by_one(orgs["each"], count)
    tidy()
    today = timezone.localdate()
    result["statements"] = statements_per_destruction(today)
    due_s, due = timed(lambda: list(due_candidates(today=today)))
    if len(due) != count:
        raise SystemExit(f"due_candidates found {len(due):,} due candidates, not {count:,}")
    result["due"] = {"candidates": len(due), "seconds": due_s}
    say(f"sweep_retention over {count:,} due candidates")
    sweep_s, report = timed(lambda: retention.sweep_retention(today=today))
    if (report.due, report.destroyed) != (count, count):
        raise SystemExit(f"sweep_retention: {report} (expected {count:,} due and destroyed)")
    result["sweep"] = {"candidates": count, "seconds": sweep_s}
    say("verifying keys, blind indexes and certificates")
    result["verified"] = verify(orgs["due"], count)
    files_s, _ = timed(retention.delete_orphan_files)
    result["files"] = {"seconds": files_s}
    idle_s, idle = timed(lambda: retention.sweep_retention(today=today))
    if idle.due != 0:
        raise SystemExit(f"a second sweep found {idle.due:,} more due candidates")
    result["idle"] = {"seconds": idle_s}
    connection.close()
    return result
