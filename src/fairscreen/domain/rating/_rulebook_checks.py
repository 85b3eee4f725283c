"""Whether a well-formed rulebook fits the check catalogue and the law.

A rulebook that misses a category would leave some findings without a rule; one that
names a protected ground would rate what may not even be collected (Employment Promotion
Law Arts. 3, 26-31); one that lets a plaintiff count would punish using a legal right
(Shanghai Jinshan, 2024-25). All of these are refused at load time.
"""

from __future__ import annotations

from fairscreen.domain.findings import LitigationOutcome, LitigationRole
from fairscreen.domain.rating._errors import Problem
from fairscreen.domain.rating._rulebook import Rulebook
from fairscreen.domain.rating._scales import ExclusionReason, Light, Severity
from fairscreen.domain.scope import PROTECTED_GROUNDS, Catalogue, Text

__all__ = ["rulebook_problems"]


def rulebook_problems(rulebook: Rulebook, catalogue: Catalogue) -> tuple[Problem, ...]:
    """Every problem of the rulebook against the catalogue, in a stable order."""
    return (
        *_catalogue_problems(rulebook, catalogue),
        *_category_problems(rulebook, catalogue),
        *_completeness_problems(rulebook),
        *_combination_problems(rulebook),
        *_litigation_problems(rulebook),
    )


def _problem(code: str, path: str, *, zh: str, en: str) -> Problem:
    return Problem(code=code, message=Text(zh=f"{path}：{zh}", en=f"{path}: {en}"))


def _catalogue_problems(rulebook: Rulebook, catalogue: Catalogue) -> list[Problem]:
    if rulebook.catalogue_version == catalogue.version:
        return []
    return [
        _problem(
            "catalogue_mismatch",
            "catalogue",
            zh=f"规则手册针对目录 {rulebook.catalogue_version}，当前目录为 {catalogue.version}",
            en=f"the rulebook is for catalogue {rulebook.catalogue_version}, "
            f"but the catalogue is {catalogue.version}",
        )
    ]


def _category_problems(rulebook: Rulebook, catalogue: Catalogue) -> list[Problem]:
    known = catalogue.finding_categories()
    never = catalogue.never_relevant_categories()
    problems: list[Problem] = []
    for rule in rulebook.categories:
        path = f'categories."{rule.category}"'
        if rule.category.split(".", maxsplit=1)[0] in PROTECTED_GROUNDS:
            problems.append(
                _problem(
                    "protected_ground",
                    path,
                    zh="涉及受保护事项，永远不得评级",
                    en="concerns a protected ground and can never be rated",
                )
            )
        elif rule.category not in known:
            problems.append(
                _problem(
                    "unknown_category",
                    path,
                    zh="核查目录中没有此结果类别",
                    en="no catalogue item produces this finding category",
                )
            )
        elif rule.category in never and rule.severity is not Severity.NONE:
            problems.append(
                _problem(
                    "never_relevant_category",
                    path,
                    zh="永不计入的类别，严重程度必须为 none",
                    en="a category that never counts must have severity none",
                )
            )
        if rule.ongoing and rule.lookback_months is not None:
            problems.append(
                _problem(
                    "ongoing_with_lookback",
                    path,
                    zh="持续状态不适用追溯期，不能同时设置 lookback_months",
                    en="an ongoing state does not age; it cannot also have lookback_months",
                )
            )
    listed = {rule.category for rule in rulebook.categories}
    problems.extend(
        _problem(
            "missing_category",
            f'categories."{category}"',
            zh="缺失：目录中的每个结果类别都必须有规则",
            en="is missing: every catalogue finding category needs a rule",
        )
        for category in sorted(known - listed)
    )
    return problems


def _completeness_problems(rulebook: Rulebook) -> list[Problem]:
    problems: list[Problem] = []
    reasons = {rule.reason for rule in rulebook.exclusions}
    problems.extend(
        _problem(
            "missing_exclusion",
            f"exclusions.{reason}",
            zh="缺失：每个排除理由都必须有说明",
            en="is missing: every exclusion reason needs its explanation",
        )
        for reason in ExclusionReason
        if reason not in reasons
    )
    lights = {meaning.light for meaning in rulebook.lights}
    problems.extend(
        _problem(
            "missing_light",
            f"lights.{light}",
            zh="缺失：每种信号灯都必须说明含义",
            en="is missing: every light needs its meaning",
        )
        for light in Light
        if light not in lights
    )
    return problems


def _combination_problems(rulebook: Rulebook) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Severity, int]] = set()
    for index, rule in enumerate(rulebook.combination):
        path = f"combination[{index}]"
        if rule.severity is Severity.NONE or rule.light is Light.GREEN:
            problems.append(
                _problem(
                    "combination_without_effect",
                    path,
                    zh="severity 不能为 none，light 不能为 green",
                    en="severity cannot be none and light cannot be green",
                )
            )
        if (rule.severity, rule.at_least) in seen:
            problems.append(
                _problem("duplicate_combination", path, zh="与前一条规则重复", en="repeats a rule")
            )
        seen.add((rule.severity, rule.at_least))
    single = {rule.severity: rule.light for rule in rulebook.combination if rule.at_least == 1}
    ranks = [
        single.get(severity) for severity in (Severity.MINOR, Severity.MODERATE, Severity.SERIOUS)
    ]
    if None in ranks or [light.rank for light in ranks if light] != sorted(
        light.rank for light in ranks if light
    ):
        problems.append(
            _problem(
                "combination_incomplete",
                "combination",
                zh="minor、moderate、serious 各需一条 at_least = 1 的规则，且信号灯逐级不降",
                en="minor, moderate and serious each need an at_least = 1 rule, with lights "
                "that never go down as severity goes up",
            )
        )
    return problems


def _litigation_problems(rulebook: Rulebook) -> list[Problem]:
    problems: list[Problem] = []
    if LitigationRole.PLAINTIFF not in rulebook.litigation.claimant_roles:
        problems.append(
            _problem(
                "plaintiff_must_never_count",
                "litigation.claimant_roles",
                zh="必须包含 plaintiff：起诉是合法权利，永远不得计入",
                en="must include plaintiff: suing is a legal right and never counts",
            )
        )
    if not rulebook.litigation.liable_outcomes <= {LitigationOutcome.AGAINST_CANDIDATE}:
        problems.append(
            _problem(
                "liability_must_be_decided",
                "litigation.liable_outcomes",
                zh="只能包含 against_candidate：未被判担责不是过错",
                en="may only contain against_candidate: a party not held liable did no wrong",
            )
        )
    return problems
