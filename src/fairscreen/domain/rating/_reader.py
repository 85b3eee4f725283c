"""The scope core's strict reader, with the few value kinds rulebooks and case files add.

Both arrive as documents (TOML and JSON) written by people; anything malformed is refused
with its path, every problem at once, never coerced into something nobody wrote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from fairscreen.domain.rating._errors import Problem
from fairscreen.domain.scope import Text
from fairscreen.domain.scope._json_reader import INVALID, Invalid, JsonReader
from fairscreen.domain.scope._problems import ProfileProblem

__all__ = ["INVALID", "E", "Invalid", "StrictReader", "any_invalid"]

E = TypeVar("E", bound=StrEnum)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class StrictReader(JsonReader):
    """`JsonReader` plus enums, bounded whole numbers, booleans, dates and filled texts."""

    def choice(self, value: object, path: str, kind: type[E]) -> E | Invalid:
        allowed = [str(member) for member in kind]
        if isinstance(value, str) and value in allowed:
            return kind(value)
        listed = ", ".join(allowed)
        return self.fail(path, f"必须是以下之一：{listed}", f"must be one of: {listed}")

    def whole_number(
        self, value: object, path: str, *, minimum: int, maximum: int
    ) -> int | Invalid:
        if isinstance(value, int) and not isinstance(value, bool) and minimum <= value <= maximum:
            return value
        return self.fail(
            path,
            f"必须是 {minimum} 至 {maximum} 之间的整数",
            f"must be a whole number from {minimum} to {maximum}",
        )

    def boolean(self, value: object, path: str) -> bool | Invalid:
        if isinstance(value, bool):
            return value
        return self.fail(path, "必须是 true 或 false", "must be true or false")

    def calendar_date(self, value: object, path: str) -> date | Invalid:
        """A TOML date, or a JSON string `YYYY-MM-DD` that is a real day."""
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        return self.fail(path, "必须是有效日期 YYYY-MM-DD", "must be a real date YYYY-MM-DD")

    def filled_text(self, value: object, path: str) -> Text | Invalid:
        """A bilingual text with both languages written: half a translation is no text."""
        text = self.text(value, path)
        if isinstance(text, Text) and text.is_blank():
            return self.fail(path, "须同时写明中文和英文", "needs both Chinese and English")
        return text

    def filled_texts(self, value: object, path: str) -> tuple[Text, ...] | Invalid:
        """A non-empty array of filled texts (the examples every rule must give)."""
        entries = self.array(value, path)
        if isinstance(entries, Invalid):
            return INVALID
        if not entries:
            return self.fail(path, "至少需要一项", "needs at least one entry")
        texts = [self.filled_text(entry, f"{path}[{index}]") for index, entry in enumerate(entries)]
        if any(isinstance(text, Invalid) for text in texts):
            return INVALID
        return tuple(text for text in texts if isinstance(text, Text))

    def report(self, code: str, path: str, *, zh: str, en: str) -> None:
        """A problem of content rather than shape, with its own code."""
        message = Text(zh=f"{path}：{zh}" if path else zh, en=f"{path}: {en}" if path else en)
        self.problems.append(ProfileProblem(code=code, item=None, message=message))

    def add(self, problem: Problem) -> None:
        """A problem made elsewhere (e.g. a protected ground), kept with the others."""
        self.problems.append(ProfileProblem(code=problem.code, item=None, message=problem.message))

    def collected(self) -> list[Problem]:
        """Every problem so far, as the rating core's `Problem`s."""
        return [Problem(code=problem.code, message=problem.message) for problem in self.problems]


def any_invalid(values: Sequence[object]) -> bool:
    return any(isinstance(value, Invalid) for value in values)
