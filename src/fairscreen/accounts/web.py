"""How staff pages resolve their organisation: one decorator, the same rules as the API.

Non-members get 404, members without the role 403, and the page renders in the
organisation's time zone (times are stored in UTC).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from fairscreen.accounts.models import User
from fairscreen.accounts.principals import OrganisationAccess, Principal
from fairscreen.accounts.roles import Role
from fairscreen.accounts.selectors import ANY_MEMBER, organisation_access
from fairscreen.core.errors import NotFound, PermissionDenied

P = ParamSpec("P")
OrganisationView = Callable[Concatenate[HttpRequest, OrganisationAccess, P], HttpResponse]


def organisation_page(
    *roles: Role,
) -> Callable[[OrganisationView[P]], Callable[..., HttpResponse]]:
    required = frozenset(roles) or ANY_MEMBER

    def decorate(view: OrganisationView[P]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(
            request: HttpRequest, org_id: UUID, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            user = request.user
            assert isinstance(user, User)  # noqa: S101 - login_required guarantees it
            try:
                access = organisation_access(
                    principal=Principal.for_user(user), organisation_id=org_id, required=required
                )
            except NotFound:
                raise Http404 from None
            except PermissionDenied:
                raise DjangoPermissionDenied from None
            with timezone.override(access.organisation.time_zone):
                return view(request, access, *args, **kwargs)

        wrapper.required_roles = required  # type: ignore[attr-defined]
        return wrapper

    return decorate
