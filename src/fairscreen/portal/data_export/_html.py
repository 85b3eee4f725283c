"""The copy as a page a person reads: the same document, with words instead of keys.

Nothing is computed here that the JSON does not hold; the page only labels it, picks the
reader's language for bilingual texts, says who acted by role, and leaves out empty
fields (the JSON keeps them, so nothing is hidden from a machine).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from fairscreen.accounts.roles import Role
from fairscreen.portal.data_export._labels import (
    AUTHORITY_LABELS,
    DOCUMENT_KEYS,
    FIELD_LABELS,
    SECTION_TITLES,
    TEXT_LABELS,
    VALUE_LABELS,
)

__all__ = [
    "ReadableCopy",
    "ReadableEntry",
    "ReadableField",
    "ReadableSection",
    "ReadableStep",
    "readable_copy",
    "readable_sections",
]

_BILINGUAL = ({"zh", "en"}, {"zh-hans", "en"})
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}")


@dataclass(frozen=True)
class ReadableField:
    """A label with a text, or with nested fields, or with a list of nested entries."""

    label: str
    text: str = ""
    fields: tuple[ReadableField, ...] = ()
    entries: tuple[tuple[ReadableField, ...], ...] = ()


@dataclass(frozen=True)
class ReadableEntry:
    title: str
    fields: tuple[ReadableField, ...]


@dataclass(frozen=True)
class ReadableSection:
    key: str
    title: str
    entries: tuple[ReadableEntry, ...]


@dataclass(frozen=True)
class ReadableStep:
    """One entry of the processing record: what was done, when, by whom (by role)."""

    sequence: int
    event_type: str
    recorded_at: str
    by: str


@dataclass(frozen=True)
class ReadableCopy:
    sections: tuple[ReadableSection, ...]
    processing: tuple[ReadableStep, ...]


def readable_copy(document: Mapping[str, Any], *, language: str) -> ReadableCopy:
    """The whole copy for the page: its sections, then its processing record."""
    return ReadableCopy(
        sections=tuple(readable_sections(document["records"], language=language)),
        processing=tuple(
            ReadableStep(
                sequence=int(step["sequence"]),
                event_type=str(step["event_type"]),
                recorded_at=str(step["recorded_at"]),
                by=actor_text(step["by"]) if step.get("by") else "",
            )
            for step in document.get("processing_record", ())
        ),
    )


def readable_sections(
    records: Mapping[str, Sequence[Mapping[str, Any]]], *, language: str
) -> list[ReadableSection]:
    """Each non-empty section of the copy, its records numbered in order."""
    reader = _Reader(language=language)
    sections = []
    for key, rows in records.items():
        if not rows:
            continue
        title = str(SECTION_TITLES.get(key, key))
        sections.append(
            ReadableSection(
                key=key,
                title=title,
                entries=tuple(
                    ReadableEntry(title=f"{title} · {number}", fields=reader.fields(row, key))
                    for number, row in enumerate(rows, start=1)
                ),
            )
        )
    return sections


@dataclass(frozen=True)
class _Reader:
    """Walks one record; `path` (``screenings.items``) picks the labels of coded values.

    Inside a stored document (the notice, the disclosure, a finding's details) the keys
    are the document's own, so they are shown as written, not looked up as field names.
    """

    language: str

    def fields(
        self, record: Mapping[str, Any], path: str, *, document: bool = False
    ) -> tuple[ReadableField, ...]:
        found = (self.field(key, value, path, document) for key, value in record.items())
        return tuple(field for field in found if field is not None)

    def field(self, key: str, value: Any, path: str, document: bool) -> ReadableField | None:
        if value is None or value in ("", [], {}):
            return None
        label = key.replace("_", " ") if document else str(FIELD_LABELS.get(key, key))
        inner = document or key in DOCUMENT_KEYS
        if isinstance(value, Mapping):
            text = self.special(value)
            if text is not None:
                return ReadableField(label=label, text=text)
            return ReadableField(label=label, fields=self.fields(value, path, document=inner))
        if isinstance(value, list):
            return self.listed(label, key, value, path, inner)
        return ReadableField(label=label, text=self.scalar(path, key, value))

    def listed(
        self, label: str, key: str, values: list[Any], path: str, document: bool
    ) -> ReadableField:
        """Records as entries; plain values (and bilingual texts, actors) on one line."""
        texts = [self.special(item) if isinstance(item, Mapping) else None for item in values]
        if all(isinstance(item, Mapping) for item in values) and None in texts:
            entries = tuple(
                self.fields(item, f"{path}.{key}", document=document) for item in values
            )
            return ReadableField(label=label, entries=entries)
        shown = (
            text or self.scalar(path, key, item) for text, item in zip(texts, values, strict=True)
        )
        return ReadableField(label=label, text="; ".join(shown))

    def special(self, value: Mapping[str, Any]) -> str | None:
        """A bilingual text in the reader's language, or an actor as the candidate may know."""
        if set(value) in _BILINGUAL:
            chinese = str(value.get("zh") or value.get("zh-hans") or "")
            return str(value.get("en", "")) if self.language.startswith("en") else chinese
        if set(value) <= {"kind", "roles"} and "kind" in value:
            return actor_text(value)
        return None

    def scalar(self, path: str, key: str, value: object) -> str:
        if isinstance(value, bool):
            return str(_("Yes") if value else _("No"))
        text = TEXT_LABELS.get(f"{path}.{key}", {}).get(str(value))
        if text is not None:
            return text.get(self.language)
        choices = VALUE_LABELS.get(f"{path}.{key}")
        if choices is not None and value in choices.values:
            return str(choices(value).label)
        if key == "authority" and str(value) in AUTHORITY_LABELS:
            return str(AUTHORITY_LABELS[str(value)])
        return _moment(value) if isinstance(value, str) else str(value)


def actor_text(actor: Mapping[str, Any]) -> str:
    kind = actor.get("kind")
    roles = "、".join(
        str(Role(role).label) for role in actor.get("roles", ()) if role in Role.values
    )
    if kind == "you":
        return _("You")
    if kind == "system":
        return _("The system")
    if kind in ("staff", "integration"):
        who = _("Staff") if kind == "staff" else _("An integration")
        return f"{who} · {roles}" if roles else who
    return _("Someone else")


def _moment(value: str) -> str:
    """A stored time (ISO 8601, UTC) in the reader's time zone, to the minute."""
    if not _ISO_TIME.fullmatch(value):
        return value
    moment = datetime.fromisoformat(value)
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z")
