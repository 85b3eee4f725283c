"""The database measurements of `run.py`, run in a child process whose settings name one database.

Imported only after `run.py` has set `DJANGO_SETTINGS_MODULE`, `DATABASE_URL`,
`FAIRSCREEN_VAR_DIR`, `FAIRSCREEN_MEDIA_DIR` and `FAIRSCREEN_KEYRING`; every function
returns plain numbers that the parent prints.

The encrypted side is the application's own code: candidates registered with
`register_candidate` (subject key created and wrapped by the local keyring), listed with
`candidates_for`, a 50-field report whose `EncryptedTextField`s are encrypted by `pre_save`
under the candidate's real data key and read back with `EncryptedValue.reveal()` inside one
`data_key_scope`, files through `store_file` / `read_file`. The plaintext side reads the
same values, from tables of the same shape in the same database, through the same ORM calls.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

import django

django.setup()

from _crypto import FIELDS, FILE_SIZE  # noqa: E402 - bench/vault is on sys.path in the child
from django.core.files.base import ContentFile  # noqa: E402 - needs django.setup()
from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from fairscreen.accounts import services as accounts  # noqa: E402
from fairscreen.accounts.models import Organisation  # noqa: E402
from fairscreen.accounts.principals import (  # noqa: E402
    OrganisationAccess,
    Principal,
    PrincipalKind,
)
from fairscreen.accounts.roles import Role  # noqa: E402
from fairscreen.core.ids import new_id  # noqa: E402
from fairscreen.domain.vault import WrappedKey, decrypt_field  # noqa: E402
from fairscreen.privacy.data_keys import DataKey, data_key_for, data_key_scope  # noqa: E402
from fairscreen.privacy.fields import EncryptedTextField, context_for  # noqa: E402
from fairscreen.privacy.files import encrypted_storage, read_file, store_file  # noqa: E402
from fairscreen.privacy.keyring import get_keyring  # noqa: E402
from fairscreen.privacy.models import SubjectKey  # noqa: E402
from fairscreen.privacy.subjects import PersonalData  # noqa: E402
from fairscreen.screenings.identity import check_character  # noqa: E402
from fairscreen.screenings.models import Candidate  # noqa: E402
from fairscreen.screenings.policy import CANDIDATE_READERS, require  # noqa: E402
from fairscreen.screenings.selectors import CandidateView, candidates_for  # noqa: E402
from fairscreen.screenings.services import register_candidate  # noqa: E402

ENCRYPTED_REPORT = "bench_encrypted_report"
PLAIN_REPORT = "bench_plain_report"
PLAIN_CANDIDATE = "bench_plain_candidate"
REPORT_FIELDS = [f"f{number:02d}" for number in range(1, 51)]
REPORT_MIX = (20, 10, 15, 4, 1)  # how many of each of FIELDS: names ... résumé text = 50
CANDIDATES = 13  # 13 × 4 encrypted columns = 52 values on the candidates page
STEMS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def say(message: str) -> None:
    print(f"  [{connection.vendor}] {message}", flush=True)


def migrate() -> float:
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    return time.perf_counter() - started


def report_values() -> list[str]:
    values: list[str] = []
    for (_label, value), count in zip(FIELDS, REPORT_MIX, strict=True):
        values += [value] * count
    if len(values) != len(REPORT_FIELDS):
        raise SystemExit(f"the report mix gives {len(values)} values, not 50")
    return values


def scratch_models() -> tuple[type[models.Model], type[models.Model], type[models.Model]]:
    """Models made after `migrate`, so no migration knows them; tables via the schema editor.

    The encrypted report is `PersonalData` of subject ``candidate:<candidate_id>``: its 50
    `EncryptedTextField`s use that candidate's data key, exactly like a real model's.
    """

    def common(table: str, **fields: models.Field[Any, Any]) -> dict[str, Any]:
        options = {"app_label": "privacy", "db_table": table}
        if "created_at" in fields:
            options["ordering"] = ["-created_at"]  # as Candidate
        meta = type("Meta", (), options)
        return {
            "__module__": __name__,
            "Meta": meta,
            "id": models.UUIDField(primary_key=True, default=new_id, editable=False),
            "organisation": models.ForeignKey(
                Organisation, on_delete=models.PROTECT, related_name="+"
            ),
            **fields,
        }

    encrypted = type(
        "BenchEncryptedReport",
        (PersonalData, models.Model),
        {
            "subject_kind": "candidate",
            "subject_id_field": "candidate_id",
            **common(
                ENCRYPTED_REPORT,
                candidate_id=models.UUIDField(),
                **{name: EncryptedTextField() for name in REPORT_FIELDS},
            ),
        },
    )
    plain = type(
        "BenchPlainReport",
        (models.Model,),
        common(
            PLAIN_REPORT,
            candidate_id=models.UUIDField(),
            **{name: models.TextField() for name in REPORT_FIELDS},
        ),
    )
    plain_candidate = type(  # the columns of screenings_candidate, in plain text
        "BenchPlainCandidate",
        (models.Model,),
        common(
            PLAIN_CANDIDATE,
            **{name: models.TextField() for name in ("full_name", "id_number", "phone", "email")},
            **{
                f"{name}_index": models.CharField(max_length=64, null=True, db_index=True)
                for name in ("id_number", "phone", "email")
            },
            created_at=models.DateTimeField(),
        ),
    )
    with connection.schema_editor() as editor:
        for model in (encrypted, plain, plain_candidate):
            editor.create_model(model)
    return encrypted, plain, plain_candidate


def fictional_id_number(number: int) -> str:
    """Passes the checksum; region 990000 belongs to no province (as the demo's)."""
    first = f"990000{1985 + number}0{1 + number % 9}1{number % 10}{number:03d}"
    return first + check_character(first)


def register_candidates(organisation: Organisation) -> tuple[OrganisationAccess, list[Candidate]]:
    access = OrganisationAccess(
        principal=Principal(kind=PrincipalKind.USER, id=new_id()),
        organisation=organisation,
        roles=frozenset({Role.RECRUITER}),
    )
    candidates = [
        register_candidate(
            access=access,
            full_name=f"测试候选人{STEMS[number]}",
            id_number=fictional_id_number(number),
            phone=f"138000{number:05d}",
            email=f"candidate{number:02d}@example.com",
        )
        for number in range(CANDIDATES)
    ]
    return access, candidates


def timed_ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def paired(
    encrypted: Callable[[], object], plain: Callable[[], object], iterations: int, warmup: int
) -> dict[str, Any]:
    """Time both paths once per iteration, alternating which goes first; compare in pairs.

    Pairing puts the two halves of each difference a millisecond apart, so a burst of load
    from another process mostly lands in one pair (and in the p95) instead of in the median.
    """
    for _ in range(warmup):
        encrypted()
        plain()
    crypto: list[float] = []
    baseline: list[float] = []
    for number in range(iterations):
        if number % 2:
            crypto.append(timed_ms(encrypted))
            baseline.append(timed_ms(plain))
        else:
            baseline.append(timed_ms(plain))
            crypto.append(timed_ms(encrypted))
    extra = [c - b for c, b in zip(crypto, baseline, strict=True)]
    return {
        "iterations": iterations,
        "encrypted": summary(crypto),
        "plain": summary(baseline),
        "extra": summary(extra),
        "queries": {"encrypted": queries_of(encrypted), "plain": queries_of(plain)},
    }


def summary(spent: list[float]) -> dict[str, float]:
    ordered = sorted(spent)
    return {
        "median_ms": statistics.median(ordered),
        "p95_ms": ordered[math.ceil(0.95 * len(ordered)) - 1],
    }


def median_ms(work: Callable[[], object], iterations: int) -> float:
    work()
    return statistics.median(timed_ms(work) for _ in range(iterations))


def queries_of(work: Callable[[], object]) -> int:
    """Untimed: how many SQL statements `work` runs (the timed runs never capture)."""
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


def report(
    candidate: Candidate, models_: tuple[type[models.Model], ...], iterations: int, warmup: int
) -> dict[str, Any]:
    """One candidate's 50-field report: load + reveal every value, against plain text."""
    encrypted_model, plain_model, _ = models_
    values = report_values()
    fields = dict(zip(REPORT_FIELDS, values, strict=True))
    common = {"organisation_id": candidate.organisation_id, "candidate_id": candidate.id}
    encrypted_row = encrypted_model(**common, **fields)
    encrypted_row.save()  # pre_save encrypts the 50 values under the candidate's data key
    plain_row = plain_model(**common, **fields)
    plain_row.save()
    encrypted_manager = encrypted_model._default_manager
    plain_manager = plain_model._default_manager

    def show_encrypted() -> list[Any]:
        with data_key_scope():  # a fresh scope: the key row is read and unwrapped each time
            row = encrypted_manager.get(pk=encrypted_row.pk)
            return [getattr(row, name).reveal() for name in REPORT_FIELDS]

    def show_plain() -> list[Any]:
        row = plain_manager.get(pk=plain_row.pk)
        return [getattr(row, name) for name in REPORT_FIELDS]

    if show_encrypted() != values or show_plain() != values:
        raise SystemExit("the report did not read back the values it stored")
    result = paired(show_encrypted, show_plain, iterations, warmup)
    stored = encrypted_manager.values_list(*REPORT_FIELDS).get(pk=encrypted_row.pk)
    result["plain_bytes"] = sum(len(value.encode()) for value in values)
    result["stored_bytes"] = sum(len(token) for token in stored)
    result["parts"] = report_parts(encrypted_row, stored, iterations // 2)
    return result


def report_parts(row: models.Model, stored: tuple[str, ...], iterations: int) -> dict[str, float]:
    """Where the extra time goes, each part timed alone (medians; not additive exactly)."""
    subject = row.encryption_subject()  # type: ignore[attr-defined]
    key_row = SubjectKey.objects.get(subject=subject.subject)
    wrapped = WrappedKey.from_text(key_row.wrapped_key)
    keyring = get_keyring()
    key = data_key_for(subject)
    assert isinstance(key, DataKey)  # noqa: S101 - the key was just used; never destroyed here
    contexts = [context_for(row, name) for name in REPORT_FIELDS]
    loaded = type(row)._default_manager.get(pk=row.pk)  # the 50 values, not yet revealed

    def fetch_key() -> None:
        with data_key_scope():
            data_key_for(subject)

    def reveal_all() -> None:
        for name in REPORT_FIELDS:
            getattr(loaded, name).reveal()

    with data_key_scope():
        data_key_for(subject)  # cached for the scope: reveal_all times the reveals alone
        reveal_ms = median_ms(reveal_all, iterations)
    manager = type(row)._default_manager
    return {
        "load_ms": median_ms(lambda: manager.get(pk=row.pk), iterations),
        "key_ms": median_ms(fetch_key, iterations),
        "unwrap_ms": median_ms(
            lambda: keyring.unwrap(wrapped, subject_id=subject.subject), iterations
        ),
        "reveal_ms": reveal_ms,
        "decrypt_ms": median_ms(
            lambda: [
                decrypt_field(token, data_key=key.key, context=context)
                for token, context in zip(stored, contexts, strict=True)
            ],
            iterations,
        ),
    }


def candidate_list(
    access: OrganisationAccess,
    candidates: list[Candidate],
    plain_model: type[models.Model],
    iterations: int,
    warmup: int,
) -> dict[str, Any]:
    """The real `candidates_for` (13 candidates × 4 values) against the same rows in plain."""
    with data_key_scope():
        for candidate in candidates:
            plain_model(
                id=candidate.id,
                organisation_id=candidate.organisation_id,
                full_name=candidate.full_name.reveal(),
                id_number=candidate.id_number.reveal(),
                phone=candidate.phone.reveal(),
                email=candidate.email.reveal(),
                id_number_index=candidate.id_number_index,
                phone_index=candidate.phone_index,
                email_index=candidate.email_index,
                created_at=candidate.created_at,
            ).save()
    manager = plain_model._default_manager

    def plain_list() -> list[CandidateView]:
        require(access, CANDIDATE_READERS)
        rows: list[Any] = list(manager.filter(organisation=access.organisation))
        return [
            CandidateView(
                id=row.id,
                full_name=row.full_name,
                id_number=row.id_number,
                phone=row.phone,
                email=row.email,
                created_at=row.created_at,
            )
            for row in rows
        ]

    def encrypted_list() -> list[CandidateView]:
        return candidates_for(access=access)

    if encrypted_list() != plain_list():
        raise SystemExit("candidates_for and the plain list differ")
    return {"candidates": len(candidates), **paired(encrypted_list, plain_list, iterations, warmup)}


def files(candidate: Candidate, rounds: int) -> dict[str, Any]:
    """`store_file` / `read_file` of 1 MB against the same storage writing and reading plain."""
    content = os.urandom(FILE_SIZE)
    storage = encrypted_storage()
    stored: list[str] = []
    plain_names: list[str] = []

    def store_encrypted() -> None:
        stored.append(store_file(candidate, "resume_file", content))

    def store_plain() -> None:
        name = f"plain/{new_id().hex}.bin"
        plain_names.append(storage.save(name, ContentFile(content)))

    def read_encrypted() -> bytes:
        result = read_file(candidate, "resume_file", stored[0])
        assert isinstance(result, bytes)  # noqa: S101 - this candidate's key is live
        return result

    def read_plain() -> bytes:
        with storage.open(plain_names[0], "rb") as handle:
            data: bytes = handle.read()
        return data

    store_encrypted()
    store_plain()
    if read_encrypted() != content or read_plain() != content:
        raise SystemExit("a stored file did not read back")
    result = {
        "rounds": rounds,
        "store": paired(store_encrypted, store_plain, rounds, warmup=1),
        "read": paired(read_encrypted, read_plain, rounds, warmup=1),
    }
    for name in stored + plain_names:
        storage.delete(name)
    return result


def run(options: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"vendor": connection.vendor, "migrate_s": migrate()}
    scratch = scratch_models()
    organisation = accounts.create_organisation(
        name="基准测试有限公司 (Bench Co., fictional)", domain="example.com"
    )
    say(f"migrated in {result['migrate_s']:.1f} s; registering {CANDIDATES} candidates")
    access, candidates = register_candidates(organisation)
    say(f"timing the 50-field report, {options.iterations:,} times each way")
    result["report"] = report(candidates[0], scratch, options.iterations, options.warmup)
    say(f"timing candidates_for ({CANDIDATES} candidates), {options.iterations:,} times each way")
    result["list"] = candidate_list(
        access, candidates, scratch[2], options.iterations, options.warmup
    )
    say(f"timing store_file and read_file of 1 MB, {options.file_rounds} times each way")
    result["files"] = files(candidates[0], options.file_rounds)
    connection.close()
    return result
