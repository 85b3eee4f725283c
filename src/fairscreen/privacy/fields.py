"""Model fields for personal data: encrypted text and blind indexes.

`EncryptedTextField` stores only the ``fs1:`` ciphertext (PIPL Art. 51). Assign plain
text to the attribute and `save()`: `pre_save` encrypts it with the row's subject key,
bound to (organisation, table, column, row id), so a ciphertext moved to another row,
column or candidate fails with `DecryptionError`. Reading the attribute gives an
`EncryptedValue`, which decrypts only when asked (`reveal()`), and returns `Destroyed`
instead of raising once the subject's key has been shredded (PIPL Art. 47).

The database layer refuses anything that is not a ciphertext (`get_prep_value`): a
`QuerySet.update(full_name="...")` or a filter on plain text is a programming error, not a
silent plaintext write. Exact-match lookups go through a `BlindIndexField` instead.

`str()` and `repr()` of an `EncryptedValue` never decrypt, so a value that slips into a
log line or an f-string shows ``<encrypted table.column>``, not the person's data.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.query_utils import DeferredAttribute

from fairscreen.domain.vault import EncryptionContext, decrypt_field, encrypt_field
from fairscreen.privacy.data_keys import data_key_for
from fairscreen.privacy.subjects import Destroyed, PersonalData, Revealed, SubjectRef

__all__ = [
    "BlindIndexField",
    "EncryptedCharField",
    "EncryptedTextField",
    "EncryptedValue",
    "PlaintextRefused",
    "StoredCiphertext",
    "SubjectDestroyed",
]

_BLIND_INDEX = re.compile(r"[0-9a-f]{64}")
_SUBJECT_CACHE = "_fairscreen_subject_ref"


class PlaintextRefused(TypeError):
    """Code tried to send a non-ciphertext to an encrypted column: a programming error."""


class SubjectDestroyed(PermissionError):
    """New personal data for a subject whose key was destroyed: it could never be read."""


class StoredCiphertext(str):
    """A ciphertext as stored in the database; plain `str` on a model means plaintext."""

    __slots__ = ()


class EncryptedValue:
    """One encrypted attribute of one model row; decrypts on `reveal()` only."""

    __slots__ = ("_field", "_instance", "_raw")

    def __init__(self, instance: models.Model, field: EncryptedTextField, raw: str) -> None:
        self._instance = instance
        self._field = field
        self._raw = raw

    @property
    def ciphertext(self) -> StoredCiphertext | None:
        """The stored ``fs1:`` text, or None while a new value awaits `save()`."""
        return self._raw if isinstance(self._raw, StoredCiphertext) else None

    def reveal(self) -> Revealed:
        """The plaintext, or `Destroyed` if the subject's key is gone.

        Raises the vault's `DecryptionError` when the ciphertext does not belong here
        (moved from another row, column or candidate, or altered).
        """
        if not isinstance(self._raw, StoredCiphertext):
            return self._raw  # assigned in this process and not yet saved
        subject = subject_ref(self._instance)
        key = data_key_for(subject)
        if isinstance(key, Destroyed):
            return key
        return decrypt_field(
            self._raw,
            data_key=key.key,
            key_version=key.version,
            context=_context(self._instance, str(self._field.column), subject),
        )

    def __str__(self) -> str:
        return f"<encrypted {self._field.model._meta.db_table}.{self._field.column}>"

    __repr__ = __str__


class EncryptedDescriptor(DeferredAttribute):
    """Wraps the raw column value in an `EncryptedValue` bound to its row (cf. FileDescriptor)."""

    field: EncryptedTextField

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        raw = super().__get__(instance, cls)
        return None if raw is None else EncryptedValue(instance, self.field, raw)

    def __set__(self, instance: Any, value: Any) -> None:
        if isinstance(value, EncryptedValue):
            value = value._raw  # a copied ciphertext stays bound to where it was made
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{self.field.name} takes text")
        instance.__dict__[self.field.attname] = value


if TYPE_CHECKING:
    _EncryptedBase = models.Field[str | EncryptedValue | None, EncryptedValue]
    _IndexBase = models.CharField[str | None, str | None]
else:
    _EncryptedBase = models.Field
    _IndexBase = models.CharField


class EncryptedTextField(_EncryptedBase):
    """Personal text, stored as an ``fs1:`` ciphertext under the row's subject key."""

    descriptor_class = EncryptedDescriptor
    description = "Encrypted text (fs1: ciphertext)"

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(
        self, value: str | None, expression: Any, connection: BaseDatabaseWrapper
    ) -> StoredCiphertext | None:
        return None if value is None else StoredCiphertext(value)

    def pre_save(self, model_instance: models.Model, add: bool) -> StoredCiphertext | None:
        raw = model_instance.__dict__.get(self.attname)
        if raw is None or isinstance(raw, StoredCiphertext):
            return raw
        sealed = StoredCiphertext(_seal(model_instance, self, str(raw)))
        model_instance.__dict__[self.attname] = sealed
        return sealed

    def get_prep_value(self, value: Any) -> str | None:
        if isinstance(value, EncryptedValue):
            value = value.ciphertext
        if value is None or isinstance(value, StoredCiphertext):
            return None if value is None else str(value)
        raise PlaintextRefused(
            f"{self.model._meta.db_table}.{self.column} stores ciphertexts only: assign the "
            "value to a model instance and save() it, or look it up by blind index"
        )

    def value_from_object(self, obj: models.Model) -> Any:
        """The stored ciphertext (for serialisation and dumps), never the plaintext."""
        return obj.__dict__.get(self.attname)

    def formfield(self, **kwargs: Any) -> Any:
        return None  # never edited through a ModelForm or the admin: services encrypt


