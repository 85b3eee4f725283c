"""Refusing protected grounds by name wherever they appear in a case file.

A case file that says `"sex": "female"` or `"hukou": "rural"` must not be "accepted with a
warning" or have the key silently ignored: it is refused, and the message names the
protected ground, because deciding on it is unlawful (Employment Promotion Law Arts. 3,
26-31; Women's Rights Protection Law Art. 43) and so is collecting it for a job decision
(PIPL Art. 6). The usual spellings, English and Chinese, are recognised as the ground.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from fairscreen.domain.rating._errors import Problem
from fairscreen.domain.scope import PROTECTED_GROUND_LABELS, PROTECTED_GROUNDS, Text

__all__ = ["PROTECTED_KEYS", "protected_key_problems", "without_protected_keys"]

_ALIASES = {
    "gender": "sex",
    "性别": "sex",
    "birth_date": "age",
    "date_of_birth": "age",
    "birthday": "age",
    "dob": "age",
    "year_of_birth": "age",
    "birth_year": "age",
    "年龄": "age",
    "出生日期": "age",
    "ethnic_group": "ethnicity",
    "民族": "ethnicity",
    "marriage": "marital_status",
    "married": "marital_status",
    "婚姻状况": "marital_status",
    "婚否": "marital_status",
    "hukou": "household_registration",
    "户籍": "household_registration",
    "户口": "household_registration",
    "religious_belief": "religion",
    "宗教信仰": "religion",
    "pregnant": "pregnancy",
    "children": "childbearing_status",
    "hepatitis_b": "infectious_disease_carrier",
    "medical_history": "health",
}

PROTECTED_KEYS: Mapping[str, str] = MappingProxyType(
    {**{ground: ground for ground in PROTECTED_GROUNDS}, **_ALIASES}
)
"""Every key a case file may never have (normalised: lower case, `-` and spaces as `_`),
and the protected ground each one names."""


def ground_of_key(key: str) -> str | None:
    return PROTECTED_KEYS.get(key.strip().lower().replace("-", "_").replace(" ", "_"))


def protected_key_problems(document: object, path: str = "") -> list[Problem]:
    """A `protected_ground` problem for every protected key, at any depth, with its path."""
    problems: list[Problem] = []
    if isinstance(document, Mapping):
        for key, value in document.items():
            where = f"{path}.{key}" if path else str(key)
            ground = ground_of_key(str(key))
            if ground is not None:
                problems.append(protected_problem(where, str(key), ground))
            else:
                problems.extend(protected_key_problems(value, where))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            problems.extend(protected_key_problems(value, f"{path}[{index}]"))
    return problems


def without_protected_keys(document: object) -> object:
    """A copy without the protected keys, so that the remaining problems can be reported
    once each (the protected keys already have theirs)."""
    if isinstance(document, Mapping):
        return {
            key: without_protected_keys(value)
            for key, value in document.items()
            if ground_of_key(str(key)) is None
        }
    if isinstance(document, list):
        return [without_protected_keys(value) for value in document]
    return document


def protected_problem(path: str, name: str, ground: str) -> Problem:
    label = PROTECTED_GROUND_LABELS[ground]
    return Problem(
        code="protected_ground",
        message=Text(
            zh=f"{path}：“{name}”属于受保护事项（{label.zh}），案例文件不得包含，评级永远不会使用"
            "（《就业促进法》第三条、第二十六至三十一条，《妇女权益保障法》第四十三条）。",
            en=f"{path}: {name!r} is a protected ground ({label.en}); a case file may not carry "
            "it and no rating ever uses it (Employment Promotion Law Arts. 3, 26-31; Women's "
            "Rights Protection Law Art. 43).",
        ),
    )
