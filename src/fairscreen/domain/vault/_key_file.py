"""The local key file: its JSON format and its careful reading and writing.

This file is the root of every secret in a single-machine deployment, so it is
handled with more care than any other file (PIPL Art. 51: security measures):

* created with mode 0600 from the first byte (``O_CREAT | O_EXCL``, mode 0o600),
  never created-then-chmodded, so there is no window in which others can read it;
* written whole to a temporary file and then linked or renamed into place, so a
  crash never leaves a half-written key file (which would lose every key);
* refused when group or others may read or write it, with the fix in the message;
* changed (rotation, destruction) under an exclusive lock after re-reading the
  latest version, so two processes rotating at once cannot lose a key.

Format (UTF-8 JSON; keys are unpadded base64url of 32 random bytes)::

    {
      "format": "fairscreen-local-keyring",
      "format_version": 1,
      "keyring_id": "<16 hex digits>",
      "current_version": 2,
      "key_encryption_keys": {"1": "<key>", "2": "<key>"},
      "destroyed_versions": [],
      "blind_index_secret": "<key>"
    }
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from fairscreen.domain.vault._encoding import decode_base64url, encode_base64url
from fairscreen.domain.vault._errors import CiphertextFormatError, KeyFileError

__all__ = [
    "KEY_SIZE",
    "KeyMaterial",
    "create_key_file",
    "locked",
    "read_key_file",
    "replace_key_file",
]

KEY_SIZE = 32
"""AES-256 key-encryption keys and a 256-bit blind index secret."""

_FORMAT = "fairscreen-local-keyring"
_FORMAT_VERSION = 1
_FILE_MODE = 0o600
_GROUP_AND_OTHER_BITS = 0o077


@dataclass(frozen=True, slots=True)
class KeyMaterial:
    """The parsed contents of a key file. Secrets are kept out of `repr`."""

    keyring_id: str
    current_version: int
    key_encryption_keys: Mapping[int, bytes] = field(repr=False)
    destroyed_versions: frozenset[int]
    blind_index_secret: bytes = field(repr=False)

    @classmethod
    def generate(cls) -> KeyMaterial:
        """A new keyring: one KEK (version 1) and a blind index secret, all random."""
        return cls(
            keyring_id=secrets.token_hex(8),
            current_version=1,
            key_encryption_keys=MappingProxyType({1: os.urandom(KEY_SIZE)}),
            destroyed_versions=frozenset(),
            blind_index_secret=os.urandom(KEY_SIZE),
        )

    def with_new_version(self) -> KeyMaterial:
        """A copy with one more KEK, which becomes current; nothing is removed."""
        version = max([*self.key_encryption_keys, *self.destroyed_versions]) + 1
        keys = {**self.key_encryption_keys, version: os.urandom(KEY_SIZE)}
        return replace(self, current_version=version, key_encryption_keys=MappingProxyType(keys))

    def without_version(self, version: int) -> KeyMaterial:
        """A copy in which KEK `version` is gone for good and remembered as destroyed."""
        keys = {
            number: key for number, key in self.key_encryption_keys.items() if number != version
        }
        return replace(
            self,
            key_encryption_keys=MappingProxyType(keys),
            destroyed_versions=self.destroyed_versions | {version},
        )

    def to_json(self) -> bytes:
        """Serialise to the documented JSON format."""
        document = {
            "format": _FORMAT,
            "format_version": _FORMAT_VERSION,
            "keyring_id": self.keyring_id,
            "current_version": self.current_version,
            "key_encryption_keys": {
                str(version): encode_base64url(key)
                for version, key in sorted(self.key_encryption_keys.items())
            },
            "destroyed_versions": sorted(self.destroyed_versions),
            "blind_index_secret": encode_base64url(self.blind_index_secret),
        }
        return (json.dumps(document, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, *, path: Path) -> KeyMaterial:
        """Parse and validate; every problem is a `KeyFileError` naming `path`."""
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise KeyFileError(f"key file {path} is not valid UTF-8 JSON") from None
        if not isinstance(document, dict) or document.get("format") != _FORMAT:
            raise KeyFileError(f"key file {path} is not a {_FORMAT} file")
        if document.get("format_version") != _FORMAT_VERSION:
            raise KeyFileError(
                f"key file {path} has format version {document.get('format_version')!r}; "
                f"this code reads version {_FORMAT_VERSION}"
            )
        try:
            material = _material_from_document(document)
        except (KeyError, TypeError, ValueError, CiphertextFormatError) as error:
            raise KeyFileError(f"key file {path} is malformed: {_describe(error)}") from None
        if material.current_version not in material.key_encryption_keys:
            raise KeyFileError(f"key file {path} has no key for its current version")
        if material.destroyed_versions & material.key_encryption_keys.keys():
            raise KeyFileError(f"key file {path} lists a destroyed version that still has a key")
        return material


def _material_from_document(document: dict[str, Any]) -> KeyMaterial:
    keys = {
        _version(number): _key(encoded, what=f"key-encryption key {number}")
        for number, encoded in _dictionary(document["key_encryption_keys"]).items()
    }
    keyring_id = document["keyring_id"]
    if not isinstance(keyring_id, str) or not keyring_id.isalnum():
        raise ValueError("keyring_id must be alphanumeric text")
    return KeyMaterial(
        keyring_id=keyring_id,
        current_version=_version(document["current_version"]),
        key_encryption_keys=MappingProxyType(keys),
        destroyed_versions=frozenset(map(_version, _list(document["destroyed_versions"]))),
        blind_index_secret=_key(document["blind_index_secret"], what="blind_index_secret"),
    )


def _dictionary(value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise TypeError("key_encryption_keys must be an object")
    return value


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise TypeError("destroyed_versions must be a list")
    return value


def _version(value: object) -> int:
    number = int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else value
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise ValueError("key versions must be positive integers")
    return number


def _key(value: object, *, what: str) -> bytes:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be base64url text")
    key = decode_base64url(value, what=what)
    if len(key) != KEY_SIZE:
        raise ValueError(f"{what} must decode to {KEY_SIZE} bytes")
    return key


def _describe(error: Exception) -> str:
    # Our own messages carry no key material; a KeyError names only a field.
    return f"missing field {error}" if isinstance(error, KeyError) else str(error)


def read_key_file(path: Path) -> KeyMaterial:
    """Read and validate the key file, refusing one that others may access."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise KeyFileError(f"key file {path} does not exist") from None
    except OSError as error:
        raise KeyFileError(f"cannot open key file {path}: {error.strerror}") from None
    try:
        _check_status(os.fstat(descriptor), path=path)
    except KeyFileError:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as key_file:
        data = key_file.read()
    return KeyMaterial.from_json(data, path=path)


