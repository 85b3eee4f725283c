"""Which serializer writes each personal-data model into the copy, and the fallback.

The copy walks `personal_data_models()`, so a model added later is never silently left
out (PIPL Art. 45: *all* the data held). A model without an explicit serializer still
appears, through `generic_record`, which dumps its fields defensively: encrypted values
decrypted, blind indexes, links to staff users and fields that look like a colleague's
name or address left out, actors reduced to roles. A test fails for every such model so
that someone writes its serializer (and decides what it should say).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import models

from fairscreen.accounts.models import User
from fairscreen.portal.data_export import _decisions, _portal, _retention, _screenings
from fairscreen.portal.data_export._values import ExportContext, Record, iso
from fairscreen.privacy.fields import BlindIndexField, EncryptedTextField
from fairscreen.screenings.models import Candidate

__all__ = ["SERIALIZERS", "Serializer", "generic_record", "serializer_for"]

_STAFF_LIKE = ("name", "email", "phone", "user")
"""Clear-text fields whose names suggest another person's identity (e.g. `actor_name`)."""


@dataclass(frozen=True)
class Serializer:
    """How one model's rows enter the copy.

    `section` is the key under ``records``. A child model's rows are nested inside their
    parent record instead: `parent_key` is the record field with the parent's id,
    `nest_in` the parent's section and `children` the parent's list that holds them.
    """

    section: str
    write: Callable[[Any, ExportContext], Record]
    nest_in: str = ""
    parent_key: str = ""
    children: str = ""


SERIALIZERS: dict[str, Serializer] = {
    "screenings.candidate": Serializer("candidate", _screenings.candidate_record),
    "screenings.screening": Serializer("screenings", _screenings.screening_record),
    "screenings.consentrecord": Serializer("consent_records", _screenings.consent_record),
    "screenings.thirdparty": Serializer("third_parties", _screenings.third_party_record),
    "screenings.finding": Serializer("findings", _screenings.finding_record),
    "screenings.findingsource": Serializer(
        "finding_sources", _screenings.source_record, "findings", "finding", "sources"
    ),
    "screenings.storedrating": Serializer("ratings", _screenings.rating_record),
    "decisions.decision": Serializer("decisions", _decisions.decision_record),
    "decisions.decisionentry": Serializer(
        "decision_entries", _decisions.entry_record, "decisions", "decision", "history"
    ),
    "decisions.assessment": Serializer(
        "assessments", _decisions.assessment_record, "decisions", "decision", "assessments"
    ),
    "decisions.notice": Serializer("notices", _decisions.notice_record),
    "decisions.candidateresponse": Serializer(
        "candidate_responses", _decisions.response_record, "notices", "notice", "responses"
    ),
    "portal.dispute": Serializer("disputes", _portal.dispute_record),
    "portal.candidatestatement": Serializer("statements", _portal.statement_record),
    "portal.candidatequestion": Serializer("questions", _portal.question_record),
    "portal.surveyresponse": Serializer("surveys", _portal.survey_record),
    "portal.datarequest": Serializer("data_requests", _portal.data_request_record),
    "notifications.notification": Serializer("notifications", _portal.notification_record),
    "notifications.portalmessage": Serializer("portal_messages", _portal.portal_message_record),
    "retention.legalhold": Serializer("legal_holds", _retention.legal_hold_record),
}

SECTION_ORDER = tuple(
    serializer.section for serializer in SERIALIZERS.values() if not serializer.nest_in
)
"""The order of the copy's sections (and of the readable page)."""


def serializer_for(model: type[models.Model]) -> Serializer:
    """The model's own serializer, or the generic dump under the model's label."""
    label = model._meta.label_lower
    return SERIALIZERS.get(label) or Serializer(label, generic_record)


def generic_record(row: models.Model, context: ExportContext) -> Record:
    """Every field of a row no serializer knows yet, leaving out what is not the candidate's."""
    record: Record = {"id": str(row.pk)}
    for field in row._meta.concrete_fields:
        if _left_out(field):
            continue
        if isinstance(field, EncryptedTextField):
            record[field.name] = context.text(getattr(row, field.name))
        elif isinstance(field, models.ForeignKey):
            value = getattr(row, field.attname)
            record[field.name] = None if value is None else str(value)
        elif field.name.endswith("_by") or field.name == "actor":
            record[field.name] = context.actor(str(getattr(row, field.name) or ""))
        else:
            record[field.name] = _plain(getattr(row, field.attname))
    return record


def _left_out(field: models.Field[Any, Any]) -> bool:
    if field.primary_key or field.name in ("organisation", "candidate", "candidate_id"):
        return True
    if isinstance(field, BlindIndexField):
        return True
    if isinstance(field, models.ForeignKey):
        return field.related_model in (User, Candidate)
    if isinstance(field, EncryptedTextField):
        return False
    return any(part in field.name for part in _STAFF_LIKE)


def _plain(value: object) -> object:
    if isinstance(value, date | datetime):
        return iso(value)
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None  # binary columns (hashes, keys) are not the candidate's information
    return value
