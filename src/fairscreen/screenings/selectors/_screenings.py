"""Reads of candidates' personal data: roles checked first, then decrypted views.

Selectors decrypt inside one `data_key_scope`, so a list of candidates unwraps each key
once and the unwrapped keys are gone when the call returns. The views they return hold
plain text or `Destroyed` (a shredded candidate shows "destroyed on <date>"), never a
model, so templates and API schemas cannot trigger more decryption by accident.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import InvalidInput, NotFound
from fairscreen.domain import scope
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.fields import EncryptedValue
from fairscreen.privacy.indexes import IndexKind, index_of
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings.identity import id_number_problem, mask_id_number, normalise_id_number
from fairscreen.screenings.models import Candidate, Screening, ScreeningItem
from fairscreen.screenings.policy import CANDIDATE_READERS, SCREENING_READERS, require
from fairscreen.screenings.team_access import team_q


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


@dataclass(frozen=True)
class ItemView:
    code: str
    name: scope.Text
    sensitive: bool
    third_party: bool
    necessity: scope.Text
    state: str
    sensitive_consent: bool


@dataclass(frozen=True)
class ThirdPartyView:
    id: UUID
    item: str
    kind: str
    name: Revealed
    contact: Revealed
    consent: str


@dataclass(frozen=True)
class ScreeningView:
    """A screening as staff and the candidate see it: scope, states, who is contacted."""

    id: UUID
    candidate_id: UUID
    candidate_name: Revealed
    position_id: UUID
    position_title: str
    profile_name: str
    profile_version: int
    status: str
    ordered_at: datetime
    consented_at: datetime | None
    withdrawn_at: datetime | None
    items: tuple[ItemView, ...]
    third_parties: tuple[ThirdPartyView, ...]
    notice: dict[str, Any] | None
    notice_digest: str
    disclosure: dict[str, Any] | None
    invitation_expires_at: datetime | None
    invitation_used_at: datetime | None


def screenings_for(*, access: OrganisationAccess) -> list[ScreeningView]:
    """The organisation's screenings the reader's hiring teams work on, newest first."""
    require(access, SCREENING_READERS)
    rows = list(_screening_rows().filter(team_q(access), organisation=access.organisation))
    with data_key_scope():
        prime(row.encryption_subject() for row in rows)
        return [_screening_view(row) for row in rows]


def screening(*, access: OrganisationAccess, screening_id: UUID) -> ScreeningView:
    require(access, SCREENING_READERS)
    row = (
        _screening_rows()
        .filter(team_q(access), organisation=access.organisation, id=screening_id)
        .first()
    )
    if row is None:
        raise NotFound("Not found.")
    with data_key_scope():
        return _screening_view(row)


def portal_screening(*, screening_id: UUID) -> ScreeningView:
    """The candidate's own screening, for the session opened by their invitation link."""
    row = _screening_rows().filter(id=screening_id).first()
    if row is None:
        raise NotFound("Not found.")
    with data_key_scope():
        return _screening_view(row)


def _screening_rows() -> QuerySet[Screening]:
    return Screening.objects.select_related(
        "candidate", "position", "profile_version__profile"
    ).prefetch_related("items", "third_parties", "invitations")


def screening_view_of(row: Screening) -> ScreeningView:
    """The view of a screening row loaded with its relations (inside a key scope)."""
    return _screening_view(row)


def _screening_view(row: Screening) -> ScreeningView:
    spec = row.profile_version.profile_spec()
    invitation = max(row.invitations.all(), key=lambda found: found.created_at, default=None)
    return ScreeningView(
        id=row.id,
        candidate_id=row.candidate_id,
        candidate_name=_reveal(row.candidate.full_name),
        position_id=row.position_id,
        position_title=row.position.title,
        profile_name=row.profile_version.profile.name,
        profile_version=row.profile_version.number,
        status=row.status,
        ordered_at=row.ordered_at,
        consented_at=row.consented_at,
        withdrawn_at=row.withdrawn_at,
        items=tuple(_item_view(item, spec) for item in _in_catalogue_order(row.items.all())),
        third_parties=tuple(
            ThirdPartyView(
                id=party.id,
                item=party.item_code,
                kind=party.kind,
                name=_reveal(party.name),
                contact=_reveal(party.contact),
                consent=party.consent,
            )
            for party in sorted(row.third_parties.all(), key=lambda found: found.position_in_list)
        ),
        notice=row.notice,
        notice_digest=row.notice_digest,
        disclosure=row.disclosure,
        invitation_expires_at=invitation.expires_at if invitation else None,
        invitation_used_at=invitation.used_at if invitation else None,
    )


def _in_catalogue_order(items: Iterable[ScreeningItem]) -> list[ScreeningItem]:
    order = scope.CATALOGUE.codes()
    return sorted(items, key=lambda item: order.index(item.code))


def _item_view(item: ScreeningItem, spec: scope.ProfileSpec) -> ItemView:
    catalogue_item = scope.CATALOGUE.item(item.code)
    permitted = spec.item(item.code)
    return ItemView(
        code=item.code,
        name=catalogue_item.name,
        sensitive=catalogue_item.sensitive,
        third_party=catalogue_item.third_party,
        necessity=permitted.necessity if permitted else scope.Text(zh="", en=""),
        state=item.state,
        sensitive_consent=item.sensitive_consent,
    )
