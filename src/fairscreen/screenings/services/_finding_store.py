"""Storing a finding and its sources: the checks every path into the record shares.

Manual entry, the reference interview, bulk imports and connectors all end here, so one
set of rules holds for all of them: details fit the item's schema and category rules; a
source's kind is one the consent notice named for the item, with no more authority than
its kind can have; a former employer or referee is one the candidate consented to (PIPL
Art. 23); evidence is a bounded file of a known type, stored encrypted, identified by its
SHA-256 in reports.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from fairscreen.core.errors import InvalidInput
from fairscreen.domain import findings as domain
from fairscreen.domain.scope import Text
from fairscreen.evidence.services import record_event
from fairscreen.privacy.files import store_file
from fairscreen.screenings.connectors import ReportedFinding
from fairscreen.screenings.models import (
    Finding,
    FindingSource,
    Screening,
    ScreeningItem,
    ThirdPartyConsent,
)

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_MEDIA_TYPES = frozenset(
    {"application/pdf", "image/png", "image/jpeg", "text/plain", "application/json"}
)
MAX_REFERENCE_LENGTH = 500
MAX_STATEMENT_LENGTH = 4000
_THIRD_PARTY_KINDS = frozenset({"former_employer", "referee"})
_CLOCK_SKEW = timedelta(minutes=5)


UNKNOWN_FIELD = "(unknown field)"
"""Stands in for a field name that is not the item's, wherever a provider or a file chose it.

A key someone else wrote may itself be personal data (a provider that keys a detail by the
candidate's name or ID number), so it is never echoed into a run's stored error or an
import report: only the item's own schema fields and the fixed names below are.
"""

_FIXED_FIELDS = frozenset(
    {
        "item",
        "category",
        "evidence",
        "external_ref",
        "source.kind",
        "source.authority",
        "source.origin",
        "source.reference",
        "source.retrieved_at",
        "source.statement",
    }
)


def named_field(item: str, field: str) -> str:
    """`field` if it is one of the item's schema fields or a fixed name, else `UNKNOWN_FIELD`."""
    schema = domain.SCHEMAS.get(item)
    if field in _FIXED_FIELDS or (schema is not None and schema.field(field) is not None):
        return field
    return UNKNOWN_FIELD


class InvalidFindingInput(InvalidInput):
    """Details or a source that do not fit; `problems` hold the bilingual messages."""

    code = "invalid_finding"

    def __init__(self, problems: tuple[domain.FieldProblem, ...]) -> None:
        super().__init__(
            "Some details of the finding are invalid.",
            details={problem.field: problem.message.en for problem in problems},
        )
        self.problems = problems


@dataclass(frozen=True, slots=True)
class EvidenceIn:
    """An uploaded evidence file; stored encrypted, identified in reports by its SHA-256."""

    content: bytes
    media_type: str


def store_reported_finding(
    *, screening: Screening, item: ScreeningItem, reported: ReportedFinding, actor: str
) -> Finding:
    """Validate and store one finding with its source, inside the caller's transaction.

    Shared by manual entry, the reference interview, imports and connectors, so every path
    meets the same checks: the item's schema, the category rules, the source rules.
    """
    parsed = parsed_details(item.code, reported, screening=screening)
    finding = Finding(
        organisation_id=screening.organisation_id,
        screening=screening,
        candidate_id=screening.candidate_id,
        item=item,
        category=parsed.category,
        details=json.dumps(parsed.to_json(), ensure_ascii=False, sort_keys=True),
        external_ref=reported.external_ref,
        recorded_by=actor,
    )
    finding.save()
    stored = store_source(finding, reported, screening=screening, actor=actor)
    refresh_status(finding)
    record_event(
        event_type="finding.recorded",
        actor=actor,
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "screening": str(screening.id),
            "finding": str(finding.id),
            "item": item.code,
            "status": finding.status,
            "source": {"kind": stored.kind, "authority": stored.authority},
            "evidence": bool(stored.evidence_sha256),
        },
    )
    return finding


def parsed_details(
    item: str, reported: ReportedFinding, *, screening: Screening
) -> domain.FindingDetails:
    """The reported details parsed by the item's schema, or every problem at once."""
    problems: list[domain.FieldProblem] = []
    parsed = None
    try:
        parsed = domain.parse_details(
            item=item, category=reported.category, details=reported.details
        )
    except domain.InvalidFinding as invalid:
        problems.extend(invalid.problems)
    problem = source_problem(item, reported, screening=screening)
    if problem is not None:
        problems.append(problem)
    if problems or parsed is None:
        raise InvalidFindingInput(tuple(problems))
    return parsed


