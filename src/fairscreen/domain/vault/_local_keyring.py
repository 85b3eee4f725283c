"""`LocalKeyring`: versioned AES-256 key-encryption keys in a local key file.

The default keyring for a single machine; a KMS or Vault transit adapter
implements the same `Keyring` Protocol for larger deployments. The key file
must live outside the database and its backups: a database backup then holds
only wrapped keys and ciphertexts, which are useless without it.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fairscreen.domain.vault._ciphertext import NONCE_SIZE, TAG_SIZE
from fairscreen.domain.vault._encoding import length_prefixed, require_identifier, utf8
from fairscreen.domain.vault._envelope import DATA_KEY_SIZE
from fairscreen.domain.vault._errors import (
    CiphertextFormatError,
    DecryptionError,
    InvalidInputError,
    KeyDestroyedError,
    KeyNotFoundError,
)
from fairscreen.domain.vault._key_file import (
    KEY_SIZE,
    KeyMaterial,
    create_key_file,
    locked,
    read_key_file,
    replace_key_file,
)
from fairscreen.domain.vault._keyring import WrappedKey

__all__ = ["LocalKeyring"]

_WRAP_LABEL = b"fairscreen/vault/wrapped-data-key"
_BLIND_INDEX_KEY_LABEL = b"fairscreen/vault/blind-index-key/v1"
_WRAPPED_SIZE = NONCE_SIZE + DATA_KEY_SIZE + TAG_SIZE
_VERSION = re.compile(r"[1-9][0-9]*")  # ASCII, no leading zeros: one spelling per version


class LocalKeyring:
    """Key-encryption keys from a JSON key file (or only in memory, for tests and demos).

    Key ids look like ``local-<keyring id>-v<version>``: the keyring id makes a
    wrapped key presented to the wrong key file fail with a clear
    `KeyNotFoundError` instead of a puzzling decryption failure.

    Wrapping is AES-256-GCM with the key id and the subject id as associated
    data, so a wrapped key copied to another candidate does not unwrap there.
    """

    def __init__(self, material: KeyMaterial, *, path: Path | None) -> None:
        """Prefer `open`, `open_or_create` or `in_memory`."""
        self._material = material
        self._path = path
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: str | Path) -> LocalKeyring:
        """Open an existing key file; never create one.

        Production should use this: silently creating a fresh key file because a
        path was mistyped would encrypt new data under keys nobody backed up.
        """
        path = Path(path)
        return cls(read_key_file(path), path=path)

    @classmethod
    def open_or_create(cls, path: str | Path) -> LocalKeyring:
        """Open the key file, creating it (mode 0600, fresh random keys) if missing."""
        path = Path(path)
        if not path.exists():  # a read-only directory is fine for an existing file
            create_key_file(path, KeyMaterial.generate())
        return cls.open(path)

    @classmethod
    def in_memory(cls) -> LocalKeyring:
        """The same keyring with fresh random keys and no file; gone when the process ends."""
        return cls(KeyMaterial.generate(), path=None)

    def __repr__(self) -> str:
        """Path and current key id only: a keyring in a log line must not leak keys."""
        where = "in memory" if self._path is None else str(self._path)
        return f"<LocalKeyring {where}, current {self.current_key_id()}>"

    @property
    def path(self) -> Path | None:
        """The key file, or None for an in-memory keyring."""
        return self._path

    def current_key_id(self) -> str:
        """The id of the KEK used by `wrap` and `rewrap`."""
        material = self._material
        return self._key_id(material, material.current_version)

    def key_ids(self) -> tuple[str, ...]:
        """Ids of every KEK still able to unwrap, oldest first."""
        material = self._material
        return tuple(
            self._key_id(material, version) for version in sorted(material.key_encryption_keys)
        )

    def wrap(self, data_key: bytes, *, subject_id: str) -> WrappedKey:
        """Encrypt `data_key` for `subject_id` under the current KEK."""
        if not isinstance(data_key, bytes) or len(data_key) != DATA_KEY_SIZE:
            raise InvalidInputError(f"data_key must be {DATA_KEY_SIZE} bytes")
        material = self._material
        key_id = self._key_id(material, material.current_version)
        nonce = os.urandom(NONCE_SIZE)
        sealed = AESGCM(material.key_encryption_keys[material.current_version]).encrypt(
            nonce, data_key, _wrap_associated_data(key_id, subject_id)
        )
        return WrappedKey(key_id=key_id, ciphertext=nonce + sealed)

    def unwrap(self, wrapped: WrappedKey, *, subject_id: str) -> bytes:
        """Decrypt a wrapped key made for `subject_id` by this keyring."""
        if len(wrapped.ciphertext) != _WRAPPED_SIZE:
            raise CiphertextFormatError(
                f"wrapped key for {wrapped.key_id} must be {_WRAPPED_SIZE} bytes"
            )
        key = self._key_encryption_key(wrapped.key_id)
        nonce, sealed = wrapped.ciphertext[:NONCE_SIZE], wrapped.ciphertext[NONCE_SIZE:]
        try:
            return AESGCM(key).decrypt(
                nonce, sealed, _wrap_associated_data(wrapped.key_id, subject_id)
            )
        except InvalidTag:
            raise DecryptionError(
                f"cannot unwrap data key with {wrapped.key_id}: "
                "it was wrapped for another subject, or it was altered"
            ) from None

    def rewrap(self, wrapped: WrappedKey, *, subject_id: str) -> WrappedKey:
        """Re-encrypt under the current KEK; the data key never leaves this method.

        A key already under the current KEK is returned unchanged, after it
        has been checked to unwrap.
        """
        data_key = self.unwrap(wrapped, subject_id=subject_id)
        if wrapped.key_id == self.current_key_id():
            return wrapped
        return self.wrap(data_key, subject_id=subject_id)

    def rotate(self) -> str:
        """Add a new KEK and make it current; older KEKs stay to unwrap. Returns its id."""
        with self._lock, self._file_lock():
            material = self._latest().with_new_version()
            self._save(material)
        return self._key_id(material, material.current_version)

    def destroy_key(self, key_id: str) -> None:
        """Erase a non-current KEK; what it wrapped becomes `KeyDestroyedError`.

        Crypto-shredding reaches backups only through this: a database backup
        still holds the wrapped data key of a deleted candidate, wrapped under
        the KEK that was current then. Rotate, rewrap every live wrapped key,
        then destroy the old KEK once the backup retention period has passed
        (PIPL Art. 47). Old copies of the key file must expire with it.
        """
        with self._lock, self._file_lock():
            material = self._latest()
            version = self._version_of(material, key_id)
            if version in material.destroyed_versions:
                return  # destroying twice is still destroyed
            if version not in material.key_encryption_keys:
                raise KeyNotFoundError(f"key-encryption key {key_id} is not in this keyring")
            if version == material.current_version:
                raise InvalidInputError(
                    f"{key_id} is the current key-encryption key; rotate before destroying it"
                )
            self._save(material.without_version(version))

    def blind_index_key(self, *, organisation_id: str) -> bytes:
        """The HMAC key for one organisation's blind indexes, derived with HKDF-SHA256.

        Derived from the key file's blind index secret, never from a KEK, so it
        survives KEK rotation; per organisation, so two organisations' indexes
        of the same ID number differ and cannot be joined: each organisation is
        a separate personal information handler (PIPL Art. 73) with its own
        purposes, and must not link its candidates to another's.
        """
        info = length_prefixed(
            _BLIND_INDEX_KEY_LABEL,
            utf8(require_identifier(organisation_id, what="organisation_id"), what="organisation"),
        )
        derivation = HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=None, info=info)
        return derivation.derive(self._material.blind_index_secret)

    def _key_encryption_key(self, key_id: str) -> bytes:
        version = self._version_of(self._material, key_id)
        if version not in self._material.key_encryption_keys and self._path is not None:
            self._material = read_key_file(self._path)  # another process may have rotated
        material = self._material
        if version in material.destroyed_versions:
            raise KeyDestroyedError(f"key-encryption key {key_id} has been destroyed")
        if version not in material.key_encryption_keys:
            raise KeyNotFoundError(f"key-encryption key {key_id} is not in this keyring")
        return material.key_encryption_keys[version]

    def _version_of(self, material: KeyMaterial, key_id: str) -> int:
        prefix = f"local-{material.keyring_id}-v"
        suffix = key_id.removeprefix(prefix)
        if suffix == key_id or not _VERSION.fullmatch(suffix):
            raise KeyNotFoundError(
                f"key-encryption key {key_id} does not belong to this keyring "
                f"(its keys are named {prefix}N); is the right key file configured?"
            )
        return int(suffix)

    def _latest(self) -> KeyMaterial:
        return self._material if self._path is None else read_key_file(self._path)

    def _save(self, material: KeyMaterial) -> None:
        if self._path is not None:
            replace_key_file(self._path, material)
        self._material = material

    def _file_lock(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext() if self._path is None else locked(self._path)

    @staticmethod
    def _key_id(material: KeyMaterial, version: int) -> str:
        return f"local-{material.keyring_id}-v{version}"


def _wrap_associated_data(key_id: str, subject_id: str) -> bytes:
    return length_prefixed(
        _WRAP_LABEL,
        key_id.encode("ascii"),
        utf8(require_identifier(subject_id, what="subject_id"), what="subject_id"),
    )
