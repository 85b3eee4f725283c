"""The candidate's portal session: which one screening it opens, and what was already shown.

The candidate is not a user and has no password: the single-use invitation link opens a
session bound to exactly one screening (its id, never a personal value, is what the
session stores). The session also remembers that the disclosure and the notice were
shown, so the consent form cannot be reached without them (PIPL Art. 17: informed
consent; the company disclosure comes before the request to consent).
"""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest

SCREENING_KEY = "portal.screening"
DISCLOSURE_SEEN_KEY = "portal.disclosure_seen"
NOTICE_SEEN_KEY = "portal.notice_seen"


def open_portal_session(request: HttpRequest, *, screening_id: UUID) -> None:
    """Start a fresh session for this screening (a new key, so no fixation is possible)."""
    request.session.cycle_key()
    for key in (DISCLOSURE_SEEN_KEY, NOTICE_SEEN_KEY):
        request.session.pop(key, None)
    request.session[SCREENING_KEY] = str(screening_id)


def portal_screening_id(request: HttpRequest) -> UUID | None:
    """The screening this session was opened for, or None without a valid portal session."""
    value = request.session.get(SCREENING_KEY)
    if not isinstance(value, str):
        return None
    try:
        return UUID(value)
    except ValueError:
        return None


def mark_disclosure_seen(request: HttpRequest, *, screening_id: UUID) -> None:
    request.session[DISCLOSURE_SEEN_KEY] = str(screening_id)


def disclosure_seen(request: HttpRequest, *, screening_id: UUID) -> bool:
    return request.session.get(DISCLOSURE_SEEN_KEY) == str(screening_id)


def mark_notice_seen(request: HttpRequest, *, notice_digest: str) -> None:
    """Remember the digest of the notice shown: consent is asked only for that version."""
    request.session[NOTICE_SEEN_KEY] = notice_digest


def notice_seen(request: HttpRequest, *, notice_digest: str) -> bool:
    return bool(notice_digest) and request.session.get(NOTICE_SEEN_KEY) == notice_digest
