"""Case files: a position and its findings as JSON, for dry runs of the rulebook.

A case file lets an HR admin, a candidate's lawyer or an auditor ask "what light would this
give, and why?" without any stored screening (`fairscreen rate CASE.json`). It names the
position by a built-in template (`{"template": "cashier"}`) or carries a profile inline
(`ProfileSpec` JSON), then `as_of` (optional) and the findings. Reading is strict: unknown
keys are refused, and a protected ground — sex, age, ethnicity, marital status, household
registration... — is refused by name wherever it appears. See docs/case-file.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from fairscreen.domain.rating._case_findings import read_findings
from fairscreen.domain.rating._engine import rate
from fairscreen.domain.rating._errors import InvalidCase, Problem
from fairscreen.domain.rating._finding import FindingToRate
from fairscreen.domain.rating._protected_keys import protected_key_problems, without_protected_keys
from fairscreen.domain.rating._rating import Rating
from fairscreen.domain.rating._reader import Invalid, StrictReader
from fairscreen.domain.rating._rulebook import Rulebook
from fairscreen.domain.scope import (
    CATALOGUE,
    TEMPLATES,
    Catalogue,
    InvalidProfile,
    ProfileProblem,
    ProfileSpec,
    Text,
    UnknownTemplate,
    profile_problems,
    template,
)

__all__ = ["Case", "parse_case", "rate_case", "read_case"]

_CASE_REQUIRED = ("findings",)
_CASE_OPTIONAL = ("template", "profile", "as_of", "note")
NOTE_MAX_LENGTH = 500


@dataclass(frozen=True, slots=True)
class Case:
    """A position (`template` names it when it came from a built-in template), the date to
    rate at (None: the caller's today), and the findings to rate."""

    profile: ProfileSpec
    template: str | None
    as_of: date | None
    findings: tuple[FindingToRate, ...]
    note: str | None = None


def parse_case(text: str, *, catalogue: Catalogue = CATALOGUE) -> Case:
    """A case from JSON text. Duplicate keys and NaN/Infinity are refused, not guessed at."""
    try:
        document = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise InvalidCase(
            [
                _problem(
                    "not_json",
                    zh=f"不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 列）：{error.msg}",
                    en=f"not JSON (line {error.lineno}, column {error.colno}): {error.msg}",
                )
            ]
        ) from None
    except _DuplicateKey as error:
        raise InvalidCase(
            [
                _problem(
                    "duplicate_key",
                    zh=f"键“{error.key}”重复出现",
                    en=f"the key {error.key!r} appears twice",
                )
            ]
        ) from None
    return read_case(document, catalogue=catalogue)


def read_case(document: object, *, catalogue: Catalogue = CATALOGUE) -> Case:
    """A case from a parsed document; raises `InvalidCase` listing every problem."""
    if not isinstance(document, Mapping):
        raise InvalidCase(
            [
                _problem(
                    "malformed",
                    zh="案例文件必须是 JSON 对象",
                    en="a case file must be a JSON object",
                )
            ]
        )
    problems = protected_key_problems(document)
    cleaned = without_protected_keys(document)
    assert isinstance(cleaned, Mapping)  # noqa: S101 - the copy of a mapping is a mapping
    reader = StrictReader()
    case = _read(reader, cleaned, catalogue)
    problems.extend(reader.collected())
    if problems or case is None:
        raise InvalidCase(
            problems
            or [_problem("malformed", zh="无法读取案例文件", en="the case file cannot be read")]
        )
    return case


def rate_case(
    case: Case, *, as_of: date, rulebook: Rulebook, catalogue: Catalogue = CATALOGUE
) -> Rating:
    """Rate a case at `as_of` (the caller resolves the case's own `as_of` or today first).

    A finding dated after `as_of` is refused as a likely mistake: a rating "as of" a day
    cannot know what happened later.
    """
    late = [
        _problem(
            "after_as_of",
            zh=f"findings[{index}].occurred_on：晚于评级日期 {as_of.isoformat()}",
            en=f"findings[{index}].occurred_on: is after the rating date {as_of.isoformat()}",
        )
        for index, finding in enumerate(case.findings)
        if finding.occurred_on is not None and finding.occurred_on > as_of
    ]
    if late:
        raise InvalidCase(late)
    return rate(case.profile, case.findings, as_of, rulebook, catalogue=catalogue)


def _read(
    reader: StrictReader, document: Mapping[str, object], catalogue: Catalogue
) -> Case | None:
    fields = reader.mapping(document, "case", required=_CASE_REQUIRED, optional=_CASE_OPTIONAL)
    if isinstance(fields, Invalid):
        return None
    profile, template_key = _read_position(reader, fields, catalogue)
    as_of = None if fields.get("as_of") is None else reader.calendar_date(fields["as_of"], "as_of")
    note = _read_note(reader, fields.get("note"))
    findings = read_findings(reader, fields["findings"], catalogue)
    if (
        profile is None
        or isinstance(as_of, Invalid)
        or isinstance(note, Invalid)
        or findings is None
    ):
        return None
    return Case(profile=profile, template=template_key, as_of=as_of, findings=findings, note=note)


def _read_position(
    reader: StrictReader, fields: Mapping[str, object], catalogue: Catalogue
) -> tuple[ProfileSpec | None, str | None]:
    if ("template" in fields) == ("profile" in fields):
        reader.report(
            "position_missing",
            "case",
            zh="必须且只能写明 template（内置模板）或 profile（岗位风险等级表）之一",
            en="name the position with exactly one of template (a built-in template) or profile",
        )
        return None, None
    if "template" in fields:
        return _read_template(reader, fields["template"])
    return _read_profile(reader, fields["profile"], catalogue), None


def _read_template(reader: StrictReader, value: object) -> tuple[ProfileSpec | None, str | None]:
    key = reader.string(value, "template")
    if isinstance(key, Invalid):
        return None, None
    try:
        return template(key).spec, key
    except UnknownTemplate:
        known = ", ".join(entry.key for entry in TEMPLATES)
        reader.report(
            "unknown_template",
            "template",
            zh=f"没有此内置模板；可用：{known}",
            en=f"no such built-in template; known: {known}",
        )
        return None, None


def _read_profile(reader: StrictReader, value: object, catalogue: Catalogue) -> ProfileSpec | None:
    """An inline profile, read by the scope core and judged lawful by it too."""
    if not isinstance(value, Mapping):
        reader.fail("profile", "必须是对象", "must be an object")
        return None
    try:
        spec = ProfileSpec.from_json(value)
    except InvalidProfile as error:
        _add_profile_problems(reader, error.problems)
        return None
    problems = profile_problems(spec, catalogue)
    _add_profile_problems(reader, problems)
    return None if problems else spec


def _add_profile_problems(reader: StrictReader, problems: tuple[ProfileProblem, ...]) -> None:
    for problem in problems:
        reader.add(
            Problem(
                code=problem.code,
                message=Text(
                    zh=f"profile：{problem.message.zh}", en=f"profile: {problem.message.en}"
                ),
            )
        )


def _read_note(reader: StrictReader, value: object) -> str | Invalid | None:
    """A short free-text note for the reader of the example; it is never rated."""
    if value is None:
        return None
    note = reader.string(value, "note")
    if isinstance(note, str) and len(note) > NOTE_MAX_LENGTH:
        return reader.fail(
            "note", f"最多 {NOTE_MAX_LENGTH} 个字符", f"has at most {NOTE_MAX_LENGTH} characters"
        )
    return note


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _no_constant(name: str) -> object:
    raise json.JSONDecodeError(f"{name} is not a JSON number", name, 0)


def _problem(code: str, *, zh: str, en: str) -> Problem:
    return Problem(code=code, message=Text(zh=zh, en=en))
