"""Fictional messages and recipients shared by the notification tests (unit and integration)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fairscreen.notifications.messages import Bilingual, Language, Message, Recipient

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
MAIL_FROM = "明鉴背调（测试） <no-reply@screening.example.com>"
SUBJECT = Bilingual(
    zh_hans="测试：背景调查结果将在3个工作日内告知",
    en="Test: you will hear the outcome within 3 working days",
)
BODY = Bilingual(
    zh_hans="测试候选人您好：我们已收到全部核查结果，将在3个工作日内告知您结论及理由。",
    en="Dear test candidate: all checks are back; we will tell you the outcome and the "
    "reasons within 3 working days.",
)
LINK = "/c/screening/test-0000/status"
FRAGMENTS_OF_CONTENT = ("背景调查结果", "3个工作日内告知您", "hear the outcome", "all checks", LINK)
"""Pieces of the text that must never appear in logs, evidence or raw columns."""


def message(**overrides: Any) -> Message:
    values: dict[str, Any] = {
        "kind": "feedback.outcome_pending",
        "subject": SUBJECT,
        "body": BODY,
        "link_path": LINK,
    }
    values.update(overrides)
    return Message(**values)


def recipient_for(
    candidate: Any,
    *,
    language: Language = Language.ZH_HANS,
    with_phone: bool = True,
    organisation_id: UUID | None = None,
) -> Recipient:
    """The candidate as a caller builds them: addresses decrypted through its own read."""
    return Recipient.candidate(
        subject=f"candidate:{candidate.id}",
        organisation_id=organisation_id or candidate.organisation_id,
        email=candidate.email.reveal(),
        phone=candidate.phone.reveal() if with_phone else "",
        language=language,
    )
