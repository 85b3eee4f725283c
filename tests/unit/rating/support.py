"""Builders for rating tests: findings with sensible defaults, and a second rulebook version.

Only one real rulebook version exists; the history and diff code is exercised with a
`2026.2` derived from the shipped `2026.1` text, written to a temporary directory, so the
fixture never drifts from the real file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fairscreen.domain import rating
from fairscreen.domain.findings import (
    LitigationOutcome,
    LitigationRole,
    Performance,
    VerificationStatus,
)

AS_OF = date(2026, 3, 2)
SHIPPED = rating.shipped_rulebook_directory() / "2026.1.toml"


def finding(
    finding_id: str = "f1",
    item: str = "dishonest_debtor",
    category: str = "dishonest_debtor.currently_listed",
    *,
    status: VerificationStatus = VerificationStatus.VERIFIED,
    consented: bool = True,
    occurred_on: date | None = date(2025, 6, 1),
    litigation: rating.LitigationFacts | None = None,
) -> rating.FindingToRate:
    return rating.FindingToRate(
        id=finding_id,
        item=item,
        category=category,
        status=status,
        consented=consented,
        occurred_on=occurred_on,
        litigation=litigation,
    )


def lawsuit(
    finding_id: str = "f-case",
    category: str = "civil_litigation.liable_party.fraud_or_breach_of_trust",
    *,
    role: LitigationRole = LitigationRole.DEFENDANT,
    outcome: LitigationOutcome = LitigationOutcome.AGAINST_CANDIDATE,
    performance: Performance = Performance.PERFORMED,
    occurred_on: date | None = date(2024, 9, 1),
    status: VerificationStatus = VerificationStatus.VERIFIED,
) -> rating.FindingToRate:
    return finding(
        finding_id,
        "civil_litigation",
        category,
        status=status,
        occurred_on=occurred_on,
        litigation=rating.LitigationFacts(role=role, outcome=outcome, performance=performance),
    )


SECOND_VERSION_EDITS = (
    ('version = "2026.1"', 'version = "2026.2"'),
    ("published = 2026-01-01", "published = 2026-07-01"),
    (
        'summary = { zh = "首个公开版本',
        'summary = { zh = "测试版本：信用呆账降为轻微。测试用',
    ),
    (
        'en = "First published version: ',
        'en = "Test version: bad debts become minor. For tests: ',
    ),
    (
        '[categories."credit.bad_debt_or_collection"]\nseverity = "moderate"',
        '[categories."credit.bad_debt_or_collection"]\nseverity = "minor"',
    ),
    (
        '[categories."driving.minor_violation"]\nseverity = "minor"\nlookback_months = 12',
        '[categories."driving.minor_violation"]\nseverity = "minor"\nlookback_months = 6',
    ),
    ("unperformed = 1", "unperformed = 2"),
    (
        'severity = "moderate"\nat_least = 3\nlight = "red"',
        'severity = "moderate"\nat_least = 2\nlight = "red"',
    ),
)


SECOND_PUBLISHED = date(2026, 7, 1)


def write_two_versions(directory: Path, *, published: date = SECOND_PUBLISHED) -> Path:
    """`directory` with the shipped 2026.1 and a test-only 2026.2 that changes a severity,
    a look-back, a performance step and a combination rule, published on `published` (a
    date after today makes it a version published in advance, not yet in force)."""
    directory.mkdir(parents=True, exist_ok=True)
    original = SHIPPED.read_text(encoding="utf-8")
    (directory / "2026.1.toml").write_text(original, encoding="utf-8")
    changed = original
    for before, after in SECOND_VERSION_EDITS:
        assert before in changed, before
        changed = changed.replace(before, after, 1)
    changed = changed.replace(
        f"published = {SECOND_PUBLISHED.isoformat()}", f"published = {published.isoformat()}", 1
    )
    (directory / "2026.2.toml").write_text(changed, encoding="utf-8")
    return directory
