"""Console pages for screenings: the list, ordering, the invitation, withdrawal, the gate.

Thin: resolve access, call a selector or service, render. Ordering offers exactly the
items of the position's current profile, but the page never decides scope itself: whatever
is posted goes to `order_screening`, whose refusal (an item outside the profile, a
protected ground) is shown in the page while nothing is created.
"""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, InvalidInput, NotFound
from fairscreen.domain import scope
from fairscreen.positions import selectors as positions
from fairscreen.positions.presenters import item_name, refusal_message
from fairscreen.screenings import selectors, services
from fairscreen.screenings.forms import OrderItemsForm, OrderStartForm, WithdrawalForm
from fairscreen.screenings.models import ItemState, ScreeningStatus
from fairscreen.screenings.policy import (
    CHECK_RUNNERS,
    CONSENT_WITHDRAWERS,
    SCREENING_ORDERERS,
    SCREENING_READERS,
)

INVITATION_PATH = "/c/invitation/{token}/"
"""The candidate portal's entry; the token is shown once and stored only as a hash."""

_THIRD_PARTY_PROBLEMS = {
    "item": gettext_lazy("You named someone to ask for “%(item)s” but did not choose that item."),
    "name": gettext_lazy("Required, at most 100 characters."),
    "contact": gettext_lazy("Required, at most 200 characters."),
    "missing": gettext_lazy("Name at least one person or employer to ask for “%(item)s”."),
    "too_many": gettext_lazy("At most 10 former employers and referees in all."),
}


