"""Workspace actions on a whole check: start it, run a connector for it, complete it.

Each goes through its service (the consent gate, the connector registry, the recording
gate) and comes back to the workspace at that check, with the service's refusal, if any,
in the reader's language. Nothing is changed by a refused action.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, NotFound
from fairscreen.positions.presenters import item_name, refusal_message
from fairscreen.screenings import selectors, services
from fairscreen.screenings.models import RunState
from fairscreen.screenings.policy import CHECK_RUNNERS, FINDING_READERS, FINDING_RECORDERS
from fairscreen.screenings.views_labels import finding_refusal

RUNS_IN_PROGRESS = frozenset({RunState.QUEUED, RunState.RUNNING, RunState.RETRYING})


def posted_from_the_workspace(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Posts only; a GET goes back to the workspace instead of failing with 405.

    A refused post re-renders the workspace at the post's address, so the language switch
    (which returns to the current address) arrives here with a GET.
    """

    @wraps(view)
    def wrapper(
        request: HttpRequest,
        access: OrganisationAccess,
        screening_id: UUID,
        *args: object,
        **kwargs: object,
    ) -> HttpResponse:
        if request.method != "POST":
            return back_to_workspace(access, screening_id)
        return view(request, access, screening_id, *args, **kwargs)

    return wrapper


def back_to_workspace(
    access: OrganisationAccess, screening_id: UUID, anchor: str = ""
) -> HttpResponseRedirect:
    url = reverse(
        "screenings:workspace",
        kwargs={"org_id": access.organisation.id, "screening_id": screening_id},
    )
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


@organisation_page(*CHECK_RUNNERS)
@posted_from_the_workspace
def start_check(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, code: str
) -> HttpResponse:
    """Only through the consent gate: the refusal says which condition failed."""
    try:
        services.start_check(access=access, screening_id=screening_id, code=code)
    except NotFound:
        raise Http404 from None
    except FairscreenError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("The check “%(item)s” started.") % {"item": item_name(code)})
    return back_to_workspace(access, screening_id, f"item-{code}")


@organisation_page(*FINDING_RECORDERS)
@posted_from_the_workspace
def request_run(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, code: str
) -> HttpResponse:
    """Queue a connector run; it runs on the job queue once this request has committed."""
    connector = request.POST.get("connector", "")[:40]
    try:
        services.request_check_run(
            access=access, screening_id=screening_id, code=code, connector_code=connector
        )
    except NotFound:
        raise Http404 from None
    except FairscreenError as error:
        messages.error(request, _connector_refusal(error))
    else:
        messages.success(
            request,
            _("A run of “%(connector)s” was requested for “%(item)s”; its progress shows below.")
            % {"connector": connector, "item": item_name(code)},
        )
    return back_to_workspace(access, screening_id, f"item-{code}")


@organisation_page(*FINDING_RECORDERS)
@posted_from_the_workspace
def complete_check(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, code: str
) -> HttpResponse:
    """Close the check: its findings stand as recorded and nothing more is added."""
    try:
        services.complete_check(access=access, screening_id=screening_id, code=code)
    except NotFound:
        raise Http404 from None
    except FairscreenError as error:
        messages.error(request, finding_refusal(error))
    else:
        messages.success(
            request, _("The check “%(item)s” is completed.") % {"item": item_name(code)}
        )
    return back_to_workspace(access, screening_id, f"item-{code}")


@organisation_page(*FINDING_READERS)
def item_runs(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, code: str
) -> HttpResponse:
    """The runs table alone, polled while a run is in progress.

    Runs hold no personal data, so polling them reads no finding and adds nothing to the
    access record (the workspace itself records every read of the findings).
    """
    try:
        runs = selectors.check_runs(access=access, screening_id=screening_id, code=code)
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "screenings/_runs.html",
        {
            "organisation": access.organisation,
            "screening_id": screening_id,
            "code": code,
            "runs": runs,
            "in_progress": any(run.state in RUNS_IN_PROGRESS for run in runs),
        },
    )


def _connector_refusal(error: FairscreenError) -> str:
    problem = str(error.details.get("connector", ""))
    if error.code == "validation_error" and problem == "unknown":
        return _("This connector is not available.")
    if error.code == "validation_error" and problem == "not for this item":
        return _("This connector does not run this check.")
    return finding_refusal(error)
