"""Console pages for candidates. Thin: resolve access, call a selector or service, render."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, InvalidInput, NotFound
from fairscreen.privacy.models import DestructionReason
from fairscreen.screenings import selectors, services
from fairscreen.screenings.forms import CandidateForm, DestroyKeysForm
from fairscreen.screenings.policy import CANDIDATE_READERS, CANDIDATE_REGISTRARS, KEY_DESTROYERS


@organisation_page(*CANDIDATE_READERS)
def candidates(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """The list; recruiters and HR admins also register candidates here (POST)."""
    can_register = access.has_any(CANDIDATE_REGISTRARS)
    form = CandidateForm(request.POST or None)
    if request.method == "POST":
        if not can_register:
            raise DjangoPermissionDenied
        if _register(request, access, form):
            return redirect("screenings:candidates", org_id=access.organisation.id)
    return render(
        request,
        "screenings/candidates.html",
        page_context(
            access,
            candidates=selectors.candidates_for(access=access),
            form=form if can_register else None,
            can_destroy_keys=access.has_any(KEY_DESTROYERS),
            destroy_form=DestroyKeysForm(),
        ),
        status=422 if form.errors else 200,
    )


def _register(request: HttpRequest, access: OrganisationAccess, form: CandidateForm) -> bool:
    if not form.is_valid():
        return False
    try:
        services.register_candidate(access=access, **form.cleaned_data)
    except InvalidInput as error:
        for field, problem in error.details.items():
            form.add_error(field if field in form.fields else None, str(problem))
        return False
    except FairscreenError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, _("Candidate registered."))
    return True


@require_POST
@organisation_page(*KEY_DESTROYERS)
def destroy_keys(
    request: HttpRequest, access: OrganisationAccess, candidate_id: UUID
) -> HttpResponse:
    """Crypto-shred one candidate; the destruction certificate goes to the evidence ledger."""
    form = DestroyKeysForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the reason for destroying the data."))
        return redirect("screenings:candidates", org_id=access.organisation.id)
    try:
        certificate = services.destroy_candidate_keys(
            access=access,
            candidate_id=candidate_id,
            reason=DestructionReason(form.cleaned_data["reason"]),
        )
    except NotFound:
        raise Http404 from None
    except FairscreenError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The candidate's data was destroyed. Destruction certificate: ledger entry #%(n)s.")
            % {"n": certificate.event_sequence},
        )
    return redirect("screenings:candidates", org_id=access.organisation.id)