@organisation_page(*SCREENING_READERS)
def screenings(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return render(
        request,
        "screenings/screenings.html",
        page_context(
            access,
            screenings=selectors.screenings_for(access=access),
            can_order=access.has_any(SCREENING_ORDERERS),
        ),
    )


@organisation_page(*SCREENING_ORDERERS)
def order(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """Step one picks the candidate and position (GET); step two the items (POST)."""
    candidates = [
        found for found in selectors.candidates_for(access=access) if not found.destroyed_at
    ]
    open_positions = [found for found in positions.positions_for(access=access) if found.current]
    start = OrderStartForm(
        request.GET if "position" in request.GET else None,
        candidates=[(str(found.id), str(found.full_name)) for found in candidates],
        positions=[(str(found.id), found.title) for found in open_positions],
    )
    if not start.is_valid():
        return render(
            request,
            "screenings/order.html",
            page_context(access, start=start, can_start=bool(candidates and open_positions)),
            status=422 if start.errors else 200,
        )
    position = next(
        found for found in open_positions if str(found.id) == start.cleaned_data["position"]
    )
    candidate = next(
        found for found in candidates if str(found.id) == start.cleaned_data["candidate"]
    )
    if position.current is None:  # open positions have one; kept for type narrowing
        raise Http404
    spec = position.current.spec
    form = OrderItemsForm(
        request.POST if request.method == "POST" else None,
        initial={"items": list(spec.codes())},
        choices=[(code, item_name(code)) for code in spec.codes()],
        third_party_items=[code for code in spec.codes() if _asks_a_third_party(code)],
    )
    if request.method == "POST" and form.is_valid():
        ordered = _order(access, form, candidate_id=candidate.id, position_id=position.id)
        if ordered is not None:
            messages.success(
                request, _("Screening ordered. Issue the invitation when you are ready.")
            )
            return redirect(
                "screenings:screening", org_id=access.organisation.id, screening_id=ordered
            )
    return render(
        request,
        "screenings/order.html",
        page_context(
            access,
            start=start,
            candidate=candidate,
            position=position,
            spec=spec,
            form=form,
            language=get_language() or "zh-hans",
        ),
        status=422 if form.errors else 200,
    )


def _order(
    access: OrganisationAccess, form: OrderItemsForm, *, candidate_id: UUID, position_id: UUID
) -> UUID | None:
    rows = form.third_parties()
    try:
        screening = services.order_screening(
            access=access,
            candidate_id=candidate_id,
            position_id=position_id,
            items=form.cleaned_data["items"],
            third_parties=[
                services.ThirdPartyIn(item=code, name=name, contact=contact)
                for code, name, contact, _prefix in rows
            ],
        )
    except NotFound:
        raise Http404 from None
    except InvalidInput as error:
        if error.code != "validation_error":
            form.add_error(None, refusal_message(error))
            return None
        for field, message in _third_party_errors(error, [row[3] for row in rows]):
            form.add_error(field if field in form.fields else None, message)
        return None
    except FairscreenError as error:
        form.add_error(None, refusal_message(error))
        return None
    return screening.id


def _third_party_errors(error: InvalidInput, prefixes: list[str]) -> list[tuple[str | None, str]]:
    """The service's problems with the third parties, next to the rows they concern."""
    found: list[tuple[str | None, str]] = []
    for key in error.details:
        if key == "third_parties":
            found.append((None, str(_THIRD_PARTY_PROBLEMS["too_many"])))
        elif key.startswith("items."):
            item = item_name(key.removeprefix("items."))
            found.append((None, str(_THIRD_PARTY_PROBLEMS["missing"]) % {"item": item}))
        elif key.startswith("third_parties["):
            number, _dot, attribute = key.removeprefix("third_parties[").partition("].")
            prefix = prefixes[int(number)]
            item = item_name(prefix.rsplit("-", 1)[0])
            problem = str(_THIRD_PARTY_PROBLEMS.get(attribute, error.message)) % {"item": item}
            found.append((f"{prefix}-{attribute}" if attribute != "item" else None, problem))
        else:
            found.append((None, error.message))
    return found


@organisation_page(*SCREENING_READERS)
def screening(request: HttpRequest, access: OrganisationAccess, screening_id: UUID) -> HttpResponse:
    return _screening_page(request, access, screening_id)


@organisation_page(*SCREENING_ORDERERS)
def issue_invitation(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID
) -> HttpResponse:
    """A new single-use link (older ones stop working), shown in this response only.

    A GET (e.g. the language switch returning to this address) goes back to the screening:
    the link is never shown twice.
    """
    if request.method != "POST":
        return redirect(
            "screenings:screening", org_id=access.organisation.id, screening_id=screening_id
        )
    try:
        issued = services.issue_invitation(access=access, screening_id=screening_id)
    except NotFound:
        raise Http404 from None
    except FairscreenError as error:
        messages.error(request, refusal_message(error))
        return redirect(
            "screenings:screening", org_id=access.organisation.id, screening_id=screening_id
        )
    link = request.build_absolute_uri(INVITATION_PATH.format(token=issued.token))
    response = _screening_page(request, access, screening_id, invitation_link=link)
    add_never_cache_headers(response)
    return response


@require_POST
@organisation_page(*CONSENT_WITHDRAWERS)
def record_withdrawal(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID
) -> HttpResponse:
    """The candidate withdrew outside the portal (PIPL Art. 15): every pending check stops."""
    form = WithdrawalForm(request.POST)
    if not form.is_valid():
        return _screening_page(request, access, screening_id, withdrawal_form=form, status=422)
    try:
        services.record_withdrawal_for_candidate(access=access, screening_id=screening_id)
    except NotFound:
        raise Http404 from None
    except FairscreenError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("The withdrawal was recorded; every pending check stopped."))
    return redirect(
        "screenings:screening", org_id=access.organisation.id, screening_id=screening_id
    )


@require_POST
@organisation_page(*CHECK_RUNNERS)
def start_check(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, code: str
) -> HttpResponse:
    """Only through the gate: in both profile versions, consented, not withdrawn."""
    try:
        services.start_check(access=access, screening_id=screening_id, code=code)
    except NotFound:
        raise Http404 from None
    except FairscreenError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("The check “%(item)s” started.") % {"item": item_name(code)})
    return redirect(
        "screenings:screening", org_id=access.organisation.id, screening_id=screening_id
    )


def _screening_page(
    request: HttpRequest,
    access: OrganisationAccess,
    screening_id: UUID,
    *,
    invitation_link: str = "",
    withdrawal_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    try:
        found = selectors.screening(access=access, screening_id=screening_id)
    except NotFound:
        raise Http404 from None
    open_for_consent = found.status == ScreeningStatus.AWAITING_CONSENT
    return render(
        request,
        "screenings/screening.html",
        page_context(
            access,
            screening=found,
            invitation_link=invitation_link,
            withdrawal_form=withdrawal_form or WithdrawalForm(),
            can_invite=access.has_any(SCREENING_ORDERERS) and open_for_consent,
            can_withdraw=access.has_any(CONSENT_WITHDRAWERS)
            and found.status in (ScreeningStatus.AWAITING_CONSENT, ScreeningStatus.ACTIVE),
            can_run=access.has_any(CHECK_RUNNERS),
            consented=ItemState.CONSENTED,
        ),
        status=status,
    )


def _asks_a_third_party(code: str) -> bool:
    return scope.CATALOGUE.has(code) and scope.CATALOGUE.item(code).third_party
