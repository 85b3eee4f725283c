"""Staff console pages. Thin: resolve access, call a selector or service, render."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fairscreen.accounts import selectors, services
from fairscreen.accounts.forms import EmailAuthenticationForm, TokenForm
from fairscreen.accounts.models import User
from fairscreen.accounts.principals import OrganisationAccess, Principal
from fairscreen.accounts.roles import ROLE_DUTIES, Role
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError
from fairscreen.screenings.policy import CANDIDATE_READERS


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Straight to the dashboard when the user belongs to exactly one organisation."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required guarantees it
    memberships = selectors.memberships_of(principal=Principal.for_user(user))
    if len(memberships) == 1:
        return redirect("accounts:dashboard", org_id=memberships[0][0].id)
    return render(request, "accounts/home.html", {"memberships": memberships})


MEMBER_LIST_ROLES = (Role.HR_ADMIN, Role.DPO, Role.AUDITOR)
TOKEN_ROLES = (Role.HR_ADMIN,)


def page_context(access: OrganisationAccess, **extra: object) -> dict[str, object]:
    """What every organisation page needs: the organisation and which links to offer."""
    return {
        "organisation": access.organisation,
        "can_see_members": access.has_any(frozenset(MEMBER_LIST_ROLES)),
        "can_manage_tokens": access.has_any(frozenset(TOKEN_ROLES)),
        "can_see_candidates": access.has_any(CANDIDATE_READERS),
        **extra,
    }


@organisation_page()
def dashboard(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return render(
        request,
        "accounts/dashboard.html",
        page_context(
            access,
            roles=[(role.label, ROLE_DUTIES[role]) for role in sorted(access.roles)],
            member_count=selectors.members_of(access=access).count(),
        ),
    )


@organisation_page(*MEMBER_LIST_ROLES)
def members(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return render(
        request,
        "accounts/members.html",
        page_context(access, members=selectors.members_of(access=access)),
    )


@organisation_page(*TOKEN_ROLES)
def tokens(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    form = TokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.issue_api_token(
                access=access,
                name=form.cleaned_data["name"],
                roles=frozenset(Role(value) for value in form.cleaned_data["roles"]),
                expires_in_days=form.cleaned_data["expires_in_days"],
            )
        except FairscreenError as error:
            form.add_error(None, error.message)
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        page_context(
            access,
            form=form,
            issued=issued,
            tokens=selectors.api_tokens_of(access=access),
            now=timezone.now(),
        ),
        status=422 if request.method == "POST" and form.errors else 200,
    )


@require_POST
@organisation_page(*TOKEN_ROLES)
def revoke_token(request: HttpRequest, access: OrganisationAccess, token_id: UUID) -> HttpResponse:
    token = selectors.api_token(access=access, token_id=token_id)
    try:
        services.revoke_api_token(access=access, token=token)
    except FairscreenError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Token revoked."))
    return redirect("accounts:tokens", org_id=access.organisation.id)
