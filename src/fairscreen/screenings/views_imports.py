"""Bulk import of a provider's results file: all rows or none, with a report of bad rows.

The service validates the whole file first and records nothing if a single row is bad; the
page then shows every problem by row number and field name — never a value, since values
are personal data and such reports get pasted into tickets.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, InvalidInput
from fairscreen.screenings import services
from fairscreen.screenings.forms_findings import ImportForm
from fairscreen.screenings.policy import FINDING_RECORDERS
from fairscreen.screenings.views_labels import finding_refusal, import_field, import_message

_FILE_REFUSALS: dict[str, StrOrPromise] = {
    "The file is too large.": _("The file is larger than 5 MB."),
    "The file is not UTF-8 text.": _("The file is not UTF-8 text."),
    "The file is not valid JSON.": _("The file is not valid JSON."),
    "Too many rows.": _("The file has more than 5,000 rows."),
    "The file has no rows.": _("The file has no rows."),
    "Unknown file format.": _("Upload a .csv or a .json file."),
}
_NO_FINDINGS_ARRAY = _("The JSON file must hold an object with a list named findings.")


@dataclass(frozen=True)
class ProblemRow:
    row: int
    field: str
    message: str


@organisation_page(*FINDING_RECORDERS)
def import_findings(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report: services.ImportReport | None = None
    problems: list[ProblemRow] = []
    if request.method == "POST" and form.is_valid():
        report, problems = _import(access, form)
    failed = bool(form.errors or problems)
    return render(
        request,
        "screenings/import.html",
        page_context(access, form=form, report=report, problems=problems),
        status=422 if failed else 200,
    )


def _import(
    access: OrganisationAccess, form: ImportForm
) -> tuple[services.ImportReport | None, list[ProblemRow]]:
    upload = form.cleaned_data["file"]
    if (upload.size or 0) > services.MAX_IMPORT_BYTES:
        form.add_error("file", str(_FILE_REFUSALS["The file is too large."]))
        return None, []
    try:
        report = services.import_findings(
            access=access,
            content=upload.read(),
            file_format=form.file_format(),
            dry_run=form.cleaned_data["dry_run"],
        )
    except services.ImportRejected as rejected:
        return None, [
            ProblemRow(problem.row, import_field(problem.field), import_message(problem))
            for problem in rejected.report.problems
        ]
    except InvalidInput as error:
        form.add_error("file", _file_refusal(error))
        return None, []
    except FairscreenError as error:
        form.add_error(None, finding_refusal(error))
        return None, []
    return report, []


def _file_refusal(error: InvalidInput) -> str:
    if error.details.get("file") == "no findings array":
        return str(_NO_FINDINGS_ARRAY)
    known = _FILE_REFUSALS.get(error.message)
    if known is None:
        return error.message
    detail = str(error.details.get("file", ""))
    return f"{known} ({detail})" if detail.startswith("line ") else str(known)
