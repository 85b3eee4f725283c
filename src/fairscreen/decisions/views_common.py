"""What every post on the decision page shares: posts only, one service call, and on a
refusal the page again with the form as it was sent and the reason next to it.

A refusal changes nothing (the service runs in one transaction and raises before writing),
so the page is simply rendered again — 422 for input to correct (a missing reason, a wrong
password), 409 for a state that forbids the move (the response window is open, a dispute
is open), 403 when the step belongs to someone else — never a silent redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import FairscreenError, InvalidInput, NotFound
from fairscreen.decisions.services import ReauthenticationFailed
from fairscreen.decisions.views_labels import field_problem, refusal
from fairscreen.decisions.views_page import decision_page

_FIELD_OF_CODE = {
    "deviation_reason_required": "deviation_reason",
    "outcome_required": "outcome",
    "reauthentication_failed": "password",
}
"""Refusal codes that are about one field of the form, shown next to it."""


def posted_to_the_decision(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Posts only; a GET (e.g. the language switch after a refusal) goes back to the page."""

    @wraps(view)
    def wrapper(
        request: HttpRequest,
        access: OrganisationAccess,
        screening_id: UUID,
        *args: object,
        **kwargs: object,
    ) -> HttpResponse:
        if request.method != "POST":
            return back_to_decision(access, screening_id)
        return view(request, access, screening_id, *args, **kwargs)

    return wrapper


def back_to_decision(
    access: OrganisationAccess, screening_id: UUID, anchor: str = ""
) -> HttpResponseRedirect:
    url = reverse(
        "decisions:decision",
        kwargs={"org_id": access.organisation.id, "screening_id": screening_id},
    )
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


def act(
    request: HttpRequest,
    access: OrganisationAccess,
    screening_id: UUID,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    *,
    success: str | Callable[[Any], str],
    anchor: str = "",
) -> HttpResponse:
    """Validate, call the service with the cleaned data, and say what happened (`success`
    may depend on what the service returned, e.g. whether a signature was preliminary)."""
    prefix = form.prefix or ""
    if not form.is_valid():
        return decision_page(request, access, screening_id, bound={prefix: form}, status=422)
    try:
        result = call(form.cleaned_data)
    except NotFound:
        raise Http404 from None
    except FairscreenError as error:
        show_refusal(form, error)
        return decision_page(
            request, access, screening_id, bound={prefix: form}, status=refusal_status(error)
        )
    messages.success(request, success(result) if callable(success) else success)
    return back_to_decision(access, screening_id, anchor)


def show_refusal(form: forms.Form, error: FairscreenError) -> None:
    """The refusal next to the field it is about, or above the form."""
    if isinstance(error, InvalidInput) and error.details:
        for field, problem in error.details.items():
            form.add_error(field if field in form.fields else None, field_problem(problem))
        return
    about = _FIELD_OF_CODE.get(str(error.code), "")
    form.add_error(about if about in form.fields else None, refusal(error))


def refusal_status(error: FairscreenError) -> int:
    if isinstance(error, ReauthenticationFailed):
        return 422  # input to correct, like any other field
    return error.status
