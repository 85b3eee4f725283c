"""The candidate's "My data" pages: the copy, the evidence files, correction and deletion.

PIPL Art. 45 (a copy, machine-readable and readable), 46 (correction), 47 (deletion), 50
(requests are accepted and answered, refusals with reasons). Thin: the session names the
screening (never the address), a service or a read-that-records does the work, every write
is a POST followed by a redirect. A file is served as a download only, never rendered in
the page: its content came from elsewhere and is not trusted as HTML.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.portal.data_export import (
    ExportContext,
    candidate_requests,
    evidence_files,
    provide_data_copy,
    provide_evidence_file,
    readable_copy,
)
from fairscreen.portal.models import DataRequestKind
from fairscreen.portal.pages import candidate_page
from fairscreen.portal.services import submit_data_request
from fairscreen.portal.services._requests import MAX_TEXT
from fairscreen.portal.views_status import page_context
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import Finding, Screening
from fairscreen.screenings.selectors import ScreeningView

ASKABLE = (DataRequestKind.CORRECTION, DataRequestKind.DELETION)


@require_GET
@candidate_page
def my_data(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    return _my_data_page(request, screening)


@require_GET
@candidate_page
def copy_json(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """The machine-readable copy (docs/data-copy.md), as a file to keep or transfer."""
    _request, copy = provide_data_copy(screening_id=screening.id, copy_format="json")
    response = HttpResponse(copy.to_json(), content_type="application/json; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="my-data-{day}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@candidate_page
def copy_page(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """The same copy as a page to read, in the portal's language."""
    _request, copy = provide_data_copy(screening_id=screening.id, copy_format="html")
    language = get_language() or "zh-hans"
    return render(
        request,
        "portal/data_copy.html",
        page_context(
            screening,
            copy=copy.document,
            destroyed=copy.destroyed,
            readable=readable_copy(copy.document, language=language),
        ),
    )


@require_GET
@candidate_page
def evidence_file(request: HttpRequest, screening: ScreeningView, file_id: UUID) -> HttpResponse:
    """One evidence file, decrypted, as an attachment (never shown inline)."""
    try:
        download = provide_evidence_file(screening_id=screening.id, file_id=file_id)
    except NotFound:
        return render(request, "portal/not_found.html", page_context(screening), status=404)
    if isinstance(download.content, Destroyed):
        messages.info(request, str(download.content))
        return redirect("portal:data")
    response = HttpResponse(download.content, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_POST
@candidate_page
def ask(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """A correction or deletion request with the candidate's words; answered by the DPO."""
    kind = request.POST.get("kind", "")
    if kind not in ASKABLE:
        return _my_data_page(request, screening, errors={"kind": _("Choose a request.")})
    try:
        submit_data_request(
            screening_id=screening.id,
            kind=kind,
            text=request.POST.get("text", ""),
            finding_id=_finding_id(request.POST.get("finding", "")),
        )
    except InvalidInput:
        problem = _("Describe what is wrong and what it should say (at most %(limit)s characters).")
        return _my_data_page(
            request, screening, errors={kind: problem % {"limit": MAX_TEXT}}, kind=kind
        )
    except NotFound:
        return render(request, "portal/not_found.html", page_context(screening), status=404)
    except Conflict as refused:
        messages.info(request, _conflict_message(refused.code))
        return redirect("portal:data")
    messages.success(request, _("Your request was received. You will be told the outcome."))
    return redirect("portal:data")


def _my_data_page(
    request: HttpRequest,
    screening: ScreeningView,
    *,
    errors: dict[str, str] | None = None,
    kind: str = "",
) -> HttpResponse:
    context = ExportContext(
        organisation_id=_organisation_id(screening), candidate_id=screening.candidate_id
    )
    return render(
        request,
        "portal/data_home.html",
        page_context(
            screening,
            files=evidence_files(context),
            findings=_findings(screening),
            requests=candidate_requests(candidate_id=screening.candidate_id),
            errors=errors or {},
            kind=kind,
            text=request.POST.get("text", "") if errors else "",
            limit=MAX_TEXT,
        ),
        status=422 if errors else 200,
    )


def _findings(screening: ScreeningView) -> list[dict[str, str]]:
    """The candidate's findings to choose from when asking for a correction."""
    rows = Finding.objects.filter(candidate_id=screening.candidate_id).select_related("item")
    with data_key_scope():
        return [
            {"id": str(row.id), "item": row.item.code, "category": str(row.category.reveal())}
            for row in rows
        ]


def _organisation_id(screening: ScreeningView) -> UUID:
    return Screening.objects.values_list("organisation_id", flat=True).get(id=screening.id)


def _finding_id(value: str) -> UUID | None:
    """The finding the correction is about, if the candidate chose one."""
    try:
        return UUID(value) if value else None
    except ValueError:
        raise NotFound("Not found.") from None


def _conflict_message(code: str) -> str:
    return {
        "deletion_already_requested": _("Your deletion request is already being handled."),
        "data_already_destroyed": _("Your data was already destroyed."),
    }.get(code, _("This request cannot be made now."))
