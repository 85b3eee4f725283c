"""The candidate's side of consent: open the link, choose per item, sign, withdraw.

PIPL Art. 14: consent is specific, informed and given freely — so the candidate chooses
item by item, and a refused item is never asked for again in that screening (there is
no second consent round). Art. 29 and 23: each sensitive item and each third party who
would receive the data gets its own explicit consent. Art. 15: withdrawal is as easy as
consent (one click), and stops every pending check at once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, FairscreenError, InvalidInput, NotFound
from fairscreen.domain import scope
from fairscreen.evidence.services import record_event
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.models import (
    ConsentRecord,
    Invitation,
    ItemState,
    Screening,
    ScreeningItem,
    ScreeningStatus,
    ThirdParty,
    ThirdPartyConsent,
)
from fairscreen.screenings.policy import CONSENT_WITHDRAWERS, require
from fairscreen.screenings.services._invitations import token_hash
from fairscreen.screenings.team_access import team_q

PENDING_STATES = (ItemState.AWAITING_CONSENT, ItemState.CONSENTED, ItemState.RUNNING)
"""What withdrawal stops: everything that has not finished."""


class InvitationRefused(FairscreenError):
    """A link that is unknown, revoked, used or expired: a clear page, never the notice."""

    status: ClassVar[int] = 410
    code: ClassVar[str] = "invitation_invalid"


class ConsentClosed(Conflict):
    code = "consent_closed"


class NoticeChanged(Conflict):
    code = "notice_changed"


@dataclass(frozen=True)
class ConsentChoices:
    """What the candidate ticked: each item granted or refused, and the separate consents."""

    granted: frozenset[str] = frozenset()
    refused: frozenset[str] = frozenset()
    sensitive_confirmed: frozenset[str] = frozenset()
    third_parties_granted: frozenset[UUID] = field(default_factory=frozenset)
    third_parties_refused: frozenset[UUID] = field(default_factory=frozenset)


@transaction.atomic
def open_invitation(*, token: str, now: datetime | None = None) -> Screening:
    """Use the link once: it opens the candidate's session, and cannot be used again."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("screening")
        .filter(token_hash=token_hash(token or ""))
        .first()
    )
    if invitation is None or invitation.revoked_at is not None:
        raise InvitationRefused("This link is not valid. Ask the recruiter for a new one.")
    if invitation.used_at is not None:
        raise InvitationRefused("This link was already used. Ask the recruiter for a new one.")
    if invitation.expires_at <= now:
        raise InvitationRefused("This link has expired. Ask the recruiter for a new one.")
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    screening = invitation.screening
    record_event(
        event_type="consent.invitation_opened",
        actor=_candidate_reference(screening),
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={"screening": str(screening.id), "invitation": str(invitation.id)},
    )
    return screening


@transaction.atomic
def record_consent(
    *,
    screening_id: UUID,
    choices: ConsentChoices,
    signed_name: str,
    notice_digest: str,
    language: str,
    now: datetime | None = None,
) -> ConsentRecord:
    """Sign the notice that was shown (its digest), item by item; nothing half-recorded."""
    now = now or timezone.now()
    screening = _locked(screening_id)
    if screening.status != ScreeningStatus.AWAITING_CONSENT:
        raise ConsentClosed("Consent for this screening was already given, declined or withdrawn.")
    if not screening.notice_digest or notice_digest != screening.notice_digest:
        raise NoticeChanged("The notice has changed since it was shown. Please read it again.")
    items = list(screening.items.all())
    parties = list(ThirdParty.objects.filter(screening=screening))
    _check_choices(items, parties, choices)
    _check_signature(screening, signed_name)
    for item in items:
        granted = item.code in choices.granted
        item.state = ItemState.CONSENTED if granted else ItemState.REFUSED
        item.sensitive_consent = granted and item.code in choices.sensitive_confirmed
        item.decided_at = now
        item.save(update_fields=["state", "sensitive_consent", "decided_at"])
    for party in parties:
        granted = party.item_code in choices.granted and party.id in choices.third_parties_granted
        party.consent = ThirdPartyConsent.GRANTED if granted else ThirdPartyConsent.REFUSED
        party.decided_at = now
        party.save(update_fields=["consent", "decided_at"])
    screening.status = ScreeningStatus.ACTIVE if choices.granted else ScreeningStatus.DECLINED
    screening.consented_at = now
    screening.save(update_fields=["status", "consented_at"])
    record = ConsentRecord(
        organisation_id=screening.organisation_id,
        screening=screening,
        candidate_id=screening.candidate_id,
        signed_name=signed_name.strip(),
        signed_at=now,
        notice_digest=screening.notice_digest,
        disclosure_digest=screening.disclosure_digest,
        choices=_choices_document(items, parties),
        language=language[:10],
    )
    record.save()
    record_event(
        event_type="consent.granted" if choices.granted else "consent.declined",
        actor=_candidate_reference(screening),
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "screening": str(screening.id),
            "consent": str(record.id),
            **record.choices,
            "notice_digest": record.notice_digest,
            "disclosure_digest": record.disclosure_digest,
        },
    )
    return record


