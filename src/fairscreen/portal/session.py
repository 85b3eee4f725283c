"""The candidate's portal session: which one screening it opens, and what was already shown.

The candidate is not a user and has no password: the single-use invitation link opens a
session bound to exactly one screening (its id, never a personal value, is what the
session stores). The session also remembers that the disclosure and the notice were
shown, so the consent form cannot be reached without them (PIPL Art. 17: informed
consent; the company disclosure comes before the request to consent).

Later visits come through the personal access link and a one-time code (`services.
_access_codes`); between opening the link and entering the code, the session holds only
the link's id (`pending_access`), which opens nothing. A portal session ends after 30
minutes without a request and 12 hours after it was opened, whatever happens: the pages
show a report and notices about the candidate, on phones that get lent and lost.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone

SCREENING_KEY = "portal.screening"
DISCLOSURE_SEEN_KEY = "portal.disclosure_seen"
NOTICE_SEEN_KEY = "portal.notice_seen"
OPENED_AT_KEY = "portal.opened_at"
LAST_SEEN_KEY = "portal.last_seen_at"
PENDING_ACCESS_KEY = "portal.pending_access"
IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
_PORTAL_KEYS = (
    SCREENING_KEY,
    DISCLOSURE_SEEN_KEY,
    NOTICE_SEEN_KEY,
    OPENED_AT_KEY,
    LAST_SEEN_KEY,
    PENDING_ACCESS_KEY,
)


def open_portal_session(
    request: HttpRequest, *, screening_id: UUID, now: datetime | None = None
) -> None:
    """Start a fresh session for this screening (a new key, so no fixation is possible)."""
    request.session.cycle_key()
    for key in _PORTAL_KEYS:
        request.session.pop(key, None)
    stamp = _stamp(now or timezone.now())
    request.session[SCREENING_KEY] = str(screening_id)
    request.session[OPENED_AT_KEY] = stamp
    request.session[LAST_SEEN_KEY] = stamp


def portal_screening_id(request: HttpRequest, *, now: datetime | None = None) -> UUID | None:
    """The screening this session was opened for, or None without a live portal session.

    A session idle for 30 minutes, or opened more than 12 hours ago, is ended here; every
    request that finds it live counts as activity.
    """
    value = request.session.get(SCREENING_KEY)
    if not isinstance(value, str):
        return None
    try:
        screening_id = UUID(value)
    except ValueError:
        return None
    current = now or timezone.now()
    opened = _time(request.session.get(OPENED_AT_KEY))
    seen = _time(request.session.get(LAST_SEEN_KEY))
    if (
        opened is None
        or seen is None
        or current - opened >= ABSOLUTE_TIMEOUT
        or current - seen >= IDLE_TIMEOUT
    ):
        end_portal_session(request)
        return None
    request.session[LAST_SEEN_KEY] = _stamp(current)
    return screening_id


def portal_opened_at(request: HttpRequest) -> datetime | None:
    """When the live portal session was opened (None without one)."""
    return _time(request.session.get(OPENED_AT_KEY))


def end_portal_session(request: HttpRequest) -> None:
    """Forget the screening and everything shown; a new key, so the old cookie opens nothing."""
    if not any(key in request.session for key in _PORTAL_KEYS):
        return
    for key in _PORTAL_KEYS:
        request.session.pop(key, None)
    request.session.cycle_key()


def remember_pending_access(request: HttpRequest, *, access_id: UUID) -> None:
    """The link was opened in this browser: the code may now be asked for and entered here."""
    request.session[PENDING_ACCESS_KEY] = str(access_id)


def pending_access(request: HttpRequest) -> UUID | None:
    value = request.session.get(PENDING_ACCESS_KEY)
    if not isinstance(value, str):
        return None
    try:
        return UUID(value)
    except ValueError:
        return None


def forget_pending_access(request: HttpRequest) -> None:
    request.session.pop(PENDING_ACCESS_KEY, None)


def mark_disclosure_seen(request: HttpRequest, *, screening_id: UUID) -> None:
    request.session[DISCLOSURE_SEEN_KEY] = str(screening_id)


def disclosure_seen(request: HttpRequest, *, screening_id: UUID) -> bool:
    return request.session.get(DISCLOSURE_SEEN_KEY) == str(screening_id)


def mark_notice_seen(request: HttpRequest, *, notice_digest: str) -> None:
    """Remember the digest of the notice shown: consent is asked only for that version."""
    request.session[NOTICE_SEEN_KEY] = notice_digest


def notice_seen(request: HttpRequest, *, notice_digest: str) -> bool:
    return bool(notice_digest) and request.session.get(NOTICE_SEEN_KEY) == notice_digest


def _stamp(moment: datetime) -> int:
    """Whole seconds since the epoch: what the JSON session serializer can store."""
    return int(moment.timestamp())


def _time(value: object) -> datetime | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return datetime.fromtimestamp(value, tz=UTC)
