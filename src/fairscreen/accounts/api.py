"""Accounts API: who am I, my organisation, its members' roles, and integration tokens."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from fairscreen.accounts import selectors, services
from fairscreen.accounts.auth import access_of, principal_of, staff
from fairscreen.accounts.models import ApiToken, Locale, Membership, Organisation
from fairscreen.accounts.principals import PrincipalKind
from fairscreen.accounts.roles import Role, parse_roles

router = Router(tags=["accounts"])


class OrganisationOut(Schema):
    id: UUID
    name: str
    domain: str
    time_zone: str
    locale: str

    @staticmethod
    def of(organisation: Organisation) -> OrganisationOut:
        return OrganisationOut(
            id=organisation.id,
            name=organisation.name,
            domain=organisation.domain,
            time_zone=organisation.time_zone,
            locale=organisation.locale,
        )


class OrganisationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    time_zone: str | None = Field(None, min_length=1, max_length=64)
    locale: Locale | None = None


class MembershipOut(Schema):
    organisation: OrganisationOut
    roles: list[Role]


class MeOut(Schema):
    kind: PrincipalKind
    id: UUID
    display_name: str
    memberships: list[MembershipOut]


class MemberOut(Schema):
    id: UUID
    user_id: UUID
    display_name: str
    email: str
    roles: list[Role]

    @staticmethod
    def of(membership: Membership) -> MemberOut:
        return MemberOut(
            id=membership.id,
            user_id=membership.user.id,
            display_name=membership.user.display_name,
            email=membership.user.email,
            roles=[Role(assignment.role) for assignment in membership.roles.all()],
        )


class RolesIn(Schema):
    roles: list[str] = Field(..., max_length=len(Role))


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    roles: list[str] = Field(..., min_length=1, max_length=len(Role))
    expires_in_days: int | None = Field(None, ge=1, le=3660)


class TokenOut(Schema):
    id: UUID
    name: str
    key_id: str
    roles: list[Role]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @staticmethod
    def of(token: ApiToken) -> TokenOut:
        return TokenOut(
            id=token.id,
            name=token.name,
            key_id=token.key_id,
            roles=sorted(token.role_set()),
            created_at=token.created_at,
            expires_at=token.expires_at,
            last_used_at=token.last_used_at,
            revoked_at=token.revoked_at,
        )


class IssuedTokenOut(TokenOut):
    token: str = Field(..., description="Shown once; store it now. Only a digest is kept.")


@router.get("/me", response=MeOut, auth=staff(), summary="The calling user or token")
def me(request: HttpRequest) -> MeOut:
    principal = principal_of(request)
    if principal.kind is PrincipalKind.USER and principal.user is not None:
        display_name = principal.user.display_name
    else:
        display_name = principal.token.name if principal.token is not None else ""
    return MeOut(
        kind=principal.kind,
        id=principal.id,
        display_name=display_name,
        memberships=[
            MembershipOut(organisation=OrganisationOut.of(organisation), roles=sorted(roles))
            for organisation, roles in selectors.memberships_of(principal=principal)
        ],
    )


@router.get("/orgs/{org_id}", response=OrganisationOut, auth=staff(), summary="An organisation")
def get_organisation(request: HttpRequest, org_id: UUID) -> OrganisationOut:
    return OrganisationOut.of(access_of(request).organisation)


@router.patch(
    "/orgs/{org_id}",
    response=OrganisationOut,
    auth=staff(Role.HR_ADMIN),
    summary="Change the organisation's name, time zone or locale",
)
def patch_organisation(
    request: HttpRequest, org_id: UUID, payload: OrganisationPatch
) -> OrganisationOut:
    organisation = services.update_organisation(
        access=access_of(request),
        name=payload.name,
        time_zone=payload.time_zone,
        locale=payload.locale.value if payload.locale else None,
    )
    return OrganisationOut.of(organisation)


@router.get(
    "/orgs/{org_id}/members",
    response=list[MemberOut],
    auth=staff(Role.HR_ADMIN, Role.DPO, Role.AUDITOR),
    summary="Members and their roles",
)
def list_members(request: HttpRequest, org_id: UUID) -> list[MemberOut]:
    return [MemberOut.of(m) for m in selectors.members_of(access=access_of(request))]


@router.put(
    "/orgs/{org_id}/members/{member_id}/roles",
    response=MemberOut,
    auth=staff(Role.HR_ADMIN),
    summary="Replace a member's roles (the last HR admin cannot be removed: 409)",
)
def put_member_roles(
    request: HttpRequest, org_id: UUID, member_id: UUID, payload: RolesIn
) -> MemberOut:
    access = access_of(request)
    membership = selectors.member(access=access, membership_id=member_id)
    services.set_member_roles(
        access=access, membership=membership, roles=parse_roles(payload.roles)
    )
    return MemberOut.of(selectors.member(access=access, membership_id=member_id))


@router.get(
    "/orgs/{org_id}/tokens",
    response=list[TokenOut],
    auth=staff(Role.HR_ADMIN),
    summary="Integration tokens (never their secrets)",
)
def list_tokens(request: HttpRequest, org_id: UUID) -> list[TokenOut]:
    return [TokenOut.of(t) for t in selectors.api_tokens_of(access=access_of(request))]


@router.post(
    "/orgs/{org_id}/tokens",
    response={201: IssuedTokenOut},
    auth=staff(Role.HR_ADMIN),
    summary="Issue an integration token (its secret is shown once)",
)
def create_token(request: HttpRequest, org_id: UUID, payload: TokenIn) -> Status[IssuedTokenOut]:
    issued = services.issue_api_token(
        access=access_of(request),
        name=payload.name,
        roles=parse_roles(payload.roles),
        expires_in_days=payload.expires_in_days,
    )
    out = TokenOut.of(issued.token)
    return Status(201, IssuedTokenOut(**out.dict(), token=issued.plaintext))


@router.delete(
    "/orgs/{org_id}/tokens/{token_id}",
    response=TokenOut,
    auth=staff(Role.HR_ADMIN),
    summary="Revoke a token (409 if already revoked)",
)
def revoke_token(request: HttpRequest, org_id: UUID, token_id: UUID) -> TokenOut:
    access = access_of(request)
    token = selectors.api_token(access=access, token_id=token_id)
    return TokenOut.of(services.revoke_api_token(access=access, token=token))
