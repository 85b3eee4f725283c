"""One-time codes: the second factor each time a personal link is opened.

The link proves the candidate's mailbox once; the code, sent to the e-mail and the mobile
phone the employer holds, proves it is them now. Guessing is bounded: 5 wrong attempts end
a code, a new code can be asked for after a minute and at most 5 times an hour, and 20
wrong attempts in all end the link itself. Checking a code returns an outcome rather than
raising, so a wrong attempt is counted and recorded in the same transaction that refuses it.
"""

from __future__ import annotations

import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from fairscreen.core.errors import Conflict
from fairscreen.evidence.services import record_event
from fairscreen.notifications.messages import Bilingual, ChannelName, Language, Message, Recipient
from fairscreen.notifications.services import notify
from fairscreen.portal.models import AccessCode, PortalAccess
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.subjects import Destroyed

__all__ = [
    "CODE_LIFETIME",
    "MAX_CODE_ATTEMPTS",
    "AccessLinkRefused",
    "CodeCheck",
    "CodeOutcome",
    "CodeRequestedTooSoon",
    "SentCode",
    "normalise_code",
    "send_access_code",
    "verify_access_code",
]

CODE_LIFETIME = timedelta(minutes=10)
MAX_CODE_ATTEMPTS = 5
CODE_RESEND_AFTER = timedelta(minutes=1)
MAX_CODES_PER_HOUR = 5
MAX_FAILED_ATTEMPTS_PER_LINK = 20
"""With 10**6 codes, at most 20 guesses per link keep the chance of a lucky guess 1 in 50,000."""
CODE = re.compile(r"[0-9]{6}")
_HMAC_SALT = "fairscreen.portal.access_code"


class AccessLinkRefused(Conflict):
    """The link is unknown, expired or revoked, or nothing can be sent to the candidate."""

    code = "access_link_refused"


class CodeRequestedTooSoon(Conflict):
    code = "code_requested_too_soon"


class CodeOutcome(StrEnum):
    OPENED = "opened"
    WRONG = "wrong"
    EXPIRED = "expired"
    LOCKED = "locked"
    NO_CODE = "no_code"
    LINK_REFUSED = "link_refused"


@dataclass(frozen=True)
class CodeCheck:
    """What entering a code led to; `screening_id` only when the portal may open."""

    outcome: CodeOutcome
    screening_id: UUID | None = None
    attempts_left: int = 0


@dataclass(frozen=True)
class SentCode:
    code_id: UUID
    expires_at: datetime
    channels: tuple[str, ...]


def normalise_code(text: str) -> str:
    """Full-width digits (from a Chinese input method) and spaces are forgiven."""
    return re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", text or ""))


def code_hash(code_id: UUID, code: str) -> str:
    """Keyed with the instance's secret and bound to the row: a copied database alone
    cannot be searched through the million possible codes."""
    return salted_hmac(_HMAC_SALT, f"{code_id}:{code}", algorithm="sha256").hexdigest()


