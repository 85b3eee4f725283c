"""Candidates API: list, register, and crypto-shred (data protection officer only).

A shredded candidate's values come back as null with `destroyed_at` set, never as an
error: integrations keep working for everyone else. ID numbers are only ever returned
masked; submitted values are never echoed in errors.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from fairscreen.accounts.auth import access_of, staff
from fairscreen.privacy.models import DestructionReason
from fairscreen.privacy.services import DestructionCertificate
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings import selectors, services
from fairscreen.screenings.policy import CANDIDATE_READERS, CANDIDATE_REGISTRARS, KEY_DESTROYERS
from fairscreen.screenings.selectors import CandidateView

router = Router(tags=["screenings"])


class CandidateIn(Schema):
    full_name: str = Field(..., min_length=1, max_length=100)
    id_number: str = Field(..., min_length=1, max_length=40)
    phone: str = Field(..., min_length=1, max_length=40)
    email: str = Field(..., min_length=1, max_length=254)


class CandidateOut(Schema):
    id: UUID
    full_name: str | None = Field(..., description="null once the candidate's keys are destroyed")
    id_number_masked: str | None
    phone: str | None
    email: str | None
    created_at: datetime
    destroyed_at: datetime | None

    @staticmethod
    def of(view: CandidateView) -> CandidateOut:
        return CandidateOut(
            id=view.id,
            full_name=_plain(view.full_name),
            id_number_masked=_plain(view.id_number_masked),
            phone=_plain(view.phone),
            email=_plain(view.email),
            created_at=view.created_at,
            destroyed_at=view.destroyed_at,
        )


class DestroyKeysIn(Schema):
    reason: DestructionReason


class DestructionCertificateOut(Schema):
    subject: str
    key_version: int
    kek_id: str
    reason: DestructionReason
    destroyed_at: datetime
    blind_index_rows: int
    event_sequence: int = Field(..., description="the certificate's entry in the evidence ledger")

    @staticmethod
    def of(certificate: DestructionCertificate) -> DestructionCertificateOut:
        return DestructionCertificateOut(
            subject=certificate.subject,
            key_version=certificate.key_version,
            kek_id=certificate.kek_id,
            reason=certificate.reason,
            destroyed_at=certificate.destroyed_at,
            blind_index_rows=certificate.blind_index_rows,
            event_sequence=certificate.event_sequence,
        )


def _plain(value: Revealed) -> str | None:
    return None if isinstance(value, Destroyed) else value


@router.get(
    "/orgs/{org_id}/candidates",
    response=list[CandidateOut],
    auth=staff(*CANDIDATE_READERS),
    summary="Candidates, decrypted (ID numbers masked; null values once destroyed)",
)
def list_candidates(request: HttpRequest, org_id: UUID) -> list[CandidateOut]:
    return [CandidateOut.of(view) for view in selectors.candidates_for(access=access_of(request))]


@router.post(
    "/orgs/{org_id}/candidates",
    response={201: CandidateOut},
    auth=staff(*CANDIDATE_REGISTRARS),
    summary="Register a candidate (409 if the ID number is already registered)",
)
def create_candidate(
    request: HttpRequest, org_id: UUID, payload: CandidateIn
) -> Status[CandidateOut]:
    access = access_of(request)
    registered = services.register_candidate(
        access=access,
        full_name=payload.full_name,
        id_number=payload.id_number,
        phone=payload.phone,
        email=payload.email,
    )
    view = selectors.candidate(access=access, candidate_id=registered.id)
    return Status(201, CandidateOut.of(view))


@router.post(
    "/orgs/{org_id}/candidates/{candidate_id}/destroy-keys",
    response=DestructionCertificateOut,
    auth=staff(*KEY_DESTROYERS),
    summary="Crypto-shred a candidate: every value becomes unreadable (409 if already done)",
)
def destroy_keys(
    request: HttpRequest, org_id: UUID, candidate_id: UUID, payload: DestroyKeysIn
) -> DestructionCertificateOut:
    certificate = services.destroy_candidate_keys(
        access=access_of(request), candidate_id=candidate_id, reason=payload.reason
    )
    return DestructionCertificateOut.of(certificate)