def source_problem(
    item: str, reported: ReportedFinding, *, screening: Screening
) -> domain.FieldProblem | None:
    """The first problem of the reported source, including the third-party consent."""
    problem = _source_shape_problem(item, reported)
    if problem is not None:
        return problem
    source = reported.source
    if source.kind in _THIRD_PARTY_KINDS and not _consented_third_party(
        screening, item, source.origin
    ):
        return domain.FieldProblem(
            "source.origin",
            Text(
                zh="必须是候选人已同意联系的前雇主或证明人（third_party:<编号>）",
                en="must be a former employer or referee the candidate consented to "
                "(third_party:<id>)",
            ),
        )
    return None


def _source_shape_problem(item: str, reported: ReportedFinding) -> domain.FieldProblem | None:
    source = reported.source
    found = domain.source_problem(item=item, kind=source.kind, authority=source.authority)
    if found is not None:
        return domain.FieldProblem(found[0], found[1])
    checks = (
        ("source.origin", 0 < len(source.origin.strip()) <= 120, "1-120 characters"),
        (
            "source.reference",
            0 < len(source.reference.strip()) <= MAX_REFERENCE_LENGTH,
            f"1-{MAX_REFERENCE_LENGTH} characters",
        ),
        (
            "source.statement",
            len(source.statement or "") <= MAX_STATEMENT_LENGTH,
            f"at most {MAX_STATEMENT_LENGTH} characters",
        ),
        ("source.retrieved_at", source.retrieved_at.tzinfo is not None, "needs a time zone"),
        ("source.retrieved_at", _not_in_the_future(source.retrieved_at), "cannot be in the future"),
    )
    for field, good, rule in checks:
        if not good:
            return domain.FieldProblem(field, Text(zh=f"要求：{rule}", en=rule))
    return _evidence_problem(reported)


def _not_in_the_future(moment: datetime) -> bool:
    return moment.tzinfo is None or moment <= timezone.now() + _CLOCK_SKEW


def _evidence_problem(reported: ReportedFinding) -> domain.FieldProblem | None:
    if reported.evidence is None:
        return None
    if len(reported.evidence) > MAX_EVIDENCE_BYTES:
        return domain.FieldProblem(
            "evidence", Text(zh="文件不能超过 10 MB", en="must be at most 10 MB")
        )
    if reported.evidence_media_type not in EVIDENCE_MEDIA_TYPES:
        allowed = ", ".join(sorted(EVIDENCE_MEDIA_TYPES))
        return domain.FieldProblem(
            "evidence", Text(zh=f"文件类型须为：{allowed}", en=f"must be one of: {allowed}")
        )
    return None


def _consented_third_party(screening: Screening, item: str, origin: str) -> bool:
    kind, _separator, party_id = origin.partition(":")
    if kind != "third_party" or not _is_uuid(party_id):
        return False
    return screening.third_parties.filter(
        id=party_id,
        item_code=item,
        consent=ThirdPartyConsent.GRANTED,
    ).exists()


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def store_source(
    finding: Finding, reported: ReportedFinding, *, screening: Screening, actor: str
) -> FindingSource:
    """Save one source row, its statement and its evidence file, all encrypted."""
    source = reported.source
    row = FindingSource(
        organisation_id=finding.organisation_id,
        finding=finding,
        candidate_id=finding.candidate_id,
        kind=source.kind,
        authority=source.authority,
        origin=source.origin.strip(),
        reference=source.reference.strip(),
        statement=(source.statement or "").strip(),
        retrieved_at=source.retrieved_at,
        recorded_by=actor,
    )
    if reported.evidence is not None:
        row.evidence_file = store_file(row, "evidence_file", reported.evidence)
        row.evidence_sha256 = hashlib.sha256(reported.evidence).hexdigest()
        row.evidence_media_type = reported.evidence_media_type
        row.evidence_size = len(reported.evidence)
    row.save()
    return row


def refresh_status(finding: Finding) -> None:
    """Recompute the stored status from the stored sources and lifecycle, and save."""
    sources = list(
        FindingSource.objects.filter(finding=finding, superseded_at=None).only(
            "authority", "origin"
        )
    )
    attested = [_Attested(domain.AuthorityLevel(row.authority), row.origin) for row in sources]
    finding.status = domain.finding_status(attested, domain.Lifecycle(finding.lifecycle))
    finding.save()


@dataclass(frozen=True, slots=True)
class _Attested:
    authority: domain.AuthorityLevel
    origin: str
