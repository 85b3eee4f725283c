"""Multi-source verification (多源验证): when a finding is a fact the employer may see.

A Beijing court held a provider liable for writing a former colleague's unverified remark
into a report and rating the candidate yellow. So one rule decides, for every finding:

- **verified** — at least one source is an authoritative registry (the national education
  record service, published court judgments, the dishonest-debtor list...);
- **corroborated** — at least two *independent* non-hearsay sources, i.e. sources with
  different origins: the same registry queried twice, or the same referee asked again, is
  repetition, never corroboration — and so is one origin spelled two ways
  (`canonical_origin`);
- **unverified** — anything less. Hearsay never counts towards either.

The lifecycle then overrides the evidence: a finding withdrawn by the analyst is
**retracted**, one the candidate objected to is **disputed** until the dispute ends, and one
changed by a dispute outcome is **corrected** (PIPL Art. 46). Only verified, corroborated
and corrected findings reach the employer's report or the rating.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

__all__ = [
    "EMPLOYER_VISIBLE",
    "Attested",
    "AuthorityLevel",
    "Lifecycle",
    "Source",
    "VerificationStatus",
    "canonical_origin",
    "evidential_status",
    "finding_status",
]


class AuthorityLevel(StrEnum):
    """How much a source can establish on its own, from strongest to weakest."""

    AUTHORITATIVE_REGISTRY = "authoritative_registry"  # 学信网, 裁判文书网, 失信名单...
    OFFICIAL_DOCUMENT = "official_document"  # a certificate, a judgment copy, a letter
    FIRST_HAND_WITNESS = "first_hand_witness"  # a former manager on what they saw
    HEARSAY = "hearsay"  # opinion, rumour, second-hand remarks: recorded, never relied on


class VerificationStatus(StrEnum):
    UNVERIFIED = "unverified"
    CORROBORATED = "corroborated"
    VERIFIED = "verified"
    DISPUTED = "disputed"
    CORRECTED = "corrected"
    RETRACTED = "retracted"


class Lifecycle(StrEnum):
    """What has happened to a finding after it was recorded."""

    ACTIVE = "active"
    DISPUTED = "disputed"
    CORRECTED = "corrected"
    RETRACTED = "retracted"


EMPLOYER_VISIBLE = frozenset(
    {VerificationStatus.VERIFIED, VerificationStatus.CORROBORATED, VerificationStatus.CORRECTED}
)
"""The statuses whose findings reach the employer's report and can count in a rating."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a finding comes from.

    `origin` names the source itself (``registry:chsi``, ``third_party:<id>``,
    ``provider:<name>``): two sources with the same origin — compared as
    `canonical_origin`, whatever the spelling — are one source said twice.
    `evidence_sha256` is the hash of the evidence file, when there is one, so the report can
    prove which document backed it without carrying the document.
    """

    kind: str
    authority: AuthorityLevel
    origin: str
    reference: str
    retrieved_at: datetime
    evidence_sha256: str | None = None


class Attested(Protocol):
    """What the rule needs of a source: how authoritative, and who it is."""

    @property
    def authority(self) -> AuthorityLevel: ...

    @property
    def origin(self) -> str: ...


_THIRD_PARTY = "third_party"


def canonical_origin(origin: str) -> str:
    """The one spelling of a source's origin, so that independence is decided by who the
    source is, never by how its name was typed.

    A third party is named by its id: ``third_party:<uuid>`` in any form `uuid.UUID`
    reads (upper case, braces, no hyphens, ``urn:uuid:``) becomes the lower-case hyphenated
    form. Every other origin is compared as text, compatibility-normalised (NFKC: a
    full-width ``ｒｅｇｉｓｔｒｙ：ｃｈｓｉ`` is ``registry:chsi``), case-folded, with runs of
    whitespace made one space and none at the ends or around the first ``:``. Idempotent,
    so the app may store the canonical form and compare it again.
    """
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", origin).casefold())
    kind, separator, rest = " ".join(text.split()).partition(":")
    kind, rest = kind.strip(), rest.strip()
    if not separator:
        return kind
    if kind == _THIRD_PARTY:
        try:
            return f"{_THIRD_PARTY}:{uuid.UUID(rest)}"
        except ValueError:
            pass  # not an id: compared as text like any other origin
    return f"{kind}:{rest}"


def evidential_status(sources: Iterable[Attested]) -> VerificationStatus:
    """Verified, corroborated or unverified, from the sources alone (the module's rule).

    Origins are compared in their canonical form: one referee entered as
    ``third_party:<UUID>`` and as ``third_party:{<uuid>}`` is still one source.
    """
    relied_on = [source for source in sources if source.authority != AuthorityLevel.HEARSAY]
    if any(source.authority == AuthorityLevel.AUTHORITATIVE_REGISTRY for source in relied_on):
        return VerificationStatus.VERIFIED
    if len({canonical_origin(source.origin) for source in relied_on}) >= 2:
        return VerificationStatus.CORROBORATED
    return VerificationStatus.UNVERIFIED


def finding_status(sources: Iterable[Attested], lifecycle: Lifecycle) -> VerificationStatus:
    """The one status a finding shows: the lifecycle where it overrides, else the evidence.

    A correction stands only on evidence that meets the rule (the re-verification), so a
    corrected finding whose new sources do not verify it is shown as unverified.
    """
    if lifecycle is Lifecycle.RETRACTED:
        return VerificationStatus.RETRACTED
    if lifecycle is Lifecycle.DISPUTED:
        return VerificationStatus.DISPUTED
    evidence = evidential_status(sources)
    if lifecycle is Lifecycle.CORRECTED and evidence is not VerificationStatus.UNVERIFIED:
        return VerificationStatus.CORRECTED
    return evidence
