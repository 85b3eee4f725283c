"""Deleting the evidence files of destroyed candidates, after the shredding.

Crypto-shredding already made every file of a destroyed candidate unreadable; deleting the
ciphertexts frees the disk and leaves nothing to a future break of the cipher. The files
are found generically, as the candidate's data copy finds them (`portal.data_export`):
every personal-data model with an ``evidence_file`` column — a finding's source document,
the receipt a candidate uploaded with a dispute — so a model that starts keeping files
later is covered too. The file goes first, then the row forgets its name: a run killed in
between leaves a name whose file is gone, and the next run clears it (deleting a missing
file is a no-op).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, cast

from django.db import models

from fairscreen.privacy.files import delete_file
from fairscreen.privacy.models import SubjectKey
from fairscreen.privacy.subjects import PersonalData, personal_data_models

__all__ = ["FILE_COLUMN", "FileCleanup", "delete_orphan_files", "file_models"]

logger = logging.getLogger(__name__)

FILE_COLUMN = "evidence_file"


@dataclass(frozen=True, slots=True)
class FileCleanup:
    deleted: int
    failed: int


def file_models() -> list[type[models.Model]]:
    """Every personal-data model that keeps an encrypted file in `FILE_COLUMN`."""
    return [
        model
        for model in personal_data_models()
        if FILE_COLUMN in {field.name for field in model._meta.concrete_fields}
    ]


def delete_orphan_files() -> FileCleanup:
    """Delete the evidence files of destroyed subjects (unreadable already), idempotently.

    Walks only the rows that still name a file, in chunks, and checks each against the set
    of destroyed subjects: no query ever carries one parameter per destroyed candidate.
    A file that cannot be deleted is counted and logged by its row's id, and the rest go on.
    """
    destroyed = _destroyed_subjects()
    deleted = failed = 0
    for model in file_models():
        personal = cast(type[PersonalData], model)
        manager: models.Manager[Any] = model._default_manager
        rows = manager.exclude(**{FILE_COLUMN: ""}).values_list(
            "pk", personal.subject_id_field, FILE_COLUMN
        )
        for row_id, subject_id, name in rows.iterator(chunk_size=1000):
            if f"{personal.subject_kind}:{subject_id}" not in destroyed:
                continue
            try:
                delete_file(name)
                manager.filter(pk=row_id).update(**{FILE_COLUMN: ""})
            except Exception as error:  # the next sweep retries it
                failed += 1
                logger.error(  # no traceback or message: either may quote a value
                    "retention sweep: the file of %s:%s not deleted (%s)",
                    model._meta.label_lower,
                    row_id,
                    type(error).__name__,
                )
            else:
                deleted += 1
    return FileCleanup(deleted=deleted, failed=failed)


def _destroyed_subjects() -> frozenset[str]:
    return frozenset(
        SubjectKey.objects.filter(destroyed_at__isnull=False)
        .values_list("subject", flat=True)
        .iterator(chunk_size=10000)
    )
