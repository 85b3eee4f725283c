"""Exceptions raised by the vault core.

Every message names the operation, the place (table and column, key id, file
path) and the likely cause, and never a plaintext value, a key, or a row id:
exception messages end up in logs and error trackers, and a log line holding a
candidate's ID number would be exactly the uncontrolled copy that PIPL Art. 51
(security measures) asks us to prevent.
"""

from __future__ import annotations

__all__ = [
    "CiphertextFormatError",
    "DecryptionError",
    "InvalidInputError",
    "KeyDestroyedError",
    "KeyFileError",
    "KeyNotFoundError",
    "VaultError",
]


class VaultError(Exception):
    """Base class of every error the vault core raises."""


class DecryptionError(VaultError):
    """Authenticated decryption failed: wrong key, wrong context, or altered bytes.

    AES-GCM cannot tell these causes apart (that is the point of an
    authenticated cipher), so neither can this error.
    """


class CiphertextFormatError(VaultError):
    """The bytes or text are not a ciphertext (or wrapped key) in a format we know."""


class KeyNotFoundError(VaultError):
    """A key-encryption key id is not in the keyring (wrong key file, or never existed)."""


class KeyDestroyedError(VaultError):
    """The key needed has been destroyed on purpose (crypto-shredding, PIPL Art. 47).

    Distinct from `KeyNotFoundError` so that the application can answer "this data
    was deleted" rather than "the system is misconfigured".
    """


class KeyFileError(VaultError):
    """The local key file is missing, malformed, or has unsafe permissions."""


class InvalidInputError(VaultError, ValueError):
    """An argument is unusable: wrong key length, empty context field, unknown index kind.

    Also a `ValueError`, because that is what it is; the vault base class lets a
    caller catch everything from this package at once.
    """
