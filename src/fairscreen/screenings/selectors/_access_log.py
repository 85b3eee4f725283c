"""Reading the access log: the DPO sees every read; the candidate sees who read theirs.

PIPL Art. 44: a person has the right to know how their personal information is handled;
the log of who viewed their report, when and why is that, made concrete. The DPO reads the
whole organisation's log (Art. 52: the person responsible for personal information
protection supervises the processing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.screenings.models import AccessRecord
from fairscreen.screenings.policy import require

__all__ = ["AccessView", "access_log", "accesses_for_candidate"]

ACCESS_LOG_READERS = frozenset({Role.DPO, Role.AUDITOR})


@dataclass(frozen=True)
class AccessView:
    screening_id: UUID
    kind: str
    purpose: str
    actor_name: str
    actor_roles: tuple[str, ...]
    at: datetime


def access_log(
    *, access: OrganisationAccess, screening_id: UUID | None = None, limit: int = 500
) -> tuple[AccessView, ...]:
    """The organisation's reads of reports and findings, newest first."""
    require(access, ACCESS_LOG_READERS)
    rows = AccessRecord.objects.filter(organisation=access.organisation)
    if screening_id is not None:
        rows = rows.filter(screening_id=screening_id)
    return tuple(_view(row) for row in rows[:limit])


def accesses_for_candidate(*, screening_id: UUID) -> tuple[AccessView, ...]:
    """Who viewed the candidate's own report and why (the portal session names it)."""
    return tuple(_view(row) for row in AccessRecord.objects.filter(screening_id=screening_id))


def _view(row: AccessRecord) -> AccessView:
    return AccessView(
        screening_id=row.screening_id,
        kind=row.kind,
        purpose=row.purpose,
        actor_name=row.actor_name,
        actor_roles=tuple(role for role in row.actor_roles.split(",") if role),
        at=row.at,
    )
