"""Blind indexes: exact-match lookup of encrypted values without decrypting them.

Field ciphertexts are randomised (a fresh nonce each time), so the database
cannot answer "do we already have a candidate with this ID number?". A blind
index is a keyed hash stored beside the ciphertext: HMAC-SHA256 over the kind
of value and the value in a normal form. Equal values give equal indexes;
without the index key an index reveals nothing and cannot be brute-forced,
which a plain hash of a low-entropy ID number or phone number could be.

Deletion: an index is de-identified, not anonymised, data (PIPL Art. 73): to
whoever holds the key it still singles out a person, so it remains personal
information (Art. 4). Crypto-shredding does not reach it, so the application
must delete a candidate's indexes together with the wrapped key (Art. 47).
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
import unicodedata

from fairscreen.domain.vault._encoding import length_prefixed, utf8
from fairscreen.domain.vault._errors import InvalidInputError

__all__ = ["MINIMUM_INDEX_KEY_SIZE", "IndexKind", "blind_index", "normalise"]

MINIMUM_INDEX_KEY_SIZE = 32
"""256-bit HMAC keys, matching the SHA-256 output size (RFC 2104 §3)."""

_LABEL = b"fairscreen/vault/blind-index/v1"
_INTERNATIONAL_PREFIX = re.compile(r"[\s(]*(?:\+|00)")
_CHINA_COUNTRY_CODE = "86"
_CHINA_NATIONAL_MOBILE_LENGTH = 11
_NON_DIGITS = re.compile(r"[^0-9]")


class IndexKind(enum.StrEnum):
    """The kinds of value with a blind index, each with its own normal form."""

    ID_NUMBER = "id_number"
    PHONE = "phone"
    EMAIL = "email"


def blind_index(value: str, *, index_key: bytes, kind: str) -> str:
    """The blind index of `value` as 64 lowercase hex digits.

    The kind is part of the HMAC input, so an ID number and a phone number
    that happen to share digits never collide, and an index of one kind
    cannot be used to probe another.
    """
    if not isinstance(index_key, bytes) or len(index_key) < MINIMUM_INDEX_KEY_SIZE:
        raise InvalidInputError(f"index_key must be at least {MINIMUM_INDEX_KEY_SIZE} bytes")
    index_kind = _index_kind(kind)
    message = length_prefixed(
        _LABEL,
        index_kind.value.encode("ascii"),
        utf8(normalise(value, kind=index_kind), what=f"{index_kind.value} value"),
    )
    return hmac.new(index_key, message, hashlib.sha256).hexdigest()


def normalise(value: str, *, kind: str) -> str:
    """The normal form of `value` for `kind`; equivalent spellings give the same result.

    Every kind first applies Unicode NFKC, which turns the full-width digits,
    letters and ``＠`` that Chinese input methods produce into ASCII.
    """
    index_kind = _index_kind(kind)
    if not isinstance(value, str):
        raise InvalidInputError(f"{index_kind.value} value must be a string")
    compatible = unicodedata.normalize("NFKC", value)
    # NFKC again afterwards: case mapping can decompose (Greek ΐ upper-cases to three
    # code points), and a normal form must be a fixed point.
    normal_form = unicodedata.normalize("NFKC", _NORMALISERS[index_kind](compatible))
    if not normal_form:
        raise InvalidInputError(f"{index_kind.value} value is empty after normalisation")
    return normal_form


def _normalise_id_number(value: str) -> str:
    """Resident ID numbers: no whitespace anywhere, and the check character ``x`` as ``X``."""
    return "".join(value.split()).upper()


def _normalise_email(value: str) -> str:
    """E-mail addresses: surrounding whitespace removed, lowercased.

    Lowercasing the local part is not strictly RFC 5321, but the large mail
    providers treat it case-insensitively, and a missed match is the worse
    error here.
    """
    return value.strip().lower()


def _normalise_phone(value: str) -> str:
    """Phone numbers: digits only, as the national number for China.

    ``+86 138-0000-0000``, ``0086 13800000000``, ``8613800000000`` and
    ``138 0000 0000`` all become ``13800000000``; a landline's trunk ``0``
    is dropped too, so ``010 1234 5678`` equals ``+86 10 1234 5678``.
    Numbers of other countries keep their country code behind a ``+``.
    """
    international = _INTERNATIONAL_PREFIX.match(value)
    digits = _NON_DIGITS.sub("", value[international.end() :] if international else value)
    if international:
        if not digits.startswith(_CHINA_COUNTRY_CODE):
            return "+" + digits if digits else ""
        digits = digits.removeprefix(_CHINA_COUNTRY_CODE)
    elif _looks_like_china_mobile_with_country_code(digits):
        digits = digits.removeprefix(_CHINA_COUNTRY_CODE)
    return digits.lstrip("0")  # the trunk prefix; no national number itself starts with 0


def _looks_like_china_mobile_with_country_code(digits: str) -> bool:
    # 86 + an 11-digit mobile number starting with 1: no domestic number has 13 digits.
    expected_length = len(_CHINA_COUNTRY_CODE) + _CHINA_NATIONAL_MOBILE_LENGTH
    return len(digits) == expected_length and digits.startswith(_CHINA_COUNTRY_CODE + "1")


_NORMALISERS = {
    IndexKind.ID_NUMBER: _normalise_id_number,
    IndexKind.PHONE: _normalise_phone,
    IndexKind.EMAIL: _normalise_email,
}


def _index_kind(kind: str) -> IndexKind:
    try:
        return IndexKind(kind)
    except ValueError:
        known = ", ".join(member.value for member in IndexKind)
        raise InvalidInputError(f"unknown blind index kind {kind!r}; known: {known}") from None
