"""The copy of all the data the organisation holds about one candidate (PIPL Art. 45).

Everything: every row of every personal-data model that belongs to the candidate in this
organisation (`rows_of_subject`), the processing record from the evidence ledger, and the
list of evidence files. Nothing about anyone else: rows are selected by the candidate's
own subject id, staff appear only by role, and, as a last guard against free text that
quotes a colleague ("approved by 张经理"), every staff display name and e-mail of the
organisation is masked wherever it occurs. No ciphertext, blind index or key is ever
written; after crypto-shredding the copy says when the data was destroyed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.db import models
from django.utils import timezone

from fairscreen.accounts.models import Organisation, User
from fairscreen.evidence.models import Event
from fairscreen.portal.data_export._files import evidence_files
from fairscreen.portal.data_export._registry import SECTION_ORDER, serializer_for
from fairscreen.portal.data_export._values import ExportContext, Record, iso
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.models import SubjectKey
from fairscreen.privacy.subjects import Destroyed, PersonalData, personal_data_models
from fairscreen.screenings.models import Candidate

__all__ = ["FORMAT", "STAFF_MASK", "DataCopy", "data_copy_of"]

FORMAT = "fairscreen-data-copy/v1"
STAFF_MASK = "[staff]"
_SHORTEST_MASKED_NAME = 2


@dataclass(frozen=True)
class DataCopy:
    """The copy as one JSON document (see docs/data-copy.md for its shape)."""

    document: dict[str, Any]
    destroyed_at: datetime | None

    def to_json(self) -> bytes:
        return json.dumps(self.document, ensure_ascii=False, indent=2, sort_keys=False).encode()

    @property
    def destroyed(self) -> Destroyed | None:
        return None if self.destroyed_at is None else Destroyed(self.destroyed_at)


def data_copy_of(candidate: Candidate) -> DataCopy:
    """Build the copy (no access check: the portal session or a service has made it)."""
    context = ExportContext(
        organisation_id=candidate.organisation_id,
        candidate_id=candidate.id,
        destroyed_at=_destroyed_at(candidate),
    )
    with data_key_scope():
        records = _records(context)
    organisation = Organisation.objects.get(id=candidate.organisation_id)
    document: dict[str, Any] = {
        "format": FORMAT,
        "generated_at": iso(timezone.now()),
        "subject": context.subject,
        "controller": {"name": organisation.name, "contact": _contact(records)},
        "destroyed": None
        if context.destroyed_at is None
        else {
            "destroyed_at": iso(context.destroyed_at),
            "message": str(Destroyed(context.destroyed_at)),
        },
        "records": records,
        "evidence_files": evidence_files(context),
        "processing_record": _processing_record(context),
    }
    masked = _masked(document, _staff_identities(candidate, records))
    return DataCopy(document=cast(dict[str, Any], masked), destroyed_at=context.destroyed_at)


def _records(context: ExportContext) -> dict[str, list[Record]]:
    sections: dict[str, list[Record]] = {section: [] for section in SECTION_ORDER}
    children: list[tuple[str, str, str, Record]] = []
    for model in personal_data_models():
        serializer = serializer_for(model)
        for row in _rows(model, context):
            record = serializer.write(row, context)
            if serializer.nest_in:
                children.append(
                    (serializer.nest_in, serializer.children, record[serializer.parent_key], record)
                )
            else:
                sections.setdefault(serializer.section, []).append(record)
    by_id = {
        (section, record["id"]): record for section, rows in sections.items() for record in rows
    }
    for section, key, parent_id, record in children:
        by_id[(section, parent_id)].setdefault(key, []).append(record)
    return sections


def _rows(model: type[models.Model], context: ExportContext) -> Iterable[models.Model]:
    personal = cast(type[PersonalData], model)
    rows: models.QuerySet[Any] = personal.rows_of_subject(context.subject)
    return rows.filter(organisation_id=context.organisation_id)


def _destroyed_at(candidate: Candidate) -> datetime | None:
    row = SubjectKey.objects.filter(
        organisation_id=candidate.organisation_id, subject=f"candidate:{candidate.id}"
    ).first()
    return None if row is None else row.destroyed_at


def _contact(records: dict[str, list[Record]]) -> str:
    """Whom to ask about one's information, as the latest notice named it."""
    for screening in records.get("screenings", []):
        notice = screening.get("notice") or {}
        if notice.get("controller_contact"):
            return str(notice["controller_contact"])
    return ""


def _processing_record(context: ExportContext) -> list[Record]:
    """What was done with the data and when, from the ledger (no payloads: ids and keys)."""
    events = Event.objects.filter(
        organisation_id=str(context.organisation_id), subject=context.subject
    ).order_by("sequence")
    return [
        {
            "sequence": event.sequence,
            "event_type": event.event_type,
            "recorded_at": iso(event.recorded_at),
            "by": context.actor(event.actor),
        }
        for event in events
    ]


def _staff_identities(candidate: Candidate, records: dict[str, list[Record]]) -> list[str]:
    """The organisation's staff names and e-mails, longest first; never the candidate's own."""
    own = {
        str(value)
        for record in records.get("candidate", [])
        for value in (record.get("full_name"), record.get("email"))
        if value
    }
    users = User.objects.filter(memberships__organisation_id=candidate.organisation_id)
    found: set[str] = set()
    for display_name, email in users.values_list("display_name", "email"):
        found.update(
            value.strip()
            for value in (display_name, email)
            if value and len(value.strip()) >= _SHORTEST_MASKED_NAME
        )
    return sorted(found - own, key=len, reverse=True)


def _masked(value: object, identities: list[str]) -> object:
    if not identities:
        return value
    pattern = re.compile("|".join(re.escape(identity) for identity in identities), re.IGNORECASE)
    return _mask_with(value, pattern)


def _mask_with(value: object, pattern: re.Pattern[str]) -> object:
    if isinstance(value, str):
        return pattern.sub(STAFF_MASK, value)
    if isinstance(value, dict):
        return {key: _mask_with(item, pattern) for key, item in value.items()}
    if isinstance(value, list):
        return [_mask_with(item, pattern) for item in value]
    return value
