"""Which kinds of source may claim which authority, and which may speak for which item.

A referee can say what they saw, never more: their word is first-hand testimony at best and
can only *corroborate* with an independent source, never verify alone. A document the
candidate hands in, or a former employer's letter, is an official document, not a registry
entry. Only a registry, the courts' published records or a licensed agency can be
authoritative — including the government's public registers (信用中国, the enterprise
credit publicity system), which is what "public record" means in the catalogue. And a
source may only be used for an item whose catalogue entry names its kind: the consent
notice told the candidate where each item's facts come from (PIPL Art. 17), so any other
source would go beyond the consent.
"""

from __future__ import annotations

from types import MappingProxyType

from fairscreen.domain.findings._verification import AuthorityLevel
from fairscreen.domain.scope import CATALOGUE, SourceKind, Text

__all__ = ["MAX_AUTHORITY", "source_problem"]

_STRENGTH = {
    AuthorityLevel.AUTHORITATIVE_REGISTRY: 3,
    AuthorityLevel.OFFICIAL_DOCUMENT: 2,
    AuthorityLevel.FIRST_HAND_WITNESS: 1,
    AuthorityLevel.HEARSAY: 0,
}

MAX_AUTHORITY = MappingProxyType(
    {
        SourceKind.AUTHORITATIVE_REGISTRY: AuthorityLevel.AUTHORITATIVE_REGISTRY,
        SourceKind.COURT_RECORDS: AuthorityLevel.AUTHORITATIVE_REGISTRY,
        SourceKind.LICENSED_AGENCY: AuthorityLevel.AUTHORITATIVE_REGISTRY,
        SourceKind.PUBLIC_RECORD: AuthorityLevel.AUTHORITATIVE_REGISTRY,  # 信用中国, 企业信用公示
        SourceKind.FORMER_EMPLOYER: AuthorityLevel.OFFICIAL_DOCUMENT,
        SourceKind.CANDIDATE_DOCUMENT: AuthorityLevel.OFFICIAL_DOCUMENT,
        SourceKind.REFEREE: AuthorityLevel.FIRST_HAND_WITNESS,
    }
)
"""The strongest authority each kind of source can have."""


def source_problem(*, item: str, kind: str, authority: str) -> tuple[str, Text] | None:
    """The field and message of the first problem with this source, or None if it may stand."""
    if kind not in SourceKind.__members__.values():
        return "source.kind", Text(zh="不是已知的来源类型", en="is not a known kind of source")
    if authority not in AuthorityLevel.__members__.values():
        return "source.authority", Text(
            zh="不是已知的权威等级", en="is not a known authority level"
        )
    if SourceKind(kind) not in CATALOGUE.item(item).source_kinds:
        allowed = ", ".join(CATALOGUE.item(item).source_kinds)
        return "source.kind", Text(
            zh=f"该项目的告知书只列明了这些来源：{allowed}",
            en=f"the notice names only these sources for this item: {allowed}",
        )
    strongest = MAX_AUTHORITY[SourceKind(kind)]
    if _STRENGTH[AuthorityLevel(authority)] > _STRENGTH[strongest]:
        return "source.authority", Text(
            zh=f"此类来源的权威等级最高为 {strongest}",
            en=f"this kind of source is at most {strongest}",
        )
    return None
