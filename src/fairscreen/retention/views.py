"""The DPO's privacy desk: the access log, what is due for destruction, legal holds, rules.

PIPL Art. 52: the person responsible for personal information protection supervises the
processing. This page shows them who read which report and why, which candidates the next
nightly sweep will destroy and why, and lets them pause a destruction with a recorded
reason (a legal hold) or change how soon after a withdrawal the data goes.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError
from fairscreen.retention import closures, selectors, services
from fairscreen.screenings import selectors as screenings
from fairscreen.screenings.selectors._access_log import ACCESS_LOG_READERS


@organisation_page(*selectors.PRIVACY_DESK)
def desk(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    screening_id = _uuid(request.GET.get("screening", ""))
    return render(
        request,
        "retention/desk.html",
        page_context(
            access,
            log=screenings.access_log(access=access, screening_id=screening_id)
            if access.has_any(ACCESS_LOG_READERS)
            else (),
            filtered=screening_id,
            due=selectors.due_for_destruction(access=access),
            holds=selectors.legal_holds(access=access),
            policy=selectors.retention_policy(access=access),
            candidates=screenings.candidates_for(access=access)
            if access.has_any(services.HOLD_KEEPERS)
            else [],
            can_hold=access.has_any(services.HOLD_KEEPERS),
            grace_days=closures.UNFINISHED_CHECKS_GRACE.days,
        ),
    )


@require_POST
@organisation_page(*services.HOLD_KEEPERS)
def place_hold(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    candidate_id = _uuid(request.POST.get("candidate", ""))
    try:
        if candidate_id is None:
            raise FairscreenError("Choose a candidate.")
        services.place_legal_hold(
            access=access, candidate_id=candidate_id, reason=request.POST.get("reason", "")
        )
        messages.success(
            request,
            _("The hold is in place: nothing of this candidate is destroyed until it is released."),
        )
    except services.CandidateAlreadyDestroyed:
        messages.error(
            request, _("This candidate's data was already destroyed: there is nothing to hold.")
        )
    except services.HoldAlreadyPlaced:
        messages.error(request, _("This candidate's data is already on hold."))
    except FairscreenError:
        messages.error(request, _("Choose a candidate and give the reason for the hold."))
    return redirect("retention:desk", org_id=access.organisation.id)


@require_POST
@organisation_page(*services.HOLD_KEEPERS)
def release_hold(request: HttpRequest, access: OrganisationAccess, hold_id: UUID) -> HttpResponse:
    try:
        services.release_legal_hold(access=access, hold_id=hold_id)
        messages.success(request, _("The hold is released; the next sweep destroys what is due."))
    except FairscreenError:
        messages.error(request, _("This hold could not be released."))
    return redirect("retention:desk", org_id=access.organisation.id)


@require_POST
@organisation_page(*services.HOLD_KEEPERS)
def save_rules(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    try:
        services.configure_retention(
            access=access,
            days_after_withdrawal=int(request.POST.get("days_after_withdrawal", "-1")),
            days_after_no_consent=int(request.POST.get("days_after_no_consent", "-1")),
        )
        messages.success(request, _("The retention rules are saved."))
    except (FairscreenError, ValueError):
        messages.error(request, _("Each period is a whole number of days from 0 to 90."))
    return redirect("retention:desk", org_id=access.organisation.id)


def _uuid(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None
