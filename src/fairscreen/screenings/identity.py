"""Checking a candidate's identifiers before they are encrypted and stored.

A wrong ID number would send checks to the wrong person's records, so it is refused at the
door. Error messages describe the problem and never repeat the value: they reach logs,
API clients and screenshots (PIPL Art. 51).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from fairscreen.core.errors import InvalidInput
from fairscreen.domain.vault import IndexKind, InvalidInputError, normalise

_ID_NUMBER = re.compile(r"[0-9]{17}[0-9X]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARACTERS = "10X98765432"  # GB 11643-1999, ISO 7064 MOD 11-2
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class CandidateIdentity:
    """Validated, normalised values, ready to encrypt."""

    full_name: str
    id_number: str
    phone: str
    email: str


def check_identity(*, full_name: str, id_number: str, phone: str, email: str) -> CandidateIdentity:
    """Normalise every value and report every problem at once, without echoing values."""
    problems: dict[str, str] = {}
    name = unicodedata.normalize("NFKC", full_name).strip()
    if not name or len(name) > _MAX_NAME_LENGTH:
        problems["full_name"] = _("Enter the candidate's full name (at most 100 characters).")
    id_normal = normalise_id_number(id_number)
    id_problem = id_number_problem(id_normal)
    if id_problem:
        problems["id_number"] = id_problem
    phone_normal = _normal_or_empty(phone, IndexKind.PHONE)
    if not _MOBILE.fullmatch(phone_normal):
        problems["phone"] = _("Enter an 11-digit mainland China mobile number.")
    email_normal = unicodedata.normalize("NFKC", email).strip()
    try:
        validate_email(email_normal)
    except ValidationError:
        problems["email"] = _("Enter a valid e-mail address.")
    if problems:
        raise InvalidInput("Some fields are invalid.", details=problems)
    return CandidateIdentity(
        full_name=name, id_number=id_normal, phone=phone_normal, email=email_normal
    )


def normalise_id_number(raw: str) -> str:
    """Full-width digits folded, spaces removed, a lower-case ``x`` check character raised."""
    return _normal_or_empty(raw, IndexKind.ID_NUMBER)


def id_number_problem(value: str) -> str | None:
    """Why a normalised value is not an 18-character resident ID number, or None."""
    if not _ID_NUMBER.fullmatch(value):
        return _("Enter the 18-character resident ID number: 17 digits, then a digit or X.")
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return _("The date of birth inside the ID number is not a valid date.")
    if check_character(value[:17]) != value[17]:
        return _("The ID number's check character does not match; please look for a typo.")
    return None


def check_character(first_seventeen: str) -> str:
    """The 18th character of a resident ID number (GB 11643-1999)."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first_seventeen, _ID_WEIGHTS, strict=True)
    )
    return _ID_CHECK_CHARACTERS[total % 11]


def mask_id_number(value: str) -> str:
    """``110105********123X``: enough to tell candidates apart, not enough to use."""
    if len(value) == 18:
        return f"{value[:6]}{'*' * 8}{value[14:]}"
    return "*" * max(len(value) - 4, 0) + value[-4:]


def _normal_or_empty(raw: str, kind: IndexKind) -> str:
    try:
        return normalise(raw, kind=kind)
    except InvalidInputError:
        return ""
