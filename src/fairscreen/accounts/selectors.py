"""Reads for accounts. Tenancy is enforced here: a non-member gets `NotFound`."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Prefetch, QuerySet

from fairscreen.accounts.models import ApiToken, Membership, Organisation, RoleAssignment
from fairscreen.accounts.principals import OrganisationAccess, Principal, PrincipalKind
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import NotFound, PermissionDenied

ANY_MEMBER: frozenset[Role] = frozenset(Role)


def organisation_access(
    *, principal: Principal, organisation_id: UUID, required: frozenset[Role] = ANY_MEMBER
) -> OrganisationAccess:
    """The principal's roles in the organisation, or an error.

    Non-members get `NotFound`, not `PermissionDenied`: the existence of another tenant's
    objects is itself information (CONTEXT.md §8, traceable use). Members lacking every
    required role get `PermissionDenied`.
    """
    organisation, roles = _roles_in(principal, organisation_id)
    if organisation is None or not roles:
        raise NotFound("Not found.")
    if not roles & required:
        raise PermissionDenied(
            "Your roles do not allow this.",
            details={"required_any_of": sorted(role.value for role in required)},
        )
    return OrganisationAccess(principal=principal, organisation=organisation, roles=roles)


def _roles_in(
    principal: Principal, organisation_id: UUID
) -> tuple[Organisation | None, frozenset[Role]]:
    if principal.kind is PrincipalKind.API_TOKEN:
        token = principal.token
        assert token is not None  # noqa: S101 - guaranteed by Principal.for_token
        if token.organisation_id != organisation_id:
            return None, frozenset()
        return token.organisation, token.role_set()
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user_id=principal.id, organisation_id=organisation_id, user__is_active=True)
        .first()
    )
    if membership is None:
        return None, frozenset()
    roles = frozenset(Role(value) for value in membership.roles.values_list("role", flat=True))
    return membership.organisation, roles


def memberships_of(*, principal: Principal) -> list[tuple[Organisation, frozenset[Role]]]:
    """Every organisation the principal may act in, with its roles there."""
    if principal.kind is PrincipalKind.API_TOKEN:
        token = principal.token
        assert token is not None  # noqa: S101
        return [(token.organisation, token.role_set())]
    memberships = (
        Membership.objects.filter(user_id=principal.id)
        .select_related("organisation")
        .prefetch_related("roles")
        .order_by("organisation__name")
    )
    return [
        (membership.organisation, frozenset(Role(a.role) for a in membership.roles.all()))
        for membership in memberships
    ]


def members_of(*, access: OrganisationAccess) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=access.organisation)
        .select_related("user")
        .prefetch_related(Prefetch("roles", queryset=RoleAssignment.objects.order_by("role")))
        .order_by("user__display_name")
    )


def member(*, access: OrganisationAccess, membership_id: UUID) -> Membership:
    found = members_of(access=access).filter(id=membership_id).first()
    if found is None:
        raise NotFound("Not found.")
    return found


def api_tokens_of(*, access: OrganisationAccess) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organisation=access.organisation).order_by("-created_at")


def api_token(*, access: OrganisationAccess, token_id: UUID) -> ApiToken:
    found = api_tokens_of(access=access).filter(id=token_id).first()
    if found is None:
        raise NotFound("Not found.")
    return found
