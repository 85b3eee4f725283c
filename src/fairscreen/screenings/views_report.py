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

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import NotFound
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
    response = render(
        request,
        "screenings/report.html",
        page_context(
            access,
            report=found,
            items=items,
            purpose_label=PURPOSE_LABELS[purpose],
            rating=found.rating,
            light_label=_light_label(found.rating),
            viewed_at=timezone.now(),
        ),
    )
    add_never_cache_headers(response)
    return response


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
