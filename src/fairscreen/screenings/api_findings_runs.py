"""Findings that arrive from outside: connector runs and a provider's result files.

A run is queued, not performed, by the request (`202`): the connector is called by a worker
after the request commits, outside any transaction, with retries (see
`services._runs`); `GET .../runs` shows its progress and its last error — a code and a
fixed message, never the provider's text.

An import is one multipart upload: the file in the `file` part, `?format=csv|json`
(inferred from a `.csv`/`.json` file name when omitted) and `?dry_run=true` to validate
without recording. The file is recorded whole or not at all: 200 with the report, or 422
`import_rejected` with `details.problems` listing each bad row by number and field name —
never a value. The columns are documented in `services._imports`.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from fairscreen.accounts.auth import access_of, staff
from fairscreen.core.errors import InvalidInput
from fairscreen.screenings import selectors, services
from fairscreen.screenings.api_findings_inputs import RunIn
from fairscreen.screenings.api_findings_schemas import ImportReportOut, RunOut
from fairscreen.screenings.api_screenings import ItemCode
from fairscreen.screenings.policy import FINDING_READERS, FINDING_RECORDERS
from fairscreen.screenings.services import MAX_IMPORT_BYTES

router = Router(tags=["findings"])

ImportFormat = Literal["csv", "json"]
_FORMAT_BY_SUFFIX: dict[str, ImportFormat] = {".csv": "csv", ".json": "json"}


@router.post(
    "/orgs/{org_id}/screenings/{screening_id}/items/{code}/runs",
    response={202: RunOut},
    auth=staff(*FINDING_RECORDERS),
    summary="Queue a connector run for a running check (409 run_in_progress if one is active)",
)
def request_check_run(
    request: HttpRequest, org_id: UUID, screening_id: UUID, code: ItemCode, payload: RunIn
) -> Status[RunOut]:
    access = access_of(request)
    run = services.request_check_run(
        access=access, screening_id=screening_id, code=code, connector_code=payload.connector
    )
    return Status(202, RunOut.of(selectors.check_run(access=access, run_id=run.id)))


@router.get(
    "/orgs/{org_id}/screenings/{screening_id}/items/{code}/runs",
    response=list[RunOut],
    auth=staff(*FINDING_READERS),
    summary="A check's connector runs, newest first: progress, attempts and the last error",
)
def list_check_runs(
    request: HttpRequest, org_id: UUID, screening_id: UUID, code: ItemCode
) -> list[RunOut]:
    views = selectors.check_runs(access=access_of(request), screening_id=screening_id, code=code)
    return [RunOut.of(view) for view in views]


@router.post(
    "/orgs/{org_id}/findings/imports",
    response=ImportReportOut,
    auth=staff(*FINDING_RECORDERS),
    summary="Import a provider's results (multipart `file`; all rows or none, 422 lists rows)",
)
def import_findings(
    request: HttpRequest,
    org_id: UUID,
    file: File[UploadedFile],
    file_format: Annotated[ImportFormat | None, Query(alias="format")] = None,
    dry_run: bool = False,
) -> ImportReportOut:
    chosen = file_format or _format_of(file.name)
    if file.size is not None and file.size > MAX_IMPORT_BYTES:
        raise InvalidInput("The file is too large.", details={"file": "at most 5 MB"})
    report = services.import_findings(
        access=access_of(request), content=file.read(), file_format=chosen, dry_run=dry_run
    )
    return ImportReportOut.of(report, dry_run=dry_run)


def _format_of(file_name: str | None) -> ImportFormat:
    """The format a `.csv` or `.json` file name implies; anything else must say `format`."""
    chosen = _FORMAT_BY_SUFFIX.get(PurePath(file_name or "").suffix.lower())
    if chosen is None:
        raise InvalidInput(
            "Say which format the file is in.",
            details={"format": "csv or json (or name the file *.csv or *.json)"},
        )
    return chosen
