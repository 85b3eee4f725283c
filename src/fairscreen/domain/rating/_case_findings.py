"""Reading the findings of a case file: each one strictly, every problem with its path.

The same rules the engine applies are checked here as input errors where a case file
contradicts itself — a category of another item, a plaintiff recorded as a liable party,
a performed judgment that never held anyone liable — because a dry run is only useful if
it rates what the author meant.
"""

from __future__ import annotations

from collections.abc import Mapping

from fairscreen.domain.findings import (
    CauseClass,
    LitigationOutcome,
    LitigationRole,
    Performance,
    VerificationStatus,
    litigation_category,
)
from fairscreen.domain.rating._finding import (
    FINDING_ID_PATTERN,
    LITIGATION_ITEM,
    FindingToRate,
    LitigationFacts,
)
from fairscreen.domain.rating._protected_keys import protected_problem
from fairscreen.domain.rating._reader import INVALID, Invalid, StrictReader
from fairscreen.domain.scope import PROTECTED_GROUNDS, Catalogue

__all__ = ["read_findings"]

_FINDING_REQUIRED = ("id", "item", "category", "status", "consented")
_FINDING_OPTIONAL = ("occurred_on", "litigation")
_LIABLE_PREFIX = "civil_litigation.liable_party."


def read_findings(
    reader: StrictReader, value: object, catalogue: Catalogue
) -> tuple[FindingToRate, ...] | None:
    entries = reader.array(value, "findings")
    if isinstance(entries, Invalid):
        return None
    findings = [
        _read_finding(reader, entry, f"findings[{index}]", catalogue)
        for index, entry in enumerate(entries)
    ]
    seen: set[str] = set()
    for index, finding in enumerate(findings):
        if finding is not None and finding.id in seen:
            reader.report(
                "duplicate_id",
                f"findings[{index}].id",
                zh="与前面的结果重复",
                en="repeats the id of an earlier finding",
            )
        if finding is not None:
            seen.add(finding.id)
    if any(finding is None for finding in findings):
        return None
    return tuple(finding for finding in findings if finding is not None)


def _read_finding(
    reader: StrictReader, value: object, path: str, catalogue: Catalogue
) -> FindingToRate | None:
    fields = reader.mapping(value, path, required=_FINDING_REQUIRED, optional=_FINDING_OPTIONAL)
    if isinstance(fields, Invalid):
        return None
    finding_id = _read_id(reader, fields["id"], f"{path}.id")
    item = _read_item(reader, fields["item"], f"{path}.item", catalogue)
    category = _read_category(reader, fields["category"], f"{path}.category", item, catalogue)
    status = reader.choice(fields["status"], f"{path}.status", VerificationStatus)
    consented = reader.boolean(fields["consented"], f"{path}.consented")
    occurred = fields.get("occurred_on")
    occurred_on = (
        None if occurred is None else reader.calendar_date(occurred, f"{path}.occurred_on")
    )
    litigation = _read_litigation(reader, fields, path, item, category)
    if (
        finding_id is None
        or item is None
        or category is None
        or isinstance(status, Invalid)
        or isinstance(consented, Invalid)
        or isinstance(occurred_on, Invalid)
        or isinstance(litigation, Invalid)
    ):
        return None
    return FindingToRate(
        id=finding_id,
        item=item,
        category=category,
        status=status,
        consented=consented,
        occurred_on=occurred_on,
        litigation=litigation,
    )


def _read_id(reader: StrictReader, value: object, path: str) -> str | None:
    text = reader.string(value, path)
    if isinstance(text, Invalid):
        return None
    if not FINDING_ID_PATTERN.fullmatch(text):
        reader.fail(
            path,
            "须为 1 至 64 个字母、数字或 . _ : -（不透明的编号，不得含姓名）",
            "must be 1-64 letters, digits or . _ : - (an opaque reference, never a name)",
        )
        return None
    return text


