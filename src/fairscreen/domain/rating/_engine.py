"""The rating engine: `rate(profile, findings, as_of, rulebook) -> Rating`, a pure function.

Advice only (PIPL Art. 24): the light helps a person decide and never decides. The engine
is deterministic — no clock, no randomness, no I/O; the findings are taken in id order —
so the same inputs always give the same rating, byte for byte, and a rating can be
re-computed by anyone holding the inputs and the published rulebook version.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import date
from operator import attrgetter
from types import MappingProxyType

from fairscreen.domain.rating._canonical import sha256_digest
from fairscreen.domain.rating._dispositions import RatingContext, dispose
from fairscreen.domain.rating._errors import DuplicateFindingId
from fairscreen.domain.rating._finding import FindingToRate
from fairscreen.domain.rating._labels import SEVERITY_LABELS
from fairscreen.domain.rating._rating import Rating
from fairscreen.domain.rating._rulebook import CombinationRule, Rulebook
from fairscreen.domain.rating._scales import Light, Severity
from fairscreen.domain.scope import CATALOGUE, Catalogue, CheckItem, ProfileSpec, Text

__all__ = ["combine", "rate"]

_CACHE_LIMIT = 256
_BY_ID = attrgetter("id")
_profile_hashes: dict[int, tuple[ProfileSpec, str]] = {}
_category_items: dict[int, tuple[Catalogue, Mapping[str, str]]] = {}
_catalogue_items: dict[int, tuple[Catalogue, Mapping[str, CheckItem]]] = {}


def rate(
    profile: ProfileSpec,
    findings: Iterable[FindingToRate],
    as_of: date,
    rulebook: Rulebook,
    *,
    catalogue: Catalogue = CATALOGUE,
) -> Rating:
    """Rate one case. Advice only: a person decides (PIPL Art. 24).

    Every finding gets a disposition; the light combines the counted severities by the
    rulebook's combination rules (`combine`). Findings are rated in id order, so their
    order does not matter; two findings with one id raise `DuplicateFindingId`. `rulebook`
    must have been loaded against `catalogue` (the loader checks every category).
    """
    ordered = sorted(findings, key=_BY_ID)
    for previous, current in itertools.pairwise(ordered):
        if previous.id == current.id:
            raise DuplicateFindingId(current.id)
    context = RatingContext(
        profile=profile,
        rulebook=rulebook,
        as_of=as_of,
        catalogue=catalogue,
        item_of_category=_item_of_category(catalogue),
        items=_items(catalogue),
    )
    dispositions = tuple(dispose(finding, context) for finding in ordered)
    severities = [d.severity for d in dispositions if d.severity is not None]
    light, rule_index = combine(severities, rulebook.combination)
    profile_hash = _profile_hash(profile)
    inputs_hash = sha256_digest(
        {
            "as_of": as_of.isoformat(),
            "findings": [finding.to_row() for finding in ordered],
            "profile": profile_hash,
            "rulebook": rulebook.content_hash,
        }
    )
    return Rating(
        light=light,
        light_rule=None if rule_index is None else f"combination[{rule_index}]",
        light_explanation=_light_explanation(severities, rulebook, rule_index),
        light_meaning=rulebook.meaning(light),
        as_of=as_of,
        rulebook_version=rulebook.version,
        rulebook_hash=rulebook.content_hash,
        profile_hash=profile_hash,
        inputs_hash=inputs_hash,
        dispositions=dispositions,
        notice=rulebook.notice,
    )


def combine(
    severities: Iterable[Severity], rules: tuple[CombinationRule, ...]
) -> tuple[Light, int | None]:
    """The light and the index of the rule that set it (None: green, no rule applied).

    A rule applies when at least `at_least` counted severities are its severity or worse;
    the light is the highest light of the rules that apply, the first such rule naming it.
    Adding a counted finding can therefore only keep or raise the light, never lower it.
    """
    at_or_above = _counts_at_or_above(severities)
    light, chosen = Light.GREEN, None
    for index, rule in enumerate(rules):
        if at_or_above[rule.severity.rank] < rule.at_least:
            continue
        if rule.light.rank > light.rank:
            light, chosen = rule.light, index
    return light, chosen


def _counts_at_or_above(severities: Iterable[Severity]) -> list[int]:
    """For each severity rank, how many severities are of that rank or higher."""
    counts = [0] * len(Severity)
    for severity in severities:
        counts[severity.rank] += 1
    for rank in range(len(counts) - 2, -1, -1):
        counts[rank] += counts[rank + 1]
    return counts


def _light_explanation(
    severities: list[Severity], rulebook: Rulebook, rule_index: int | None
) -> Text:
    if rule_index is None:
        return Text(
            zh=f"计入 {len(severities)} 项结果，没有任何一项有风险：绿灯。"
            if severities
            else "没有计入任何结果：绿灯。",
            en=f"{len(severities)} finding(s) counted, none carrying risk: green."
            if severities
            else "No finding counted: green.",
        )
    rule = rulebook.combination[rule_index]
    count = _counts_at_or_above(severities)[rule.severity.rank]
    label = SEVERITY_LABELS[rule.severity]
    return Text(
        zh=f"{count} 项计入的结果为“{label.zh}”或更严重。{rule.text.explanation.zh}",
        en=f"{count} counted finding(s) of {label.en} severity or worse. "
        f"{rule.text.explanation.en}",
    )


def _profile_hash(profile: ProfileSpec) -> str:
    """`ProfileSpec.canonical_hash`, remembered per profile object (the same profile is rated
    for many candidates; the hash of an immutable value never changes)."""
    cached = _profile_hashes.get(id(profile))
    if cached is not None and cached[0] is profile:
        return cached[1]
    if len(_profile_hashes) >= _CACHE_LIMIT:
        _profile_hashes.clear()
    digest = "sha256:" + profile.canonical_hash()
    _profile_hashes[id(profile)] = (profile, digest)
    return digest


def _item_of_category(catalogue: Catalogue) -> Mapping[str, str]:
    cached = _category_items.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    mapping = MappingProxyType(
        {category: item.code for item in catalogue.items for category in item.finding_categories}
    )
    if len(_category_items) >= _CACHE_LIMIT:
        _category_items.clear()
    _category_items[id(catalogue)] = (catalogue, mapping)
    return mapping


def _items(catalogue: Catalogue) -> Mapping[str, CheckItem]:
    cached = _catalogue_items.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    mapping = MappingProxyType({item.code: item for item in catalogue.items})
    if len(_catalogue_items) >= _CACHE_LIMIT:
        _catalogue_items.clear()
    _catalogue_items[id(catalogue)] = (catalogue, mapping)
    return mapping
