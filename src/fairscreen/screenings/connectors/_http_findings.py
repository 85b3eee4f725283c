"""Reading the findings of a complete answer, strictly, into `ReportedFinding`s.

Strict because a finding decides a candidate's report: a key this contract does not define
is refused rather than ignored (a renamed field silently dropped would lose a fact), types
are exact, and every limit is checked before anything is decoded. What the *details* must
contain is not checked here: that is the item's finding schema, applied by the runner to
every finding from every connector, so the rule lives in one place.

Problems are reported as `ContractViolation` with a fixed text that names a field path of
the contract (``findings[2].source.retrieved_at``), never a value or a key the provider
chose: those may be personal data.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from datetime import UTC, datetime

from fairscreen.domain.findings import AuthorityLevel
from fairscreen.domain.scope import SourceKind
from fairscreen.screenings.connectors._protocol import ReportedFinding, SourceIn

__all__ = ["MAX_FINDINGS", "ContractViolation", "parse_findings", "require_keys"]

MAX_FINDINGS = 1000
MAX_EXTERNAL_REF = 200
MAX_CATEGORY = 200
MAX_REFERENCE = 500
MAX_STATEMENT = 2000
MAX_MEDIA_TYPE = 100

_FINDING_KEYS = frozenset({"external_ref", "category", "details", "source"})
_SOURCE_KEYS = frozenset({"kind", "authority", "reference", "retrieved_at"})
_EVIDENCE_KEYS = frozenset({"media_type", "content_base64"})
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")
_SOURCE_KINDS = frozenset(kind.value for kind in SourceKind)
_AUTHORITIES = frozenset(level.value for level in AuthorityLevel)


class ContractViolation(Exception):
    """An answer that breaks the contract; `problem` is a fixed text naming the field."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def require_keys(
    value: object, where: str, *, required: frozenset[str], optional: frozenset[str] = frozenset()
) -> Mapping[str, object]:
    """`value` as an object with all of `required`, and nothing outside `optional`."""
    subject = where or "the answer"
    if not isinstance(value, dict):
        raise ContractViolation(f"{subject} must be an object")
    unknown = set(value) - required - optional
    if unknown:  # not named: a key the provider chose may itself be personal data
        raise ContractViolation(f"{subject} has a key the contract does not define")
    missing = sorted(required - set(value))
    if missing:
        raise ContractViolation(f"{_at(where, missing[0])} is required")
    return value


def parse_findings(
    value: object, *, origin: str, max_evidence_bytes: int
) -> tuple[ReportedFinding, ...]:
    """The answer's ``findings`` list; an empty list is a clean result."""
    if not isinstance(value, list):
        raise ContractViolation("findings must be a list")
    if len(value) > MAX_FINDINGS:
        raise ContractViolation(f"findings must hold at most {MAX_FINDINGS} findings")
    findings = tuple(
        _finding(entry, f"findings[{index}]", origin=origin, max_evidence_bytes=max_evidence_bytes)
        for index, entry in enumerate(value)
    )
    if len({finding.external_ref for finding in findings}) != len(findings):
        raise ContractViolation("findings must not repeat an external_ref")
    return findings


def _finding(value: object, where: str, *, origin: str, max_evidence_bytes: int) -> ReportedFinding:
    document = require_keys(value, where, required=_FINDING_KEYS, optional=frozenset({"evidence"}))
    evidence, media_type = _evidence(
        document.get("evidence"), f"{where}.evidence", max_evidence_bytes
    )
    return ReportedFinding(
        external_ref=_external_ref(document["external_ref"], f"{where}.external_ref"),
        category=_text(document["category"], f"{where}.category", MAX_CATEGORY),
        details=_details(document["details"], f"{where}.details"),
        source=_source(document["source"], f"{where}.source", origin),
        evidence=evidence,
        evidence_media_type=media_type,
    )


def _external_ref(value: object, where: str) -> str:
    """Identifies the finding for ever, so it must be exact: no padding, nothing unprintable
    (``"ref-1 "`` and ``"ref-1"`` would otherwise be recorded as two findings)."""
    text = _text(value, where, MAX_EXTERNAL_REF)
    if text != text.strip() or not text.isprintable():
        raise ContractViolation(f"{where} must have no surrounding space or control characters")
    return text


def _details(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ContractViolation(f"{where} must be an object")
    if not all(isinstance(entry, str) for entry in value.values()):
        raise ContractViolation(f"{where} must map every field to a string")
    if not all(name.strip() for name in value):
        raise ContractViolation(f"{where} must not have an empty field name")
    return dict(value)


def _source(value: object, where: str, origin: str) -> SourceIn:
    """The source as reported; its `origin` is the connector's, never the provider's claim,
    so one provider cannot pass for two independent sources (multi-source verification)."""
    document = require_keys(value, where, required=_SOURCE_KEYS, optional=frozenset({"statement"}))
    kind = document["kind"]
    if not isinstance(kind, str) or kind not in _SOURCE_KINDS:
        raise ContractViolation(f"{where}.kind must be one of: {', '.join(sorted(_SOURCE_KINDS))}")
    authority = document["authority"]
    if not isinstance(authority, str) or authority not in _AUTHORITIES:
        raise ContractViolation(
            f"{where}.authority must be one of: {', '.join(sorted(_AUTHORITIES))}"
        )
    statement = document.get("statement")
    return SourceIn(
        kind=kind,
        authority=AuthorityLevel(authority),
        origin=origin,
        reference=_text(document["reference"], f"{where}.reference", MAX_REFERENCE),
        retrieved_at=_moment(document["retrieved_at"], f"{where}.retrieved_at"),
        statement=None
        if statement is None
        else _text(statement, f"{where}.statement", MAX_STATEMENT),
    )


def _moment(value: object, where: str) -> datetime:
    """An ISO-8601 datetime with a UTC offset, stored in UTC; a time without a zone is
    ambiguous by up to a day, which moves a fact in or out of the look-back period."""
    problem = f"{where} must be an ISO-8601 datetime with a timezone"
    if not isinstance(value, str) or len(value) > 64:
        raise ContractViolation(problem)
    try:
        moment: datetime | None = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or moment.utcoffset() is None:
        raise ContractViolation(problem)
    return moment.astimezone(UTC)


def _evidence(value: object, where: str, limit: int) -> tuple[bytes | None, str]:
    if value is None:
        return None, ""
    document = require_keys(value, where, required=_EVIDENCE_KEYS)
    media_type = document["media_type"]
    if (
        not isinstance(media_type, str)
        or len(media_type) > MAX_MEDIA_TYPE
        or not _MEDIA_TYPE.fullmatch(media_type)
    ):
        raise ContractViolation(f"{where}.media_type must be a lower-case type/subtype")
    encoded = document["content_base64"]
    if not isinstance(encoded, str) or not encoded:
        raise ContractViolation(f"{where}.content_base64 must be a non-empty base64 string")
    if len(encoded) > 4 * ((limit + 2) // 3):  # checked before decoding anything
        raise ContractViolation(f"{where} must be at most {limit} bytes")
    try:
        content: bytes | None = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        content = None
    if not content:
        raise ContractViolation(f"{where}.content_base64 must be a non-empty base64 string")
    if len(content) > limit:
        raise ContractViolation(f"{where} must be at most {limit} bytes")
    return content, media_type


def _text(value: object, where: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ContractViolation(f"{where} must be a non-empty string")
    if len(value) > limit:
        raise ContractViolation(f"{where} must be at most {limit} characters")
    return value


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