def _read_item(reader: StrictReader, value: object, path: str, catalogue: Catalogue) -> str | None:
    code = reader.string(value, path)
    if isinstance(code, Invalid):
        return None
    if code in PROTECTED_GROUNDS:
        reader.add(protected_problem(path, code, code))
        return None
    if not catalogue.has(code):
        reader.report(
            "unknown_item",
            path,
            zh=f"目录中没有核查项目 {code}",
            en=f"no check item {code!r} in the catalogue",
        )
        return None
    return code


def _read_category(
    reader: StrictReader, value: object, path: str, item: str | None, catalogue: Catalogue
) -> str | None:
    category = reader.string(value, path)
    if isinstance(category, Invalid):
        return None
    ground = next((part for part in category.split(".") if part in PROTECTED_GROUNDS), None)
    if ground is not None:
        reader.add(protected_problem(path, category, ground))
        return None
    owner = catalogue.item_of_category(category)
    if owner is None:
        reader.report(
            "unknown_category",
            path,
            zh=f"目录中没有结果类别 {category}",
            en=f"no catalogue item produces the category {category!r}",
        )
        return None
    if item is not None and owner.code != item:
        reader.report(
            "category_not_of_item",
            path,
            zh=f"{category} 属于核查项目 {owner.code}，不属于 {item}",
            en=f"{category!r} is a category of {owner.code!r}, not of {item!r}",
        )
        return None
    return category


def _read_litigation(
    reader: StrictReader,
    fields: Mapping[str, object],
    path: str,
    item: str | None,
    category: str | None,
) -> LitigationFacts | Invalid | None:
    """Litigation facts are required for a lawsuit and refused for anything else."""
    value = fields.get("litigation")
    where = f"{path}.litigation"
    if item != LITIGATION_ITEM:
        if value is not None and item is not None:
            return reader.fail(
                where, "只适用于民事涉诉结果", f"belongs to {LITIGATION_ITEM} findings only"
            )
        return None
    if value is None:
        return reader.fail(
            where,
            "民事涉诉结果必须写明诉讼角色与结果",
            "is required: a lawsuit's role and outcome decide",
        )
    facts = _read_facts(reader, value, where)
    if isinstance(facts, LitigationFacts) and category is not None:
        _check_category_matches(reader, path, category, facts.role, facts.outcome)
    return facts


def _read_facts(reader: StrictReader, value: object, where: str) -> LitigationFacts | Invalid:
    litigation = reader.mapping(
        value, where, required=("role", "outcome"), optional=("performance",)
    )
    if isinstance(litigation, Invalid):
        return litigation
    role = reader.choice(litigation["role"], f"{where}.role", LitigationRole)
    outcome = reader.choice(litigation["outcome"], f"{where}.outcome", LitigationOutcome)
    if isinstance(role, Invalid) or isinstance(outcome, Invalid):
        return INVALID
    performance = _read_performance(reader, litigation.get("performance"), where, outcome)
    if isinstance(performance, Invalid):
        return performance
    return LitigationFacts(role=role, outcome=outcome, performance=performance)


def _read_performance(
    reader: StrictReader, value: object, where: str, outcome: LitigationOutcome
) -> Performance | Invalid:
    liable = outcome is LitigationOutcome.AGAINST_CANDIDATE
    if value is None:
        return Performance.UNKNOWN if liable else Performance.NOT_APPLICABLE
    performance = reader.choice(value, f"{where}.performance", Performance)
    if not liable and performance not in (Performance.NOT_APPLICABLE, Performance.UNKNOWN):
        return reader.fail(
            f"{where}.performance",
            "只有被判担责时才有履行情况",
            "applies only when the candidate was held liable",
        )
    return performance


def _check_category_matches(
    reader: StrictReader,
    path: str,
    category: str,
    role: LitigationRole,
    outcome: LitigationOutcome,
) -> None:
    suffix = category.removeprefix(_LIABLE_PREFIX)
    causes = {str(cause) for cause in CauseClass}
    cause = CauseClass(suffix) if suffix in causes else CauseClass.OTHER
    expected = litigation_category(role=role, outcome=outcome, cause=cause)
    if expected != category:
        reader.report(
            "category_contradicts_litigation",
            f"{path}.category",
            zh=f"与诉讼角色和结果不符，应为 {expected}",
            en=f"contradicts the role and outcome; it should be {expected!r}",
        )
