"""Candidates: registration and crypto-shredding, one transaction each.

The evidence events name the candidate by opaque id only and carry no personal values at
all: the ledger is kept forever and shown to regulators (PIPL Art. 51).
"""

from __future__ import annotations

from uuid import UUID

from django.db import IntegrityError, transaction

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, NotFound
from fairscreen.evidence.services import record_event
from fairscreen.privacy import services as privacy
from fairscreen.privacy.indexes import IndexKind, index_of
from fairscreen.privacy.models import DestructionReason
from fairscreen.screenings.identity import check_identity
from fairscreen.screenings.models import Candidate
from fairscreen.screenings.policy import CANDIDATE_REGISTRARS, KEY_DESTROYERS, require


class CandidateAlreadyRegistered(Conflict):
    code = "candidate_already_registered"


@transaction.atomic
def register_candidate(
    *, access: OrganisationAccess, full_name: str, id_number: str, phone: str, email: str
) -> Candidate:
    """Validate, create the candidate's data key, store every value encrypted under it.

    One resident ID number is one candidate per organisation (found by blind index), so
    the same person is not screened twice under two records.
    """
    require(access, CANDIDATE_REGISTRARS)
    identity = check_identity(full_name=full_name, id_number=id_number, phone=phone, email=email)
    organisation_id = str(access.organisation.id)
    candidate = Candidate(
        organisation=access.organisation,
        full_name=identity.full_name,
        id_number=identity.id_number,
        phone=identity.phone,
        email=identity.email,
        id_number_index=index_of(
            identity.id_number, organisation_id=organisation_id, kind=IndexKind.ID_NUMBER
        ),
        phone_index=index_of(identity.phone, organisation_id=organisation_id, kind=IndexKind.PHONE),
        email_index=index_of(identity.email, organisation_id=organisation_id, kind=IndexKind.EMAIL),
    )
    if Candidate.objects.filter(
        organisation=access.organisation, id_number_index=candidate.id_number_index
    ).exists():
        raise CandidateAlreadyRegistered("A candidate with this ID number is already registered.")
    subject = candidate.encryption_subject().subject
    privacy.create_subject_key(
        organisation=access.organisation, subject=subject, actor=access.principal.reference
    )
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:  # registered concurrently
        raise CandidateAlreadyRegistered(
            "A candidate with this ID number is already registered."
        ) from None
    record_event(
        event_type="candidate.registered",
        actor=access.principal.reference,
        subject=subject,
        organisation=organisation_id,
    )
    return candidate


def destroy_candidate_keys(
    *, access: OrganisationAccess, candidate_id: UUID, reason: DestructionReason
) -> privacy.DestructionCertificate:
    """Crypto-shred one candidate (PIPL Art. 47); only the data protection officer may."""
    require(access, KEY_DESTROYERS)
    candidate = Candidate.objects.filter(organisation=access.organisation, id=candidate_id).first()
    if candidate is None:
        raise NotFound("Not found.")
    return privacy.destroy_subject_keys(
        organisation=access.organisation,
        subject=candidate.encryption_subject().subject,
        actor=access.principal.reference,
        reason=reason,
    )
