"""The feedback deadlines dashboard and a screening's notices.

Whatever the outcome, the candidate hears the result and the reasons within 3 working days
(结果反馈), counted on the official calendar: the dashboard lists each open clock, most
urgent first, with its stage (a reminder goes out on the 2nd working day, HR admins are
told once it is overdue) and the decisions still under way, with whose turn it is. The
notices page shows exactly what the candidate was sent (PIPL Art. 69: it can be proven).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from fairscreen.accounts.local_time import organisation_today
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import NotFound
from fairscreen.decisions import selectors, selectors_pages
from fairscreen.decisions.policy import DECISION_READERS, POLICY_EDITORS
from fairscreen.decisions.views_labels import role_label, stage_label, state_label
from fairscreen.decisions.views_rows import notice_rows
from fairscreen.domain import decisions as domain


@dataclass(frozen=True)
class DeadlineRow:
    view: selectors.DeadlineView
    stage_label: str
    problem: str


@dataclass(frozen=True)
class UnderWayRow:
    view: selectors_pages.OpenDecisionView
    state_label: str
    next_role_label: str
    window_closed: bool


@organisation_page(*DECISION_READERS)
def deadlines(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    today = organisation_today(access.organisation)
    rows = [
        DeadlineRow(
            view=deadline,
            stage_label=stage_label(deadline.stage),
            problem=_calendar_problem(deadline.calendar_problem),
        )
        for deadline in selectors.feedback_deadlines(access=access, today=today)
    ]
    under_way = [
        UnderWayRow(
            view=decision,
            state_label=state_label(decision.state),
            next_role_label=role_label(decision.next_role),
            window_closed=decision.state == domain.DecisionState.PRELIMINARY
            and decision.response_deadline is not None
            and today > decision.response_deadline,
        )
        for decision in selectors_pages.open_decisions(access=access)
    ]
    response = render(
        request,
        "decisions/deadlines.html",
        page_context(
            access,
            deadlines=rows,
            under_way=under_way,
            today=today,
            can_edit_policy=access.has_any(POLICY_EDITORS),
        ),
    )
    add_never_cache_headers(response)
    return response


def _calendar_problem(problem: str) -> str:
    """`calendar_not_available:2027` as the reader reads it: which year to load."""
    if not problem:
        return ""
    year = problem.rpartition(":")[2]
    return _(
        "No working-day calendar for %(year)s: the deadline cannot be counted until an HR admin "
        "loads that year's official schedule."
    ) % {"year": year}


@organisation_page(*DECISION_READERS)
def notices(request: HttpRequest, access: OrganisationAccess, screening_id: UUID) -> HttpResponse:
    try:
        cover = selectors_pages.decision_cover(access=access, screening_id=screening_id)
        found = selectors_pages.notices_for_screening(access=access, screening_id=screening_id)
    except NotFound:
        raise Http404 from None
    response = render(
        request,
        "decisions/notices.html",
        page_context(access, cover=cover, notices=notice_rows(found)),
    )
    add_never_cache_headers(response)
    return response
