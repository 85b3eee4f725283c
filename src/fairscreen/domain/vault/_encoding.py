"""Unambiguous byte encodings shared by the vault modules.

Anything fed to a MAC, a KDF or AES-GCM associated data must be encoded so
that two different inputs can never produce the same bytes. Plain
concatenation fails that test ("ab" + "c" == "a" + "bc"), so every variable
part is length-prefixed. Base64url decoding is strict for the same reason:
one ciphertext must have exactly one text form.
"""

from __future__ import annotations

import base64
import binascii
import re

from fairscreen.domain.vault._errors import CiphertextFormatError, InvalidInputError

__all__ = [
    "decode_base64url",
    "encode_base64url",
    "length_prefixed",
    "require_identifier",
    "utf8",
]

_LENGTH_PREFIX_SIZE = 4
_BASE64URL_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")
_BASE64URL_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_UNUSED_BITS_MASK = {2: 0b1111, 3: 0b11}
"""For an unpadded length of 2 or 3 mod 4, how many low bits of the last digit are unused."""


def length_prefixed(*parts: bytes) -> bytes:
    """Concatenate `parts`, each preceded by its length as 4 bytes big-endian.

    Injective: the output determines the number of parts and each part, so
    no two different contexts or index inputs share associated data.
    """
    return b"".join(len(part).to_bytes(_LENGTH_PREFIX_SIZE, "big") + part for part in parts)


def utf8(text: str, *, what: str) -> bytes:
    """Encode `text` as UTF-8, refusing lone surrogates without echoing the text.

    `UnicodeEncodeError` keeps the whole string in its `object` attribute,
    which error trackers happily serialise; we replace it with an error that
    carries no personal data.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInputError(
            f"{what} is not valid Unicode (it contains a lone surrogate) and cannot be encrypted"
        ) from None


def require_identifier(value: str, *, what: str) -> str:
    """Return `value` if it is a non-empty string, else raise `InvalidInputError`.

    An empty organisation, table, column, row or subject id almost always means
    a bug (for example encrypting before the row has its primary key), and
    binding a ciphertext to "" would silently bind it to every such bug.
    """
    if not isinstance(value, str) or not value:
        raise InvalidInputError(f"{what} must be a non-empty string")
    return value


def encode_base64url(data: bytes) -> str:
    """Base64url without padding (RFC 4648 §5), safe in URLs, JSON and text columns."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_base64url(text: str, *, what: str) -> bytes:
    """Strictly decode unpadded base64url; anything non-canonical is rejected.

    The standard library silently skips characters outside the alphabet and
    accepts non-zero trailing bits; both would give one ciphertext several
    spellings, so both are refused here.
    """
    if not _BASE64URL_ALPHABET.fullmatch(text) or len(text) % 4 == 1:
        raise CiphertextFormatError(f"{what} is not unpadded base64url text")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise CiphertextFormatError(f"{what} is not unpadded base64url text") from None
    mask = _UNUSED_BITS_MASK.get(len(text) % 4)
    if mask is not None and _BASE64URL_DIGITS.index(text[-1]) & mask:
        raise CiphertextFormatError(f"{what} is not canonical base64url (non-zero padding bits)")
    return data