@transaction.atomic
def send_access_code(
    *, access_id: UUID, language: Language = Language.ZH_HANS, now: datetime | None = None
) -> SentCode:
    """Replace any earlier code with a new one and send it by e-mail and SMS."""
    now = now or timezone.now()
    access = _locked_access(access_id)
    if access is None or not access.is_live(now):
        raise AccessLinkRefused("This link cannot be used.")
    _refuse_if_too_soon(access, now)
    access.codes.filter(used_at__isnull=True, replaced_at__isnull=True).update(replaced_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    row = AccessCode(access=access, sent_at=now, expires_at=now + CODE_LIFETIME)
    row.code_hash = code_hash(row.id, code)
    row.save()
    channels = _send(access, row, code, language)
    record_event(
        event_type="portal.code_sent",
        actor=_candidate(access),
        subject=access.screening.encryption_subject().subject,
        organisation=str(access.organisation_id),
        payload={
            "access": str(access.id),
            "code": str(row.id),
            "channels": list(channels),
            "expires_at": row.expires_at.isoformat(),
        },
    )
    return SentCode(code_id=row.id, expires_at=row.expires_at, channels=channels)


@transaction.atomic
def verify_access_code(*, access_id: UUID, code: str, now: datetime | None = None) -> CodeCheck:
    """Open the portal for the right code, once; count and record every failure."""
    now = now or timezone.now()
    access = _locked_access(access_id)
    if access is None:
        return CodeCheck(CodeOutcome.LINK_REFUSED)
    if not access.is_live(now):
        return _failed(access, None, CodeOutcome.LINK_REFUSED)
    latest = access.codes.select_for_update().filter(replaced_at__isnull=True).first()
    refusal = _refusal(latest, now)
    if refusal is not None or latest is None:
        return _failed(access, latest, refusal or CodeOutcome.NO_CODE)
    entered = normalise_code(code)
    right = code_hash(latest.id, entered)
    if not (CODE.fullmatch(entered) and hmac.compare_digest(latest.code_hash, right)):
        return _wrong(access, latest, now)
    latest.used_at = now
    latest.save(update_fields=["used_at"])
    access.last_opened_at = now
    access.save(update_fields=["last_opened_at"])
    record_event(
        event_type="portal.session_opened",
        actor=_candidate(access),
        subject=access.screening.encryption_subject().subject,
        organisation=str(access.organisation_id),
        payload={
            "screening": str(access.screening_id),
            "access": str(access.id),
            "code": str(latest.id),
        },
    )
    return CodeCheck(CodeOutcome.OPENED, screening_id=access.screening_id)


def _refusal(latest: AccessCode | None, now: datetime) -> CodeOutcome | None:
    """Why the current code cannot be tried at all, or None if it can."""
    if latest is None or latest.used_at is not None:
        return CodeOutcome.NO_CODE
    if latest.failed_attempts >= MAX_CODE_ATTEMPTS:
        return CodeOutcome.LOCKED
    if now >= latest.expires_at:
        return CodeOutcome.EXPIRED
    return None


def _wrong(access: PortalAccess, latest: AccessCode, now: datetime) -> CodeCheck:
    latest.failed_attempts += 1
    latest.save(update_fields=["failed_attempts"])
    left = MAX_CODE_ATTEMPTS - latest.failed_attempts
    total = access.codes.aggregate(total=Sum("failed_attempts"))["total"] or 0
    if total >= MAX_FAILED_ATTEMPTS_PER_LINK:
        access.revoked_at = now
        access.revoked_reason = "too_many_attempts"
        access.save(update_fields=["revoked_at", "revoked_reason"])
    outcome = CodeOutcome.WRONG if left > 0 else CodeOutcome.LOCKED
    return _failed(access, latest, outcome, attempts_left=left)


def _failed(
    access: PortalAccess,
    latest: AccessCode | None,
    outcome: CodeOutcome,
    *,
    attempts_left: int = 0,
) -> CodeCheck:
    record_event(
        event_type="portal.code_failed",
        actor=_candidate(access),
        subject=access.screening.encryption_subject().subject,
        organisation=str(access.organisation_id),
        payload={
            "access": str(access.id),
            "code": str(latest.id) if latest else None,
            "reason": str(outcome),
            "failed_attempts": latest.failed_attempts if latest else 0,
            "link_revoked": access.revoked_reason == "too_many_attempts",
        },
    )
    return CodeCheck(outcome, attempts_left=max(attempts_left, 0))


def _refuse_if_too_soon(access: PortalAccess, now: datetime) -> None:
    recent = list(access.codes.filter(sent_at__gt=now - timedelta(hours=1)).order_by("sent_at"))
    wait = timedelta(0)
    if recent and now - recent[-1].sent_at < CODE_RESEND_AFTER:
        wait = recent[-1].sent_at + CODE_RESEND_AFTER - now
    elif len(recent) >= MAX_CODES_PER_HOUR:
        wait = recent[0].sent_at + timedelta(hours=1) - now
    if wait > timedelta(0):
        raise CodeRequestedTooSoon(
            "A code was sent moments ago.",
            details={"retry_after_seconds": int(wait.total_seconds()) + 1},
        )


def _send(access: PortalAccess, row: AccessCode, code: str, language: Language) -> tuple[str, ...]:
    candidate = access.screening.candidate
    with data_key_scope():
        email, phone = candidate.email.reveal(), candidate.phone.reveal()
    if isinstance(email, Destroyed) or isinstance(phone, Destroyed):
        raise AccessLinkRefused("Nothing can be sent to this candidate any more.")
    channels = [ChannelName.EMAIL] if email else []
    if phone:
        channels.append(ChannelName.SMS)
    if not channels:
        raise AccessLinkRefused("Nothing can be sent to this candidate.")
    notify(
        recipient=Recipient.candidate(
            subject=f"candidate:{candidate.id}",
            organisation_id=access.organisation_id,
            email=email,
            phone=phone,
            language=language,
        ),
        message=Message(
            kind="portal.access_code",
            subject=Bilingual.translated(_("Your one-time code for the candidate portal")),
            body=Bilingual.translated(
                _(
                    "Your code is %(code)s. It is valid for 10 minutes and works once. Nobody "
                    "from the employer will ever ask you for it; if you did not ask for it, "
                    "ignore this message."
                ),
                code=code,
            ),
            screening_id=access.screening_id,
        ),
        channels=channels,
        actor=_candidate(access),
        idempotency_key=f"portal.code:{row.id}",
    )
    return tuple(str(channel) for channel in channels)


def _locked_access(access_id: UUID) -> PortalAccess | None:
    return (
        PortalAccess.objects.select_for_update(of=("self",))
        .select_related("screening__candidate")
        .filter(id=access_id)
        .first()
    )


def _candidate(access: PortalAccess) -> str:
    return f"candidate:{access.screening.candidate_id}"
