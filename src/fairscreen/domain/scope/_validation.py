"""Whether a risk profile is lawful, and what approving it requires.

A profile is the employer's written claim that each item is necessary for the duties
(PIPL Art. 6 minimum necessity, Labor Contract Law Art. 8). These rules make the claims
checkable: only catalogue items, never a protected ground (Employment Promotion Law
Arts. 3, 26-31; Women's Rights Protection Law Art. 43), a written reason for every item, the
lawful precondition each item needs, a bounded look-back, and a relevance map that never
counts the claimant in a lawsuit.
"""

from __future__ import annotations

from fairscreen.domain.scope._catalogue import MAX_LOOKBACK_MONTHS, Catalogue, CheckItem
from fairscreen.domain.scope._catalogue_data import CATALOGUE
from fairscreen.domain.scope._errors import InvalidProfile, ItemNotPermitted
from fairscreen.domain.scope._problems import ProfileProblem
from fairscreen.domain.scope._profiles import PermittedItem, ProfileSpec
from fairscreen.domain.scope._protected import PROTECTED_GROUNDS
from fairscreen.domain.scope._text import Text

__all__ = [
    "added_sensitive_items",
    "effective_lookback_months",
    "profile_problems",
    "validate_profile",
]


def profile_problems(
    spec: ProfileSpec, catalogue: Catalogue = CATALOGUE
) -> tuple[ProfileProblem, ...]:
    """Every problem of the profile, in a stable order (items first, then relevance)."""
    problems: list[ProfileProblem] = []
    if not spec.items:
        problems.append(
            _problem(
                "no_items",
                None,
                zh="风险等级表至少需要一个核查项目。",
                en="A risk profile needs at least one check item.",
            )
        )
    seen: set[str] = set()
    for permitted in spec.items:
        problems.extend(_item_problems(spec, permitted, catalogue, seen))
        seen.add(permitted.code)
    for category in sorted(spec.relevance):
        problems.extend(_relevance_problems(category, catalogue))
    return tuple(problems)


def validate_profile(spec: ProfileSpec, catalogue: Catalogue = CATALOGUE) -> ProfileSpec:
    """The spec itself if it has no problems; raises `InvalidProfile` listing them otherwise."""
    problems = profile_problems(spec, catalogue)
    if problems:
        raise InvalidProfile(problems)
    return spec


def added_sensitive_items(
    new: ProfileSpec, approved: ProfileSpec | None, catalogue: Catalogue = CATALOGUE
) -> tuple[str, ...]:
    """Sensitive items in `new` that the approved version did not have, in `new`'s order.

    Non-empty means the data protection officer must approve the version with a personal
    information protection impact assessment first (PIPL Arts. 55-56). Removing items, or
    changing non-sensitive ones, needs no such approval: narrowing is always allowed.
    """
    before = set(approved.codes()) if approved is not None else set()
    added: list[str] = []
    for code in new.codes():
        if code in before or code in added or not catalogue.has(code):
            continue
        if catalogue.item(code).sensitive:
            added.append(code)
    return tuple(added)


def effective_lookback_months(
    spec: ProfileSpec, code: str, catalogue: Catalogue = CATALOGUE
) -> int | None:
    """How far back the item looks for this position; None means no time limit.

    The profile's override wins over the catalogue default, so a position can look back
    less far (or, where a law sets a longer bar, further). Raises `UnknownCheckItem` or
    `ItemNotPermitted` rather than answer for an item the position may not use.
    """
    item = catalogue.item(code)
    permitted = spec.item(code)
    if permitted is None:
        raise ItemNotPermitted(code)
    if permitted.lookback_months is not None:
        return permitted.lookback_months
    return item.default_lookback_months


def _item_problems(
    spec: ProfileSpec, permitted: PermittedItem, catalogue: Catalogue, seen: set[str]
) -> list[ProfileProblem]:
    code = permitted.code
    if code in PROTECTED_GROUNDS:
        return [
            _problem(
                "protected_ground",
                code,
                zh=f"“{code}”属于受保护事项，任何岗位都不得核查。",
                en=f"{code!r} is a protected ground and can never be checked for any position.",
            )
        ]
    if not catalogue.has(code):
        return [
            _problem(
                "unknown_item",
                code,
                zh=f"核查项目目录中没有“{code}”。",
                en=f"There is no check item {code!r} in the catalogue.",
            )
        ]
    if code in seen:
        return [
            _problem(
                "duplicate_item",
                code,
                zh=f"核查项目“{code}”重复出现。",
                en=f"The check item {code!r} appears more than once.",
            )
        ]
    item = catalogue.item(code)
    return [
        *_necessity_problems(permitted),
        *_precondition_problems(spec, item),
        *_lookback_problems(permitted),
    ]


def _necessity_problems(permitted: PermittedItem) -> list[ProfileProblem]:
    if not permitted.necessity.is_blank():
        return []
    return [
        _problem(
            "blank_necessity",
            permitted.code,
            zh=f"请用中文和英文写明“{permitted.code}”对本岗位职责的必要性。",
            en=f"Write, in Chinese and English, why {permitted.code!r} is necessary for "
            "this position's duties.",
        )
    ]


def _precondition_problems(spec: ProfileSpec, item: CheckItem) -> list[ProfileProblem]:
    missing = [str(need) for need in item.preconditions if need not in spec.attributes]
    if not missing:
        return []
    needs = ", ".join(missing)
    return [
        _problem(
            "precondition_missing",
            item.code,
            zh=f"“{item.code}”要求岗位具备前提条件：{needs}。",
            en=f"{item.code!r} requires the position to declare: {needs}.",
        )
    ]


def _lookback_problems(permitted: PermittedItem) -> list[ProfileProblem]:
    months = permitted.lookback_months
    if months is None or 1 <= months <= MAX_LOOKBACK_MONTHS:
        return []
    return [
        _problem(
            "lookback_out_of_range",
            permitted.code,
            zh=f"“{permitted.code}”的追溯期必须在 1 至 {MAX_LOOKBACK_MONTHS} 个月之间。",
            en=f"The look-back of {permitted.code!r} must be 1 to {MAX_LOOKBACK_MONTHS} months.",
        )
    ]


def _relevance_problems(category: str, catalogue: Catalogue) -> list[ProfileProblem]:
    if category.split(".", maxsplit=1)[0] in PROTECTED_GROUNDS:
        return [
            _problem(
                "protected_ground",
                None,
                zh=f"相关性类别“{category}”涉及受保护事项。",
                en=f"The relevance category {category!r} concerns a protected ground.",
            )
        ]
    if category not in catalogue.finding_categories():
        return [
            _problem(
                "unknown_finding_category",
                None,
                zh=f"核查项目目录中没有结果类别“{category}”。",
                en=f"No catalogue item produces the finding category {category!r}.",
            )
        ]
    if category in catalogue.never_relevant_categories():
        return [
            _problem(
                "never_relevant_category",
                None,
                zh=f"结果类别“{category}”永远不得计入（例如作为原告起诉是合法权利）。",
                en=f"The finding category {category!r} may never count (e.g. suing is a "
                "legal right).",
            )
        ]
    return []


def _problem(code: str, item: str | None, *, zh: str, en: str) -> ProfileProblem:
    return ProfileProblem(code=code, item=item, message=Text(zh=zh, en=en))
