"""The position risk profile (岗位风险等级表): what a position may check, and why.

A profile version is the written necessity case for every item (PIPL Art. 6 minimum
necessity; Labor Contract Law Art. 8 "directly related" information): the tier, the duties,
the lawful preconditions the position meets, each permitted item with its reason, and the
relevance map of finding categories that bear on the duties. Versions are immutable and
identified by `canonical_hash`, so a screening can pin the exact version it was ordered
under and an auditor can prove which scope applied.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from fairscreen.domain.scope._catalogue import Precondition
from fairscreen.domain.scope._errors import InvalidProfile
from fairscreen.domain.scope._json_reader import Invalid, JsonReader
from fairscreen.domain.scope._text import Text

__all__ = ["PermittedItem", "ProfileSpec", "Tier"]

_SPEC_KEYS = ("tier", "duties", "attributes", "items", "relevance")


class Tier(StrEnum):
    """The position's risk tier, from general staff to critical posts."""

    L1 = "L1"  # general: identity, education and work history are enough
    L2 = "L2"  # trusted: handles money, goods, people's data, or a regulated duty
    L3 = "L3"  # critical: senior, fiduciary, or responsible for vulnerable people


_TIERS = frozenset(tier.value for tier in Tier)


@dataclass(frozen=True, slots=True)
class PermittedItem:
    """One item a position may use, with the written reason it is necessary for the duties."""

    code: str
    necessity: Text
    lookback_months: int | None = None  # None: the catalogue's default look-back


@dataclass(frozen=True, slots=True)
class ProfileSpec:
    """The content of one version of a position risk profile (see the module docstring)."""

    tier: Tier
    duties: Text
    attributes: frozenset[Precondition]
    items: tuple[PermittedItem, ...]
    relevance: frozenset[str]

    def item(self, code: str) -> PermittedItem | None:
        """The permitted item with this code, or None if the profile does not permit it."""
        for item in self.items:
            if item.code == code:
                return item
        return None

    def codes(self) -> tuple[str, ...]:
        """The permitted item codes, in the profile's order."""
        return tuple(item.code for item in self.items)

    def to_json(self) -> dict[str, object]:
        """A JSON-safe document with a stable key order; sets are written sorted."""
        return {
            "attributes": sorted(str(attribute) for attribute in self.attributes),
            "duties": _text_json(self.duties),
            "items": [
                {
                    "code": item.code,
                    "lookback_months": item.lookback_months,
                    "necessity": _text_json(item.necessity),
                }
                for item in self.items
            ],
            "relevance": sorted(self.relevance),
            "tier": str(self.tier),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> ProfileSpec:
        """Parse a stored or submitted profile; raises `InvalidProfile` listing every defect.

        Only the shape is checked here; whether the content is lawful is
        `profile_problems`' job, so an invalid-but-well-formed draft can still be shown.
        An item's `lookback_months` may be omitted (meaning the catalogue default); every
        other key is required and unknown keys are refused.
        """
        reader = JsonReader()
        spec = _read_spec(reader, data)
        if reader.problems or spec is None:
            raise InvalidProfile(reader.problems)
        return spec

    def canonical_hash(self) -> str:
        """SHA-256 (hex) of the canonical JSON: sorted keys, no spaces, UTF-8 text."""
        canonical = json.dumps(
            self.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _text_json(text: Text) -> dict[str, str]:
    return {"en": text.en, "zh": text.zh}


def _read_spec(reader: JsonReader, data: object) -> ProfileSpec | None:
    fields = reader.mapping(data, "", required=_SPEC_KEYS)
    if isinstance(fields, Invalid):
        return None
    tier = _read_tier(reader, fields["tier"])
    duties = reader.text(fields["duties"], "duties")
    attributes = _read_attributes(reader, fields["attributes"])
    items = _read_items(reader, fields["items"])
    relevance = reader.distinct_strings(fields["relevance"], "relevance")
    if (
        tier is None
        or isinstance(duties, Invalid)
        or attributes is None
        or items is None
        or isinstance(relevance, Invalid)
    ):
        return None
    return ProfileSpec(
        tier=tier,
        duties=duties,
        attributes=attributes,
        items=items,
        relevance=frozenset(relevance),
    )


def _read_tier(reader: JsonReader, value: object) -> Tier | None:
    if isinstance(value, str) and value in _TIERS:
        return Tier(value)
    reader.fail("tier", "必须是 L1、L2 或 L3", "must be one of L1, L2, L3")
    return None


def _read_attributes(reader: JsonReader, value: object) -> frozenset[Precondition] | None:
    names = reader.distinct_strings(value, "attributes")
    if isinstance(names, Invalid):
        return None
    known = {str(precondition) for precondition in Precondition}
    for index, name in enumerate(names):
        if name not in known:
            reader.fail(f"attributes[{index}]", "不是已知的前提条件", "is not a known precondition")
    if any(name not in known for name in names):
        return None
    return frozenset(Precondition(name) for name in names)


def _read_items(reader: JsonReader, value: object) -> tuple[PermittedItem, ...] | None:
    entries = reader.array(value, "items")
    if isinstance(entries, Invalid):
        return None
    items = [_read_item(reader, entry, f"items[{index}]") for index, entry in enumerate(entries)]
    if any(item is None for item in items):
        return None
    return tuple(item for item in items if item is not None)


def _read_item(reader: JsonReader, value: object, path: str) -> PermittedItem | None:
    fields = reader.mapping(
        value, path, required=("code", "necessity"), optional=("lookback_months",)
    )
    if isinstance(fields, Invalid):
        return None
    code = reader.string(fields["code"], f"{path}.code")
    item = code if isinstance(code, str) else None
    necessity = reader.text(fields["necessity"], f"{path}.necessity", item=item)
    lookback = reader.optional_months(
        fields.get("lookback_months"), f"{path}.lookback_months", item=item
    )
    if item is None or isinstance(necessity, Invalid) or isinstance(lookback, Invalid):
        return None
    return PermittedItem(code=item, necessity=necessity, lookback_months=lookback)
