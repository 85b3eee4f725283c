"""Writes for accounts: one function per use case, keyword-only, one transaction each.

Each appends its evidence event in the same transaction (who changed which roles, which
tokens exist), so an auditor can reconstruct who could see what, and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fairscreen.accounts.models import (
    ApiToken,
    Membership,
    Organisation,
    RoleAssignment,
    User,
)
from fairscreen.accounts.principals import OrganisationAccess, PrincipalKind
from fairscreen.accounts.roles import Role
from fairscreen.core import bearer_tokens
from fairscreen.core.errors import Conflict, InvalidInput, PermissionDenied
from fairscreen.evidence.services import record_event

SYSTEM_ACTOR = "system"

TOKEN_PREFIX = "fs"  # noqa: S105 - public prefix of token strings


class LastHrAdmin(Conflict):
    code = "last_hr_admin"


class TokenAlreadyRevoked(Conflict):
    code = "token_already_revoked"


class EmailTaken(Conflict):
    code = "email_taken"


@dataclass(frozen=True)
class IssuedToken:
    """The stored token and its one-time plaintext; the plaintext is never stored."""

    token: ApiToken
    plaintext: str


@transaction.atomic
def create_organisation(
    *,
    name: str,
    domain: str = "",
    time_zone: str = "Asia/Shanghai",
    locale: str = "zh-hans",
    actor: str = SYSTEM_ACTOR,
) -> Organisation:
    organisation = Organisation(
        name=name.strip(), domain=domain.strip().lower(), time_zone=time_zone, locale=locale
    )
    _full_clean(organisation)
    organisation.save()
    record_event(
        event_type="organisation.created",
        actor=actor,
        subject=f"organisation:{organisation.id}",
        organisation=str(organisation.id),
        payload={"time_zone": time_zone, "locale": locale},
    )
    return organisation


@transaction.atomic
def update_organisation(
    *,
    access: OrganisationAccess,
    name: str | None = None,
    time_zone: str | None = None,
    locale: str | None = None,
) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(id=access.organisation.id)
    changes = {
        "name": name.strip() if name is not None else None,
        "time_zone": time_zone,
        "locale": locale,
    }
    changed = sorted(field for field, value in changes.items() if value is not None)
    for field in changed:
        setattr(organisation, field, changes[field])
    _full_clean(organisation)
    organisation.save()
    record_event(
        event_type="organisation.updated",
        actor=access.principal.reference,
        subject=f"organisation:{organisation.id}",
        organisation=str(organisation.id),
        payload={"fields": changed},
    )
    return organisation


@transaction.atomic
def create_user(
    *,
    email: str,
    display_name: str,
    password: str | None,
    validate: bool = True,
    operator: bool = False,
    actor: str = SYSTEM_ACTOR,
) -> User:
    """A staff account; `password=None` leaves it unusable until one is set.

    `operator=True` makes a platform operator for the Django admin (not an HR role).
    """
    normalised = email.strip().lower()
    if User.objects.filter(email=normalised).exists():
        raise EmailTaken("An account with this email already exists.")
    user = User(
        email=normalised,
        display_name=display_name.strip(),
        is_staff=operator,
        is_superuser=operator,
    )
    if password is not None and validate:
        _validate_password(password, user)
    user.set_password(password)
    _full_clean(user, exclude=["password"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # raced with another creation of the same email
        raise EmailTaken("An account with this email already exists.") from None
    record_event(
        event_type="staff_user.created",
        actor=actor,
        subject=f"user:{user.id}",
        payload={"operator": operator},
    )
    return user


@transaction.atomic
def add_member(
    *,
    organisation: Organisation,
    user: User,
    roles: frozenset[Role],
    actor: str = SYSTEM_ACTOR,
) -> Membership:
    membership, _created = Membership.objects.get_or_create(organisation=organisation, user=user)
    before = _replace_roles(membership, roles)
    _record_roles(actor, membership, before, roles)
    return membership


@transaction.atomic
def set_member_roles(
    *, access: OrganisationAccess, membership: Membership, roles: frozenset[Role]
) -> Membership:
    """Replace a member's roles; the organisation always keeps at least one HR admin.

    Without an HR admin nobody could configure positions, retention or decision chains,
    and nobody could restore the role without operator intervention.
    """
    locked = Membership.objects.select_for_update().get(
        id=membership.id, organisation=access.organisation
    )
    if Role.HR_ADMIN not in roles and _is_last_hr_admin(locked):
        raise LastHrAdmin("The organisation must keep at least one HR admin.")
    before = _replace_roles(locked, roles)
    _record_roles(access.principal.reference, locked, before, roles)
    return locked


@transaction.atomic
def issue_api_token(
    *,
    access: OrganisationAccess,
    name: str,
    roles: frozenset[Role],
    expires_in_days: int | None = None,
) -> IssuedToken:
    """Create an integration token; only people issue tokens, and only within their roles."""
    if access.principal.kind is not PrincipalKind.USER:
        raise PermissionDenied("API tokens cannot issue API tokens; sign in as a person.")
    if not roles:
        raise InvalidInput("A token needs at least one role.", details={"roles": "empty"})
    if not name.strip():
        raise InvalidInput("A token needs a name.", details={"name": "empty"})
    new = bearer_tokens.new_token(TOKEN_PREFIX)
    expires_at = (
        timezone.now() + timedelta(days=expires_in_days) if expires_in_days is not None else None
    )
    token = ApiToken.objects.create(
        organisation=access.organisation,
        name=name.strip(),
        key_id=new.key_id,
        secret_digest=new.secret_digest,
        roles=sorted(role.value for role in roles),
        created_by=access.principal.user,
        expires_at=expires_at,
    )
    record_event(
        event_type="api_token.issued",
        actor=access.principal.reference,
        subject=f"api_token:{token.id}",
        organisation=str(access.organisation.id),
        payload={"roles": token.roles, "expires_in_days": expires_in_days},
    )
    return IssuedToken(token=token, plaintext=new.plaintext)


@transaction.atomic
def revoke_api_token(*, access: OrganisationAccess, token: ApiToken) -> ApiToken:
    locked = ApiToken.objects.select_for_update().get(id=token.id, organisation=access.organisation)
    if locked.revoked_at is not None:
        raise TokenAlreadyRevoked("This token is already revoked.")
    locked.revoked_at = timezone.now()
    locked.revoked_by = access.principal.user
    locked.save(update_fields=["revoked_at", "revoked_by"])
    record_event(
        event_type="api_token.revoked",
        actor=access.principal.reference,
        subject=f"api_token:{locked.id}",
        organisation=str(access.organisation.id),
    )
    return locked


def authenticate_api_token(plaintext: str, *, now: datetime | None = None) -> ApiToken | None:
    """The usable token matching `plaintext`, recording when it was last used.

    Returns None for anything malformed, unknown, revoked or expired: the caller answers
    401 without saying which, so a probe learns nothing.
    """
    parsed = bearer_tokens.parse_token(plaintext, TOKEN_PREFIX)
    if parsed is None:
        return None
    key_id, secret = parsed
    token = ApiToken.objects.select_related("organisation").filter(key_id=key_id).first()
    if token is None or not bearer_tokens.secret_matches(token.secret_digest, secret):
        return None
    moment = now or timezone.now()
    if not token.is_usable(moment):
        return None
    if bearer_tokens.last_use_worth_recording(token.last_used_at, moment):
        ApiToken.objects.filter(id=token.id).update(last_used_at=moment)
        token.last_used_at = moment
    return token


def _replace_roles(membership: Membership, roles: frozenset[Role]) -> list[str]:
    """Set the roles; return the roles held before, for the evidence record."""
    before = sorted(membership.roles.values_list("role", flat=True))
    membership.roles.exclude(role__in=[role.value for role in roles]).delete()
    RoleAssignment.objects.bulk_create(
        RoleAssignment(membership=membership, role=role.value)
        for role in sorted(roles)
        if role.value not in before
    )
    return before


def _record_roles(
    actor: str, membership: Membership, before: list[str], after: frozenset[Role]
) -> None:
    record_event(
        event_type="membership.roles_changed",
        actor=actor,
        subject=f"user:{membership.user_id}",
        organisation=str(membership.organisation_id),
        payload={"before": before, "after": sorted(role.value for role in after)},
    )


def _is_last_hr_admin(membership: Membership) -> bool:
    if not membership.roles.filter(role=Role.HR_ADMIN).exists():
        return False
    others = (
        RoleAssignment.objects.select_for_update()
        .filter(membership__organisation_id=membership.organisation_id, role=Role.HR_ADMIN)
        .exclude(membership=membership)
    )
    return not others.exists()


def _validate_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput(
            "The password is too weak.", details={"password": list(error.messages)}
        ) from None


def _full_clean(instance: Organisation | User, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise InvalidInput(
            "Some fields are invalid.",
            details={field: list(messages) for field, messages in error.message_dict.items()},
        ) from None
