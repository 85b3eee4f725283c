"""The notices the candidate received, and the answer to a preliminary notice.

Each notice is shown as it was sent (it is stored so): the outcome and the reasons; for a
preliminary notice also the last day to respond, the assessment the employer wrote, the
copy of the report and the response form — the candidate is heard before anything
negative is final (CONTEXT.md §5; FCRA pre-adverse practice) — and how to object (PIPL
Art. 50). A response after the deadline is still accepted and shown to the deciders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.decisions.models import NoticeKind
from fairscreen.decisions.selectors import NoticeView, notices_for_candidate
from fairscreen.decisions.services import record_candidate_response
from fairscreen.domain.scope import Text
from fairscreen.portal import selectors_candidate
from fairscreen.portal.pages import candidate_page
from fairscreen.portal.views_forms import ResponseForm
from fairscreen.portal.views_report_copy import ReportCopyPage, report_copy_page
from fairscreen.portal.views_status import page_context
from fairscreen.privacy.subjects import Revealed
from fairscreen.screenings.selectors import ScreeningView

OUTCOME_LABELS: Mapping[str, Promise] = {
    "proceed": gettext_lazy("The employer proceeds with your application"),
    "proceed_with_conditions": gettext_lazy(
        "The employer proceeds with your application, with conditions"
    ),
    "do_not_proceed": gettext_lazy("The employer does not intend to proceed"),
}
ASSESSMENT_LABELS: tuple[tuple[str, Promise], ...] = (
    ("nature_and_gravity", gettext_lazy("Nature and gravity")),
    ("time_elapsed", gettext_lazy("Time elapsed")),
    ("relevance_to_duties", gettext_lazy("Relevance to the job's duties")),
    ("candidate_statement", gettext_lazy("Your explanation, as the employer recorded it")),
)


@dataclass(frozen=True)
class NoticeCard:
    id: str
    kind: str
    kind_label: str
    sent_at: datetime
    outcome_label: str
    reasons: str
    conditions: str
    how_to_object: str
    response_deadline: date | None
    deadline_passed: bool
    assessment: tuple[tuple[str, str], ...]
    report: ReportCopyPage | None
    responses: tuple[tuple[Revealed, datetime], ...]
    can_respond: bool


@require_GET
@candidate_page
def notices(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    return _notices_page(request, screening, ResponseForm())


@require_POST
@candidate_page
def respond(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """Record the answer to the preliminary notice; the deciders read it before deciding."""
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return _notices_page(request, screening, form, status=422)
    try:
        record_candidate_response(
            screening_id=screening.id, statement=form.cleaned_data["statement"]
        )
    except (NotFound, Conflict):
        messages.info(request, _("There is no preliminary notice waiting for your response now."))
        return redirect("portal:notices")
    except InvalidInput:
        form.add_error("statement", _("Write your response, at most 8,000 characters."))
        return _notices_page(request, screening, form, status=422)
    messages.success(
        request,
        _("Your response is recorded. The employer must read it before taking a final decision."),
    )
    return redirect("portal:notices")


def _notices_page(
    request: HttpRequest, screening: ScreeningView, form: ResponseForm, *, status: int = 200
) -> HttpResponse:
    reading = get_language() or "zh-hans"
    rows = notices_for_candidate(screening_id=screening.id)
    waiting = selectors_candidate.awaiting_response(screening_id=screening.id)
    latest_preliminary = next(
        (row.id for row in reversed(rows) if row.kind == NoticeKind.PRELIMINARY), None
    )
    cards = [
        _card(row, reading, can_respond=waiting and row.id == latest_preliminary) for row in rows
    ]
    return render(
        request,
        "portal/notices.html",
        page_context(
            screening,
            notices=tuple(reversed(cards)),  # newest first
            form=form,
        ),
        status=status,
    )


def _card(row: NoticeView, reading: str, *, can_respond: bool) -> NoticeCard:
    content: Mapping[str, Any] = row.content or {}
    outcome = str(content.get("outcome") or "")
    assessment = content.get("assessment")
    report = content.get("report")
    today = timezone.localdate()
    return NoticeCard(
        id=str(row.id),
        kind=row.kind,
        kind_label=str(NoticeKind(row.kind).label) if row.kind in NoticeKind.values else row.kind,
        sent_at=row.sent_at,
        outcome_label=str(OUTCOME_LABELS.get(outcome, outcome)),
        reasons=str(content.get("reasons") or ""),
        conditions=str(content.get("conditions") or ""),
        how_to_object=_pick(content.get("how_to_object"), reading),
        response_deadline=row.response_deadline,
        deadline_passed=row.response_deadline is not None and today > row.response_deadline,
        assessment=tuple(
            (str(label), str(assessment.get(key) or ""))
            for key, label in ASSESSMENT_LABELS
            if isinstance(assessment, Mapping) and assessment.get(key)
        ),
        report=report_copy_page(report, language=reading) if isinstance(report, Mapping) else None,
        responses=row.responses,
        can_respond=can_respond,
    )


def _pick(text: object, reading: str) -> str:
    if not isinstance(text, Mapping):
        return ""
    return Text(zh=str(text.get("zh") or ""), en=str(text.get("en") or "")).get(reading)
