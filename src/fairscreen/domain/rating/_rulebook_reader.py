"""Reading a rulebook document (parsed TOML) into a `Rulebook`, reporting every problem.

Only the shape is read here; whether the rules fit the check catalogue and the law is
`_rulebook_checks`' job. Both run before a rulebook is ever used, so a broken file fails
loudly at load time, never halfway through rating someone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from fairscreen.domain.findings import LitigationOutcome, LitigationRole, Performance
from fairscreen.domain.rating._canonical import sha256_digest
from fairscreen.domain.rating._errors import InvalidRulebook, Problem
from fairscreen.domain.rating._reader import INVALID, E, Invalid, StrictReader, any_invalid
from fairscreen.domain.rating._rulebook import (
    CategoryRule,
    CombinationRule,
    ExclusionRule,
    LightMeaning,
    LitigationRules,
    Rulebook,
    RuleText,
)
from fairscreen.domain.rating._scales import ExclusionReason, Light, Severity
from fairscreen.domain.scope import MAX_LOOKBACK_MONTHS, Text

__all__ = ["VERSION_PATTERN", "read_rulebook_shape"]

VERSION_PATTERN = re.compile(r"\d{4}\.[1-9][0-9]*")
_TOP = (
    "version",
    "published",
    "catalogue",
    "summary",
    "notice",
    "lights",
    "combination",
    "exclusions",
    "litigation",
    "categories",
)


def read_rulebook_shape(document: Mapping[str, object]) -> Rulebook:
    """The rulebook a document describes; raises `InvalidRulebook` listing every defect."""
    reader = StrictReader()
    rulebook = _read(reader, document)
    if reader.problems or rulebook is None:
        raise InvalidRulebook(reader.collected() or [_unreadable()])
    return rulebook


def _read(reader: StrictReader, document: Mapping[str, object]) -> Rulebook | None:
    fields = reader.mapping(document, "rulebook", required=_TOP)
    if isinstance(fields, Invalid):
        return None
    version = _read_version(reader, fields["version"])
    published = reader.calendar_date(fields["published"], "published")
    catalogue = reader.string(fields["catalogue"], "catalogue")
    summary = reader.filled_text(fields["summary"], "summary")
    notice = reader.filled_text(fields["notice"], "notice")
    lights = _read_lights(reader, fields["lights"])
    combination = _read_combination(reader, fields["combination"])
    exclusions = _read_exclusions(reader, fields["exclusions"])
    litigation = _read_litigation(reader, fields["litigation"])
    categories = _read_categories(reader, fields["categories"])
    if (
        isinstance(version, Invalid)
        or isinstance(published, Invalid)
        or isinstance(catalogue, Invalid)
        or isinstance(summary, Invalid)
        or isinstance(notice, Invalid)
        or lights is None
        or combination is None
        or exclusions is None
        or litigation is None
        or categories is None
    ):
        return None
    return Rulebook(
        version=version,
        published=published,
        catalogue_version=catalogue,
        summary=summary,
        notice=notice,
        lights=lights,
        combination=combination,
        exclusions=exclusions,
        litigation=litigation,
        categories=categories,
        content_hash=sha256_digest(document),
    )


def _read_version(reader: StrictReader, value: object) -> str | Invalid:
    version = reader.string(value, "version")
    if isinstance(version, str) and not VERSION_PATTERN.fullmatch(version):
        return reader.fail("version", "必须形如 2026.1", "must look like 2026.1 (YEAR.NUMBER)")
    return version


def _read_rule_text(
    reader: StrictReader, fields: Mapping[str, object], path: str
) -> RuleText | None:
    explanation = reader.filled_text(fields["explanation"], f"{path}.explanation")
    examples = reader.filled_texts(fields["examples"], f"{path}.examples")
    if isinstance(explanation, Invalid) or isinstance(examples, Invalid):
        return None
    return RuleText(explanation=explanation, examples=examples)


def _table(reader: StrictReader, value: object, path: str) -> Mapping[str, object] | Invalid:
    """A table whose keys are data (light names, categories), not a fixed set of fields."""
    if not isinstance(value, Mapping) or not value:
        return reader.fail(path, "必须是非空的表", "must be a non-empty table")
    return value


def _read_lights(reader: StrictReader, value: object) -> tuple[LightMeaning, ...] | None:
    table = _table(reader, value, "lights")
    if isinstance(table, Invalid):
        return None
    meanings: list[LightMeaning | Invalid] = []
    for key, entry in table.items():
        path = f"lights.{key}"
        light = reader.choice(key, path, Light)
        fields = reader.mapping(entry, path, required=("meaning",))
        meaning = (
            INVALID
            if isinstance(fields, Invalid)
            else reader.filled_text(fields["meaning"], f"{path}.meaning")
        )
        if isinstance(light, Invalid) or isinstance(meaning, Invalid):
            meanings.append(INVALID)
        else:
            meanings.append(LightMeaning(light=light, meaning=meaning))
    if any_invalid(meanings):
        return None
    return tuple(sorted((m for m in meanings if isinstance(m, LightMeaning)), key=_light_rank))


def _light_rank(meaning: LightMeaning) -> int:
    return meaning.light.rank


def _read_combination(reader: StrictReader, value: object) -> tuple[CombinationRule, ...] | None:
    entries = reader.array(value, "combination")
    if isinstance(entries, Invalid):
        return None
    rules = [
        _read_combination_rule(reader, entry, f"combination[{i}]")
        for i, entry in enumerate(entries)
    ]
    if any(rule is None for rule in rules):
        return None
    return tuple(rule for rule in rules if rule is not None)


def _read_combination_rule(
    reader: StrictReader, value: object, path: str
) -> CombinationRule | None:
    fields = reader.mapping(
        value, path, required=("severity", "at_least", "light", "explanation", "examples")
    )
    if isinstance(fields, Invalid):
        return None
    severity = reader.choice(fields["severity"], f"{path}.severity", Severity)
    at_least = reader.whole_number(fields["at_least"], f"{path}.at_least", minimum=1, maximum=99)
    light = reader.choice(fields["light"], f"{path}.light", Light)
    text = _read_rule_text(reader, fields, path)
    if isinstance(severity, Invalid) or isinstance(at_least, Invalid):
        return None
    if isinstance(light, Invalid) or text is None:
        return None
    return CombinationRule(severity=severity, at_least=at_least, light=light, text=text)


def _read_exclusions(reader: StrictReader, value: object) -> tuple[ExclusionRule, ...] | None:
    table = _table(reader, value, "exclusions")
    if isinstance(table, Invalid):
        return None
    rules: list[ExclusionRule | None] = []
    for key, entry in table.items():
        path = f"exclusions.{key}"
        reason = reader.choice(key, path, ExclusionReason)
        fields = reader.mapping(entry, path, required=("title", "explanation", "examples"))
        if isinstance(fields, Invalid) or isinstance(reason, Invalid):
            rules.append(None)
            continue
        title = reader.filled_text(fields["title"], f"{path}.title")
        text = _read_rule_text(reader, fields, path)
        if isinstance(title, Invalid) or text is None:
            rules.append(None)
            continue
        rules.append(ExclusionRule(reason=reason, title=title, text=text))
    if any(rule is None for rule in rules):
        return None
    order = {reason: index for index, reason in enumerate(ExclusionReason)}
    return tuple(sorted((r for r in rules if r is not None), key=lambda rule: order[rule.reason]))


def _read_litigation(reader: StrictReader, value: object) -> LitigationRules | None:
    path = "litigation"
    fields = reader.mapping(
        value,
        path,
        required=("claimant_roles", "liable_outcomes", "performance_steps", "roles", "performance"),
    )
    if isinstance(fields, Invalid):
        return None
    roles = _read_members(
        reader, fields["claimant_roles"], f"{path}.claimant_roles", LitigationRole
    )
    outcomes = _read_members(
        reader, fields["liable_outcomes"], f"{path}.liable_outcomes", LitigationOutcome
    )
    steps = _read_steps(reader, fields["performance_steps"], f"{path}.performance_steps")
    role_text = _read_explained(reader, fields["roles"], f"{path}.roles")
    performance_text = _read_explained(reader, fields["performance"], f"{path}.performance")
    if roles is None or outcomes is None or steps is None:
        return None
    if role_text is None or performance_text is None:
        return None
    return LitigationRules(
        claimant_roles=frozenset(roles),
        liable_outcomes=frozenset(outcomes),
        performance_steps=steps,
        roles=role_text,
        performance=performance_text,
    )


def _read_explained(reader: StrictReader, value: object, path: str) -> RuleText | None:
    fields = reader.mapping(value, path, required=("explanation", "examples"))
    return None if isinstance(fields, Invalid) else _read_rule_text(reader, fields, path)


def _read_members(reader: StrictReader, value: object, path: str, kind: type[E]) -> list[E] | None:
    names = reader.distinct_strings(value, path)
    if isinstance(names, Invalid):
        return None
    members = [reader.choice(name, f"{path}[{i}]", kind) for i, name in enumerate(names)]
    chosen = [member for member in members if not isinstance(member, Invalid)]
    return chosen if len(chosen) == len(members) else None


def _read_steps(
    reader: StrictReader, value: object, path: str
) -> tuple[tuple[Performance, int], ...] | None:
    keys = tuple(str(performance) for performance in Performance)
    fields = reader.mapping(value, path, required=keys)
    if isinstance(fields, Invalid):
        return None
    steps: list[tuple[Performance, int]] = []
    for key in keys:
        step = reader.whole_number(fields[key], f"{path}.{key}", minimum=-3, maximum=3)
        if not isinstance(step, Invalid):
            steps.append((Performance(key), step))
    return tuple(steps) if len(steps) == len(keys) else None


def _read_categories(reader: StrictReader, value: object) -> tuple[CategoryRule, ...] | None:
    table = _table(reader, value, "categories")
    if isinstance(table, Invalid):
        return None
    rules = [_read_category(reader, str(key), entry) for key, entry in table.items()]
    if any(rule is None for rule in rules):
        return None
    return tuple(rule for rule in rules if rule is not None)


def _read_category(reader: StrictReader, category: str, value: object) -> CategoryRule | None:
    path = f'categories."{category}"'
    fields = reader.mapping(
        value,
        path,
        required=("severity", "explanation", "examples"),
        optional=("lookback_months", "ongoing"),
    )
    if isinstance(fields, Invalid):
        return None
    severity = reader.choice(fields["severity"], f"{path}.severity", Severity)
    lookback: int | Invalid | None = None
    if "lookback_months" in fields:
        lookback = reader.whole_number(
            fields["lookback_months"],
            f"{path}.lookback_months",
            minimum=1,
            maximum=MAX_LOOKBACK_MONTHS,
        )
    ongoing = reader.boolean(fields.get("ongoing", False), f"{path}.ongoing")
    text = _read_rule_text(reader, fields, path)
    if isinstance(severity, Invalid) or isinstance(lookback, Invalid):
        return None
    if isinstance(ongoing, Invalid) or text is None:
        return None
    return CategoryRule(
        category=category, severity=severity, lookback_months=lookback, ongoing=ongoing, text=text
    )


def _unreadable() -> Problem:
    return Problem(
        code="malformed", message=Text(zh="无法读取规则手册", en="The rulebook cannot be read")
    )
