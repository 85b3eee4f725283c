"""Key-encryption keys behind a Protocol, and the wrapped data keys they produce.

Envelope encryption: a data key is never stored in the clear; it is stored
wrapped (encrypted) under a key-encryption key (KEK) held by a keyring — a
local key file by default, a KMS or HashiCorp Vault transit engine in larger
deployments. The database then holds nothing that decrypts anything on its
own, and rotating a KEK means re-wrapping small data keys, not re-encrypting
every value (PIPL Art. 51: encryption and key management as security
measures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from fairscreen.domain.vault._encoding import decode_base64url, encode_base64url
from fairscreen.domain.vault._errors import CiphertextFormatError

__all__ = ["WRAPPED_KEY_PREFIX", "BlindIndexKeySource", "Keyring", "WrappedKey"]

WRAPPED_KEY_PREFIX = "fskey1:"
"""Marks the text form of a wrapped key, distinct from a field ciphertext's ``fs1:``."""

_KEY_ID = re.compile(r"[!-~]+")  # printable ASCII, no spaces: fits KMS ARNs and Vault names


@dataclass(frozen=True, slots=True)
class WrappedKey:
    """A data key encrypted under the key-encryption key named by `key_id`.

    `ciphertext` is opaque and keyring-specific. Safe to store next to the
    data: without the keyring it reveals nothing.
    """

    key_id: str
    ciphertext: bytes

    def __post_init__(self) -> None:
        if not isinstance(self.key_id, str) or not _KEY_ID.fullmatch(self.key_id):
            raise CiphertextFormatError(
                "wrapped key id must be non-empty printable ASCII without spaces"
            )
        if not isinstance(self.ciphertext, bytes) or not self.ciphertext:
            raise CiphertextFormatError("wrapped key ciphertext must be non-empty bytes")

    def to_text(self) -> str:
        """Compact text form: ``fskey1:<key id>:<base64url ciphertext>``."""
        return f"{WRAPPED_KEY_PREFIX}{self.key_id}:{encode_base64url(self.ciphertext)}"

    @classmethod
    def from_text(cls, text: str) -> WrappedKey:
        """Parse `to_text` output. The key id may itself contain ``:`` (KMS ARNs do);
        base64url never does, so the last ``:`` separates them."""
        if not isinstance(text, str) or not text.startswith(WRAPPED_KEY_PREFIX):
            raise CiphertextFormatError(f"wrapped key text must start with {WRAPPED_KEY_PREFIX!r}")
        key_id, separator, encoded = text[len(WRAPPED_KEY_PREFIX) :].rpartition(":")
        if not separator:
            raise CiphertextFormatError("wrapped key text has no key id")
        return cls(key_id=key_id, ciphertext=decode_base64url(encoded, what="wrapped key"))


@runtime_checkable
class Keyring(Protocol):
    """Holds the key-encryption keys; the only thing that can wrap and unwrap data keys.

    Implementations must bind `subject_id` as associated data when wrapping,
    so a wrapped key copied to another candidate's record fails to unwrap
    there, and must keep every non-destroyed KEK version able to unwrap after
    `rotate`, so rotation never makes data unreadable.
    """

    def current_key_id(self) -> str:
        """The id of the KEK that `wrap` and `rewrap` use now."""
        ...

    def wrap(self, data_key: bytes, *, subject_id: str) -> WrappedKey:
        """Encrypt `data_key` for `subject_id` under the current KEK."""
        ...

    def unwrap(self, wrapped: WrappedKey, *, subject_id: str) -> bytes:
        """Decrypt a wrapped key; raise `DecryptionError` if it is not `subject_id`'s."""
        ...

    def rewrap(self, wrapped: WrappedKey, *, subject_id: str) -> WrappedKey:
        """Move a wrapped key to the current KEK without handing the data key out."""
        ...

    def rotate(self) -> str:
        """Create a new current KEK and return its id; older KEKs still unwrap."""
        ...


@runtime_checkable
class BlindIndexKeySource(Protocol):
    """Gives out the key for blind indexes, separate from every KEK and data key.

    Blind index keys must outlive KEK rotation (the indexes would otherwise all
    have to be recomputed from decrypted values), so they are not KEKs.
    """

    def blind_index_key(self, *, organisation_id: str) -> bytes:
        """The 32-byte HMAC key for one organisation's blind indexes."""
        ...
