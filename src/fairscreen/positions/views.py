"""Console pages for risk profiles, positions and the disclosure. Thin: resolve access, call
a selector or service, render.

A profile is judged by the scope core before it is proposed, so the HR admin sees every
problem at once, in their own language (`ProfileProblem.message`); the service still
refuses anything the page let through. The data protection officer approves a version that
adds a sensitive item only with a written impact assessment (PIPL Arts. 55-56).
"""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, InvalidInput, NotFound
from fairscreen.domain import scope
from fairscreen.positions import selectors, services
from fairscreen.positions.forms import (
    ApproveForm,
    ProfileVersionForm,
    RejectForm,
    TemplateForm,
)
from fairscreen.positions.models import VersionStatus
from fairscreen.positions.policy import PROFILE_APPROVERS, PROFILE_EDITORS, PROFILE_READERS
from fairscreen.positions.presenters import add_service_error, item_rows, refusal_message

_AWAITS_DPO = gettext_lazy(
    "This version adds sensitive items (%(items)s) and awaits the data protection officer."
)


@organisation_page(*PROFILE_READERS)
def profiles(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """The organisation's profiles; HR admins start new ones from a built-in template."""
    can_edit = access.has_any(PROFILE_EDITORS)
    form = TemplateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_edit:
            raise DjangoPermissionDenied
        if form.is_valid():
            try:
                version = services.create_profile_from_template(
                    access=access,
                    template_key=form.cleaned_data["template_key"],
                    name=form.cleaned_data["name"]
                    or scope.template(form.cleaned_data["template_key"]).name.get(_language()),
                )
            except FairscreenError as error:
                add_service_error(form, error)
            else:
                _say_proposed(request, version.status, version.sensitive_added)
                return redirect(
                    "positions:profile",
                    org_id=access.organisation.id,
                    profile_id=version.profile_id,
                )
    return render(
        request,
        "positions/profiles.html",
        page_context(
            access,
            profiles=selectors.profiles_for(access=access),
            templates=scope.TEMPLATES,
            can_edit=can_edit,
            form=form,
            failed_key=form.data.get("template_key") if form.errors else None,
        ),
        status=422 if form.errors else 200,
    )


@organisation_page(*PROFILE_READERS)
def profile(request: HttpRequest, access: OrganisationAccess, profile_id: UUID) -> HttpResponse:
    return _profile_page(request, access, profile_id)


@organisation_page(*PROFILE_EDITORS)
def propose(request: HttpRequest, access: OrganisationAccess, profile_id: UUID) -> HttpResponse:
    """A new version: every problem shown at once; sensitive additions wait for the DPO."""
    found = _profile_or_404(access, profile_id)
    base = found.current or (found.versions[0] if found.versions else None)
    approved = found.current.spec if found.current else None
    form = ProfileVersionForm(
        request.POST if request.method == "POST" else None,
        approved=approved,
        initial=ProfileVersionForm.initial_from(base.spec) if base else None,
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid() and not found.pending:
        problems = _problems_of(form.spec_json())
        if not problems:
            try:
                version = services.propose_profile_version(
                    access=access,
                    profile_id=found.id,
                    spec=scope.ProfileSpec.from_json(form.spec_json()),
                    change_note=form.cleaned_data["change_note"],
                )
            except FairscreenError as error:
                add_service_error(form, error)
            else:
                _say_proposed(request, version.status, version.sensitive_added)
                return redirect(
                    "positions:profile", org_id=access.organisation.id, profile_id=found.id
                )
    return render(
        request,
        "positions/propose.html",
        page_context(access, profile=found, form=form, problems=problems),
        status=422 if problems or form.errors else 200,
    )


@organisation_page(*PROFILE_APPROVERS)
def decide(
    request: HttpRequest, access: OrganisationAccess, profile_id: UUID, version_id: UUID
) -> HttpResponse:
    """The DPO approves (with the impact assessment) or rejects (with a note).

    A GET (e.g. the language switch after a refused form) goes back to the profile.
    """
    if request.method != "POST":
        return redirect("positions:profile", org_id=access.organisation.id, profile_id=profile_id)
    approving = request.POST.get("decision") == "approve"
    form: forms.Form = ApproveForm(request.POST) if approving else RejectForm(request.POST)
    if form.is_valid():
        try:
            if approving:
                services.approve_profile_version(
                    access=access,
                    version_id=version_id,
                    impact_assessment=form.cleaned_data["impact_assessment"],
                )
            else:
                services.reject_profile_version(
                    access=access, version_id=version_id, note=form.cleaned_data["note"]
                )
        except NotFound:
            raise Http404 from None
        except InvalidInput as error:
            add_service_error(form, error)
        except FairscreenError as error:  # decided meanwhile: nothing left to show a form for
            messages.error(request, refusal_message(error))
            return redirect(
                "positions:profile", org_id=access.organisation.id, profile_id=profile_id
            )
        else:
            messages.success(
                request, _("Version approved.") if approving else _("Version rejected.")
            )
            return redirect(
                "positions:profile", org_id=access.organisation.id, profile_id=profile_id
            )
    return _profile_page(request, access, profile_id, decision_form=form, status=422)


def _profile_page(
    request: HttpRequest,
    access: OrganisationAccess,
    profile_id: UUID,
    *,
    decision_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    found = _profile_or_404(access, profile_id)
    can_decide = access.has_any(PROFILE_APPROVERS) and found.pending is not None
    return render(
        request,
        "positions/profile.html",
        page_context(
            access,
            profile=found,
            current_rows=item_rows(found.current.spec) if found.current else [],
            pending_rows=item_rows(found.pending.spec) if found.pending else [],
            can_edit=access.has_any(PROFILE_EDITORS),
            can_decide=can_decide,
            approve_form=decision_form if isinstance(decision_form, ApproveForm) else ApproveForm(),
            reject_form=decision_form if isinstance(decision_form, RejectForm) else RejectForm(),
        ),
        status=status,
    )


def _profile_or_404(access: OrganisationAccess, profile_id: UUID) -> selectors.ProfileView:
    try:
        return selectors.profile(access=access, profile_id=profile_id)
    except NotFound:
        raise Http404 from None


def _problems_of(data: dict[str, object]) -> list[str]:
    """Every problem of the proposed profile, in the reader's language."""
    try:
        problems = scope.profile_problems(scope.ProfileSpec.from_json(data))
    except scope.InvalidProfile as error:
        problems = error.problems
    return [problem.message.get(_language()) for problem in problems]


def _say_proposed(request: HttpRequest, status: str, sensitive_added: list[str]) -> None:
    if status == VersionStatus.PENDING_APPROVAL:
        names = "、".join(
            scope.CATALOGUE.item(code).name.get(_language()) for code in sensitive_added
        )
        messages.warning(request, str(_AWAITS_DPO) % {"items": names})
    else:
        messages.success(request, _("The new version is approved and applies to new screenings."))


def _language() -> str:
    return get_language() or "zh-hans"
