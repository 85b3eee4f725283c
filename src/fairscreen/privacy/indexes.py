"""Blind indexes of personal values, with the organisation's own index key.

Per organisation, so two employers' indexes of the same ID number differ and cannot be
joined: each is a separate personal information handler (PIPL Art. 73).
"""

from __future__ import annotations

from fairscreen.domain.vault import IndexKind, blind_index
from fairscreen.privacy.keyring import blind_index_key

__all__ = ["IndexKind", "index_of"]


def index_of(value: str, *, organisation_id: str, kind: IndexKind) -> str:
    """The 64-hex blind index of `value` (normalised for its kind) in one organisation."""
    return blind_index(
        value, index_key=blind_index_key(organisation_id=organisation_id), kind=kind.value
    )
