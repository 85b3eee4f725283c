"""Uploaded files (evidence, résumés) stored only encrypted, under `MEDIA_ROOT/encrypted/`.

A file is one AES-256-GCM message under its subject's data key, bound to the row and
column that refer to it (organisation, table, column, row id): a stored name copied to
another row does not decrypt there, and shredding the subject's key makes the file
unreadable like every other value of that subject (PIPL Art. 47, 51). Stored names are
random: an uploaded file name ("张三简历.pdf") is itself personal data and is never used.

There is no URL for these files; views stream `read_file` output after their access checks.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import models

from fairscreen.domain.vault import decrypt_bytes, encrypt_bytes
from fairscreen.privacy.data_keys import data_key_for
from fairscreen.privacy.fields import SubjectDestroyed, context_for, subject_ref
from fairscreen.privacy.subjects import Destroyed

__all__ = ["delete_file", "encrypted_storage", "read_file", "store_file"]

_NAME = re.compile(r"[0-9a-f-]{36}/[0-9a-f]{32}\.fs1")


def encrypted_storage() -> FileSystemStorage:
    """Owner-only files and directories: the ciphertexts are safe, but need not be shared."""
    return FileSystemStorage(
        location=Path(settings.MEDIA_ROOT) / "encrypted",
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


def store_file(instance: models.Model, column: str, content: bytes) -> str:
    """Encrypt `content` for `instance.<column>` and write it; return the name to store."""
    subject = subject_ref(instance)
    key = data_key_for(subject)
    if isinstance(key, Destroyed):
        raise SubjectDestroyed("this subject's key was destroyed; no new data may be stored")
    sealed = encrypt_bytes(
        content, data_key=key.key, key_version=key.version, context=context_for(instance, column)
    )
    name = f"{subject.organisation_id}/{uuid.uuid4().hex}.fs1"
    return encrypted_storage().save(name, ContentFile(sealed))


def read_file(instance: models.Model, column: str, name: str) -> bytes | Destroyed:
    """The decrypted file, or `Destroyed`; `DecryptionError` if it belongs elsewhere."""
    key = data_key_for(subject_ref(instance))
    if isinstance(key, Destroyed):
        return key
    with encrypted_storage().open(_checked(name), "rb") as handle:
        sealed = handle.read()
    return decrypt_bytes(sealed, data_key=key.key, context=context_for(instance, column))


def delete_file(name: str) -> None:
    """Remove a stored file (shredding does not need this; tidiness and quotas do)."""
    encrypted_storage().delete(_checked(name))


def _checked(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError("not a stored encrypted file name")
    return name
