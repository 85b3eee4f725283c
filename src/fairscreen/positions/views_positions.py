"""Console pages for positions and the employer's disclosure (企业信息告知书).

Thin: resolve access, call a selector or service, render. What is written here is what
the candidate reads before being asked to consent (PIPL Art. 17); the disclosure page
says which parts a consent notice still misses.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, NotFound
from fairscreen.positions import selectors, services
from fairscreen.positions.forms import (
    OrganisationDisclosureForm,
    PositionDisclosureForm,
    PositionForm,
)
from fairscreen.positions.policy import PROFILE_EDITORS, PROFILE_READERS
from fairscreen.positions.presenters import add_service_error, item_rows
from fairscreen.positions.views_team import team_context


@organisation_page(*PROFILE_READERS)
def positions(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """The positions; HR admins create them here (POST)."""
    can_edit = access.has_any(PROFILE_EDITORS)
    found_profiles = selectors.profiles_for(access=access)
    form = PositionForm(
        request.POST if request.method == "POST" else None,
        profiles=[(str(found.id), found.name) for found in found_profiles],
    )
    if request.method == "POST":
        if not can_edit:
            raise DjangoPermissionDenied
        if form.is_valid():
            try:
                created = services.create_position(
                    access=access,
                    title=form.cleaned_data["title"],
                    department=form.cleaned_data["department"],
                    profile_id=UUID(form.cleaned_data["profile"]),
                )
            except FairscreenError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Position created. Describe the job for candidates."))
                return redirect(
                    "positions:position", org_id=access.organisation.id, position_id=created.id
                )
    return render(
        request,
        "positions/positions.html",
        page_context(
            access,
            positions=selectors.positions_for(access=access),
            form=form if can_edit and found_profiles else None,
        ),
        status=422 if form.errors else 200,
    )


@organisation_page(*PROFILE_READERS)
def position(request: HttpRequest, access: OrganisationAccess, position_id: UUID) -> HttpResponse:
    """One position and its disclosure, which HR admins edit (team, hours, KPIs...)."""
    try:
        found = selectors.position(access=access, position_id=position_id)
    except NotFound:
        raise Http404 from None
    can_edit = access.has_any(PROFILE_EDITORS)
    form = PositionDisclosureForm(
        request.POST if request.method == "POST" else None, initial=found.disclosure
    )
    if request.method == "POST":
        if not can_edit:
            raise DjangoPermissionDenied
        if form.is_valid():
            try:
                services.update_position_disclosure(
                    access=access, position_id=found.id, disclosure=form.cleaned_data
                )
            except FairscreenError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The job description for candidates was saved."))
                return redirect(
                    "positions:position", org_id=access.organisation.id, position_id=found.id
                )
    return render(
        request,
        "positions/position.html",
        page_context(
            access,
            position=found,
            rows=item_rows(found.current.spec) if found.current else [],
            form=form,
            can_edit=can_edit,
            **team_context(access, found.id),
        ),
        status=422 if form.errors else 200,
    )


@organisation_page(*PROFILE_READERS)
def disclosure(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """The employer's disclosure and the processor's identity; shows what a notice misses."""
    current = selectors.organisation_disclosure(access=access)
    can_edit = access.has_any(PROFILE_EDITORS)
    initial: dict[str, object] = {
        **current.texts,
        "retention_months": current.retention_months or None,
    }
    form = OrganisationDisclosureForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST":
        if not can_edit:
            raise DjangoPermissionDenied
        if form.is_valid():
            texts = {
                key: value for key, value in form.cleaned_data.items() if key != "retention_months"
            }
            try:
                services.update_organisation_disclosure(
                    access=access,
                    texts=texts,
                    retention_months=form.cleaned_data["retention_months"],
                )
            except FairscreenError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The disclosure was saved."))
                return redirect("positions:disclosure", org_id=access.organisation.id)
    return render(
        request,
        "positions/disclosure.html",
        page_context(
            access,
            disclosure=current,
            missing=[form.fields[field].label for field in current.missing()],
            form=form,
            can_edit=can_edit,
        ),
        status=422 if form.errors else 200,
    )
