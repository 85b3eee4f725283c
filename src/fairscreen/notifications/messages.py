"""What callers hand to `notify`: a bilingual message, its recipient and the channels.

Frozen value objects that check themselves when built: a malformed message cannot exist,
so a bad call fails inside the caller's transaction (and rolls back the change that wanted
to tell someone) instead of failing later in a worker where nobody sees it. Errors name
the field, never the value: values are personal data (core.errors). Personal values are
left out of `repr`, so a message or recipient in a log line or a traceback shows none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from fairscreen.core.errors import InvalidInput

__all__ = [
    "Bilingual",
    "ChannelName",
    "InvalidNotification",
    "Language",
    "Message",
    "Recipient",
    "RecipientKind",
    "candidate_id_of",
]

KIND = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
LINK_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*")
EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,}"
)
"""ASCII addresses (IDN domains as punycode); internationalised local parts need SMTPUTF8."""
PHONE = re.compile(r"\+?[0-9]{5,20}")
MAX_KIND = 80
MAX_SUBJECT = 200
MAX_BODY = 10_000
MAX_LINK = 300
MAX_EMAIL = 254


class InvalidNotification(InvalidInput):
    code = "invalid_notification"


class Language(models.TextChoices):
    """The language a recipient reads; `BOTH` sends Chinese first, then English."""

    ZH_HANS = "zh-hans", _("Simplified Chinese")
    EN = "en", _("English")
    BOTH = "both", _("Both languages")

    @classmethod
    def active(cls) -> Language:
        """The language of the current request (the portal's switch), zh-hans by default."""
        return cls.EN if (translation.get_language() or "").startswith("en") else cls.ZH_HANS

    @property
    def singles(self) -> tuple[Language, ...]:
        """The one or two languages to write in, Chinese first (the default UI)."""
        return (Language.ZH_HANS, Language.EN) if self is Language.BOTH else (self,)


class ChannelName(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    PORTAL = "portal", _("Portal inbox")


class RecipientKind(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    STAFF = "staff", _("Staff")


@dataclass(frozen=True)
class Bilingual:
    """One text in Simplified Chinese and English; a candidate may read either (CONTEXT.md)."""

    zh_hans: str = field(repr=False)
    en: str = field(repr=False)

    def __post_init__(self) -> None:
        for name in ("zh_hans", "en"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise InvalidNotification(
                    "Each text needs both languages.", details={name: "required"}
                )

    @classmethod
    def translated(cls, text: StrOrPromise, /, **params: Any) -> Bilingual:
        """A translatable string (``gettext_lazy``) rendered in both languages.

        Parameters are rendered in each language too, so a lazy label passed as a
        parameter comes out in the language of the sentence around it.
        """
        rendered: dict[Language, str] = {}
        for language in (Language.ZH_HANS, Language.EN):
            with translation.override(language.value):
                values = {name: str(value) for name, value in params.items()}
                rendered[language] = str(text) % values if params else str(text)
        return cls(zh_hans=rendered[Language.ZH_HANS], en=rendered[Language.EN])

    def in_language(self, language: Language) -> str:
        if language is Language.BOTH:
            raise ValueError("pick one language: Language.singles lists them")
        return self.zh_hans if language is Language.ZH_HANS else self.en

    def as_dict(self) -> dict[str, str]:
        return {Language.ZH_HANS.value: self.zh_hans, Language.EN.value: self.en}

    @classmethod
    def from_dict(cls, values: dict[str, str]) -> Bilingual:
        return cls(zh_hans=values[Language.ZH_HANS.value], en=values[Language.EN.value])


@dataclass(frozen=True)
class Message:
    """What to say, and which screening and data subject it belongs to (opaque ids only).

    `kind` is a dotted name (``decision.preliminary_notice``, ``feedback.reminder``): it
    is what the evidence ledger and staff see, never the text. `link_path` is a path on
    this site (``/c/...``); nothing is ever added to it, so a URL carries no token or
    personal value beyond what the caller wrote. `data_subject` (``candidate:<uuid>``) is
    whose key encrypts the stored text: the candidate recipient by default; a message to
    staff about a candidate names that candidate, so shredding the candidate (PIPL
    Art. 47) leaves nothing readable about them in anyone's inbox either.
    """

    kind: str
    subject: Bilingual
    body: Bilingual
    link_path: str = field(default="", repr=False)
    screening_id: UUID | None = None
    data_subject: str = ""

    def __post_init__(self) -> None:
        problems: dict[str, str] = {}
        if (
            not isinstance(self.kind, str)
            or len(self.kind) > MAX_KIND
            or not KIND.fullmatch(self.kind)
        ):
            problems["kind"] = "a dotted lower-case name like decision.preliminary_notice"
        if not isinstance(self.subject, Bilingual) or not isinstance(self.body, Bilingual):
            raise InvalidNotification(
                "This notification is malformed.", details={"subject": "Bilingual texts"}
            )
        for language in (Language.ZH_HANS, Language.EN):
            line = self.subject.in_language(language)
            if len(line) > MAX_SUBJECT or "\n" in line or "\r" in line:
                problems[f"subject.{language}"] = f"one line of at most {MAX_SUBJECT} characters"
            if len(self.body.in_language(language)) > MAX_BODY:
                problems[f"body.{language}"] = f"at most {MAX_BODY} characters"
        if self.link_path and (
            len(self.link_path) > MAX_LINK or not LINK_PATH.fullmatch(self.link_path)
        ):
            problems["link_path"] = "a path on this site like /c/..., without query or fragment"
        if self.screening_id is not None and not isinstance(self.screening_id, UUID):
            problems["screening_id"] = "a UUID"
        if self.data_subject and candidate_id_of(self.data_subject) is None:
            problems["data_subject"] = "candidate:<uuid>"
        if problems:
            raise InvalidNotification("This notification is malformed.", details=problems)


@dataclass(frozen=True)
class Recipient:
    """A candidate (their own data key encrypts what is stored) or a staff user.

    Addresses come from the caller already decrypted (the candidate's are personal data
    the caller read through its selector); they are stored again only encrypted, until the
    message has gone out. Build one with `Recipient.candidate(...)` or `Recipient.staff(...)`.
    """

    kind: RecipientKind
    organisation_id: UUID
    candidate_id: UUID | None = None
    user_id: UUID | None = None
    email: str = field(default="", repr=False)
    phone: str = field(default="", repr=False)
    language: Language = Language.ZH_HANS

    @classmethod
    def candidate(
        cls,
        *,
        subject: str,
        organisation_id: UUID,
        email: str = "",
        phone: str = "",
        language: Language = Language.ZH_HANS,
    ) -> Recipient:
        """`subject` is the candidate's opaque id, ``candidate:<uuid>``."""
        candidate_id = candidate_id_of(subject)
        if candidate_id is None:
            raise InvalidNotification(
                "A candidate recipient needs its subject id.",
                details={"subject": "candidate:<uuid>"},
            )
        return cls(
            kind=RecipientKind.CANDIDATE,
            organisation_id=organisation_id,
            candidate_id=candidate_id,
            email=email,
            phone=phone,
            language=language,
        )

    @classmethod
    def staff(
        cls,
        *,
        user_id: UUID,
        organisation_id: UUID,
        email: str,
        language: Language = Language.ZH_HANS,
    ) -> Recipient:
        return cls(
            kind=RecipientKind.STAFF,
            organisation_id=organisation_id,
            user_id=user_id,
            email=email,
            language=language,
        )

    def __post_init__(self) -> None:
        problems: dict[str, str] = {}
        if not isinstance(self.organisation_id, UUID):
            problems["organisation_id"] = "a UUID"
        if self.kind is RecipientKind.CANDIDATE and (self.candidate_id is None or self.user_id):
            problems["candidate_id"] = "a candidate recipient has a candidate id and no user id"
        if self.kind is RecipientKind.STAFF and (self.user_id is None or self.candidate_id):
            problems["user_id"] = "a staff recipient has a user id and no candidate id"
        if not isinstance(self.email, str) or (
            self.email and (len(self.email) > MAX_EMAIL or not EMAIL.fullmatch(self.email))
        ):
            problems["email"] = "an address like name@example.com"
        if not isinstance(self.phone, str) or (self.phone and not PHONE.fullmatch(self.phone)):
            problems["phone"] = "digits, optionally after +"
        if not isinstance(self.language, Language):
            problems["language"] = "zh-hans, en or both"
        if problems:
            raise InvalidNotification("This recipient is malformed.", details=problems)

    @property
    def reference(self) -> str:
        """Who, as an opaque id for evidence and staff lists: never a name or an address."""
        if self.kind is RecipientKind.CANDIDATE:
            return f"candidate:{self.candidate_id}"
        return f"user:{self.user_id}"


def candidate_id_of(subject: str) -> UUID | None:
    """The UUID in ``candidate:<uuid>``, or None for anything else."""
    kind, separator, value = subject.partition(":") if isinstance(subject, str) else ("", "", "")
    if kind != "candidate" or not separator:
        return None
    try:
        return UUID(value)
    except ValueError:
        return None
