"""The analyst's dispute queue and dispute page (CONTEXT.md point 7, PIPL Art. 46).

A candidate's objection freezes decisions on their report until an analyst re-verifies
the finding and records the outcome with reasons, within the deadline the candidate was
given. The queue puts open disputes first, the most urgent on top, so none runs out of
time unseen; the page shows the objection, the candidate's evidence (streamed after the
role check: stored files have no URL), the finding with every source, and — for
analysts, while it is open — the resolution form (`views_dispute_resolve`). The data
protection officer reads both pages; only analysts resolve.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import NotFound
from fairscreen.domain import findings as domain
from fairscreen.domain.rating import LIGHT_LABELS, Light
from fairscreen.portal.models import DisputeOutcome, DisputeState
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings import selectors
from fairscreen.screenings.policy import FINDING_READERS, FINDING_RECORDERS
from fairscreen.screenings.views_dispute_forms import ResolutionForms
from fairscreen.screenings.views_labels import in_language
from fairscreen.screenings.views_report import with_dispositions
from fairscreen.screenings.views_rows import DetailRow, FindingRow, finding_rows

_EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "text/plain": ".txt",
    "application/json": ".json",
}


@dataclass(frozen=True)
class QueueRow:
    """A queue line with its labels in the reader's language."""

    dispute: selectors.DisputeSummary
    item_name: str
    category: str
    state_label: str


@organisation_page(*FINDING_READERS)
def dispute_queue(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    disputes = selectors.disputes_for(access=access, today=timezone.localdate())
    rows = [
        QueueRow(
            dispute=row,
            item_name=in_language(row.item_name),
            category=category_name(row.category),
            state_label=state_label(row.state, row.outcome),
        )
        for row in disputes
    ]
    response = render(
        request,
        "screenings/disputes.html",
        page_context(
            access,
            rows=rows,
            open_count=sum(1 for row in disputes if row.is_open),
            overdue_count=sum(1 for row in disputes if row.overdue),
        ),
    )
    add_never_cache_headers(response)
    return response


@organisation_page(*FINDING_READERS)
def dispute_page(
    request: HttpRequest, access: OrganisationAccess, dispute_id: UUID
) -> HttpResponse:
    return render_dispute(request, access, dispute_id)


def render_dispute(
    request: HttpRequest,
    access: OrganisationAccess,
    dispute_id: UUID,
    *,
    bound: ResolutionForms | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page; `bound` holds refused resolution forms, shown as they were posted."""
    try:
        found = selectors.dispute(access=access, dispute_id=dispute_id, today=timezone.localdate())
        screening = selectors.screening(access=access, screening_id=found.summary.screening_id)
    except NotFound:
        raise Http404 from None
    summary = found.summary
    can_resolve = summary.is_open and access.has_any(FINDING_RECORDERS)
    response = render(
        request,
        "screenings/dispute.html",
        page_context(
            access,
            dispute=found,
            summary=summary,
            screening=screening,
            row=_finding_row(found, screening),
            item_name=in_language(summary.item_name),
            state_label=state_label(summary.state, summary.outcome),
            light_before=light_name(found.light_before),
            light_after=light_name(found.light_after),
            category_before=category_name(found.category_before) if found.category_before else "",
            details_before=tuple(
                DetailRow(
                    label=in_language(detail.label),
                    value=in_language(detail.choice_label) if detail.choice_label else detail.value,
                )
                for detail in found.details_before
            ),
            can_resolve=can_resolve,
            forms=(bound or _fresh_forms(found)) if can_resolve else None,
        ),
        status=status,
    )
    add_never_cache_headers(response)
    return response


@organisation_page(*FINDING_READERS)
def finding_dispute(
    request: HttpRequest, access: OrganisationAccess, finding_id: UUID
) -> HttpResponseRedirect:
    """From a disputed finding in the workspace to its dispute (the open one, else the last)."""
    try:
        dispute_id = selectors.dispute_of_finding(access=access, finding_id=finding_id)
    except NotFound:
        raise Http404 from None
    return HttpResponseRedirect(dispute_url(access, dispute_id))


@organisation_page(*FINDING_READERS)
def dispute_evidence(
    request: HttpRequest, access: OrganisationAccess, dispute_id: UUID
) -> HttpResponse:
    """The candidate's evidence, decrypted for this download only, never cached."""
    try:
        evidence = selectors.dispute_evidence(access=access, dispute_id=dispute_id)
    except NotFound:
        raise Http404 from None
    if isinstance(evidence.content, Destroyed):
        return HttpResponse(
            str(evidence.content), status=410, content_type="text/plain; charset=utf-8"
        )
    media_type = evidence.media_type or "application/octet-stream"
    name = f"dispute-evidence-{dispute_id}{_EXTENSIONS.get(media_type, '')}"
    response = HttpResponse(evidence.content, content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


def dispute_url(access: OrganisationAccess, dispute_id: UUID) -> str:
    return reverse(
        "screenings:dispute", kwargs={"org_id": access.organisation.id, "dispute_id": dispute_id}
    )


def state_label(state: str, outcome: str) -> str:
    """Open, or how it ended (upheld, corrected, removed)."""
    if state == DisputeState.OPEN:
        return _("Open: being re-verified")
    labels = {
        DisputeOutcome.UPHELD: _("Upheld"),
        DisputeOutcome.CORRECTED: _("Corrected"),
        DisputeOutcome.REMOVED: _("Removed"),
    }
    if outcome not in DisputeOutcome.values:
        return outcome
    return labels[DisputeOutcome(outcome)]


def light_name(light: str) -> str:
    """绿灯/蓝灯/黄灯/红灯 in the reader's language; a dash when there was no rating."""
    return in_language(LIGHT_LABELS[Light(light)]) if light in Light.__members__.values() else "—"


def category_name(category: Revealed) -> str:
    """The category's plain name, never its code (a destroyed one says when it went)."""
    if isinstance(category, Destroyed):
        return str(category)
    return in_language(domain.category_label(category))


def _finding_row(found: selectors.DisputeView, screening: selectors.ScreeningView) -> FindingRow:
    """The workspace's row of the finding, named by the category's plain name."""
    rows = finding_rows((found.finding,), screening.third_parties)
    row = with_dispositions(rows, found.rating)[0]
    return replace(row, category=category_name(found.finding.category))


def _fresh_forms(found: selectors.DisputeView) -> ResolutionForms:
    finding = found.finding
    category = finding.category if isinstance(finding.category, str) else ""
    return ResolutionForms.fresh(
        item=finding.item,
        category=category,
        details={detail.name: detail.value for detail in finding.details},
    )
