"""The candidate's own report, and disputing a finding of it (PIPL Arts. 45-46).

The page shows what the employer's report shows — the same findings, sources, light,
explanations and rulebook version — plus the findings the candidate disputes, labelled:
while one is re-verified it is out of the employer's report and the rating, but it is
still about the candidate. Each finding has its "dispute this finding" form; the finding's
id travels in the form, and the service accepts only findings of the session's own
screening, so another screening's id is a 404 that changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fairscreen.core.errors import InvalidInput, NotFound
from fairscreen.domain.scope import Text
from fairscreen.portal import selectors_candidate
from fairscreen.portal.models import DisputeOutcome, DisputeState
from fairscreen.portal.pages import candidate_page
from fairscreen.portal.presentation import ITEM_STATE_LABELS
from fairscreen.portal.selectors_candidate import DisputeView
from fairscreen.portal.services import DisputeClosed, open_dispute
from fairscreen.portal.views_forms import DisputeForm
from fairscreen.portal.views_report_copy import FindingCard, light_label, report_copy_page
from fairscreen.portal.views_status import page_context
from fairscreen.screenings.selectors import ScreeningView


@dataclass(frozen=True)
class FindingEntry:
    """A finding with its dispute form (or the open dispute that now handles it)."""

    card: FindingCard
    form: DisputeForm | None
    open_dispute: DisputeView | None


@dataclass(frozen=True)
class ReportSection:
    code: str
    name: str
    state: str
    state_label: object
    entries: tuple[FindingEntry, ...]


@dataclass(frozen=True)
class DisputeRow:
    view: DisputeView
    item_name: str
    state_label: str
    outcome_label: str
    light_before: str
    light_after: str


@require_GET
@candidate_page
def report(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    return _report_page(request, screening)


@require_POST
@candidate_page
def dispute(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """Open a dispute: the finding is frozen (out of the report and the rating) at once."""
    form = DisputeForm(request.POST, request.FILES)
    if not form.is_valid():
        if "finding_id" in form.errors:
            return render(request, "portal/not_found.html", page_context(screening), status=404)
        return _report_page(request, screening, failed=form, status=422)
    try:
        open_dispute(
            screening_id=screening.id,
            finding_id=form.cleaned_data["finding_id"],
            statement=form.cleaned_data["statement"],
            evidence=form.cleaned_data["evidence"],
        )
    except NotFound:
        return render(request, "portal/not_found.html", page_context(screening), status=404)
    except DisputeClosed:
        messages.info(
            request, _("This finding is already disputed; your dispute is being handled.")
        )
        return redirect("portal:report")
    except InvalidInput as error:
        for field, problem in error.details.items():
            form.add_error(field if field in form.fields else None, str(problem))
        return _report_page(request, screening, failed=form, status=422)
    messages.success(
        request,
        _(
            "Your dispute is recorded. The finding is taken out of the employer's report and "
            "the rating until it has been re-verified, and no decision can be made on it "
            "meanwhile."
        ),
    )
    return redirect("portal:report")


def _report_page(
    request: HttpRequest,
    screening: ScreeningView,
    *,
    failed: DisputeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    reading = get_language() or "zh-hans"
    copy = selectors_candidate.candidate_report(screening_id=screening.id)
    page = report_copy_page(copy.document, language=reading, disputed=copy.disputed)
    disputes = selectors_candidate.candidate_disputes(screening_id=screening.id)
    open_by_finding = {str(row.finding_id): row for row in disputes if row.is_open}
    failed_id = str(failed.data.get("finding_id", "")) if failed is not None else ""
    sections = tuple(
        ReportSection(
            code=item.code,
            name=item.name.get(reading),
            state=item.state,
            state_label=ITEM_STATE_LABELS.get(item.state, item.state),
            entries=tuple(
                _entry(card, open_by_finding, failed if card.id == failed_id else None)
                for card in page.for_item(item.code)
            ),
        )
        for item in screening.items
        if item.code in copy.items_in_scope
    )
    return render(
        request,
        "portal/report.html",
        page_context(
            screening,
            rating=page.rating,
            sections=sections,
            disputes=tuple(_dispute_row(row, reading) for row in disputes),
            disputed_count=sum(1 for card in page.findings if card.under_dispute),
        ),
        status=status,
    )


def _entry(
    card: FindingCard, open_by_finding: dict[str, DisputeView], failed: DisputeForm | None
) -> FindingEntry:
    current = open_by_finding.get(card.id)
    if current is not None:
        return FindingEntry(card=card, form=None, open_dispute=current)
    form = failed or DisputeForm(initial={"finding_id": card.id})
    return FindingEntry(card=card, form=form, open_dispute=None)


def _dispute_row(row: DisputeView, reading: str) -> DisputeRow:
    return DisputeRow(
        view=row,
        item_name=row.item_name.get(reading) if isinstance(row.item_name, Text) else row.item,
        state_label=str(DisputeState(row.state).label) if row.state in DisputeState.values else "",
        outcome_label=(
            str(DisputeOutcome(row.outcome).label) if row.outcome in DisputeOutcome.values else ""
        ),
        light_before=light_label(row.light_before, reading) if row.light_before else "",
        light_after=light_label(row.light_after, reading) if row.light_after else "",
    )
