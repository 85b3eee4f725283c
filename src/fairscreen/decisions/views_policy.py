"""The decision policy page for HR admins: the chain, the feedback clock, the calendar.

The chain, the clock's trigger and the response window apply to decisions opened after a
change; a decision under way keeps the chain it was opened with. The working-day calendar
is the official one; until the maintained package has next year (the State Council
publishes it each November), the HR admin loads the notice as text here. A deadline in a
year nobody loaded is refused, never guessed — so the page warns a month ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, InvalidInput
from fairscreen.decisions import selectors_pages, services
from fairscreen.decisions.forms_policy import CalendarForm, PolicyForm
from fairscreen.decisions.policy import POLICY_EDITORS
from fairscreen.decisions.views_labels import (
    STEP_KIND_LABELS,
    field_problem,
    refusal,
    role_label,
    schedule_problem,
)
from fairscreen.decisions.views_rows import StepRow


@dataclass(frozen=True)
class ScheduleProblemRow:
    line: int | None
    message: str


@organisation_page(*POLICY_EDITORS)
def policy(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    current = selectors_pages.decision_policy(access=access)
    form = _policy_form(current, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.configure_decisions(
                access=access,
                chain=form.chain(),
                feedback_trigger=form.cleaned_data["feedback_trigger"],
                response_working_days=form.cleaned_data["response_working_days"],
            )
        except FairscreenError as error:
            _show_policy_refusal(form, error)
        else:
            messages.success(
                request, _("Decision policy saved. Decisions opened from now on follow it.")
            )
            return redirect("decisions:policy", org_id=access.organisation.id)
    return _policy_page(
        request, access, current, policy_form=form, status=422 if form.errors else 200
    )


@organisation_page(*POLICY_EDITORS)
def calendar(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """Replace the organisation's additions to the calendar; a bad text loads nothing.

    A GET (the language switch after a refusal returns here) goes to the policy page.
    """
    if request.method != "POST":
        return redirect("decisions:policy", org_id=access.organisation.id)
    form = CalendarForm(request.POST, prefix="calendar")
    problems: list[ScheduleProblemRow] = []
    if form.is_valid():
        try:
            services.load_calendar_schedule(access=access, text=form.cleaned_data["text"])
        except InvalidInput as error:
            problems = _schedule_problems(form, error)
        else:
            messages.success(request, _("Schedule loaded. Deadlines are counted with it now."))
            return redirect("decisions:policy", org_id=access.organisation.id)
    current = selectors_pages.decision_policy(access=access)
    return _policy_page(request, access, current, calendar_form=form, problems=problems, status=422)


def _policy_page(
    request: HttpRequest,
    access: OrganisationAccess,
    current: selectors_pages.PolicyView,
    *,
    policy_form: forms.Form | None = None,
    calendar_form: forms.Form | None = None,
    problems: list[ScheduleProblemRow] | None = None,
    status: int = 200,
) -> HttpResponse:
    response = render(
        request,
        "decisions/policy.html",
        page_context(
            access,
            current=current,
            steps=_steps(current),
            policy_form=policy_form or _policy_form(current),
            calendar_form=calendar_form
            or CalendarForm(prefix="calendar", initial={"text": current.schedule_text}),
            problems=problems or [],
        ),
        status=status,
    )
    add_never_cache_headers(response)
    return response


def _policy_form(current: selectors_pages.PolicyView, data: Any = None) -> PolicyForm:
    return PolicyForm(
        data,
        prefix="policy",
        initial={
            **PolicyForm.initial_for(current.chain),
            "feedback_trigger": current.feedback_trigger,
            "response_working_days": current.response_working_days,
        },
    )


def _steps(current: selectors_pages.PolicyView) -> tuple[StepRow, ...]:
    return tuple(
        StepRow(
            number=number,
            kind=step["kind"],
            kind_label=str(STEP_KIND_LABELS.get(step["kind"], step["kind"])),
            role=step["role"],
            role_label=role_label(step["role"]),
            status="pending",
            yours=False,
        )
        for number, step in enumerate(current.chain, start=1)
    )


def _show_policy_refusal(form: PolicyForm, error: FairscreenError) -> None:
    """Chain problems name a step (`chain[1].role`); they are shown above the form."""
    if not (isinstance(error, InvalidInput) and error.details):
        form.add_error(None, refusal(error))
        return
    for field, problem in error.details.items():
        if field in form.fields:
            form.add_error(field, field_problem(problem))
        elif field.startswith("chain["):
            number = int(field.removeprefix("chain[").partition("]")[0]) + 1
            form.add_error(
                None,
                _("Step %(number)s: %(problem)s")
                % {"number": number, "problem": field_problem(problem)},
            )
        else:
            form.add_error(None, field_problem(problem))


def _schedule_problems(form: CalendarForm, error: InvalidInput) -> list[ScheduleProblemRow]:
    if "text" in error.details:
        form.add_error("text", _("At most 20,000 characters."))
    return [
        ScheduleProblemRow(
            line=problem.get("line"),
            message=schedule_problem(str(problem.get("code", "")), str(problem.get("message", ""))),
        )
        for problem in error.details.get("problems", ())
    ]
