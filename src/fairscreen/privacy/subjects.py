"""Data subjects: whose key encrypts a row, and what a destroyed value looks like.

A model that holds personal data mixes in `PersonalData` and names the field holding the
subject's id. Everything else follows from that declaration: which data key encrypts its
encrypted fields, which rows lose their blind indexes when the key is destroyed, and that
the app shows "destroyed on <date>" for them from then on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

__all__ = ["Destroyed", "PersonalData", "Revealed", "SubjectRef", "personal_data_models"]


@dataclass(frozen=True, slots=True)
class SubjectRef:
    """One data subject within one organisation; opaque ids only, never personal data."""

    organisation_id: str
    subject: str


@dataclass(frozen=True, slots=True)
class Destroyed:
    """Stands in for a value whose data key was destroyed (crypto-shredding, PIPL Art. 47).

    Rendering it says when, in the active language and time zone; nothing raises, so every
    page keeps working for the candidates whose data is gone.
    """

    destroyed_at: datetime

    def __str__(self) -> str:
        day = timezone.localtime(self.destroyed_at).date().isoformat()
        return _("destroyed on %(date)s") % {"date": day}


Revealed = str | Destroyed
"""A decrypted value, or the marker that it no longer exists."""


class PersonalData:
    """Mixin for models whose rows hold one data subject's encrypted values.

    `subject_kind` names the kind of subject (``candidate``), `subject_id_field` the
    field with its id (``id`` on the candidate itself, ``candidate_id`` on a finding), and
    the model must have an ``organisation_id``. The subject reference is bound into every
    wrapped key, so a row can only ever be decrypted with its own subject's key.
    """

    subject_kind: ClassVar[str] = "candidate"
    subject_id_field: ClassVar[str] = "candidate_id"

    def encryption_subject(self) -> SubjectRef:
        organisation_id: Any = getattr(self, "organisation_id", None)
        subject_id: Any = getattr(self, self.subject_id_field, None)
        if organisation_id is None or subject_id is None:
            raise ValueError(f"{type(self).__name__} needs its organisation and subject set")
        return SubjectRef(
            organisation_id=str(organisation_id), subject=f"{self.subject_kind}:{subject_id}"
        )

    @classmethod
    def rows_of_subject(cls, subject: str) -> models.QuerySet[Any]:
        """Every row of this model that belongs to `subject` (e.g. ``candidate:<uuid>``)."""
        kind, _separator, subject_id = subject.partition(":")
        manager: models.Manager[Any] = cls._default_manager  # type: ignore[attr-defined]
        if kind != cls.subject_kind or not subject_id:
            return manager.none()
        return manager.filter(**{cls.subject_id_field: subject_id})


def personal_data_models() -> list[type[models.Model]]:
    """Every installed model that holds personal data (for shredding and audits)."""
    return [model for model in apps.get_models() if issubclass(model, PersonalData)]
