"""What a connector is: something that runs one check item and reports findings.

A connector reaches outside (a provider's API, a registry, a file of results), so it sits
behind this Protocol and knows nothing of Django or the database: it receives a
`CheckRequest`, returns a `ConnectorResult` or raises `ConnectorError`. The runner
(`fairscreen.screenings.services._runs`) does everything else — the consent gate before the
call, timeouts and retries with backoff, idempotent recording (a finding's `external_ref`
is recorded once per item however often a result is delivered), and the evidence events.

A connector's errors carry a code and a fixed message the connector wrote; never the
provider's response text, which may hold personal data and would reach pages and logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from fairscreen.domain.findings import AuthorityLevel

__all__ = [
    "CheckRequest",
    "Connector",
    "ConnectorError",
    "ConnectorResult",
    "ReportedFinding",
    "SourceIn",
    "ThirdPartyRef",
]


@dataclass(frozen=True, slots=True)
class ThirdPartyRef:
    """A former employer or referee the candidate consented to (PIPL Art. 23)."""

    id: str
    kind: str
    name: str
    contact: str


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """What a connector may know to run one item: only what the item needs.

    `request_id` is stable across retries of the same run, so a provider can de-duplicate.
    """

    request_id: str
    item: str
    full_name: str
    id_number: str
    third_parties: tuple[ThirdPartyRef, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceIn:
    """A source as reported: see `fairscreen.domain.findings.Source` for the meaning."""

    kind: str
    authority: AuthorityLevel
    origin: str
    reference: str
    retrieved_at: datetime
    statement: str | None = None


@dataclass(frozen=True, slots=True)
class ReportedFinding:
    """One finding as a connector reports it; `external_ref` identifies it for ever."""

    external_ref: str
    category: str
    details: Mapping[str, str]
    source: SourceIn
    evidence: bytes | None = None
    evidence_media_type: str = ""


@dataclass(frozen=True, slots=True)
class ConnectorResult:
    """The findings of one run. An empty tuple means the check found nothing: a clean result."""

    findings: tuple[ReportedFinding, ...] = field(default=())


class ConnectorError(Exception):
    """A run that did not produce a result.

    `retryable` says whether trying again later may help (a timeout, a 5xx) or not (the
    provider refused the request, or answered with something that is not its contract).
    """

    def __init__(self, code: str, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable


class Connector(Protocol):
    """Runs check items of the kinds in `items`; `code` names it in runs and evidence."""

    @property
    def code(self) -> str: ...

    @property
    def items(self) -> frozenset[str]: ...

    def run(self, request: CheckRequest) -> ConnectorResult: ...
