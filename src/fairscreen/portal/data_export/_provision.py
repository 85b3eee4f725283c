"""Providing the copy: at once, and recorded (PIPL Art. 45; Art. 50: requests are handled).

Like every read of personal data, providing the copy is recorded: each copy (JSON or the
readable page) is a copy request, fulfilled the moment it is made, with a
`data_request.copy_provided` entry in the ledger; each evidence file downloaded is an
entry too. The candidate is the one asking, through their own portal session.
"""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.core.errors import InvalidInput, NotFound
from fairscreen.evidence.services import record_event
from fairscreen.portal.data_export._copy import DataCopy, data_copy_of
from fairscreen.portal.data_export._files import EvidenceDownload, evidence_download
from fairscreen.portal.data_export._values import ExportContext
from fairscreen.portal.models import DataRequest, DataRequestKind, DataRequestState
from fairscreen.privacy.data_keys import data_key_for
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import Screening

__all__ = [
    "COPY_FORMATS",
    "provide_data_copy",
    "provide_evidence_file",
    "record_copy_request",
    "screening_of_session",
    "subject_destroyed",
]

COPY_HANDLER = "system:data-copy"
COPY_FORMATS = frozenset({"json", "html"})


@transaction.atomic
def provide_data_copy(*, screening_id: UUID, copy_format: str) -> tuple[DataRequest, DataCopy]:
    """The copy, at once; recorded as a fulfilled request first, so the copy lists it too."""
    if copy_format not in COPY_FORMATS:
        raise InvalidInput("Unknown format.", details={"format": "json or html"})
    screening = screening_of_session(screening_id)
    request = record_copy_request(screening, copy_format=copy_format)
    return request, data_copy_of(screening.candidate)


@transaction.atomic
def provide_evidence_file(*, screening_id: UUID, file_id: UUID) -> EvidenceDownload:
    """One of the candidate's evidence files, decrypted; the download is recorded."""
    screening = screening_of_session(screening_id)
    context = ExportContext(
        organisation_id=screening.organisation_id, candidate_id=screening.candidate_id
    )
    download = evidence_download(context, file_id=file_id)
    record_event(
        event_type="data_request.copy_provided",
        actor=context.subject,
        subject=context.subject,
        organisation=str(screening.organisation_id),
        payload={"format": "evidence_file", "file": str(file_id)},
    )
    return download


def record_copy_request(screening: Screening, *, copy_format: str) -> DataRequest:
    """A copy request, fulfilled as it is made (caller's transaction)."""
    now = timezone.now()
    request = DataRequest.objects.create(
        organisation_id=screening.organisation_id,
        candidate_id=screening.candidate_id,
        screening=screening,
        kind=DataRequestKind.COPY,
        received_at=now,
        due_on=timezone.localdate(now),
        state=DataRequestState.FULFILLED,
        handled_by=COPY_HANDLER,
        handled_at=now,
    )
    record_event(
        event_type="data_request.copy_provided",
        actor=f"candidate:{screening.candidate_id}",
        subject=f"candidate:{screening.candidate_id}",
        organisation=str(screening.organisation_id),
        payload={"request": str(request.id), "kind": request.kind, "format": copy_format},
    )
    return request


def screening_of_session(screening_id: UUID) -> Screening:
    """The screening a portal session opened, with its organisation and candidate."""
    rows = Screening.objects.select_related("organisation", "candidate")
    screening = rows.filter(id=screening_id).first()
    if screening is None:
        raise NotFound("Not found.")
    return screening


def subject_destroyed(screening: Screening) -> bool:
    """Whether the candidate's data key was shredded (nothing new can be encrypted)."""
    return isinstance(data_key_for(screening.candidate.encryption_subject()), Destroyed)
