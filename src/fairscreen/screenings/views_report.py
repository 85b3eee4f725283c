"""The employer's report for the hiring team: verified facts only, read for a stated purpose.

The reader first says why they open the report (PIPL Art. 6: a purpose for every use of
personal data); only then does `employer_report` read it, recording who read it, when and
why in the evidence ledger. The report holds only verified, corroborated or corrected
findings of consented items still in the profile, and of their sources none that is
hearsay — unverified remarks never reach the employer (the Beijing Fengtai case).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, NotFound
from fairscreen.domain.rating import LIGHT_LABELS, SEVERITY_LABELS, Light, Severity
from fairscreen.screenings import selectors
from fairscreen.screenings.forms_findings import ReportPurposeForm
from fairscreen.screenings.policy import REPORT_READERS
from fairscreen.screenings.views_labels import PURPOSE_LABELS, in_language
from fairscreen.screenings.views_rows import DispositionRow, FindingRow, finding_rows


@dataclass(frozen=True)
class ReportItem:
    view: selectors.ItemView
    name: str
    findings: tuple[FindingRow, ...]


@organisation_page(*REPORT_READERS)
def report(request: HttpRequest, access: OrganisationAccess, screening_id: UUID) -> HttpResponse:
    asked = "purpose" in request.GET or "open" in request.GET
    form = ReportPurposeForm(request.GET if asked else None)
    if not form.is_valid():
        return _purpose_page(request, access, screening_id, form)
    purpose = form.cleaned_data["purpose"]
    try:
        found = selectors.employer_report(access=access, screening_id=screening_id, purpose=purpose)
    except NotFound:
        raise Http404 from None
    except FairscreenError:  # a purpose this reader may not give (an auditor: audit only)
        form.add_error("purpose", _("Your role opens reports for an audit only."))
        return _purpose_page(request, access, screening_id, form)
    return _render_report(request, access, found, "screenings/report.html")


@require_POST
@organisation_page(*REPORT_READERS)
def report_export(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID
) -> HttpResponse:
    """One watermarked, printable copy, for a stated reason, within the daily limit."""
    purpose = request.POST.get("purpose", "")
    reason = request.POST.get("reason", "")
    try:
        found = selectors.export_report(
            access=access, screening_id=screening_id, purpose=purpose, reason=reason
        )
    except NotFound:
        raise Http404 from None
    except FairscreenError as refused:
        messages.error(request, _export_refusal(refused))
        return redirect(f"{request.path.removesuffix('export/')}?purpose={purpose}")
    response = _render_report(request, access, found, "screenings/report_export.html")
    response["Content-Disposition"] = f'attachment; filename="report-{screening_id}.html"'
    return response


def _export_refusal(refused: FairscreenError) -> str:
    if refused.code == "export_limit_reached":
        return str(_("You have reached today's limit of report exports."))
    return str(_("Choose why the report must leave the system."))


def _render_report(
    request: HttpRequest, access: OrganisationAccess, found: selectors.ReportView, template: str
) -> HttpResponse:
    rows = with_dispositions(
        finding_rows(found.findings, found.screening.third_parties), found.rating
    )
    items = [
        ReportItem(
            view=item,
            name=in_language(item.name),
            findings=tuple(row for row in rows if row.view.item == item.code),
        )
        for item in found.screening.items
    ]
    viewed_at = timezone.now()
    user = access.principal.user
    purpose_label = PURPOSE_LABELS[found.purpose]
    watermark = (
        f"{user.display_name if user else access.principal.reference} · "
        f"{timezone.localtime(viewed_at):%Y-%m-%d %H:%M} · {purpose_label}"
    )
    response = render(
        request,
        template,
        page_context(
            access,
            report=found,
            items=items,
            purpose_label=purpose_label,
            rating=found.rating,
            light_label=_light_label(found.rating),
            viewed_at=viewed_at,
            watermark=watermark,
            watermark_rows=range(36),
            export_reasons=EXPORT_REASON_LABELS,
        ),
    )
    add_never_cache_headers(response)
    return response


EXPORT_REASON_LABELS = {
    selectors.ExportReason.SIGNED_FILE: gettext_lazy("The signed decision file"),
    selectors.ExportReason.CANDIDATE_REQUEST: gettext_lazy("The candidate asked for a copy"),
    selectors.ExportReason.LEGAL_OBLIGATION: gettext_lazy("A court, arbitrator or regulator asks"),
}


def _light_label(rating: selectors.RatingView | None) -> str:
    return in_language(LIGHT_LABELS[Light(rating.light)]) if rating else ""


def with_dispositions(
    rows: tuple[FindingRow, ...], rating: selectors.RatingView | None
) -> tuple[FindingRow, ...]:
    """Each row with the rule that counted or excluded it, when the report has a rating."""
    if rating is None:
        return rows
    return tuple(replace(row, disposition=_disposition(rating, row)) for row in rows)


def _disposition(rating: selectors.RatingView, row: FindingRow) -> DispositionRow | None:
    found = rating.for_finding(row.view.id)
    if found is None:
        return None
    return DispositionRow(
        counted=found.outcome == "counted",
        severity=in_language(SEVERITY_LABELS[Severity(found.severity)]) if found.severity else "",
        reason=found.reason or "",
        explanation=in_language(found.explanation),
    )


def _purpose_page(
    request: HttpRequest,
    access: OrganisationAccess,
    screening_id: UUID,
    form: ReportPurposeForm,
) -> HttpResponse:
    try:
        cover = selectors.report_cover(access=access, screening_id=screening_id)
    except NotFound:
        raise Http404 from None
    response = render(
        request,
        "screenings/report_purpose.html",
        page_context(access, cover=cover, form=form),
        status=422 if form.errors else 200,
    )
    add_never_cache_headers(response)
    return response
