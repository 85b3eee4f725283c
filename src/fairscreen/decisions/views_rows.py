"""A decision as its page shows it: the chain with the current step, the history, the
consistency panel and the notices, each in the reader's language.

Templates cannot look labels up by a variable, so each part is turned into rows here once.
The consistency rows answer "how did this organisation decide the same rule for this tier
before?" (similar risks handled alike, CONTEXT.md point 5): counts per outcome, the usual
one, and whether the outcome at hand departs from it — which then needs a written reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from fairscreen.decisions.selectors import DecisionView, EntryView, NoticeView
from fairscreen.decisions.views_labels import (
    STEP_KIND_LABELS,
    entry_kind_label,
    notice_kind_label,
    outcome_label,
    role_label,
    roles_label,
)
from fairscreen.domain import decisions as domain
from fairscreen.domain.findings import category_label as finding_category_label
from fairscreen.domain.rating import LIGHT_LABELS, Light
from fairscreen.domain.scope import Text
from fairscreen.privacy.subjects import Revealed
from fairscreen.screenings.views_labels import in_language


@dataclass(frozen=True)
class StepRow:
    number: int
    kind: str
    kind_label: str
    role: str
    role_label: str
    status: str  # done | current | pending
    yours: bool


@dataclass(frozen=True)
class EntryRow:
    kind: str
    kind_label: str
    actor_name: str
    roles: str
    created_at: datetime
    outcome_label: str
    text: Revealed
    reauthenticated: bool


@dataclass(frozen=True)
class ConsistencyRow:
    rule: str
    label: str
    counts: tuple[tuple[str, int], ...]
    total: int
    usual: str
    usual_label: str
    departs: bool


@dataclass(frozen=True)
class NoticeRow:
    view: NoticeView
    kind_label: str
    outcome_label: str
    reasons: str
    conditions: str
    how_to_object: str
    light: str
    light_label: str
    findings: tuple[str, ...]
    assessed: bool
    destroyed: bool


def current_step(view: DecisionView) -> int | None:
    """The index of the chain step whose holder acts next; None once decided."""
    if view.state == domain.DecisionState.IN_REVIEW:
        return 0
    if view.state == domain.DecisionState.AWAITING_SIGNATURE:
        return min(view.step, len(view.chain) - 1)
    if view.state == domain.DecisionState.PRELIMINARY:
        return len(view.chain) - 1
    return None


def step_rows(view: DecisionView, held: frozenset[str]) -> tuple[StepRow, ...]:
    current = current_step(view)
    final = view.state == domain.DecisionState.FINAL
    rows = []
    for number, step in enumerate(view.chain):
        if final or (current is not None and number < current):
            status = "done"
        elif number == current:
            status = "current"
        else:
            status = "pending"
        rows.append(
            StepRow(
                number=number + 1,
                kind=step["kind"],
                kind_label=str(STEP_KIND_LABELS.get(step["kind"], step["kind"])),
                role=step["role"],
                role_label=role_label(step["role"]),
                status=status,
                yours=step["role"] in held,
            )
        )
    return tuple(rows)


def entry_rows(entries: tuple[EntryView, ...]) -> tuple[EntryRow, ...]:
    return tuple(
        EntryRow(
            kind=entry.kind,
            kind_label=entry_kind_label(entry.kind),
            actor_name=entry.actor_name,
            roles=roles_label(entry.role),
            created_at=entry.created_at,
            outcome_label=outcome_label(entry.outcome) if entry.outcome else "",
            text=entry.text,
            reauthenticated=entry.reauthenticated,
        )
        for entry in entries
    )


def category_label(category: str) -> str:
    """A finding category's plain name in the reader's language (the findings core's)."""
    return in_language(finding_category_label(category))


def rule_label(rule: str) -> str:
    """A rulebook rule (`categories.<category>`) by the name of its finding category."""
    return category_label(rule.removeprefix("categories."))


def consistency_rows(
    histories: tuple[domain.RuleHistory, ...], chosen: str
) -> tuple[ConsistencyRow, ...]:
    rows = []
    for history in histories:
        usual = history.usual.value if history.usual is not None else ""
        rows.append(
            ConsistencyRow(
                rule=history.rule,
                label=rule_label(history.rule),
                counts=tuple((outcome_label(outcome), count) for outcome, count in history.counts),
                total=history.total,
                usual=usual,
                usual_label=outcome_label(usual) if usual else "",
                departs=bool(usual and chosen and usual != chosen),
            )
        )
    return tuple(rows)


def departure_warning(rows: tuple[ConsistencyRow, ...], chosen_label: str) -> str:
    """One sentence naming each rule whose usual outcome the chosen one departs from."""
    departing = [
        _("%(rule)s (usually “%(usual)s”)") % {"rule": row.label, "usual": row.usual_label}
        for row in rows
        if row.departs
    ]
    if not departing:
        return ""
    return _(
        "“%(chosen)s” departs from how this organisation usually decided: %(rules)s. "
        "The reason for departing is required."
    ) % {"chosen": chosen_label, "rules": _("; ").join(departing)}


def departing_outcomes(histories: tuple[domain.RuleHistory, ...]) -> tuple[str, ...]:
    """The outcomes that would depart from some rule's usual outcome (a reason needed)."""
    usuals = {history.usual for history in histories if history.usual is not None}
    return tuple(
        outcome.value for outcome in domain.Outcome if any(usual is not outcome for usual in usuals)
    )


def notice_rows(notices: tuple[NoticeView, ...]) -> tuple[NoticeRow, ...]:
    return tuple(_notice_row(notice) for notice in notices)


def _notice_row(notice: NoticeView) -> NoticeRow:
    content: Mapping[str, Any] = notice.content or {}
    report: Mapping[str, Any] = content.get("report") or {}
    rating: Mapping[str, Any] = report.get("rating") or {}
    light = str(rating.get("light", ""))
    return NoticeRow(
        view=notice,
        kind_label=notice_kind_label(notice.kind),
        outcome_label=outcome_label(str(content.get("outcome", ""))),
        reasons=str(content.get("reasons", "")),
        conditions=str(content.get("conditions", "")),
        how_to_object=_bilingual(content.get("how_to_object")),
        light=light,
        light_label=light_label(light),
        findings=tuple(_finding_line(finding) for finding in report.get("findings", ())),
        assessed=content.get("assessment") is not None,
        destroyed=notice.content is None,
    )


def light_label(light: str) -> str:
    known = light in Light.__members__.values()
    return in_language(LIGHT_LABELS[Light(light)]) if known else ""


def _finding_line(finding: Mapping[str, Any]) -> str:
    category = category_label(str(finding.get("category", "")))
    return f"{_bilingual(finding.get('item_name'))} · {category}"


def _bilingual(value: object) -> str:
    if not isinstance(value, Mapping):
        return ""
    return in_language(Text(zh=str(value.get("zh", "")), en=str(value.get("en", ""))))
