"""Evidence files in the copy: listed by hash, type and size, downloaded one by one.

A file is the candidate's data like any other value (a court record about them, the
receipt they uploaded with a dispute), so the copy offers it decrypted (PIPL Art. 45).
Files are found generically: every personal-data model with an ``evidence_file`` column,
so a model that starts keeping files later is listed too. A file is looked up by its
row's id *within the candidate's own rows*: an id from someone else's copy finds nothing.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast
from uuid import UUID

from django.db import models

from fairscreen.core.errors import NotFound
from fairscreen.portal.data_export._values import ExportContext, Record
from fairscreen.privacy.files import read_file
from fairscreen.privacy.subjects import Destroyed, PersonalData, personal_data_models

__all__ = ["EvidenceDownload", "evidence_download", "evidence_files"]

FILE_COLUMN = "evidence_file"


@dataclass(frozen=True)
class EvidenceDownload:
    """One decrypted file, or `Destroyed`; the name is made up (stored names are random)."""

    content: bytes | Destroyed
    media_type: str
    sha256: str
    filename: str


def evidence_files(context: ExportContext) -> list[Record]:
    """Every stored file of the candidate: which record it belongs to, its hash, type, size."""
    return [
        {
            "file": str(row.pk),
            "attached_to": model._meta.label_lower,
            "sha256": getattr(row, "evidence_sha256", ""),
            "media_type": getattr(row, "evidence_media_type", ""),
            "size": getattr(row, "evidence_size", None),
        }
        for model, row in _file_rows(context)
    ]


def evidence_download(context: ExportContext, *, file_id: UUID) -> EvidenceDownload:
    """The candidate's file with this id, decrypted; `NotFound` for anything else."""
    for _model, row in _file_rows(context, file_id=file_id):
        media_type = str(getattr(row, "evidence_media_type", "")) or "application/octet-stream"
        sha256 = str(getattr(row, "evidence_sha256", ""))
        extension = mimetypes.guess_extension(media_type) or ".bin"
        return EvidenceDownload(
            content=read_file(row, FILE_COLUMN, getattr(row, FILE_COLUMN)),
            media_type=media_type,
            sha256=sha256,
            filename=f"evidence-{sha256[:12] or row.pk}{extension}",
        )
    raise NotFound("Not found.")


def _file_rows(
    context: ExportContext, *, file_id: UUID | None = None
) -> Iterator[tuple[type[models.Model], models.Model]]:
    for model in personal_data_models():
        names = {field.name for field in model._meta.concrete_fields}
        if FILE_COLUMN not in names:
            continue
        personal = cast(type[PersonalData], model)
        rows: models.QuerySet[Any] = personal.rows_of_subject(context.subject).filter(
            organisation_id=context.organisation_id
        )
        rows = rows.exclude(**{FILE_COLUMN: ""})
        if file_id is not None:
            rows = rows.filter(pk=file_id)
        for row in rows:
            yield model, row