class EncryptedCharField(EncryptedTextField):
    """The same, with the plaintext's maximum length checked before encryption."""

    def __init__(self, *args: Any, max_plaintext_length: int = 200, **kwargs: Any) -> None:
        self.max_plaintext_length = max_plaintext_length
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_plaintext_length"] = self.max_plaintext_length
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> StoredCiphertext | None:
        raw = model_instance.__dict__.get(self.attname)
        too_long = isinstance(raw, str) and len(raw) > self.max_plaintext_length
        if too_long and not isinstance(raw, StoredCiphertext):
            raise ValueError(f"{self.name} is longer than {self.max_plaintext_length}")
        return super().pre_save(model_instance, add)


class BlindIndexField(_IndexBase):
    """An HMAC blind index (64 hex digits) for exact-match lookups of an encrypted value.

    De-identified, not anonymised (PIPL Art. 73): whoever holds the index key can test a
    guess against it, so shredding a subject sets these to NULL together with the key.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(max_length=64, null=True, blank=True, db_index=True, editable=False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        for fixed in ("max_length", "null", "blank", "db_index", "editable"):
            kwargs.pop(fixed, None)
        return name, path, args, kwargs

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is not None and not _BLIND_INDEX.fullmatch(str(value)):
            raise PlaintextRefused(f"{self.name} holds 64-hex blind indexes only")
        return value


def context_for(instance: models.Model, column: str) -> EncryptionContext:
    """Where a value may live: organisation, table, column, row id (bound into GCM)."""
    return _context(instance, column, subject_ref(instance))


def subject_ref(instance: models.Model) -> SubjectRef:
    """The row's data subject, remembered on the instance while its ids stay the same.

    A page reveals dozens of values of one row; building the reference once per row
    rather than once per value is most of what keeps a decrypted page cheap.
    """
    personal = subject_of(instance)
    ids = (
        getattr(instance, "organisation_id", None),
        getattr(instance, personal.subject_id_field, None),
    )
    cached = instance.__dict__.get(_SUBJECT_CACHE)
    if cached is not None and cached[0] == ids:
        remembered: SubjectRef = cached[1]
        return remembered
    ref = personal.encryption_subject()
    instance.__dict__[_SUBJECT_CACHE] = (ids, ref)
    return ref


def _context(instance: models.Model, column: str, subject: SubjectRef) -> EncryptionContext:
    return EncryptionContext(
        organisation_id=subject.organisation_id,
        table=instance._meta.db_table,
        column=column,
        row_id=str(instance.pk),
    )


def _seal(instance: models.Model, field: EncryptedTextField, plaintext: str) -> str:
    key = data_key_for(subject_ref(instance))
    if isinstance(key, Destroyed):
        raise SubjectDestroyed("this subject's key was destroyed; no new data may be stored")
    return encrypt_field(
        plaintext,
        data_key=key.key,
        key_version=key.version,
        context=context_for(instance, str(field.column)),
    )


def subject_of(instance: models.Model) -> PersonalData:
    """The row as `PersonalData`; a model with encrypted values must declare its subject."""
    if not isinstance(instance, PersonalData):
        raise TypeError(f"{type(instance).__name__} has encrypted fields but is not PersonalData")
    return instance
