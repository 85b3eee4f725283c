"""Parsing a finding's details against its item's schema, with its category.

The category decides relevance and severity in the rating, so it is checked against the
facts wherever the facts determine it: a litigation finding's category is *derived* from the
candidate's role and the outcome (a plaintiff is always `civil_litigation.claimant`), and a
"currently listed" debtor cannot have a removal date. Everything else must be one of the
categories the catalogue lets that item produce.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from fairscreen.domain.findings._fields import parse_field
from fairscreen.domain.findings._litigation import (
    CauseClass,
    LitigationOutcome,
    LitigationRole,
    Performance,
    litigation_category,
)
from fairscreen.domain.findings._schemas import SCHEMAS
from fairscreen.domain.scope import CATALOGUE, Text

__all__ = ["FieldProblem", "FindingDetails", "InvalidFinding", "Litigation", "parse_details"]

_LISTING_ITEMS = frozenset({"dishonest_debtor", "consumption_restriction"})


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One defect of submitted details: the field's name and a bilingual message."""

    field: str
    message: Text


class InvalidFinding(ValueError):
    """Details that do not fit the item's schema; lists every problem, never a value."""

    code = "invalid_finding"

    def __init__(self, problems: tuple[FieldProblem, ...]) -> None:
        self.problems = problems
        super().__init__("invalid finding: " + ", ".join(problem.field for problem in problems))


@dataclass(frozen=True, slots=True)
class Litigation:
    role: LitigationRole
    outcome: LitigationOutcome
    performance: Performance
    cause: CauseClass


@dataclass(frozen=True, slots=True)
class FindingDetails:
    """A finding's category and its details, in the schema's field order, present ones only."""

    item: str
    category: str
    values: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        return next((value for field, value in self.values if field == name), None)

    @property
    def occurred_on(self) -> date | None:
        """When the fact happened, for the look-back period (the schema's `dated_by`)."""
        for name in SCHEMAS[self.item].dated_by:
            value = self.get(name)
            if value is not None:
                return date.fromisoformat(value)
        return None

    def litigation(self) -> Litigation | None:
        """The role, outcome and performance of a litigation finding; None for others."""
        if self.item != "civil_litigation":
            return None
        return Litigation(
            role=LitigationRole(self.get("role") or ""),
            outcome=LitigationOutcome(self.get("outcome") or ""),
            performance=Performance(self.get("performance") or ""),
            cause=CauseClass(self.get("cause_class") or ""),
        )

    def to_json(self) -> dict[str, object]:
        return {"category": self.category, "details": dict(self.values), "item": self.item}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> FindingDetails:
        """Re-read stored details through the same checks they passed when recorded."""
        details = data.get("details")
        return parse_details(
            item=str(data.get("item")),
            category=str(data.get("category")),
            details=details if isinstance(details, Mapping) else {},
        )


def parse_details(*, item: str, category: str, details: Mapping[str, object]) -> FindingDetails:
    """The parsed details, or `InvalidFinding` with every problem; see the module docstring."""
    schema = SCHEMAS.get(item)
    if schema is None:
        raise InvalidFinding(
            (FieldProblem("item", Text(zh="不是已知的核查项目", en="is unknown")),)
        )
    problems: list[FieldProblem] = []
    values: list[tuple[str, str]] = []
    for spec in schema.fields:
        value, problem = parse_field(spec, details.get(spec.name))
        if problem is not None:
            problems.append(FieldProblem(spec.name, problem))
        elif value is not None:
            values.append((spec.name, value))
    problems.extend(
        FieldProblem(str(name), Text(zh="不是该项目的字段", en="is not a field of this item"))
        for name in details
        if schema.field(str(name)) is None
    )
    parsed = FindingDetails(item=item, category=category, values=tuple(values))
    derivable = item != "civil_litigation" or not {"role", "outcome", "cause_class"} & {
        problem.field for problem in problems
    }
    if derivable:
        parsed, category_problems = _with_checked_category(parsed)
        problems.extend(category_problems)
    if problems:
        raise InvalidFinding(tuple(problems))
    return parsed


def _with_checked_category(
    details: FindingDetails,
) -> tuple[FindingDetails, list[FieldProblem]]:
    if details.item == "civil_litigation":
        return _litigation_category(details)
    allowed = CATALOGUE.item(details.item).finding_categories
    if details.category not in allowed:
        message = Text(
            zh="必须是该项目的发现类别之一：" + "、".join(allowed),
            en="must be one of the item's categories: " + ", ".join(allowed),
        )
        return details, [FieldProblem("category", message)]
    if details.item in _LISTING_ITEMS:
        return details, _listing_problems(details)
    return details, []


def _litigation_category(details: FindingDetails) -> tuple[FindingDetails, list[FieldProblem]]:
    """The category follows from role, outcome and cause; a different one is refused."""
    case = details.litigation()
    assert case is not None  # noqa: S101 - called for litigation only
    derived = litigation_category(role=case.role, outcome=case.outcome, cause=case.cause)
    if details.category not in ("", derived):
        message = Text(
            zh=f"涉诉类别由诉讼地位与裁判结果决定，应为 {derived}",
            en=f"follows from the role and the outcome: {derived}",
        )
        return details, [FieldProblem("category", message)]
    return FindingDetails(details.item, derived, details.values), []


def _listing_problems(details: FindingDetails) -> list[FieldProblem]:
    removed = details.get("removed_on")
    listed = details.get("listed_on")
    current = details.category.endswith(".currently_listed") or details.category.endswith(
        ".currently_restricted"
    )
    if current and removed is not None:
        return [
            FieldProblem(
                "removed_on",
                Text(
                    zh="当前仍在名单上的记录不能有移出日期", en="a current listing has no removal"
                ),
            )
        ]
    if listed is not None and removed is not None and removed < listed:
        return [FieldProblem("removed_on", Text(zh="不能早于列入日期", en="is before the listing"))]
    return []
