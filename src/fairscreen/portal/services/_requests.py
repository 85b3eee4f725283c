"""Data-subject requests: received from the candidate, handled by the DPO, always answered.

PIPL Art. 45 (copy), 46 (correction), 47 (deletion), 50 (accept and handle requests; a
refusal gives reasons). A copy is provided at once and still recorded. A correction or a
deletion gets a deadline of 15 working days on the organisation's calendar ("to be set"
when the calendar has no data: never guessed) and is started, then fulfilled or refused.
A correction about a finding of the report goes through the disputes flow (re-verified
by an analyst, the rating and the decision follow); a deletion crypto-shreds the
candidate. Every step is an evidence event with ids and codes only, and the candidate
hears the outcome — except after a deletion, when no address is left to write to: they
are told when it starts, and their portal shows that it was carried out.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import InvalidInput, NotFound
from fairscreen.decisions.services import calendar_for
from fairscreen.decisions.services._messages import message_candidate, message_staff
from fairscreen.domain import workdays
from fairscreen.evidence.services import record_event
from fairscreen.notifications.messages import Bilingual
from fairscreen.portal.data_export import DATA_REQUEST_HANDLERS
from fairscreen.portal.data_export._provision import (
    record_copy_request,
    screening_of_session,
    subject_destroyed,
)
from fairscreen.portal.models import DataRequest, DataRequestKind, DataRequestState, Dispute
from fairscreen.portal.models._requests import (
    OPEN_STATES,
    DataAlreadyDestroyed,
    DataRequestClosed,
    DeletionAlreadyRequested,
    DisputeStillOpen,
    FindingNotDisputable,
    LegalHoldActive,
    StartDeletionFirst,
)
from fairscreen.portal.services._disputes import DisputeClosed, open_dispute
from fairscreen.privacy.models import DestructionReason
from fairscreen.retention.models import LegalHold
from fairscreen.screenings.models import Finding, Screening
from fairscreen.screenings.policy import require
from fairscreen.screenings.services import destroy_candidate_keys

RESPONSE_WORKING_DAYS = 15
MAX_TEXT = 4000


@transaction.atomic
def submit_data_request(
    *,
    screening_id: UUID,
    kind: str,
    text: str = "",
    finding_id: UUID | None = None,
    today: date | None = None,
) -> DataRequest:
    """The candidate asks (their portal session names the screening)."""
    screening = screening_of_session(screening_id)
    chosen = _kind(kind)
    if chosen is DataRequestKind.COPY:
        return record_copy_request(screening, copy_format="json")
    if subject_destroyed(screening):
        raise DataAlreadyDestroyed("Your data was already destroyed.")
    words = _text(text, required=chosen is DataRequestKind.CORRECTION, field="text")
    if chosen is DataRequestKind.DELETION and _open_of(screening, chosen).exists():
        raise DeletionAlreadyRequested("Your deletion request is already being handled.")
    due_on, problem = _deadline(screening, today or timezone.localdate())
    request = DataRequest(
        organisation_id=screening.organisation_id,
        candidate_id=screening.candidate_id,
        screening=screening,
        kind=chosen,
        text=words or None,
        finding=_finding(screening, finding_id),
        due_on=due_on,
        calendar_problem=problem,
    )
    request.save()
    _record(request, "received", f"candidate:{screening.candidate_id}", due_on=_day(due_on))
    message_staff(
        screening,
        roles=DATA_REQUEST_HANDLERS,
        kind="data_request.received",
        subject=Bilingual.translated(_("A candidate made a data request")),
        body=Bilingual.translated(
            _("A candidate asks for %(kind)s. Answer by %(due)s, in the data requests console."),
            kind=DataRequestKind(chosen).label,
            due=_day(due_on) or _("a date still to be set (no working-day calendar)"),
        ),
        actor=f"candidate:{screening.candidate_id}",
        idempotency_key=f"data_request.received:{request.id}",
    )
    return request


@transaction.atomic
def start_data_request(*, access: OrganisationAccess, request_id: UUID) -> DataRequest:
    """The DPO takes the request on; the candidate hears that it is being handled."""
    request = _open_request(access, request_id)
    if request.state != DataRequestState.RECEIVED:
        raise DataRequestClosed("This request is already being handled.")
    _mark_started(request, access)
    request.save()
    _record(request, "started", access.principal.reference)
    return request


@transaction.atomic
def refer_correction_to_dispute(
    *, access: OrganisationAccess, request_id: UUID, today: date | None = None
) -> DataRequest:
    """A correction of a finding of the report is re-verified as a dispute (PIPL Art. 46)."""
    request = _open_request(access, request_id)
    if request.kind != DataRequestKind.CORRECTION or request.finding_id is None:
        raise FindingNotDisputable("Only a correction of a finding can become a dispute.")
    if request.dispute_id is None:
        request.dispute = _dispute_for(request, request.finding_id, today)
    if request.state == DataRequestState.RECEIVED:
        _mark_started(request, access)
    request.save()
    _record(request, "referred", access.principal.reference, dispute=str(request.dispute_id))
    return request


@transaction.atomic
def fulfil_data_request(
    *, access: OrganisationAccess, request_id: UUID, outcome: str = ""
) -> DataRequest:
    """Carry the request out; a deletion crypto-shreds the candidate (PIPL Art. 47)."""
    request = _open_request(access, request_id)
    is_deletion = request.kind == DataRequestKind.DELETION
    words = _text(outcome, required=not is_deletion, field="outcome")
    if request.dispute_id and Dispute.objects.filter(id=request.dispute_id, state="open").exists():
        raise DisputeStillOpen("The dispute for this correction is still being re-verified.")
    if is_deletion:
        return _delete(request, access)
    if subject_destroyed(request.screening):
        words = ""  # nothing can be encrypted for a shredded candidate; the state says it
    _close(request, access, DataRequestState.FULFILLED, words)
    _record(request, "fulfilled", access.principal.reference)
    _tell(request, "fulfilled", _("Your request was carried out"), _answer(request, words))
    return request


@transaction.atomic
def refuse_data_request(
    *, access: OrganisationAccess, request_id: UUID, reasons: str
) -> DataRequest:
    """Refuse, with the reasons the candidate is given (PIPL Art. 50), e.g. a legal hold."""
    request = _open_request(access, request_id)
    words = _text(reasons, required=True, field="reasons")
    if subject_destroyed(request.screening):
        raise DataAlreadyDestroyed("The candidate's data was destroyed; nothing can be refused.")
    _close(request, access, DataRequestState.REFUSED, words)
    _record(request, "refused", access.principal.reference)
    _tell(request, "refused", _("Your request was refused, with reasons"), _answer(request, words))
    return request


def _delete(request: DataRequest, access: OrganisationAccess) -> DataRequest:
    """Shred the candidate; other open requests end with it (their text goes too)."""
    if request.state != DataRequestState.IN_PROGRESS:
        raise StartDeletionFirst("Start the request first: the candidate is told then.")
    if LegalHold.objects.filter(candidate_id=request.candidate_id, released_at=None).exists():
        raise LegalHoldActive("A legal hold keeps this candidate's data; refuse with reasons.")
    already = subject_destroyed(request.screening)
    if not already:
        for other in _open_of(request.screening).exclude(id=request.id):
            _close(other, access, DataRequestState.FULFILLED, "")
            _record(other, "fulfilled", access.principal.reference, ended_by=str(request.id))
    _close(request, access, DataRequestState.FULFILLED, "")
    if not already:
        certificate = destroy_candidate_keys(
            access=access,
            candidate_id=request.candidate_id,
            reason=DestructionReason.DELETION_REQUEST,
        )
        request.destruction_event = certificate.event_sequence
        request.save(update_fields=["destruction_event"])
    _record(
        request,
        "fulfilled",
        access.principal.reference,
        certificate=request.destruction_event,
        already_destroyed=already,
    )
    return request


def _mark_started(request: DataRequest, access: OrganisationAccess) -> None:
    request.state = DataRequestState.IN_PROGRESS
    request.started_at = timezone.now()
    request.handled_by = access.principal.reference
    body = (
        _(
            "Your deletion request is being carried out. Once your data is destroyed nobody "
            "can write to you any more; your candidate portal will show that it was done."
        )
        if request.kind == DataRequestKind.DELETION
        else _("Your request (%(kind)s) is being handled. We will answer by %(due)s.")
    )
    _tell(
        request,
        "started",
        _("Your data request is being handled"),
        Bilingual.translated(
            body, kind=DataRequestKind(request.kind).label, due=_day(request.due_on) or "—"
        ),
    )


def _close(request: DataRequest, access: OrganisationAccess, state: str, words: str) -> None:
    request.state = state
    request.outcome = words or None
    request.handled_by = access.principal.reference
    request.handled_at = timezone.now()
    request.save()


def _record(request: DataRequest, step: str, actor: str, **facts: object) -> None:
    """The ledger entry of one step: ids, kind, state and codes; never a word of text."""
    record_event(
        event_type=f"data_request.{step}",
        actor=actor,
        subject=request.encryption_subject().subject,
        organisation=str(request.organisation_id),
        payload={"request": str(request.id), "kind": request.kind, "state": request.state, **facts},
    )


def _tell(request: DataRequest, step: str, subject: StrOrPromise, body: Bilingual) -> None:
    message_candidate(
        request.screening,
        kind=f"data_request.{step}",
        subject=Bilingual.translated(subject),
        body=body,
        actor=request.handled_by,
        idempotency_key=f"data_request.{step}:{request.id}",
    )


def _answer(request: DataRequest, words: str) -> Bilingual:
    return Bilingual.translated(
        _("Your request (%(kind)s): %(words)s You can see it in your candidate portal."),
        kind=DataRequestKind(request.kind).label,
        words=words,
    )


def _open_request(access: OrganisationAccess, request_id: UUID) -> DataRequest:
    require(access, DATA_REQUEST_HANDLERS)
    request = (
        DataRequest.objects.select_for_update()
        .select_related("screening__organisation")
        .filter(organisation=access.organisation, id=request_id)
        .first()
    )
    if request is None:
        raise NotFound("Not found.")
    if request.state not in OPEN_STATES:
        raise DataRequestClosed("This request has been answered already.")
    return request


def _dispute_for(request: DataRequest, finding_id: UUID, today: date | None) -> Dispute:
    try:
        return open_dispute(
            screening_id=request.screening_id,
            finding_id=finding_id,
            statement=str(request.text.reveal()) if request.text else "",
            today=today,
        )
    except DisputeClosed:  # already disputed: the correction follows that dispute
        return Dispute.objects.get(finding_id=finding_id, state="open")
    except (NotFound, InvalidInput):
        raise FindingNotDisputable(
            "This finding is not in the report; record the outcome of the correction instead."
        ) from None


def _open_of(screening: Screening, kind: str | None = None) -> QuerySet[DataRequest]:
    rows = DataRequest.objects.filter(candidate_id=screening.candidate_id, state__in=OPEN_STATES)
    return rows.filter(kind=kind) if kind else rows


def _finding(screening: Screening, finding_id: UUID | None) -> Finding | None:
    if finding_id is None:
        return None
    finding = Finding.objects.filter(candidate_id=screening.candidate_id, id=finding_id).first()
    if finding is None:
        raise NotFound("Not found.")
    return finding


def _deadline(screening: Screening, today: date) -> tuple[date | None, str]:
    try:
        calendar = calendar_for(screening.organisation)
        return calendar.add_working_days(today, RESPONSE_WORKING_DAYS), ""
    except workdays.CalendarNotAvailable as missing:
        return None, f"calendar_not_available:{missing.year}"


def _kind(kind: str) -> DataRequestKind:
    if kind not in DataRequestKind.values:
        raise InvalidInput("Unknown request.", details={"kind": "copy, correction or deletion"})
    return DataRequestKind(kind)


def _text(value: str, *, required: bool, field: str) -> str:
    words = (value or "").strip()
    if len(words) > MAX_TEXT or (required and not words):
        limit = f"1-{MAX_TEXT}" if required else f"at most {MAX_TEXT}"
        raise InvalidInput("Some fields are invalid.", details={field: f"{limit} characters"})
    return words


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""
