"""API authentication and role checks, run before any request body is parsed.

`staff(*roles)` gives an endpoint its `auth=`: a bearer token or a browser session
(with CSRF for writes). When the path has an `org_id`, the caller must hold one of `roles`
in that organisation: non-members get 404, members without the role 403, anonymous 401.
The roles are kept on the auth objects so a test can check every endpoint automatically.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from fairscreen.accounts.models import User
from fairscreen.accounts.principals import OrganisationAccess, Principal
from fairscreen.accounts.roles import Role
from fairscreen.accounts.selectors import ANY_MEMBER, organisation_access
from fairscreen.accounts.services import authenticate_api_token
from fairscreen.core.errors import NotFound, PermissionDenied

ORGANISATION_PATH_PARAMETER = "org_id"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfFailed(PermissionDenied):
    code = "csrf_failed"


def _authorise(request: HttpRequest, principal: Principal, roles: frozenset[Role]) -> Principal:
    raw_organisation_id = request.resolver_match.kwargs.get(ORGANISATION_PATH_PARAMETER)  # type: ignore[union-attr]
    if raw_organisation_id is not None:
        try:
            organisation_id = UUID(str(raw_organisation_id))
        except ValueError:
            raise NotFound("Not found.") from None
        request.organisation_access = organisation_access(  # type: ignore[attr-defined]
            principal=principal, organisation_id=organisation_id, required=roles
        )
    return principal


class TokenAuth(HttpBearer):
    """`Authorization: Bearer fs_<key id>_<secret>`, scoped to one organisation."""

    def __init__(self, roles: frozenset[Role]) -> None:
        super().__init__()
        self.roles = roles

    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        api_token = authenticate_api_token(token)
        if api_token is None:
            return None
        return _authorise(request, Principal.for_token(api_token), self.roles)


class SessionAuth(AuthBase):
    """A signed-in staff user; writes need the CSRF token (same rule as the web UI)."""

    openapi_type = "apiKey"
    openapi_in = "cookie"
    openapi_name = "sessionid"

    def __init__(self, roles: frozenset[Role]) -> None:
        super().__init__()
        self.roles = roles

    def __call__(self, request: HttpRequest) -> Principal | None:
        user = request.user
        if not isinstance(user, User) or not user.is_active:
            return None
        if request.method not in _SAFE_METHODS and _csrf_rejected(request):
            raise CsrfFailed(
                "CSRF check failed: send the csrftoken cookie's value as the X-CSRFToken header."
            )
        return _authorise(request, Principal.for_user(user), self.roles)


def _csrf_rejected(request: HttpRequest) -> bool:
    return check_csrf(request) is not None


def staff(*roles: Role) -> list[Any]:
    """The `auth=` for a staff endpoint; no roles means any member of the organisation."""
    required = frozenset(roles) or ANY_MEMBER
    return [TokenAuth(required), SessionAuth(required)]


def access_of(request: HttpRequest) -> OrganisationAccess:
    """The access `staff()` established for this request's organisation."""
    access: OrganisationAccess = request.organisation_access  # type: ignore[attr-defined]
    return access


def principal_of(request: HttpRequest) -> Principal:
    principal: Principal = request.auth  # type: ignore[attr-defined]
    return principal
