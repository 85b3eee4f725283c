"""Crypto-shredding: once a candidate's data key is gone, no key left anywhere decrypts.

PIPL Art. 47: personal data must be deleted when consent is withdrawn or the
retention period ends. These tests play the whole story on a real key file.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from fairscreen.domain.vault import (
    DecryptionError,
    EncryptionContext,
    KeyDestroyedError,
    LocalKeyring,
    WrappedKey,
    blind_index,
    decrypt_bytes,
    decrypt_field,
    encrypt_bytes,
    encrypt_field,
    new_data_key,
)

ORGANISATION = "0b5d7c2e-0000-4000-8000-00000000e001"
SHREDDED = "candidate-0000-4000-8000-00000000a001"
KEPT = "candidate-0000-4000-8000-00000000b002"


VALUES = {"name": "测试候选人", "id_number": "11010519900101123X", "phone": "13800000000"}
RESUME = "简历：测试候选人，2020-2024 测试公司".encode() * 1000


@dataclass(frozen=True)
class StoredCandidate:
    """What the database holds for one candidate: a wrapped key and ciphertexts."""

    row_id: str
    wrapped_key: WrappedKey
    fields: dict[str, str]
    resume: bytes

    def context(self, column: str) -> EncryptionContext:
        return context_for(self.row_id, column)


def context_for(row_id: str, column: str) -> EncryptionContext:
    return EncryptionContext(
        organisation_id=ORGANISATION, table="screenings_candidate", column=column, row_id=row_id
    )


def store_candidate(keyring: LocalKeyring, *, subject_id: str) -> tuple[StoredCandidate, bytes]:
    """Encrypt a fictional candidate as the application would; return it and its data key."""
    data_key = new_data_key()
    fields = {
        column: encrypt_field(
            value, data_key=data_key, key_version=1, context=context_for(subject_id, column)
        )
        for column, value in VALUES.items()
    }
    resume = encrypt_bytes(
        RESUME, data_key=data_key, key_version=1, context=context_for(subject_id, "resume")
    )
    wrapped_key = keyring.wrap(data_key, subject_id=subject_id)
    return StoredCandidate(subject_id, wrapped_key, fields, resume), data_key


def every_secret_in(key_path: Path, keyring: LocalKeyring) -> list[bytes]:
    """Every KEK, the blind index secret and the derived blind index key."""
    document = json.loads(key_path.read_text(encoding="utf-8"))
    encoded = [*document["key_encryption_keys"].values(), document["blind_index_secret"]]
    secrets = [base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)) for text in encoded]
    return [*secrets, keyring.blind_index_key(organisation_id=ORGANISATION)]


def test_after_shredding_no_remaining_key_decrypts_any_value(tmp_path: Path) -> None:
    key_path = tmp_path / "keys.json"
    keyring = LocalKeyring.open_or_create(key_path)
    shredded, data_key = store_candidate(keyring, subject_id=SHREDDED)
    kept, kept_data_key = store_candidate(keyring, subject_id=KEPT)
    keyring.rotate()
    resume_context = context_for(SHREDDED, "resume")
    assert decrypt_bytes(shredded.resume, data_key=data_key, context=resume_context) == RESUME

    # Shredding: the data key and its wrapped copy are destroyed; the ciphertexts stay behind.
    fields, resume = shredded.fields, shredded.resume
    del shredded, data_key
    remaining_keys = [*every_secret_in(key_path, keyring), kept_data_key]

    assert len(remaining_keys) == 5  # two KEKs, index secret, index key, another candidate's key
    for key in remaining_keys:
        for column, token in fields.items():
            with pytest.raises(DecryptionError):
                decrypt_field(token, data_key=key, context=context_for(SHREDDED, column))
        with pytest.raises(DecryptionError):
            decrypt_bytes(resume, data_key=key, context=resume_context)
    kept_name = decrypt_field(
        kept.fields["name"], data_key=kept_data_key, context=kept.context("name")
    )
    assert kept_name == VALUES["name"]


def test_no_data_key_is_ever_written_to_the_key_file(tmp_path: Path) -> None:
    key_path = tmp_path / "keys.json"
    keyring = LocalKeyring.open_or_create(key_path)
    _, data_key = store_candidate(keyring, subject_id=SHREDDED)
    keyring.rotate()
    content = key_path.read_bytes()
    encoded = base64.urlsafe_b64encode(data_key).rstrip(b"=")
    assert data_key not in content
    assert encoded not in content
    assert data_key.hex().encode() not in content


def test_a_backup_copy_of_a_shredded_wrapped_key_dies_with_its_kek(tmp_path: Path) -> None:
    """Backups keep the wrapped key; destroying the KEK it was wrapped under reaches them."""
    key_path = tmp_path / "keys.json"
    keyring = LocalKeyring.open_or_create(key_path)
    shredded, _ = store_candidate(keyring, subject_id=SHREDDED)
    kept, kept_data_key = store_candidate(keyring, subject_id=KEPT)
    backup = {SHREDDED: shredded.wrapped_key.to_text(), KEPT: kept.wrapped_key.to_text()}
    old_kek = keyring.current_key_id()

    # Shredding SHREDDED deletes its live wrapped key; the live ones move to a new KEK.
    keyring.rotate()
    kept_rewrapped = keyring.rewrap(kept.wrapped_key, subject_id=KEPT)
    keyring.destroy_key(old_kek)
    reopened = LocalKeyring.open(key_path)

    for subject_id, wrapped_text in backup.items():
        with pytest.raises(KeyDestroyedError):
            reopened.unwrap(WrappedKey.from_text(wrapped_text), subject_id=subject_id)
    assert reopened.unwrap(kept_rewrapped, subject_id=KEPT) == kept_data_key


def test_blind_indexes_survive_shredding_so_they_must_be_deleted_with_the_key() -> None:
    """Documents the limit: an index still matches after shredding (see README)."""
    keyring = LocalKeyring.in_memory()
    index_key = keyring.blind_index_key(organisation_id=ORGANISATION)
    stored_index = blind_index(VALUES["id_number"], index_key=index_key, kind="id_number")
    store_candidate(keyring, subject_id=SHREDDED)  # and shred it: nothing of it is kept
    guess = blind_index(VALUES["id_number"], index_key=index_key, kind="id_number")
    assert guess == stored_index
