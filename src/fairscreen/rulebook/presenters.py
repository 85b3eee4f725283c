"""The rulebook page's content in the reader's language, resolved here, not in templates.

The rulebook keeps every text as `Text(zh, en)`; the page shows one language (the site's
switch, zh-Hans by default) and plain words for values: severities, lights, look-backs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fairscreen.domain import rating, scope


@dataclass(frozen=True)
class ExclusionView:
    step: int
    reason: str
    title: str
    explanation: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class CombinationView:
    severity: str
    severity_label: str
    at_least: int
    light: str
    light_label: str
    explanation: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class LightView:
    light: str
    label: str
    meaning: str


@dataclass(frozen=True)
class CategoryView:
    category: str
    severity: str
    severity_label: str
    lookback: str
    explanation: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class ItemGroup:
    code: str
    name: str
    categories: tuple[CategoryView, ...]


@dataclass(frozen=True)
class ChangeView:
    subject: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class VersionView:
    version: str
    published: str
    summary: str
    is_shown: bool
    is_current: bool
    is_scheduled: bool
    first: bool
    changes: tuple[ChangeView, ...]


@dataclass(frozen=True)
class RulebookPage:
    version: str
    published: str
    content_hash: str
    catalogue_version: str
    is_current: bool
    is_scheduled: bool
    current_version: str | None
    summary: str
    notice: str
    lights: tuple[LightView, ...]
    combination: tuple[CombinationView, ...]
    exclusions: tuple[ExclusionView, ...]
    litigation_roles: str
    litigation_role_examples: tuple[str, ...]
    litigation_performance: str
    litigation_performance_examples: tuple[str, ...]
    performance_steps: tuple[tuple[str, str], ...]
    items: tuple[ItemGroup, ...]
    history: tuple[VersionView, ...]


def _language() -> str:
    return get_language() or "zh-hans"


def _in(text: scope.Text) -> str:
    return text.get(_language())


def _all(texts: tuple[scope.Text, ...]) -> tuple[str, ...]:
    return tuple(_in(text) for text in texts)


def _in_force(history: rating.RulebookHistory, today: date) -> rating.Rulebook | None:
    try:
        return history.in_force_on(today)
    except rating.NoRulebookInForce:
        return None


def rulebook_page(
    history: rating.RulebookHistory, rulebook: rating.Rulebook, *, today: date
) -> RulebookPage:
    """Everything the page shows for one version, with the whole history beside it.

    `today` decides which version is in force: the highest one published by then. A
    version dated later is shown as not yet in force, one before the current as superseded.
    """
    litigation = rulebook.litigation
    in_force = _in_force(history, today)
    current_version = None if in_force is None else in_force.version
    return RulebookPage(
        version=rulebook.version,
        published=rulebook.published.isoformat(),
        content_hash=rulebook.content_hash,
        catalogue_version=rulebook.catalogue_version,
        is_current=rulebook.version == current_version,
        is_scheduled=rulebook.published > today,
        current_version=current_version,
        summary=_in(rulebook.summary),
        notice=_in(rulebook.notice),
        lights=tuple(
            LightView(
                light=str(entry.light),
                label=_in(rating.LIGHT_LABELS[entry.light]),
                meaning=_in(entry.meaning),
            )
            for entry in rulebook.lights
        ),
        combination=tuple(_combination(rule) for rule in rulebook.combination),
        exclusions=tuple(
            ExclusionView(
                step=index,
                reason=str(rule.reason),
                title=_in(rule.title),
                explanation=_in(rule.text.explanation),
                examples=_all(rule.text.examples),
            )
            for index, rule in enumerate(rulebook.exclusions, start=1)
        ),
        litigation_roles=_in(litigation.roles.explanation),
        litigation_role_examples=_all(litigation.roles.examples),
        litigation_performance=_in(litigation.performance.explanation),
        litigation_performance_examples=_all(litigation.performance.examples),
        performance_steps=tuple(
            (_performance_label(str(performance)), f"{steps:+d}")
            for performance, steps in litigation.performance_steps
        ),
        items=_item_groups(rulebook),
        history=tuple(
            _version(history, entry, rulebook, current_version=current_version, today=today)
            for entry in reversed(history.versions)
        ),
    )


def _combination(rule: rating.CombinationRule) -> CombinationView:
    return CombinationView(
        severity=str(rule.severity),
        severity_label=_in(rating.SEVERITY_LABELS[rule.severity]),
        at_least=rule.at_least,
        light=str(rule.light),
        light_label=_in(rating.LIGHT_LABELS[rule.light]),
        explanation=_in(rule.text.explanation),
        examples=_all(rule.text.examples),
    )


def _item_groups(rulebook: rating.Rulebook) -> tuple[ItemGroup, ...]:
    groups = []
    for item in scope.CATALOGUE.items:
        rules = [rulebook.category(category) for category in item.finding_categories]
        groups.append(
            ItemGroup(
                code=item.code,
                name=_in(item.name),
                categories=tuple(_category(rule, item) for rule in rules if rule is not None),
            )
        )
    return tuple(groups)


def _category(rule: rating.CategoryRule, item: scope.CheckItem) -> CategoryView:
    return CategoryView(
        category=rule.category,
        severity=str(rule.severity),
        severity_label=_in(rating.SEVERITY_LABELS[rule.severity]),
        lookback=_lookback(rule, item),
        explanation=_in(rule.text.explanation),
        examples=_all(rule.text.examples),
    )


def _lookback(rule: rating.CategoryRule, item: scope.CheckItem) -> str:
    if rule.ongoing:
        return _("current state: does not age")
    if rule.lookback_months is not None:
        return _("%(months)s months (this rule)") % {"months": rule.lookback_months}
    if item.default_lookback_months is None:
        return _("no time limit")
    return _("%(months)s months (the item's)") % {"months": item.default_lookback_months}


def _version(
    history: rating.RulebookHistory,
    entry: rating.Rulebook,
    shown: rating.Rulebook,
    *,
    current_version: str | None,
    today: date,
) -> VersionView:
    changes = history.changes_in(entry.version)
    return VersionView(
        version=entry.version,
        published=entry.published.isoformat(),
        summary=_in(entry.summary),
        is_shown=entry.version == shown.version,
        is_current=entry.version == current_version,
        is_scheduled=entry.published > today,
        first=changes is None,
        changes=() if changes is None else _changes(changes),
    )


def _changes(changes: rating.RulebookChanges) -> tuple[ChangeView, ...]:
    rows = [
        ChangeView(subject=category, field=_("category"), before="—", after=_("added"))
        for category in changes.added_categories
    ]
    rows += [
        ChangeView(subject=category, field=_("category"), before=_("present"), after=_("removed"))
        for category in changes.removed_categories
    ]
    for change in (
        *changes.categories,
        *changes.litigation,
        *changes.combination,
        *changes.exclusions,
    ):
        rows.append(
            ChangeView(
                subject=change.subject,
                field=_field_label(change.field),
                before=_value(change, change.before),
                after=_value(change, change.after),
            )
        )
    return tuple(rows)


def _field_label(field: str) -> str:
    labels = {
        "severity": _("severity"),
        "lookback_months": _("look-back (months)"),
        "ongoing": _("current state"),
        "text": _("wording"),
        "light": _("light"),
        "claimant_roles": _("roles that never count"),
        "liable_outcomes": _("outcomes that count"),
    }
    return labels.get(field, field)


def _value(change: rating.Change, value: str | None) -> str:
    """A changed value in words: severities and lights by name, absent values as a dash."""
    if change.field == "text":
        return _("reworded") if value is None else value
    if value is None:
        return "—"
    if change.field == "severity" and value in set(rating.Severity):
        return _in(rating.SEVERITY_LABELS[rating.Severity(value)])
    if change.field == "light" and value in set(rating.Light):
        return _in(rating.LIGHT_LABELS[rating.Light(value)])
    return value


def _performance_label(performance: str) -> str:
    labels = {
        "performed": _("judgment performed"),
        "unperformed": _("judgment not performed"),
        "unknown": _("performance unknown"),
        "not_applicable": _("not applicable"),
    }
    return labels.get(performance, performance)
