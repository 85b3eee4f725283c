"""How values enter the copy: decrypted, dated, and with people other than the candidate
reduced to their role.

PIPL Art. 45 gives the candidate a copy of *their* data; the names, e-mails and ids of the
staff who handled it are the staff's personal data, not the candidate's. So an actor
reference (``user:<uuid>``) becomes ``{"kind": "staff", "roles": ["analyst"]}``: the
roles the person holds in the organisation that could have done the act, never who.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

from fairscreen.accounts.models import ApiToken, Membership
from fairscreen.accounts.roles import Role
from fairscreen.privacy.fields import EncryptedValue
from fairscreen.privacy.subjects import Destroyed

__all__ = ["ExportContext", "Record", "iso"]

Record = dict[str, Any]
_ROLE_ORDER = {role.value: number for number, role in enumerate(Role)}


def iso(value: date | datetime | None) -> str | None:
    """Dates and times as ISO 8601 (times in UTC, as stored)."""
    return None if value is None else value.isoformat()


@dataclass
class ExportContext:
    """What every serializer needs: whose copy it is, and the caches of one export."""

    organisation_id: UUID
    candidate_id: UUID
    destroyed_at: datetime | None = None
    _roles: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @property
    def subject(self) -> str:
        return f"candidate:{self.candidate_id}"

    def text(self, value: EncryptedValue | None) -> str | None:
        """The decrypted text; None when there is none or its key was destroyed."""
        if value is None:
            return None
        revealed = value.reveal()
        if isinstance(revealed, Destroyed):
            self.destroyed_at = self.destroyed_at or revealed.destroyed_at
            return None
        return revealed

    def document(self, value: EncryptedValue | None) -> Any:
        """An encrypted JSON document, parsed (machine-readable); text if it is not JSON."""
        text = self.text(value)
        if not text:
            return text
        try:
            return json.loads(text)
        except ValueError:
            return text

    def actor(self, reference: str, *, acting_as: frozenset[Role] = frozenset()) -> Record | None:
        """Who acted, as the candidate may know it: themselves, the system, or a role."""
        kind, _separator, identifier = (reference or "").partition(":")
        if not reference:
            return None
        if reference == self.subject:
            return {"kind": "you"}
        if kind == "system":
            return {"kind": "system"}
        if kind in ("user", "api_token"):
            held = self._roles_of(kind, identifier)
            wanted = {role.value for role in acting_as}
            roles = [role for role in held if role in wanted] if wanted else list(held)
            if not roles and wanted:
                roles = sorted(wanted, key=_ROLE_ORDER.__getitem__)
            return {"kind": "staff" if kind == "user" else "integration", "roles": roles}
        return {"kind": "other"}

    def roles(self, stored: str) -> Record:
        """An entry's roles as it stored them (comma-separated), for a staff act."""
        roles = sorted(
            (role for role in stored.split(",") if role in _ROLE_ORDER),
            key=_ROLE_ORDER.__getitem__,
        )
        return {"kind": "staff", "roles": roles}

    def _roles_of(self, kind: str, identifier: str) -> tuple[str, ...]:
        cache_key = f"{kind}:{identifier}"
        if cache_key not in self._roles:
            self._roles[cache_key] = self._look_up_roles(kind, identifier)
        return self._roles[cache_key]

    def _look_up_roles(self, kind: str, identifier: str) -> tuple[str, ...]:
        try:
            principal_id = UUID(identifier)
        except ValueError:
            return ()
        if kind == "user":
            values = Membership.objects.filter(
                organisation_id=self.organisation_id, user_id=principal_id
            ).values_list("roles__role", flat=True)
        else:
            token = ApiToken.objects.filter(
                organisation_id=self.organisation_id, id=principal_id
            ).first()
            values = token.roles if token else []
        found = {str(value) for value in values if value in _ROLE_ORDER}
        return tuple(sorted(found, key=_ROLE_ORDER.__getitem__))
