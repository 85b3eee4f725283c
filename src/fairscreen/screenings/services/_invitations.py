"""Issuing the invitation: the notice is fixed, then a single-use link is made.

The notice (PIPL Art. 17: processor and contact, purpose, each item and why, recipients,
retention, rights; Art. 30 for sensitive items) is built from the pinned profile version
and the organisation's disclosure, refused if any required part is empty, and stored with
its digest: the candidate's signature later covers exactly that digest. The link's token
is shown once and stored only as a SHA-256 hash.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, NotFound
from fairscreen.domain import scope
from fairscreen.evidence.services import record_event
from fairscreen.positions.errors import at_the_edge
from fairscreen.positions.models import OrganisationDisclosure, Position
from fairscreen.positions.services import ORGANISATION_TEXT_FIELDS, POSITION_TEXT_FIELDS
from fairscreen.screenings.models import Invitation, Screening, ScreeningStatus, ThirdParty
from fairscreen.screenings.policy import SCREENING_ORDERERS, require
from fairscreen.screenings.team_access import team_q

INVITATION_LIFETIME = timedelta(days=7)
HIRING_TEAM = scope.Text(
    zh="本公司该岗位的招聘团队（招聘专员、用人经理、审批人）",
    en="Our hiring team for this position (recruiter, hiring manager, approver)",
)


class ScreeningNotAwaitingConsent(Conflict):
    code = "screening_not_awaiting_consent"


@dataclass(frozen=True)
class IssuedInvitation:
    """The stored invitation and its token, which exists nowhere else: send it, then drop it."""

    invitation: Invitation
    token: str = ""

    def __repr__(self) -> str:
        return f"IssuedInvitation({self.invitation.id})"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def canonical_digest(document: Any) -> str:
    """``sha256:<hex>`` of canonical JSON: the same rule as `scope.Notice.digest`."""
    data = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(data.encode()).hexdigest()


@transaction.atomic
def issue_invitation(
    *, access: OrganisationAccess, screening_id: UUID, now: datetime | None = None
) -> IssuedInvitation:
    """Fix the notice and the disclosure, revoke older links, make a new one."""
    require(access, SCREENING_ORDERERS)
    now = now or timezone.now()
    screening = (
        Screening.objects.select_for_update()
        .filter(team_q(access), organisation=access.organisation, id=screening_id)
        .first()
    )
    if screening is None:
        raise NotFound("Not found.")
    if screening.status != ScreeningStatus.AWAITING_CONSENT:
        raise ScreeningNotAwaitingConsent("This screening is no longer awaiting consent.")
    notice = _notice(screening)
    screening.notice = json.loads(notice.canonical_json())
    screening.notice_digest = notice.digest()
    if canonical_digest(screening.notice) != screening.notice_digest:
        raise AssertionError("the stored notice must hash to the notice's own digest")
    screening.disclosure = disclosure_snapshot(screening.position)
    screening.disclosure_digest = canonical_digest(screening.disclosure)
    screening.save()
    screening.invitations.filter(used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        screening=screening,
        token_hash=token_hash(token),
        created_by=access.principal.reference,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    record_event(
        event_type="consent.invitation_issued",
        actor=access.principal.reference,
        subject=screening.encryption_subject().subject,
        organisation=str(access.organisation.id),
        payload={
            "screening": str(screening.id),
            "invitation": str(invitation.id),
            "notice_digest": screening.notice_digest,
            "disclosure_digest": screening.disclosure_digest,
            "expires_at": invitation.expires_at.isoformat(),
        },
    )
    return IssuedInvitation(invitation=invitation, token=token)


def disclosure_snapshot(position: Position) -> dict[str, Any]:
    """What the candidate reads about the employer and the job (企业信息告知书)."""
    organisation = OrganisationDisclosure.objects.filter(
        organisation_id=position.organisation_id
    ).first()
    company = {
        field: getattr(organisation, field, "") if organisation else ""
        for field in ORGANISATION_TEXT_FIELDS
    }
    company["retention_months"] = organisation.retention_months if organisation else 0
    job = {field: getattr(position, field) for field in POSITION_TEXT_FIELDS}
    job["title"] = position.title
    job["department"] = position.department
    return {"company": company, "position": job}


def _notice(screening: Screening) -> scope.Notice:
    disclosure = OrganisationDisclosure.objects.filter(
        organisation_id=screening.organisation_id
    ).first()
    lines = (disclosure.report_recipients if disclosure else "").splitlines()
    recipients = [HIRING_TEAM] + [
        scope.Text(zh=line.strip(), en=line.strip()) for line in lines if line.strip()
    ]
    third_parties = [
        scope.NoticeThirdParty(
            key=str(party.id),
            kind=party.kind,
            label=_third_party_label(party),
            item=party.item_code,
        )
        for party in ThirdParty.objects.filter(screening=screening).order_by("position_in_list")
    ]
    notice = scope.build_notice(
        spec=screening.profile_version.profile_spec(),
        ordered=ordered_codes(screening),
        controller_name=disclosure.legal_name if disclosure else "",
        controller_contact=disclosure.privacy_contact if disclosure else "",
        position_title=screening.position.title,
        recipients=recipients,
        retention_months=disclosure.retention_months if disclosure else 0,
        third_parties=third_parties,
    )
    try:
        return scope.require_issuable(notice)
    except scope.ScopeError as error:
        raise at_the_edge(error) from None


def ordered_codes(screening: Screening) -> list[str]:
    """The screening's items in catalogue order (the order the notice lists them)."""
    catalogue_order = scope.CATALOGUE.codes()
    return sorted((item.code for item in screening.items.all()), key=catalogue_order.index)


def _third_party_label(party: ThirdParty) -> scope.Text:
    """A label without personal data; the name itself is shown from the encrypted field."""
    if party.kind == "former_employer":
        return scope.Text(
            zh=f"前雇主 {party.position_in_list}", en=f"Former employer {party.position_in_list}"
        )
    return scope.Text(zh=f"证明人 {party.position_in_list}", en=f"Referee {party.position_in_list}")
