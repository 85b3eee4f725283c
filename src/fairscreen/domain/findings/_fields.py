"""The shape of a finding's details: typed fields, described once, checked strictly.

A report is only as fair as its facts are precise. "Has a lawsuit" is not a fact; a case
number, a court, a cause of action and the candidate's role in it are. Each check item
therefore has a schema of named fields (`FindingSchema`), and details are parsed against it
with every problem reported at once, by field name only — the values are personal data and
never appear in an error message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fairscreen.domain.scope import Text

__all__ = ["MAX_TEXT_LENGTH", "FieldKind", "FieldSpec", "FindingSchema", "parse_field"]

MAX_TEXT_LENGTH = 2000
"""The longest text one detail may hold; evidence documents go in files, not fields."""


class FieldKind(StrEnum):
    TEXT = "text"
    DATE = "date"  # ISO 8601, YYYY-MM-DD
    CHOICE = "choice"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One detail of a finding: its name, bilingual label, kind and whether it is required."""

    name: str
    label: Text
    kind: FieldKind = FieldKind.TEXT
    required: bool = True
    choices: tuple[tuple[str, Text], ...] = ()
    max_length: int = 200

    def choice_values(self) -> tuple[str, ...]:
        return tuple(value for value, _label in self.choices)

    def choice_label(self, value: str) -> Text | None:
        return next((label for known, label in self.choices if known == value), None)


@dataclass(frozen=True, slots=True)
class FindingSchema:
    """The details one check item's findings carry, and which field dates the fact.

    `dated_by` lists the date fields that say when the fact happened, best first: the
    look-back period is counted from the first one present (e.g. the judgment's effective
    date, else the filing date).
    """

    item: str
    fields: tuple[FieldSpec, ...]
    dated_by: tuple[str, ...] = ()

    def field(self, name: str) -> FieldSpec | None:
        return next((spec for spec in self.fields if spec.name == name), None)

    def names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)


def parse_field(spec: FieldSpec, raw: object) -> tuple[str | None, Text | None]:
    """The stored form of one value (stripped text, ISO date, choice code), or a problem.

    Returns ``(value, None)`` on success — value None for an omitted optional field — and
    ``(None, problem)`` otherwise.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return (None, Text(zh="必填", en="is required")) if spec.required else (None, None)
    if not isinstance(raw, str):
        return None, Text(zh="必须是文本", en="must be text")
    value = raw.strip()
    if spec.kind is FieldKind.DATE:
        return _parse_date(value)
    if spec.kind is FieldKind.CHOICE:
        return _parse_choice(spec, value)
    limit = min(spec.max_length, MAX_TEXT_LENGTH)
    if len(value) > limit:
        return None, Text(zh=f"最多 {limit} 个字符", en=f"must be at most {limit} characters")
    return value, None


def _parse_choice(spec: FieldSpec, value: str) -> tuple[str | None, Text | None]:
    if value in spec.choice_values():
        return value, None
    allowed = ", ".join(spec.choice_values())
    return None, Text(zh=f"必须是以下之一：{allowed}", en=f"must be one of: {allowed}")


def _parse_date(value: str) -> tuple[str | None, Text | None]:
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or len(value) != 10:
        return None, Text(zh="必须是 YYYY-MM-DD 格式的日期", en="must be a date as YYYY-MM-DD")
    return parsed.isoformat(), None


def choices(values: Mapping[str, Text]) -> tuple[tuple[str, Text], ...]:
    """Choice pairs in the mapping's order (the order forms offer them in)."""
    return tuple(values.items())
