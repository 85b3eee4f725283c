"""The versioned ciphertext format (binary and text forms).

Binary layout, format version 1 (all integers big-endian)::

    offset  size  field
    0       1     format version, 0x01
    1       4     data-key version of the subject (0 .. 2**32 - 1)
    5       12    nonce, random per message
    17      n+16  AES-256-GCM ciphertext of the n plaintext bytes, then the 16-byte tag

Text form: ``"fs1:"`` followed by the binary form in unpadded base64url, so the
same value fits a text column, JSON or a URL. The version byte comes first so
that a later format (another cipher, chunked streaming for huge files) can be
introduced while old rows stay readable. Every header field is also part of the
associated data, so a header cannot be edited without decryption failing.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairscreen.domain.vault._encoding import decode_base64url, encode_base64url
from fairscreen.domain.vault._errors import CiphertextFormatError, InvalidInputError

__all__ = [
    "FORMAT_VERSION",
    "MAX_KEY_VERSION",
    "NONCE_SIZE",
    "TAG_SIZE",
    "TEXT_PREFIX",
    "Ciphertext",
    "require_key_version",
]

FORMAT_VERSION = 1
"""The only format this code writes and reads."""

NONCE_SIZE = 12
"""96-bit nonces: the size GCM is designed for (NIST SP 800-38D §8.2)."""

TAG_SIZE = 16
"""Full 128-bit GCM tags; truncated tags weaken forgery resistance."""

MAX_KEY_VERSION = 2**32 - 1
"""Data-key versions are stored in 4 bytes."""

TEXT_PREFIX = f"fs{FORMAT_VERSION}:"
"""Marks the text form, and says which format version it holds."""

_KEY_VERSION_SIZE = 4
_HEADER_SIZE = 1 + _KEY_VERSION_SIZE + NONCE_SIZE
_MINIMUM_SIZE = _HEADER_SIZE + TAG_SIZE


def require_key_version(key_version: int) -> int:
    """Return `key_version` if it fits the 4-byte header field, else raise."""
    if (
        not isinstance(key_version, int)
        or isinstance(key_version, bool)
        or not 0 <= key_version <= MAX_KEY_VERSION
    ):
        raise InvalidInputError(f"key_version must be an integer from 0 to {MAX_KEY_VERSION}")
    return key_version


@dataclass(frozen=True, slots=True)
class Ciphertext:
    """A parsed ciphertext: header fields plus the sealed (encrypted and tagged) bytes.

    Parsing checks structure only; authenticity is checked by decryption.
    """

    key_version: int
    nonce: bytes
    sealed: bytes
    format_version: int = FORMAT_VERSION

    def __post_init__(self) -> None:
        if self.format_version != FORMAT_VERSION:
            raise CiphertextFormatError(
                f"unsupported ciphertext format version {self.format_version}; "
                f"this code reads version {FORMAT_VERSION}"
            )
        require_key_version(self.key_version)
        if len(self.nonce) != NONCE_SIZE:
            raise CiphertextFormatError(f"ciphertext nonce must be {NONCE_SIZE} bytes")
        if len(self.sealed) < TAG_SIZE:
            raise CiphertextFormatError("ciphertext is shorter than its authentication tag")

    @classmethod
    def from_bytes(cls, data: bytes) -> Ciphertext:
        """Parse the binary form; raise `CiphertextFormatError` on anything else."""
        if not isinstance(data, bytes):
            raise CiphertextFormatError("a binary ciphertext must be bytes")
        if not data:
            raise CiphertextFormatError("ciphertext is empty")
        if data[0] != FORMAT_VERSION:
            raise CiphertextFormatError(
                f"unsupported ciphertext format version {data[0]}; "
                f"this code reads version {FORMAT_VERSION}"
            )
        if len(data) < _MINIMUM_SIZE:
            raise CiphertextFormatError(
                f"ciphertext is truncated: {len(data)} bytes, at least {_MINIMUM_SIZE} needed"
            )
        return cls(
            key_version=int.from_bytes(data[1 : 1 + _KEY_VERSION_SIZE], "big"),
            nonce=data[1 + _KEY_VERSION_SIZE : _HEADER_SIZE],
            sealed=data[_HEADER_SIZE:],
        )

    @classmethod
    def from_text(cls, token: str) -> Ciphertext:
        """Parse the text form ``fs1:<base64url>``."""
        if not isinstance(token, str):
            raise CiphertextFormatError("a text ciphertext must be a string")
        if not token.startswith(TEXT_PREFIX):
            raise CiphertextFormatError(
                f"text ciphertext must start with {TEXT_PREFIX!r} "
                "(is this column holding unencrypted data?)"
            )
        data = decode_base64url(token[len(TEXT_PREFIX) :], what="text ciphertext")
        return cls.from_bytes(data)

    def header(self) -> bytes:
        """Format version, key version and nonce: the first 17 bytes of the binary form."""
        return (
            self.format_version.to_bytes(1, "big")
            + self.key_version.to_bytes(_KEY_VERSION_SIZE, "big")
            + self.nonce
        )

    def to_bytes(self) -> bytes:
        """The binary form (see the module docstring for the layout)."""
        return self.header() + self.sealed

    def to_text(self) -> str:
        """The text form, ``fs1:`` + unpadded base64url of the binary form."""
        return TEXT_PREFIX + encode_base64url(self.to_bytes())
