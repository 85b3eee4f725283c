"""Ordering a screening: exactly the items the position's profile permits, nothing else.

Labor Contract Law Art. 8 and PIPL Art. 6 allow only information directly related to the
job; the profile's current approved version is that list, with a written reason for each
item. Protected grounds (ethnicity, sex, marital status, hepatitis B...) are refused by
name, and no field for them exists anywhere (Employment Promotion Law Arts. 3, 26-31).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from django.db import transaction

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.domain import scope
from fairscreen.evidence.services import record_event
from fairscreen.positions.errors import at_the_edge
from fairscreen.positions.models import Position
from fairscreen.positions.services import current_version
from fairscreen.privacy.data_keys import data_key_for
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import (
    Candidate,
    Screening,
    ScreeningItem,
    ThirdParty,
    ThirdPartyKind,
)
from fairscreen.screenings.policy import SCREENING_ORDERERS, require
from fairscreen.screenings.team_access import sees_position

THIRD_PARTY_KIND_OF_ITEM = {
    "employment_history": ThirdPartyKind.FORMER_EMPLOYER,
    "reference_interview": ThirdPartyKind.REFEREE,
}
"""Who receives the candidate's data to verify each third-party item (PIPL Art. 23)."""

MAX_THIRD_PARTIES = 10


class ProfileNotApproved(Conflict):
    code = "profile_not_approved"


class CandidateDestroyed(Conflict):
    code = "candidate_destroyed"


@dataclass(frozen=True, slots=True)
class ThirdPartyIn:
    """A former employer or referee to contact for `item`; name and contact are encrypted."""

    item: str
    name: str
    contact: str


@transaction.atomic
def order_screening(
    *,
    access: OrganisationAccess,
    candidate_id: UUID,
    position_id: UUID,
    items: Sequence[str],
    third_parties: Sequence[ThirdPartyIn] = (),
) -> Screening:
    """Order the items under the profile's current version, which the screening pins."""
    require(access, SCREENING_ORDERERS)
    candidate = Candidate.objects.filter(organisation=access.organisation, id=candidate_id).first()
    position = Position.objects.filter(organisation=access.organisation, id=position_id).first()
    if candidate is None or position is None or not sees_position(access, position.id):
        raise NotFound("Not found.")
    version = current_version(position.profile)
    if version is None:
        raise ProfileNotApproved("The position's risk profile has no approved version yet.")
    try:
        codes = scope.check_order(version.profile_spec(), items)
    except scope.ScopeError as error:
        raise at_the_edge(error) from None
    _check_third_parties(codes, third_parties)
    if isinstance(data_key_for(candidate.encryption_subject()), Destroyed):
        raise CandidateDestroyed("This candidate's data was destroyed.")
    screening = Screening.objects.create(
        organisation=access.organisation,
        candidate=candidate,
        position=position,
        profile_version=version,
        ordered_by=access.principal.reference,
    )
    ScreeningItem.objects.bulk_create(
        ScreeningItem(screening=screening, code=code) for code in codes
    )
    for number, party in enumerate(third_parties, start=1):
        ThirdParty(
            organisation=access.organisation,
            screening=screening,
            candidate=candidate,
            item_code=party.item,
            kind=THIRD_PARTY_KIND_OF_ITEM[party.item],
            position_in_list=number,
            name=party.name.strip(),
            contact=party.contact.strip(),
        ).save()
    record_event(
        event_type="screening.ordered",
        actor=access.principal.reference,
        subject=candidate.encryption_subject().subject,
        organisation=str(access.organisation.id),
        payload={
            "screening": str(screening.id),
            "position": str(position.id),
            "profile_version": version.number,
            "spec_hash": version.spec_hash,
            "items": list(codes),
            "third_parties": len(third_parties),
        },
    )
    return screening


def _check_third_parties(codes: Sequence[str], third_parties: Sequence[ThirdPartyIn]) -> None:
    """Each third-party item names whom to ask; nobody is named for anything else."""
    problems: dict[str, str] = {}
    if len(third_parties) > MAX_THIRD_PARTIES:
        problems["third_parties"] = f"at most {MAX_THIRD_PARTIES}"
    for number, party in enumerate(third_parties):
        if party.item not in codes or party.item not in THIRD_PARTY_KIND_OF_ITEM:
            problems[f"third_parties[{number}].item"] = "not an ordered third-party item"
        if not isinstance(party.name, str) or not 0 < len(party.name.strip()) <= 100:
            problems[f"third_parties[{number}].name"] = "required, at most 100 characters"
        if not isinstance(party.contact, str) or not 0 < len(party.contact.strip()) <= 200:
            problems[f"third_parties[{number}].contact"] = "required, at most 200 characters"
    named = {party.item for party in third_parties}
    for code in codes:
        if code in THIRD_PARTY_KIND_OF_ITEM and code not in named:
            problems[f"items.{code}"] = "name at least one former employer or referee to ask"
    if problems:
        raise InvalidInput("The third parties are incomplete.", details=problems)
