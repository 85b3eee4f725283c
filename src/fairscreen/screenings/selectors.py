"""Reads of candidates' personal data: roles checked first, then decrypted views.

Selectors decrypt inside one `data_key_scope`, so a list of candidates unwraps each key
once and the unwrapped keys are gone when the call returns. The views they return hold
plain text or `Destroyed` (a shredded candidate shows "destroyed on <date>"), never a
model, so templates and API schemas cannot trigger more decryption by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import InvalidInput, NotFound
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.fields import EncryptedValue
from fairscreen.privacy.indexes import IndexKind, index_of
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings.identity import id_number_problem, mask_id_number, normalise_id_number
from fairscreen.screenings.models import Candidate
from fairscreen.screenings.policy import CANDIDATE_READERS, require


@dataclass(frozen=True)
class CandidateView:
    id: UUID
    full_name: Revealed
    id_number: Revealed
    phone: Revealed
    email: Revealed
    created_at: datetime

    @property
    def destroyed_at(self) -> datetime | None:
        return self.full_name.destroyed_at if isinstance(self.full_name, Destroyed) else None

    @property
    def id_number_masked(self) -> Revealed:
        return (
            self.id_number
            if isinstance(self.id_number, Destroyed)
            else mask_id_number(self.id_number)
        )


def candidates_for(*, access: OrganisationAccess) -> list[CandidateView]:
    """The organisation's candidates, newest first, decrypted for display."""
    require(access, CANDIDATE_READERS)
    rows = list(Candidate.objects.filter(organisation=access.organisation))
    with data_key_scope():
        prime(row.encryption_subject() for row in rows)
        return [_view(row) for row in rows]


def candidate(*, access: OrganisationAccess, candidate_id: UUID) -> CandidateView:
    """One candidate of the organisation; another organisation's is `NotFound`."""
    require(access, CANDIDATE_READERS)
    row = Candidate.objects.filter(organisation=access.organisation, id=candidate_id).first()
    if row is None:
        raise NotFound("Not found.")
    with data_key_scope():
        return _view(row)


def find_candidate_by_id_number(
    *, access: OrganisationAccess, id_number: str
) -> CandidateView | None:
    """Exact match through the blind index, without decrypting anyone else's number."""
    require(access, CANDIDATE_READERS)
    normal = normalise_id_number(id_number)
    problem = id_number_problem(normal)
    if problem:
        raise InvalidInput("Some fields are invalid.", details={"id_number": problem})
    index = index_of(normal, organisation_id=str(access.organisation.id), kind=IndexKind.ID_NUMBER)
    row = Candidate.objects.filter(organisation=access.organisation, id_number_index=index).first()
    if row is None:
        return None
    with data_key_scope():
        return _view(row)


def _view(row: Candidate) -> CandidateView:
    return CandidateView(
        id=row.id,
        full_name=_reveal(row.full_name),
        id_number=_reveal(row.id_number),
        phone=_reveal(row.phone),
        email=_reveal(row.email),
        created_at=row.created_at,
    )


def _reveal(value: EncryptedValue | None) -> Revealed:
    return "" if value is None else value.reveal()
