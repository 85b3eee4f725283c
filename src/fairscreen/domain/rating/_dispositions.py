"""One finding through the rules: counted with a severity, or excluded with its reasons.

The exclusions are tested in `EXCLUSION_ORDER` and all of those that apply are kept, so the
explanation gives the first as *the* reason and names the others: a plaintiff's lawsuit
found for a position that may not even look at lawsuits is excluded because suing is a
right, and also because it is not relevant. A protected ground is the exception: nothing
else about such a finding is examined or repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from fairscreen.domain.findings import EMPLOYER_VISIBLE, LitigationOutcome, LitigationRole
from fairscreen.domain.rating import _explanations as explain
from fairscreen.domain.rating._finding import FindingToRate
from fairscreen.domain.rating._lookback import applicable_lookback_months, months_before
from fairscreen.domain.rating._rating import Disposition
from fairscreen.domain.rating._rulebook import CategoryRule, LitigationRules, Rulebook
from fairscreen.domain.rating._scales import ExclusionReason, Outcome, Severity
from fairscreen.domain.scope import PROTECTED_GROUNDS, Catalogue, CheckItem, ProfileSpec, Text

__all__ = ["RatingContext", "dispose"]

_CLAIMANT_CATEGORY = "civil_litigation.claimant"
_NOT_LIABLE_CATEGORY = "civil_litigation.not_liable"

_RULE_IDS = {reason: f"exclusions.{reason}" for reason in ExclusionReason}


@dataclass(frozen=True, slots=True)
class RatingContext:
    """What stays the same for every finding of one case (`lookbacks` fills as it goes)."""

    profile: ProfileSpec
    rulebook: Rulebook
    as_of: date
    catalogue: Catalogue
    item_of_category: Mapping[str, str]
    items: Mapping[str, CheckItem]
    lookbacks: dict[str, int | None] = field(default_factory=dict)


def dispose(finding: FindingToRate, context: RatingContext) -> Disposition:
    """The disposition of one finding (see the module docstring for the order)."""
    if protected_ground_of(finding) is not None:
        return _excluded(finding, context, [ExclusionReason.PROTECTED_GROUND])
    reasons: list[ExclusionReason] = []
    if not finding.consented:
        reasons.append(ExclusionReason.NOT_CONSENTED)
    if finding.status not in EMPLOYER_VISIBLE:
        reasons.append(ExclusionReason.NOT_VERIFIED)
    litigation = _litigation_reason(finding, context.rulebook.litigation)
    if litigation is not None:
        reasons.append(litigation)
    rule = context.rulebook.category(finding.category)
    lookback: int | None = None
    if rule is None or _irrelevance(finding, context) is not None:
        reasons.append(ExclusionReason.NOT_RELEVANT_TO_POSITION)
    else:
        lookback = _lookback(finding.item, rule, context)
        if _outside_lookback(finding.occurred_on, lookback, context.as_of):
            reasons.append(ExclusionReason.OUTSIDE_LOOKBACK)
    if reasons or rule is None:
        return _excluded(finding, context, reasons, lookback)
    return _counted(finding, rule, context.rulebook.litigation, lookback)


_GROUND_CACHE_LIMIT = 4096
_grounds: dict[tuple[str, str], str | None] = {}


def protected_ground_of(finding: FindingToRate) -> str | None:
    """The protected ground an item or any part of a category names, if any."""
    key = (finding.item, finding.category)
    if key in _grounds:
        return _grounds[key]
    ground = next(
        (
            part
            for part in (finding.item, *finding.category.split("."))
            if part in PROTECTED_GROUNDS
        ),
        None,
    )
    if len(_grounds) >= _GROUND_CACHE_LIMIT:
        _grounds.clear()
    _grounds[key] = ground
    return ground


def _lookback(item: str, rule: CategoryRule, context: RatingContext) -> int | None:
    """The applicable look-back, computed once per item and category of a case."""
    key = f"{item} {rule.category}"
    if key not in context.lookbacks:
        context.lookbacks[key] = applicable_lookback_months(
            context.profile, item, rule, context.catalogue
        )
    return context.lookbacks[key]


def _litigation_reason(finding: FindingToRate, rules: LitigationRules) -> ExclusionReason | None:
    """Suing is a right; being sued is not a fault. Either signal — the recorded facts or
    the category — is enough to exclude, so a miscategorised case errs towards the person."""
    facts = finding.litigation
    if finding.category == _CLAIMANT_CATEGORY or (
        facts is not None and facts.role in rules.claimant_roles
    ):
        return ExclusionReason.CLAIMANT_ROLE
    if finding.category == _NOT_LIABLE_CATEGORY or (
        facts is not None and facts.outcome not in rules.liable_outcomes
    ):
        return ExclusionReason.NOT_LIABLE
    return None


def _irrelevance(finding: FindingToRate, context: RatingContext) -> str | None:
    """Why the finding is outside the position's scope (Labor Contract Law Art. 8), or None:
    `not_in_profile`, `not_of_item` or `not_on_relevance_map`."""
    if context.profile.item(finding.item) is None:
        return "not_in_profile"
    if context.item_of_category.get(finding.category) != finding.item:
        return "not_of_item"
    if finding.category not in context.profile.relevance:
        return "not_on_relevance_map"
    return None


def _outside_lookback(occurred_on: date | None, months: int | None, as_of: date) -> bool:
    """Whether a finding cannot count for its age. Only the past is bounded: a finding dated
    after `as_of` is inside, so a later `as_of` only excludes more.

    An undated finding of a category with a finite look-back is outside: a matter counts
    only when it is shown to be inside the period the candidate was told about (PIPL
    Art. 17), and a missing date must not lift the limit — the doubt goes to the person.
    Without a limit (none set, or an ongoing state) the date does not matter.
    """
    if months is None:
        return False
    return occurred_on is None or occurred_on < months_before(as_of, months)


def _detail(
    reason: ExclusionReason, finding: FindingToRate, context: RatingContext, lookback: int | None
) -> Text:
    """The particulars of the first reason (only it is spelled out; the others are named)."""
    return _DETAILS[reason](finding, context, lookback)


def _item_name(finding: FindingToRate, context: RatingContext) -> Text:
    known = context.items.get(finding.item)
    return known.name if known is not None else Text(zh=finding.item, en=finding.item)


def _irrelevance_detail(finding: FindingToRate, context: RatingContext, _: int | None) -> Text:
    kind = _irrelevance(finding, context)
    if kind == "not_in_profile":
        return explain.not_in_profile_detail(_item_name(finding, context))
    if kind == "not_of_item":
        return explain.not_of_item_detail(finding.category, _item_name(finding, context))
    return explain.not_on_relevance_map_detail(finding.category)


def _lookback_detail(finding: FindingToRate, context: RatingContext, lookback: int | None) -> Text:
    occurred_on, months = finding.occurred_on, lookback
    if months is None:  # cannot happen: only findings with a finite look-back get here
        return explain.not_on_relevance_map_detail(finding.category)
    cutoff = months_before(context.as_of, months)
    if occurred_on is None:
        return explain.undated_detail(cutoff, months, context.as_of)
    return explain.lookback_detail(occurred_on, cutoff, months, context.as_of)


def _role(finding: FindingToRate) -> LitigationRole | None:
    return finding.litigation.role if finding.litigation is not None else None


def _outcome(finding: FindingToRate) -> LitigationOutcome | None:
    return finding.litigation.outcome if finding.litigation is not None else None


_DETAILS: Mapping[ExclusionReason, Callable[[FindingToRate, RatingContext, int | None], Text]] = {
    ExclusionReason.PROTECTED_GROUND: lambda finding, _context, _lookback: explain.protected_detail(
        protected_ground_of(finding) or ""
    ),
    ExclusionReason.NOT_CONSENTED: lambda finding, context, _lookback: explain.not_consented_detail(
        _item_name(finding, context)
    ),
    ExclusionReason.NOT_VERIFIED: lambda finding, _context, _lookback: explain.not_verified_detail(
        finding.status
    ),
    ExclusionReason.CLAIMANT_ROLE: lambda finding, _context, _lookback: explain.claimant_detail(
        _role(finding)
    ),
    ExclusionReason.NOT_LIABLE: lambda finding, _context, _lookback: explain.not_liable_detail(
        _outcome(finding)
    ),
    ExclusionReason.NOT_RELEVANT_TO_POSITION: _irrelevance_detail,
    ExclusionReason.OUTSIDE_LOOKBACK: _lookback_detail,
}


def _excluded(
    finding: FindingToRate,
    context: RatingContext,
    reasons: list[ExclusionReason],
    lookback: int | None = None,
) -> Disposition:
    first = reasons[0]
    detail = _detail(first, finding, context, lookback)
    protected = first is ExclusionReason.PROTECTED_GROUND
    return Disposition(
        finding_id=finding.id,
        item=None if protected else finding.item,
        category=None if protected else finding.category,
        outcome=Outcome.EXCLUDED,
        severity=None,
        reason=first,
        other_reasons=tuple(reasons[1:]),
        rules=tuple(_RULE_IDS[reason] for reason in reasons),
        lookback_months=lookback,
        explanation=_explanation(context.rulebook, tuple(reasons), detail),
    )


_explanations: dict[tuple[int, tuple[ExclusionReason, ...], Text], tuple[Rulebook, Text]] = {}


def _explanation(rulebook: Rulebook, reasons: tuple[ExclusionReason, ...], detail: Text) -> Text:
    """`excluded_explanation`, remembered: most cases repeat the same few sentences."""
    key = (id(rulebook), reasons, detail)
    cached = _explanations.get(key)
    if cached is not None and cached[0] is rulebook:
        return cached[1]
    if len(_explanations) >= _GROUND_CACHE_LIMIT:
        _explanations.clear()
    text = explain.excluded_explanation(rulebook, reasons[0], detail, reasons[1:])
    _explanations[key] = (rulebook, text)
    return text


_counted_texts: dict[tuple[int, Severity, int | None], tuple[CategoryRule, Text]] = {}


def _counted_explanation(rule: CategoryRule, severity: Severity, lookback: int | None) -> Text:
    """`counted_explanation`, remembered per rule, severity and look-back."""
    key = (id(rule), severity, lookback)
    cached = _counted_texts.get(key)
    if cached is not None and cached[0] is rule:
        return cached[1]
    if len(_counted_texts) >= _GROUND_CACHE_LIMIT:
        _counted_texts.clear()
    text = explain.counted_explanation(rule.text.explanation, severity, rule.severity, lookback)
    _counted_texts[key] = (rule, text)
    return text


def _counted(
    finding: FindingToRate, rule: CategoryRule, litigation: LitigationRules, lookback: int | None
) -> Disposition:
    severity = rule.severity
    rules = [f"categories.{rule.category}"]
    if finding.litigation is not None:
        rules.append("litigation.roles")
        stepped = severity.stepped(litigation.steps_for(finding.litigation.performance))
        if Severity.NONE not in (severity, stepped) and stepped is not severity:
            severity = stepped  # never to or from "none": that is the category's own verdict
            rules.append("litigation.performance")
    return Disposition(
        finding_id=finding.id,
        item=finding.item,
        category=finding.category,
        outcome=Outcome.COUNTED,
        severity=severity,
        reason=None,
        other_reasons=(),
        rules=tuple(rules),
        lookback_months=lookback,
        explanation=_counted_explanation(rule, severity, lookback),
    )
