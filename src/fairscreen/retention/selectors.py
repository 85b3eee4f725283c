"""Reads for the DPO's privacy desk: what is due for destruction, holds, the rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.subjects import Revealed
from fairscreen.retention.models import LegalHold, RetentionPolicy
from fairscreen.retention.schedule import due_candidates
from fairscreen.screenings.models import Candidate
from fairscreen.screenings.policy import require

PRIVACY_DESK = frozenset({Role.DPO, Role.AUDITOR})


@dataclass(frozen=True)
class DueView:
    candidate_id: UUID
    name: Revealed
    due_on: date
    reason: str


@dataclass(frozen=True)
class HoldView:
    id: UUID
    candidate_id: UUID
    name: Revealed
    reason: Revealed
    placed_at: datetime


def due_for_destruction(*, access: OrganisationAccess, today: date | None = None) -> list[DueView]:
    """The organisation's candidates the next sweep will destroy (held ones are not listed)."""
    require(access, PRIVACY_DESK)
    found = [d for d in due_candidates(today=today) if d.organisation_id == access.organisation.id]
    rows = Candidate.objects.in_bulk([d.candidate_id for d in found])
    with data_key_scope():
        prime(row.encryption_subject() for row in rows.values())
        return [
            DueView(d.candidate_id, rows[d.candidate_id].full_name.reveal(), d.due_on, d.reason)
            for d in found
            if d.candidate_id in rows
        ]


def legal_holds(*, access: OrganisationAccess) -> list[HoldView]:
    require(access, PRIVACY_DESK)
    rows = list(
        LegalHold.objects.filter(organisation=access.organisation, released_at=None).select_related(
            "candidate"
        )
    )
    with data_key_scope():
        prime(row.encryption_subject() for row in rows)
        return [
            HoldView(
                row.id,
                row.candidate_id,
                row.candidate.full_name.reveal(),
                row.reason.reveal(),
                row.placed_at,
            )
            for row in rows
        ]


def retention_policy(*, access: OrganisationAccess) -> RetentionPolicy:
    """The organisation's rules (unsaved defaults when none were set)."""
    require(access, PRIVACY_DESK | {Role.HR_ADMIN})
    found = RetentionPolicy.objects.filter(organisation=access.organisation).first()
    return found or RetentionPolicy(organisation=access.organisation)