@transaction.atomic
def withdraw_consent(*, screening_id: UUID, actor: str, now: datetime | None = None) -> Screening:
    """One step, at any time: every pending check stops now, and no link works any more."""
    now = now or timezone.now()
    screening = _locked(screening_id)
    if screening.status in (ScreeningStatus.WITHDRAWN, ScreeningStatus.DECLINED):
        raise ConsentClosed("There is no consent left to withdraw for this screening.")
    stopped = [
        item.code for item in screening.items.select_for_update().filter(state__in=PENDING_STATES)
    ]
    screening.items.filter(state__in=PENDING_STATES).update(state=ItemState.STOPPED, stopped_at=now)
    screening.invitations.filter(used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    screening.status = ScreeningStatus.WITHDRAWN
    screening.withdrawn_at = now
    screening.save(update_fields=["status", "withdrawn_at"])
    record_event(
        event_type="consent.withdrawn",
        actor=actor,
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={"screening": str(screening.id), "stopped": sorted(stopped)},
    )
    return screening


@transaction.atomic
def record_withdrawal_for_candidate(
    *, access: OrganisationAccess, screening_id: UUID, now: datetime | None = None
) -> Screening:
    """Staff record a withdrawal the candidate made by phone, letter or e-mail (PIPL Art. 15).

    The candidate need not use the portal: a withdrawal made any other way is just as valid
    and must take effect at once. The staff member is the recorded actor.
    """
    require(access, CONSENT_WITHDRAWERS)
    mine = Screening.objects.filter(
        team_q(access), organisation=access.organisation, id=screening_id
    )
    if not mine.exists():
        raise NotFound("Not found.")
    return withdraw_consent(screening_id=screening_id, actor=access.principal.reference, now=now)


def _locked(screening_id: UUID) -> Screening:
    screening = Screening.objects.select_for_update().filter(id=screening_id).first()
    if screening is None:
        raise NotFound("Not found.")
    return screening


def _check_choices(
    items: Collection[ScreeningItem], parties: Collection[ThirdParty], choices: ConsentChoices
) -> None:
    """Every item answered exactly once; sensitive items and third parties explicitly."""
    codes = {item.code for item in items}
    problems: dict[str, str] = {}
    for code in sorted((choices.granted | choices.refused) - codes):
        problems[f"items.{code}"] = "not an item of this screening"
    for code in sorted(codes):
        granted, refused = code in choices.granted, code in choices.refused
        if granted == refused:
            problems[f"items.{code}"] = "choose to allow or refuse this check"
        elif (
            granted
            and scope.CATALOGUE.item(code).sensitive
            and code not in choices.sensitive_confirmed
        ):
            problems[f"sensitive.{code}"] = "a sensitive item needs its own separate consent"
    known = {party.id for party in parties}
    for party in parties:
        if party.item_code not in choices.granted:
            continue
        granted = party.id in choices.third_parties_granted
        if granted == (party.id in choices.third_parties_refused):
            problems[f"third_parties.{party.id}"] = "choose whether this party may be contacted"
    if (choices.third_parties_granted | choices.third_parties_refused) - known:
        problems["third_parties"] = "not a third party of this screening"
    if problems:
        raise InvalidInput("Some choices are missing or invalid.", details=problems)


def _check_signature(screening: Screening, signed_name: str) -> None:
    """The typed name must be the candidate's own name: a signature, not any text."""
    typed = _normalised(signed_name)
    if not typed:
        raise InvalidInput("Type your full name to sign.", details={"signed_name": "required"})
    registered = screening.candidate.full_name.reveal()
    if isinstance(registered, Destroyed) or typed != _normalised(registered):
        raise InvalidInput(
            "The typed name does not match the name you registered with.",
            details={"signed_name": "type your full name exactly as on your ID card"},
        )


def _normalised(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name or "").split()).casefold()


def _choices_document(
    items: Collection[ScreeningItem], parties: Collection[ThirdParty]
) -> dict[str, list[str]]:
    """What was decided, by opaque code and id only (it is also the evidence payload)."""
    return {
        "granted": sorted(item.code for item in items if item.state == ItemState.CONSENTED),
        "refused": sorted(item.code for item in items if item.state == ItemState.REFUSED),
        "sensitive_consented": sorted(item.code for item in items if item.sensitive_consent),
        "third_parties_granted": sorted(
            str(party.id) for party in parties if party.consent == ThirdPartyConsent.GRANTED
        ),
        "third_parties_refused": sorted(
            str(party.id) for party in parties if party.consent == ThirdPartyConsent.REFUSED
        ),
    }


def _candidate_reference(screening: Screening) -> str:
    return f"candidate:{screening.candidate_id}"
