"""Unwrapping subject data keys, with a cache that lives for one scope only.

Every decryption needs the subject's data key, which is stored wrapped. Unwrapping is an
AES operation with a local key file, but a network round trip with Vault, and a list of 50
candidates has 200 encrypted values. So keys are cached, but only inside a
`data_key_scope()` (one selector call, one service call, one request): a dict in a
context variable, dropped when the scope ends.

The trade-off, chosen on purpose:

- **Short-lived**: unwrapped keys stay in process memory for the length of one scope,
  not minutes; a process-wide cache with a TTL would keep every recently viewed
  candidate's key in memory and would go on decrypting a key another process has just
  destroyed until the TTL ran out.
- **The row is always read**: the subject's `SubjectKey` row is read once per scope, so
  a key destroyed before the scope began is never used. A key destroyed by another
  process *during* a scope may still serve that scope (milliseconds to a request).
- Outside any scope nothing is cached: each value reads the row and unwraps again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from fairscreen.domain.vault import KeyNotFoundError, WrappedKey
from fairscreen.privacy.keyring import get_keyring
from fairscreen.privacy.models import SubjectKey
from fairscreen.privacy.subjects import Destroyed, SubjectRef

__all__ = [
    "DataKey",
    "SubjectKeyMissing",
    "data_key_for",
    "data_key_scope",
    "forget",
    "prime",
]


class SubjectKeyMissing(KeyNotFoundError):
    """No subject key for this subject in this organisation: a programming or data error."""


@dataclass(frozen=True, slots=True)
class DataKey:
    """An unwrapped data key and its version; never logged (the key is left out of repr)."""

    key: bytes = field(repr=False)
    version: int


_scope: ContextVar[dict[SubjectRef, DataKey | Destroyed] | None] = ContextVar(
    "fairscreen_data_key_scope", default=None
)


@contextmanager
def data_key_scope() -> Iterator[None]:
    """Cache unwrapped keys until the block ends; nested scopes share the outer cache."""
    if _scope.get() is not None:
        yield
        return
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def data_key_for(subject: SubjectRef) -> DataKey | Destroyed:
    """The subject's data key, or `Destroyed` if it was shredded.

    Raises `SubjectKeyMissing` if there is none, and the keyring's own errors
    (`KeyNotFoundError` for a wrong key file, `DecryptionError` for a wrapped key copied
    from another subject) when it does not unwrap.
    """
    cache = _scope.get()
    if cache is not None and subject in cache:
        return cache[subject]
    rows = SubjectKey.objects.filter(
        subject=subject.subject, organisation_id=subject.organisation_id
    )
    row = rows.first()
    if row is None:
        raise SubjectKeyMissing("no subject key for this subject in this organisation")
    found = _unwrapped(row)
    if cache is not None:
        cache[subject] = found
    return found


def prime(subjects: Iterable[SubjectRef]) -> None:
    """Load many subjects' keys with one query (lists); only inside a scope."""
    cache = _scope.get()
    if cache is None:
        return
    wanted = {ref for ref in subjects if ref not in cache}
    rows = SubjectKey.objects.filter(subject__in={ref.subject for ref in wanted})
    for row in rows:
        ref = SubjectRef(organisation_id=str(row.organisation_id), subject=row.subject)
        if ref in wanted:
            cache[ref] = _unwrapped(row)


def forget(subject: SubjectRef) -> None:
    """Drop a cached key (after destroying it in this scope)."""
    cache = _scope.get()
    if cache is not None:
        cache.pop(subject, None)


def _unwrapped(row: SubjectKey) -> DataKey | Destroyed:
    if row.destroyed_at is not None:
        return Destroyed(row.destroyed_at)
    wrapped = WrappedKey.from_text(row.wrapped_key)
    key = get_keyring().unwrap(wrapped, subject_id=row.subject)
    return DataKey(key=key, version=row.key_version)