def _check_status(status: os.stat_result, *, path: Path) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise KeyFileError(f"key file {path} is not a regular file")
    if status.st_mode & _GROUP_AND_OTHER_BITS:
        mode = stat.S_IMODE(status.st_mode)
        raise KeyFileError(
            f"key file {path} is accessible by group or others (mode {mode:04o}); "
            f"refusing to use it. Restrict it with: chmod 600 {path}"
        )


def create_key_file(path: Path, material: KeyMaterial) -> bool:
    """Create `path` holding `material`, atomically; return False if it already exists.

    The content goes to a private temporary file first, which is then hard-linked
    to `path`: linking fails if `path` exists, so two processes creating the file
    at once cannot both win, and a reader never sees a half-written file.
    """
    temporary = _write_temporary(path, material.to_json())
    try:
        path.hardlink_to(temporary)
    except FileExistsError:
        return False
    except OSError:
        # A filesystem without hard links: fall back to writing in place, still exclusively.
        return _write_new_file(path, material.to_json(), exist_ok=True)
    finally:
        temporary.unlink(missing_ok=True)
    _sync_directory(path.parent)
    return True


def replace_key_file(path: Path, material: KeyMaterial) -> None:
    """Atomically replace `path` with `material` (temporary file, fsync, rename)."""
    temporary = _write_temporary(path, material.to_json())
    try:
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise KeyFileError(f"cannot replace key file {path}: {error.strerror}") from None
    _sync_directory(path.parent)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the sibling ``<name>.lock`` file (POSIX ``flock``).

    The key file itself cannot carry the lock, because `replace_key_file`
    swaps its inode.
    """
    lock_path = path.with_name(path.name + ".lock")
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, _FILE_MODE)
    except OSError as error:
        raise KeyFileError(f"cannot lock key file {path}: {error.strerror}") from None
    try:
        with contextlib.suppress(PermissionError):  # a lock file someone else created
            os.fchmod(descriptor, _FILE_MODE)
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _write_temporary(path: Path, content: bytes) -> Path:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    _write_new_file(temporary, content, exist_ok=False)
    return temporary


def _write_new_file(path: Path, content: bytes, *, exist_ok: bool) -> bool:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, _FILE_MODE)
    except FileExistsError:
        if exist_ok:
            return False
        raise KeyFileError(f"temporary key file {path} already exists") from None
    except OSError as error:
        raise KeyFileError(f"cannot create key file {path}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as new_file:
            os.fchmod(new_file.fileno(), _FILE_MODE)  # the umask may have removed bits; be exact
            new_file.write(content)
            new_file.flush()
            os.fsync(new_file.fileno())
    except OSError as error:
        path.unlink(missing_ok=True)
        raise KeyFileError(f"cannot write key file {path}: {error.strerror}") from None
    return True


def _sync_directory(directory: Path) -> None:
    # Make the new directory entry durable; some platforms cannot open directories.
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
