"""Bulk import of a provider's results from CSV or JSON, all or nothing, with a report.

Providers often deliver results as a file. The whole file is validated first — every row
against the screening (of this organisation, running, consented), the item's schema and the
source rules — and only a file without a single bad row is recorded, in one transaction.
Otherwise nothing changes, and the report lists each bad row by number and field name;
never a value, since the values are personal data and reports get pasted into tickets. A
name is given only if it is a known column or one of the item's fields: any other key is
the file's own and may be personal data too, so it is reported as `(unknown field)`.

Rows carry an `external_ref`: importing the same file twice records each finding once.

CSV columns: `screening`, `item`, `external_ref`, `category`, `source_kind`,
`source_authority`, `source_origin`, `source_reference`, `source_retrieved_at` (ISO 8601
with a time zone), optional `source_statement`, and one `detail.<field>` column per detail
(e.g. `detail.case_number`). JSON: `{"findings": [{"screening", "item", "external_ref",
"category", "details": {...}, "source": {"kind", "authority", "origin", "reference",
"retrieved_at", "statement"?}}]}`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import transaction

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import FairscreenError, InvalidInput
from fairscreen.domain import findings as domain
from fairscreen.evidence.services import record_event
from fairscreen.screenings.connectors import ReportedFinding, SourceIn
from fairscreen.screenings.models import Screening, ScreeningItem
from fairscreen.screenings.policy import FINDING_RECORDERS, require
from fairscreen.screenings.services._finding_gate import (
    recording_item,
    team_screening,
)
from fairscreen.screenings.services._finding_store import (
    UNKNOWN_FIELD,
    InvalidFindingInput,
    named_field,
    parsed_details,
    store_reported_finding,
)
from fairscreen.screenings.services._rating import rate_screening

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
_SOURCE_COLUMNS = ("kind", "authority", "origin", "reference", "retrieved_at", "statement")


@dataclass(frozen=True, slots=True)
class ImportProblem:
    row: int  # 1-based: the CSV line after the header, or the JSON array position + 1
    field: str
    message: str
    message_zh: str = ""  # the Chinese text, where the problem comes from a finding schema


@dataclass(frozen=True, slots=True)
class ImportReport:
    rows: int
    recorded: int
    duplicates: int
    problems: tuple[ImportProblem, ...]

    @property
    def accepted(self) -> bool:
        return not self.problems


class ImportRejected(InvalidInput):
    """The file had bad rows; nothing was recorded. `report` lists them."""

    code = "import_rejected"

    def __init__(self, report: ImportReport) -> None:
        super().__init__(
            "The file has invalid rows; nothing was recorded.",
            details={"problems": [vars_of(problem) for problem in report.problems]},
        )
        self.report = report


def vars_of(problem: ImportProblem) -> dict[str, object]:
    return {"row": problem.row, "field": problem.field, "message": problem.message}


@dataclass(frozen=True, slots=True)
class _Row:
    number: int
    screening: str
    item: str
    reported: ReportedFinding | None
    problems: tuple[ImportProblem, ...]


@transaction.atomic
def import_findings(
    *, access: OrganisationAccess, content: bytes, file_format: str, dry_run: bool = False
) -> ImportReport:
    """Validate every row, then record all of them or none (`ImportRejected`); see above."""
    require(access, FINDING_RECORDERS)
    rows = list(_rows(content, file_format))
    problems = [problem for row in rows for problem in row.problems]
    targets: dict[tuple[str, str], tuple[Screening, ScreeningItem]] = {}
    duplicates = 0
    fresh: list[tuple[_Row, Screening, ScreeningItem]] = []
    seen_refs: set[tuple[str, str, str]] = set()
    for row in rows:
        if row.reported is None:
            continue
        target = _target(access, row, targets, problems)
        if target is None:
            continue
        screening, item = target
        key = (str(screening.id), item.code, row.reported.external_ref)
        if key in seen_refs:
            problems.append(ImportProblem(row.number, "external_ref", "repeated in this file"))
            continue
        seen_refs.add(key)
        if item.findings.filter(external_ref=row.reported.external_ref).exists():
            duplicates += 1
            continue
        try:
            parsed_details(item.code, row.reported, screening=screening)
        except InvalidFindingInput as invalid:
            problems.extend(
                ImportProblem(
                    row.number,
                    _column(item.code, problem.field),
                    problem.message.en,
                    problem.message.zh,
                )
                for problem in invalid.problems
            )
            continue
        fresh.append((row, screening, item))
    report = ImportReport(
        len(rows),
        0 if problems or dry_run else len(fresh),
        duplicates,
        tuple(sorted(problems, key=lambda problem: problem.row)),
    )
    if problems:
        raise ImportRejected(report)
    if not dry_run:
        _record(access, fresh, report)
    return report


def _record(
    access: OrganisationAccess,
    fresh: list[tuple[_Row, Screening, ScreeningItem]],
    report: ImportReport,
) -> None:
    actor = access.principal.reference
    touched: dict[object, Screening] = {}
    for row, screening, item in fresh:
        assert row.reported is not None  # noqa: S101 - filtered above
        store_reported_finding(screening=screening, item=item, reported=row.reported, actor=actor)
        touched[screening.id] = screening
    for screening in touched.values():
        rate_screening(screening, actor=actor, trigger="findings.imported")
    record_event(
        event_type="findings.imported",
        actor=actor,
        organisation=str(access.organisation.id),
        payload={"rows": report.rows, "recorded": report.recorded, "duplicates": report.duplicates},
    )


def _target(
    access: OrganisationAccess,
    row: _Row,
    cache: dict[tuple[str, str], tuple[Screening, ScreeningItem]],
    problems: list[ImportProblem],
) -> tuple[Screening, ScreeningItem] | None:
    key = (row.screening, row.item)
    if key in cache:
        return cache[key]
    try:
        screening = team_screening(access, UUID(row.screening))
        item = recording_item(screening, row.item)
    except ValueError:
        problems.append(ImportProblem(row.number, "screening", "not a screening id"))
        return None
    except FairscreenError as refused:
        field = "screening" if refused.code == "not_found" else "item"
        reason = str(refused.details.get("reason", refused.code))
        problems.append(ImportProblem(row.number, field, f"cannot record: {reason}"))
        return None
    cache[key] = (screening, item)
    return cache[key]


def _rows(content: bytes, file_format: str) -> Iterator[_Row]:
    if len(content) > MAX_IMPORT_BYTES:
        raise InvalidInput("The file is too large.", details={"file": "at most 5 MB"})
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            "The file is not UTF-8 text.", details={"file": "must be UTF-8"}
        ) from None
    if file_format == "csv":
        records = _csv_records(text)
    elif file_format == "json":
        records = _json_records(text)
    else:
        raise InvalidInput("Unknown file format.", details={"format": "csv or json"})
    if len(records) > MAX_IMPORT_ROWS:
        raise InvalidInput("Too many rows.", details={"file": f"at most {MAX_IMPORT_ROWS} rows"})
    if not records:
        raise InvalidInput("The file has no rows.", details={"file": "no findings"})
    for number, record in enumerate(records, start=1):
        yield _row(number, record)


def _csv_records(text: str) -> list[dict[str, object]]:
    reader = csv.DictReader(io.StringIO(text))
    records: list[dict[str, object]] = []
    for line in reader:
        record: dict[str, object] = {"details": {}, "source": {}}
        for column, value in line.items():
            if column is None:
                record["_extra"] = True
            elif column.startswith("detail."):
                record["details"][column.removeprefix("detail.")] = value  # type: ignore[index]
            elif column.startswith("source_"):
                record["source"][column.removeprefix("source_")] = value  # type: ignore[index]
            else:
                record[column] = value
        records.append(record)
    return records


def _json_records(text: str) -> list[dict[str, object]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            "The file is not valid JSON.", details={"file": f"line {error.lineno}"}
        ) from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(findings, list):
        raise InvalidInput('Expected {"findings": [...]}.', details={"file": "no findings array"})
    return [entry if isinstance(entry, dict) else {"_not_object": True} for entry in findings]


_KNOWN = frozenset({"screening", "item", "external_ref", "category", "details", "source"})
_MARKERS = frozenset({"_extra", "_not_object"})  # our own: more values than columns, not {}


def _row(number: int, record: Mapping[str, object]) -> _Row:
    problems = [
        ImportProblem(number, key if key in _MARKERS else UNKNOWN_FIELD, "unknown column")
        for key in record
        if key not in _KNOWN
    ]
    text = {key: record.get(key) for key in ("screening", "item", "external_ref", "category")}
    for key, value in text.items():
        if not isinstance(value, str) or (key != "category" and not value.strip()):
            problems.append(ImportProblem(number, key, "required text"))
    details = record.get("details")
    source = record.get("source")
    if not isinstance(details, dict):
        problems.append(ImportProblem(number, "details", "must be an object"))
    parsed_source = _source(number, source, problems)
    if problems or parsed_source is None or not isinstance(details, dict):
        return _Row(number, str(text["screening"]), str(text["item"]), None, tuple(problems))
    reported = ReportedFinding(
        external_ref=str(text["external_ref"]).strip()[:200],
        category=str(text["category"]).strip(),
        details={str(key): value for key, value in details.items() if isinstance(value, str)},
        source=parsed_source,
    )
    item = str(text["item"]).strip()
    problems.extend(
        ImportProblem(number, _column(item, str(key)), "must be text")
        for key, value in details.items()
        if not isinstance(value, str)
    )
    return _Row(
        number,
        str(text["screening"]).strip(),
        item,
        None if problems else reported,
        tuple(problems),
    )


def _source(number: int, source: object, problems: list[ImportProblem]) -> SourceIn | None:
    if not isinstance(source, dict):
        problems.append(ImportProblem(number, "source", "must be an object"))
        return None
    unknown = [key for key in source if key not in _SOURCE_COLUMNS]
    problems.extend(ImportProblem(number, UNKNOWN_FIELD, "unknown column") for _key in unknown)
    values = {key: source.get(key) for key in _SOURCE_COLUMNS}
    missing = [
        key for key in _SOURCE_COLUMNS[:5] if not isinstance(values[key], str) or not values[key]
    ]
    problems.extend(ImportProblem(number, f"source_{key}", "required text") for key in missing)
    retrieved = _when(str(values["retrieved_at"] or ""))
    if "retrieved_at" not in missing and retrieved is None:
        problems.append(ImportProblem(number, "source_retrieved_at", "ISO 8601 with a time zone"))
    authority = str(values["authority"] or "")
    if authority and authority not in domain.AuthorityLevel.__members__.values():
        problems.append(ImportProblem(number, "source_authority", "unknown authority level"))
    if (
        unknown
        or missing
        or retrieved is None
        or authority not in domain.AuthorityLevel.__members__.values()
    ):
        return None
    statement = values["statement"]
    return SourceIn(
        kind=str(values["kind"]),
        authority=domain.AuthorityLevel(authority),
        origin=str(values["origin"]),
        reference=str(values["reference"]),
        retrieved_at=retrieved,
        statement=statement if isinstance(statement, str) and statement else None,
    )


def _when(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _column(item: str, field: str) -> str:
    """The CSV column a problem belongs to (`source.kind` → `source_kind`, details prefixed);
    `(unknown field)` for a key that is not one of the item's (see the module docstring)."""
    named = named_field(item, field)
    if named == UNKNOWN_FIELD:
        return UNKNOWN_FIELD
    if named.startswith("source."):
        return "source_" + named.removeprefix("source.")
    if named in {"category", "evidence", "item", "external_ref"}:
        return named
    return f"detail.{named}"
