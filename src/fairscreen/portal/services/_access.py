"""Personal links back into the portal (see `models._access` for the why and the design).

A link is issued when there is something to come back for — once the candidate has
decided on consent — and e-mailed to the candidate only: nobody else ever sees the token,
not even the recruiter who asks for it to be sent. A newer link replaces the older ones,
and every issue and revocation is an evidence event naming opaque ids only.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, NotFound
from fairscreen.evidence.services import record_event
from fairscreen.notifications.messages import Bilingual, ChannelName, Language, Message, Recipient
from fairscreen.notifications.services import CandidateDataDestroyed, notify
from fairscreen.portal.models import PortalAccess
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import ConsentRecord, Screening, ScreeningStatus
from fairscreen.screenings.policy import SCREENING_ORDERERS, require
from fairscreen.screenings.team_access import team_q

__all__ = [
    "LINK_LIFETIME",
    "AccessLinkRequestedTooSoon",
    "PortalNotOpen",
    "access_link_path",
    "issue_portal_access",
    "offer_portal_access",
    "open_access_link",
    "request_new_portal_link",
    "revoke_portal_access",
    "send_portal_link",
    "token_hash",
]

LINK_LIFETIME = timedelta(days=30)
"""Long enough for the checks, the report and a preliminary notice's response window; a
candidate who needs longer asks for a new link from inside the portal or the recruiter."""
LINK_RENEW_AFTER = timedelta(minutes=5)
"""A candidate asking again within minutes gets the link already sent, not a flood of mail."""


class PortalNotOpen(Conflict):
    """Before the candidate decided on consent, the invitation is the only way in."""

    code = "portal_not_open"


class AccessLinkRequestedTooSoon(Conflict):
    code = "access_link_requested_too_soon"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def access_link_path(token: str) -> str:
    return f"/c/access/{token}/"


@transaction.atomic
def issue_portal_access(screening: Screening, *, actor: str, now: datetime | None = None) -> str:
    """Make a new link (older ones stop working), e-mail it to the candidate, return it.

    The returned token exists nowhere else: it is in the e-mail (whose stored text is
    erased once sent) and, hashed, in the database.
    """
    now = now or timezone.now()
    if screening.status == ScreeningStatus.AWAITING_CONSENT:
        raise PortalNotOpen("The candidate has not decided on consent yet.")
    replaced = _revoke_live(screening, now=now, reason="replaced")
    token = secrets.token_urlsafe(32)
    access = PortalAccess.objects.create(
        organisation_id=screening.organisation_id,
        screening=screening,
        token_hash=token_hash(token),
        issued_by=actor,
        issued_at=now,
        expires_at=now + LINK_LIFETIME,
    )
    record_event(
        event_type="portal.access_link_issued",
        actor=actor,
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "screening": str(screening.id),
            "access": str(access.id),
            "expires_at": access.expires_at.isoformat(),
            "replaced": replaced,
        },
    )
    _email_link(screening, token=token, expires_at=access.expires_at, actor=actor, access=access)
    return token


@transaction.atomic
def offer_portal_access(*, screening_id: UUID, now: datetime | None = None) -> bool:
    """After consent: send a link unless a live one exists; True if one was sent now.

    Called when the candidate sees the confirmation of their consent, so they can come
    back later to see the checks, the report and any notice (PIPL Arts. 44-45).
    """
    now = now or timezone.now()
    screening = _locked_screening(screening_id)
    if screening is None or screening.status != ScreeningStatus.ACTIVE:
        return False
    live = PortalAccess.objects.filter(
        screening=screening, revoked_at__isnull=True, expires_at__gt=now
    )
    if live.exists():
        return False
    try:
        issue_portal_access(screening, actor=f"candidate:{screening.candidate_id}", now=now)
    except CandidateDataDestroyed:
        return False
    return True


@transaction.atomic
def request_new_portal_link(*, screening_id: UUID, now: datetime | None = None) -> None:
    """The candidate, inside the portal, asks for a fresh link (the old one expires soon)."""
    now = now or timezone.now()
    screening = _locked_screening(screening_id)
    if screening is None:
        raise NotFound("Not found.")
    latest = PortalAccess.objects.filter(screening=screening).first()
    if latest is not None and now - latest.issued_at < LINK_RENEW_AFTER:
        raise AccessLinkRequestedTooSoon("A link was sent a few minutes ago.")
    issue_portal_access(screening, actor=f"candidate:{screening.candidate_id}", now=now)


@transaction.atomic
def send_portal_link(
    *, access: OrganisationAccess, screening_id: UUID, now: datetime | None = None
) -> None:
    """A recruiter has the candidate sent a fresh link; the recruiter never sees it."""
    require(access, SCREENING_ORDERERS)
    screening = (
        Screening.objects.select_for_update()
        .filter(team_q(access), organisation=access.organisation, id=screening_id)
        .first()
    )
    if screening is None:  # another organisation's, or a position not on the reader's teams
        raise NotFound("Not found.")
    issue_portal_access(screening, actor=access.principal.reference, now=now)


@transaction.atomic
def revoke_portal_access(
    *, screening_id: UUID, actor: str, reason: str = "revoked", now: datetime | None = None
) -> int:
    """Stop every live link of the screening at once (a lost phone, a shared inbox)."""
    screening = _locked_screening(screening_id)
    if screening is None:
        raise NotFound("Not found.")
    return _revoke_live(screening, now=now or timezone.now(), reason=reason, actor=actor)


def open_access_link(*, token: str, now: datetime | None = None) -> UUID | None:
    """The id of the live link with this token, or None: unknown, expired and revoked
    links are told apart nowhere (no hint beyond "ask for a new one")."""
    now = now or timezone.now()
    if not token or len(token) > 100:
        return None
    access = PortalAccess.objects.filter(token_hash=token_hash(token)).first()
    if access is None or not access.is_live(now):
        return None
    return access.id


def _revoke_live(screening: Screening, *, now: datetime, reason: str, actor: str = "") -> int:
    live = list(
        PortalAccess.objects.select_for_update().filter(
            screening=screening, revoked_at__isnull=True, expires_at__gt=now
        )
    )
    for access in live:
        access.revoked_at = now
        access.revoked_reason = reason
        access.save(update_fields=["revoked_at", "revoked_reason"])
        if actor:  # a replacement is recorded by the issue event itself
            record_event(
                event_type="portal.access_link_revoked",
                actor=actor,
                subject=screening.encryption_subject().subject,
                organisation=str(screening.organisation_id),
                payload={
                    "screening": str(screening.id),
                    "access": str(access.id),
                    "reason": reason,
                },
            )
    return len(live)


def _locked_screening(
    screening_id: UUID, *, organisation_id: UUID | None = None
) -> Screening | None:
    rows = Screening.objects.select_for_update().filter(id=screening_id)
    if organisation_id is not None:
        rows = rows.filter(organisation_id=organisation_id)
    return rows.first()


def _email_link(
    screening: Screening, *, token: str, expires_at: datetime, actor: str, access: PortalAccess
) -> None:
    with data_key_scope():
        email = screening.candidate.email.reveal()
    if isinstance(email, Destroyed):
        raise CandidateDataDestroyed("This candidate's data was destroyed.")
    until = timezone.localtime(expires_at).date().isoformat()
    notify(
        recipient=Recipient.candidate(
            subject=f"candidate:{screening.candidate_id}",
            organisation_id=screening.organisation_id,
            email=email,
            language=candidate_language(screening),
        ),
        message=Message(
            kind="portal.access",
            subject=Bilingual.translated(_("Your personal link to the candidate portal")),
            body=Bilingual.translated(
                _(
                    "Use this link to come back to your candidate portal until %(until)s: see "
                    "where your background check stands, read your report and any notice, and "
                    "dispute a finding. Each time you open it, a one-time code is sent to your "
                    "e-mail and mobile phone. Do not forward this link."
                ),
                until=until,
            ),
            link_path=access_link_path(token),
            screening_id=screening.id,
        ),
        channels=[ChannelName.EMAIL],
        actor=actor,
        idempotency_key=f"portal.access:{access.id}",
    )


def candidate_language(screening: Screening) -> Language:
    """The language the candidate signed in; both languages if they never signed."""
    record = ConsentRecord.objects.filter(screening=screening).only("language").first()
    if record is None:
        return Language.BOTH
    return Language.EN if record.language.startswith("en") else Language.ZH_HANS
