"""Where a ciphertext belongs, bound into AES-GCM associated data.

Encryption alone does not stop someone with write access to the database from
copying candidate A's encrypted ID number into candidate B's row, or an
encrypted court record from one organisation's table into another's: the copy
would decrypt fine if both rows used the same data key. Binding the
organisation, table, column and row id as associated data makes such a moved
ciphertext fail authentication instead (PIPL Art. 51: measures against
tampering). The associated data also covers the ciphertext header (format
version and data-key version), so nobody can relabel a ciphertext to another
key version, and the payload kind, so a text field is never accepted where a
binary file is expected or the other way round.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from fairscreen.domain.vault._encoding import length_prefixed, require_identifier, utf8

__all__ = ["EncryptionContext", "PayloadKind", "associated_data"]

_ASSOCIATED_DATA_LABEL = b"fairscreen/vault/field-ciphertext"
_KEY_VERSION_SIZE = 4


class PayloadKind(enum.Enum):
    """What the plaintext is; part of the associated data (see module docstring)."""

    TEXT = b"text"
    BYTES = b"bytes"


_LABEL_PREFIXED = length_prefixed(_ASSOCIATED_DATA_LABEL)
_KIND_PREFIXED = {kind: length_prefixed(kind.value) for kind in PayloadKind}


@dataclass(frozen=True, slots=True)
class EncryptionContext:
    """The one place a ciphertext is allowed to live: organisation, table, column, row.

    All four are the application's stable identifiers (UUIDs, table and column
    names), never personal data: they are visible in the database anyway and
    may appear in error messages (except the row id).
    """

    organisation_id: str
    table: str
    column: str
    row_id: str
    _canonical: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        require_identifier(self.organisation_id, what="organisation_id")
        require_identifier(self.table, what="table")
        require_identifier(self.column, what="column")
        require_identifier(self.row_id, what="row_id")
        canonical = length_prefixed(
            utf8(self.organisation_id, what="organisation_id"),
            utf8(self.table, what="table"),
            utf8(self.column, what="column"),
            utf8(self.row_id, what="row_id"),
        )
        object.__setattr__(self, "_canonical", canonical)  # computed once: a page has hundreds

    def canonical_bytes(self) -> bytes:
        """The context as unambiguous bytes (length-prefixed UTF-8 of each field)."""
        return self._canonical

    def describe(self) -> str:
        """A label for error messages: `table.column`, with no row id or organisation."""
        return f"{self.table}.{self.column}"


def associated_data(
    context: EncryptionContext,
    *,
    format_version: int,
    key_version: int,
    kind: PayloadKind,
) -> bytes:
    """The AES-GCM associated data for one field ciphertext.

    Layout: length-prefixed label, format version (1 byte), data-key version
    (4 bytes big-endian), length-prefixed payload kind, then the canonical
    context. The label keeps these bytes distinct from every other use of
    associated data or MAC input in the project (domain separation).
    """
    return b"".join(
        (
            _LABEL_PREFIXED,
            format_version.to_bytes(1, "big"),
            key_version.to_bytes(_KEY_VERSION_SIZE, "big"),
            _KIND_PREFIXED[kind],
            context.canonical_bytes(),
        )
    )
