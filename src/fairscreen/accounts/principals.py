"""Who is calling, and what they may do in one organisation.

A `Principal` is a logged-in staff user or an API token. `OrganisationAccess` is the
answer to "may this principal act in this organisation, and with which roles"; it is
computed once per request and handed to services and selectors, which must not re-derive it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from fairscreen.accounts.models import ApiToken, Organisation, User
from fairscreen.accounts.roles import Role


class PrincipalKind(StrEnum):
    USER = "user"
    API_TOKEN = "api_token"  # noqa: S105 - a kind name, not a secret


@dataclass(frozen=True)
class Principal:
    kind: PrincipalKind
    id: UUID
    user: User | None = None
    token: ApiToken | None = None

    @classmethod
    def for_user(cls, user: User) -> Principal:
        return cls(kind=PrincipalKind.USER, id=user.id, user=user)

    @classmethod
    def for_token(cls, token: ApiToken) -> Principal:
        return cls(kind=PrincipalKind.API_TOKEN, id=token.id, token=token)

    @property
    def reference(self) -> str:
        """An opaque reference for logs and evidence: never a name or an email."""
        return f"{self.kind.value}:{self.id}"


@dataclass(frozen=True)
class OrganisationAccess:
    principal: Principal
    organisation: Organisation
    roles: frozenset[Role]

    def has_any(self, roles: frozenset[Role]) -> bool:
        return bool(self.roles & roles)
