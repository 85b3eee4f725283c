"""A strict reader for profile JSON that collects every problem instead of stopping at one.

Stored profile versions and API input both arrive as JSON; anything malformed must be
refused with a precise path (`items[2].necessity.en`), never coerced into something the
approver did not approve.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from fairscreen.domain.scope._problems import ProfileProblem
from fairscreen.domain.scope._text import Text

__all__ = ["INVALID", "Invalid", "JsonReader"]


class Invalid:
    """The value of a field that could not be read; its problem is already recorded."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = Invalid()


class JsonReader:
    """Reads JSON values by path, recording a `malformed` problem for each defect."""

    def __init__(self) -> None:
        self.problems: list[ProfileProblem] = []

    def fail(self, path: str, zh: str, en: str, *, item: str | None = None) -> Invalid:
        self.problems.append(
            ProfileProblem(
                code="malformed",
                item=item,
                message=Text(zh=f"格式错误：{path} {zh}", en=f"Malformed: {path} {en}"),
            )
        )
        return INVALID

    def mapping(
        self,
        value: object,
        path: str,
        *,
        required: Sequence[str],
        optional: Sequence[str] = (),
    ) -> Mapping[str, object] | Invalid:
        """An object with exactly the required keys (plus any optional ones), string keys."""
        if not isinstance(value, Mapping):
            return self.fail(path or "profile", "必须是对象", "must be an object")
        result: Mapping[str, object] = value
        for key in required:
            if key not in result:
                self.fail(_join(path, key), "缺失", "is missing")
        for key in result:
            if key not in required and key not in optional:
                self.fail(_join(path, str(key)), "是未知字段", "is not a known field")
        missing = any(key not in result for key in required)
        return INVALID if missing else result

    def string(self, value: object, path: str, *, item: str | None = None) -> str | Invalid:
        """A string that can be stored and hashed as UTF-8 (no lone surrogates)."""
        if not isinstance(value, str):
            return self.fail(path, "必须是字符串", "must be a string", item=item)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return self.fail(path, "不是有效的 UTF-8 文本", "is not valid UTF-8 text", item=item)
        return value

    def text(self, value: object, path: str, *, item: str | None = None) -> Text | Invalid:
        """A bilingual text: an object with exactly the string fields `zh` and `en`."""
        fields = self.mapping(value, path, required=("zh", "en"))
        if isinstance(fields, Invalid):
            return INVALID
        zh = self.string(fields["zh"], f"{path}.zh", item=item)
        en = self.string(fields["en"], f"{path}.en", item=item)
        if isinstance(zh, Invalid) or isinstance(en, Invalid):
            return INVALID
        return Text(zh=zh, en=en)

    def array(self, value: object, path: str) -> Sequence[object] | Invalid:
        """A JSON array (a list or tuple; a string is not a list of characters here)."""
        if not isinstance(value, list | tuple):
            return self.fail(path, "必须是数组", "must be an array")
        return value

    def distinct_strings(self, value: object, path: str) -> list[str] | Invalid:
        """An array of strings without repeats: it stands for a set."""
        values = self.array(value, path)
        if isinstance(values, Invalid):
            return INVALID
        strings = [self.string(entry, f"{path}[{index}]") for index, entry in enumerate(values)]
        if any(isinstance(entry, Invalid) for entry in strings):
            return INVALID
        result = [entry for entry in strings if isinstance(entry, str)]
        if len(set(result)) != len(result):
            return self.fail(path, "包含重复值", "contains a repeated value")
        return result

    def optional_months(
        self, value: object, path: str, *, item: str | None = None
    ) -> int | Invalid | None:
        """A whole number of months or null (a boolean is not a number here)."""
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        return self.fail(path, "必须是整数或 null", "must be a whole number or null", item=item)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
