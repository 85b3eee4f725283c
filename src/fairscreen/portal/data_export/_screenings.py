"""The copy's records of the screenings context: the candidate, each screening with its
items, the notice and disclosure shown, the signed consent, the third parties the
candidate named, every finding with every source (unverified and hearsay included: PIPL
Art. 45 covers what is *said* about the candidate, not only what the employer reads) and
every rating."""

from __future__ import annotations

from typing import Any

from fairscreen.domain import scope
from fairscreen.portal.data_export._values import ExportContext, Record, iso
from fairscreen.screenings.models import (
    Candidate,
    CheckRun,
    ConsentRecord,
    Finding,
    FindingSource,
    Screening,
    ScreeningItem,
    StoredRating,
    ThirdParty,
)
from fairscreen.screenings.policy import CHECK_RUNNERS, FINDING_RECORDERS, SCREENING_ORDERERS

__all__ = [
    "candidate_record",
    "consent_record",
    "evidence_of",
    "finding_record",
    "rating_record",
    "screening_record",
    "source_record",
    "third_party_record",
]


def candidate_record(row: Candidate, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "full_name": context.text(row.full_name),
        "id_number": context.text(row.id_number),
        "phone": context.text(row.phone),
        "email": context.text(row.email),
        "created_at": iso(row.created_at),
    }


def screening_record(row: Screening, context: ExportContext) -> Record:
    """The screening with its items and their states, the notice and the disclosure."""
    deadline = getattr(row, "feedback_deadline", None)
    return {
        "id": str(row.id),
        "position": {"id": str(row.position_id), "title": row.position.title},
        "profile": {
            "name": row.profile_version.profile.name,
            "version": row.profile_version.number,
        },
        "status": row.status,
        "ordered_at": iso(row.ordered_at),
        "ordered_by": context.actor(row.ordered_by, acting_as=SCREENING_ORDERERS),
        "consented_at": iso(row.consented_at),
        "withdrawn_at": iso(row.withdrawn_at),
        "items": [_item(item, context) for item in row.items.all()],
        "invitations": [
            {
                "created_at": iso(invitation.created_at),
                "expires_at": iso(invitation.expires_at),
                "used_at": iso(invitation.used_at),
                "revoked_at": iso(invitation.revoked_at),
            }
            for invitation in row.invitations.all()
        ],
        "notice": row.notice,
        "notice_digest": row.notice_digest,
        "disclosure": row.disclosure,
        "disclosure_digest": row.disclosure_digest,
        "feedback_deadline": None
        if deadline is None
        else {
            "trigger": deadline.trigger,
            "triggered_on": iso(deadline.triggered_on),
            "due_on": iso(deadline.due_on),
            "met_at": iso(deadline.met_at),
        },
    }


def _item(item: ScreeningItem, context: ExportContext) -> Record:
    known = scope.CATALOGUE.has(item.code)
    name = scope.CATALOGUE.item(item.code).name if known else None
    return {
        "code": item.code,
        "name": {"zh": name.zh, "en": name.en} if name else None,
        "state": item.state,
        "sensitive_consent": item.sensitive_consent,
        "decided_at": iso(item.decided_at),
        "started_at": iso(item.started_at),
        "stopped_at": iso(item.stopped_at),
        "check_runs": [_run(run, context) for run in item.runs.all()],
    }


def _run(run: CheckRun, context: ExportContext) -> Record:
    return {
        "connector": run.connector,
        "state": run.state,
        "attempts": run.attempts,
        "last_error_code": run.last_error_code,
        "findings_recorded": run.findings_recorded,
        "requested_by": context.actor(run.requested_by, acting_as=CHECK_RUNNERS),
        "requested_at": iso(run.requested_at),
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
    }


def third_party_record(row: ThirdParty, context: ExportContext) -> Record:
    """A former employer or referee the candidate named: data the candidate provided."""
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "item": row.item_code,
        "kind": row.kind,
        "position_in_list": row.position_in_list,
        "name": context.text(row.name),
        "contact": context.text(row.contact),
        "consent": row.consent,
        "decided_at": iso(row.decided_at),
    }


def consent_record(row: ConsentRecord, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "signed_name": context.text(row.signed_name),
        "signed_at": iso(row.signed_at),
        "choices": row.choices,
        "language": row.language,
        "notice_digest": row.notice_digest,
        "disclosure_digest": row.disclosure_digest,
    }


def finding_record(row: Finding, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "item": row.item.code,
        "category": context.text(row.category),
        "details": _details(context.document(row.details)),
        "status": row.status,
        "lifecycle": row.lifecycle,
        "external_ref": row.external_ref,
        "recorded_by": context.actor(row.recorded_by, acting_as=FINDING_RECORDERS),
        "recorded_at": iso(row.recorded_at),
        "updated_at": iso(row.updated_at),
        "retraction_code": row.retraction_code,
        "retraction_note": context.text(row.retraction_note),
        "sources": [],
    }


def _details(stored: Any) -> Any:
    """The finding's facts (stored wrapped with its item and category, given beside them)."""
    if isinstance(stored, dict) and isinstance(stored.get("details"), dict):
        return stored["details"]
    return stored


def source_record(row: FindingSource, context: ExportContext) -> Record:
    """Every source, whatever its authority: hearsay is shown as hearsay, not hidden."""
    return {
        "id": str(row.id),
        "finding": str(row.finding_id),
        "kind": row.kind,
        "authority": row.authority,
        "origin": row.origin,
        "reference": context.text(row.reference),
        "statement": context.text(row.statement),
        "retrieved_at": iso(row.retrieved_at),
        "evidence": evidence_of(row),
        "recorded_by": context.actor(row.recorded_by, acting_as=FINDING_RECORDERS),
        "recorded_at": iso(row.recorded_at),
    }


def rating_record(row: StoredRating, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "screening": str(row.screening_id),
        "light": row.light,
        "as_of": iso(row.as_of),
        "rulebook_version": row.rulebook_version,
        "rulebook_hash": row.rulebook_hash,
        "inputs_hash": row.inputs_hash,
        "result_hash": row.result_hash,
        "inputs": context.document(row.inputs),
        "result": context.document(row.result),
        "trigger": row.trigger,
        "rated_by": context.actor(row.rated_by),
        "rated_at": iso(row.rated_at),
    }


def evidence_of(row: Any) -> Record | None:
    """A stored evidence file by hash, type and size; the file itself is downloaded apart."""
    if not getattr(row, "evidence_file", ""):
        return None
    return {
        "file": str(row.pk),
        "sha256": getattr(row, "evidence_sha256", ""),
        "media_type": getattr(row, "evidence_media_type", ""),
        "size": getattr(row, "evidence_size", None),
    }
