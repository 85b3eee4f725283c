"""The DPO's console for data-subject requests: the queue with deadlines, and each request.

PIPL Art. 50: requests are accepted and handled, and a refusal gives its reasons; the
deadline is 15 working days on the organisation's calendar, or "to be set" (and flagged)
when the calendar has no data for the year. Only the data protection officer handles
requests (Art. 52). Each action is one service call; a refusal of the action comes back as
a message next to the forms and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, InvalidInput, NotFound
from fairscreen.portal import services
from fairscreen.portal.data_export import (
    DATA_REQUEST_HANDLERS,
    RequestDetail,
    data_request_detail,
    data_request_queue,
)
from fairscreen.portal.models import DataRequestKind, DataRequestState

_REFUSALS = {
    "data_request_closed": _("This request has been answered already."),
    "start_deletion_first": _(
        "Start the deletion first: the candidate is told then, while they can still be written to."
    ),
    "dispute_still_open": _("The dispute for this correction is still being re-verified."),
    "finding_not_disputable": _(
        "This finding is not in the report, so it cannot be disputed: record the outcome of "
        "the correction instead."
    ),
    "data_already_destroyed": _("The candidate's data was already destroyed."),
    "legal_hold_active": _(
        "A legal hold keeps this candidate's data: refuse the deletion, giving the hold as the "
        "reason."
    ),
}


@dataclass(frozen=True)
class Actions:
    """What the DPO may do next with a request (the services check it again)."""

    start: bool
    refer: bool
    fulfil: bool
    refuse: bool
    deletion: bool


def actions_for(detail: RequestDetail) -> Actions:
    summary = detail.summary
    is_open = summary.is_open and summary.kind != DataRequestKind.COPY
    deletion = summary.kind == DataRequestKind.DELETION
    waiting_for_dispute = detail.dispute_state == "open"
    return Actions(
        start=is_open and summary.state == DataRequestState.RECEIVED,
        refer=is_open
        and summary.kind == DataRequestKind.CORRECTION
        and detail.finding is not None
        and detail.dispute_id is None,
        fulfil=is_open
        and not waiting_for_dispute
        and (not deletion or summary.state == DataRequestState.IN_PROGRESS)
        and not (deletion and detail.legal_hold),
        refuse=is_open,
        deletion=deletion,
    )


@organisation_page(*DATA_REQUEST_HANDLERS)
def queue(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    found = data_request_queue(access=access)
    response = render(
        request,
        "portal/dpo_queue.html",
        page_context(access, queue=found, today=timezone.localdate()),
    )
    add_never_cache_headers(response)
    return response


@organisation_page(*DATA_REQUEST_HANDLERS)
def detail(request: HttpRequest, access: OrganisationAccess, request_id: UUID) -> HttpResponse:
    return _detail_page(request, access, request_id)


@organisation_page(*DATA_REQUEST_HANDLERS)
def start(request: HttpRequest, access: OrganisationAccess, request_id: UUID) -> HttpResponse:
    return _act(
        request,
        access,
        request_id,
        lambda: services.start_data_request(access=access, request_id=request_id),
        _("The request is being handled; the candidate was told."),
    )


@organisation_page(*DATA_REQUEST_HANDLERS)
def refer(request: HttpRequest, access: OrganisationAccess, request_id: UUID) -> HttpResponse:
    return _act(
        request,
        access,
        request_id,
        lambda: services.refer_correction_to_dispute(access=access, request_id=request_id),
        _("The finding is disputed: an analyst re-verifies it. Fulfil the request afterwards."),
    )


@organisation_page(*DATA_REQUEST_HANDLERS)
def fulfil(request: HttpRequest, access: OrganisationAccess, request_id: UUID) -> HttpResponse:
    outcome = request.POST.get("outcome", "")
    if request.POST.get("kind") == DataRequestKind.DELETION and not request.POST.get("confirm"):
        errors = {
            "confirm": str(_("Confirm that all of this candidate's data is to be destroyed."))
        }
        return _detail_page(request, access, request_id, errors=errors, status=422)
    return _act(
        request,
        access,
        request_id,
        lambda: services.fulfil_data_request(access=access, request_id=request_id, outcome=outcome),
        _("The request was carried out."),
        field="outcome",
    )


@organisation_page(*DATA_REQUEST_HANDLERS)
def refuse(request: HttpRequest, access: OrganisationAccess, request_id: UUID) -> HttpResponse:
    reasons = request.POST.get("reasons", "")
    return _act(
        request,
        access,
        request_id,
        lambda: services.refuse_data_request(access=access, request_id=request_id, reasons=reasons),
        _("The request was refused; the candidate was given the reasons."),
        field="reasons",
    )


def _act(
    request: HttpRequest,
    access: OrganisationAccess,
    request_id: UUID,
    call: Callable[[], object],
    success: StrOrPromise,
    *,
    field: str = "",
) -> HttpResponse:
    if request.method != "POST":
        return _back(access, request_id)
    try:
        call()
    except NotFound:
        raise Http404 from None
    except InvalidInput:
        problem = str(_("Write it: 1 to 4000 characters."))
        return _detail_page(request, access, request_id, errors={field: problem}, status=422)
    except FairscreenError as refused:
        messages.error(request, str(_REFUSALS.get(refused.code, refused.message)))
    else:
        messages.success(request, success)
    return _back(access, request_id)


def _detail_page(
    request: HttpRequest,
    access: OrganisationAccess,
    request_id: UUID,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    try:
        found = data_request_detail(access=access, request_id=request_id)
    except NotFound:
        raise Http404 from None
    response = render(
        request,
        "portal/dpo_request.html",
        page_context(
            access,
            detail=found,
            actions=actions_for(found),
            errors=errors or {},
            posted=request.POST if errors else {},
            today=timezone.localdate(),
        ),
        status=status,
    )
    add_never_cache_headers(response)
    return response


def _back(access: OrganisationAccess, request_id: UUID) -> HttpResponseRedirect:
    return HttpResponseRedirect(
        reverse(
            "data_requests:request",
            kwargs={"org_id": access.organisation.id, "request_id": request_id},
        )
    )
