"""Screenings API: order, invite, record a withdrawal, start a check — each behind its gate.

What can be ordered is exactly what the position's profile permits (422 with the scope
core's code: `item_not_in_profile`, `protected_ground`, `unknown_check_item`,
`empty_order`); what can run is decided again at `start` (409 `check_not_runnable` with
the `reason`), because the candidate may refuse or withdraw and the profile may narrow
after the order. The invitation's token is in exactly one response, the one that creates
it, and never stored: only its hash is (the link is a key to the candidate's consent).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from fairscreen.accounts.auth import access_of, staff
from fairscreen.core.errors import Conflict
from fairscreen.positions.api import TextOut
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings import selectors, services
from fairscreen.screenings.policy import (
    CHECK_RUNNERS,
    CONSENT_WITHDRAWERS,
    SCREENING_ORDERERS,
    SCREENING_READERS,
)
from fairscreen.screenings.selectors import ItemView, ScreeningView, ThirdPartyView

router = Router(tags=["screenings"])

ItemCode = Annotated[str, Field(min_length=1, max_length=60)]


class NoticeNotIssued(Conflict):
    code = "notice_not_issued"


class ThirdPartyBody(Schema):
    item: ItemCode = Field(..., description="employment_history or reference_interview")
    name: str = Field(..., max_length=400, description="encrypted at rest")
    contact: str = Field(..., max_length=400, description="encrypted at rest")


class ScreeningIn(Schema):
    candidate_id: UUID
    position_id: UUID
    items: list[ItemCode] = Field(..., max_length=50)
    third_parties: list[ThirdPartyBody] = Field([], max_length=20)


class ItemOut(Schema):
    code: str
    name: TextOut
    sensitive: bool
    third_party: bool
    necessity: TextOut
    state: str
    sensitive_consent: bool

    @staticmethod
    def of(view: ItemView) -> ItemOut:
        return ItemOut(
            code=view.code,
            name=TextOut.of(view.name),
            sensitive=view.sensitive,
            third_party=view.third_party,
            necessity=TextOut.of(view.necessity),
            state=view.state,
            sensitive_consent=view.sensitive_consent,
        )


class ItemStateOut(Schema):
    code: str
    state: str


class ThirdPartyOut(Schema):
    id: UUID
    item: str
    kind: str
    name: str | None = Field(..., description="null once the candidate's keys are destroyed")
    contact: str | None
    consent: str

    @staticmethod
    def of(view: ThirdPartyView) -> ThirdPartyOut:
        return ThirdPartyOut(
            id=view.id,
            item=view.item,
            kind=view.kind,
            name=_plain(view.name),
            contact=_plain(view.contact),
            consent=view.consent,
        )


class ScreeningSummaryOut(Schema):
    id: UUID
    candidate_id: UUID
    candidate_name: str | None
    position_id: UUID
    position_title: str
    status: str
    ordered_at: datetime
    items: list[ItemStateOut]

    @staticmethod
    def of(view: ScreeningView) -> ScreeningSummaryOut:
        return ScreeningSummaryOut(
            id=view.id,
            candidate_id=view.candidate_id,
            candidate_name=_plain(view.candidate_name),
            position_id=view.position_id,
            position_title=view.position_title,
            status=view.status,
            ordered_at=view.ordered_at,
            items=[ItemStateOut(code=item.code, state=item.state) for item in view.items],
        )


class ScreeningOut(Schema):
    id: UUID
    candidate_id: UUID
    candidate_name: str | None
    position_id: UUID
    position_title: str
    profile_name: str
    profile_version: int = Field(..., description="the version the screening was ordered under")
    status: str
    ordered_at: datetime
    consented_at: datetime | None
    withdrawn_at: datetime | None
    items: list[ItemOut]
    third_parties: list[ThirdPartyOut]
    notice_digest: str | None = Field(..., description="null until an invitation is issued")
    invitation_expires_at: datetime | None
    invitation_used_at: datetime | None

    @staticmethod
    def of(view: ScreeningView) -> ScreeningOut:
        return ScreeningOut(
            id=view.id,
            candidate_id=view.candidate_id,
            candidate_name=_plain(view.candidate_name),
            position_id=view.position_id,
            position_title=view.position_title,
            profile_name=view.profile_name,
            profile_version=view.profile_version,
            status=view.status,
            ordered_at=view.ordered_at,
            consented_at=view.consented_at,
            withdrawn_at=view.withdrawn_at,
            items=[ItemOut.of(item) for item in view.items],
            third_parties=[ThirdPartyOut.of(party) for party in view.third_parties],
            notice_digest=view.notice_digest or None,
            invitation_expires_at=view.invitation_expires_at,
            invitation_used_at=view.invitation_used_at,
        )


class NoticeOut(Schema):
    notice: dict[str, Any]
    notice_digest: str = Field(..., description="what the candidate's signature covers")


class InvitationOut(Schema):
    id: UUID
    url: str = Field(..., description="shown once: send it to the candidate now")
    expires_at: datetime


class StartedOut(Schema):
    code: str
    state: str
    started_at: datetime | None


def _plain(value: Revealed) -> str | None:
    return None if isinstance(value, Destroyed) else value


@router.get(
    "/orgs/{org_id}/screenings",
    response=list[ScreeningSummaryOut],
    auth=staff(*SCREENING_READERS),
    summary="Screenings, newest first, with each item's state",
)
def list_screenings(request: HttpRequest, org_id: UUID) -> list[ScreeningSummaryOut]:
    views = selectors.screenings_for(access=access_of(request))
    return [ScreeningSummaryOut.of(view) for view in views]


@router.post(
    "/orgs/{org_id}/screenings",
    response={201: ScreeningOut},
    auth=staff(*SCREENING_ORDERERS),
    summary="Order items of the position's profile (422 with the refusal's code otherwise)",
)
def order_screening(
    request: HttpRequest, org_id: UUID, payload: ScreeningIn
) -> Status[ScreeningOut]:
    access = access_of(request)
    screening = services.order_screening(
        access=access,
        candidate_id=payload.candidate_id,
        position_id=payload.position_id,
        items=payload.items,
        third_parties=[
            services.ThirdPartyIn(item=party.item, name=party.name, contact=party.contact)
            for party in payload.third_parties
        ],
    )
    view = selectors.screening(access=access, screening_id=screening.id)
    return Status(201, ScreeningOut.of(view))


@router.get(
    "/orgs/{org_id}/screenings/{screening_id}",
    response=ScreeningOut,
    auth=staff(*SCREENING_READERS),
    summary="A screening: items and their states, third parties, invitation, notice digest",
)
def get_screening(request: HttpRequest, org_id: UUID, screening_id: UUID) -> ScreeningOut:
    view = selectors.screening(access=access_of(request), screening_id=screening_id)
    return ScreeningOut.of(view)


@router.get(
    "/orgs/{org_id}/screenings/{screening_id}/notice",
    response=NoticeOut,
    auth=staff(*SCREENING_READERS),
    summary="The notice issued to the candidate (409 notice_not_issued before an invitation)",
)
def get_notice(request: HttpRequest, org_id: UUID, screening_id: UUID) -> NoticeOut:
    view = selectors.screening(access=access_of(request), screening_id=screening_id)
    if view.notice is None or not view.notice_digest:
        raise NoticeNotIssued("No notice was issued yet: send an invitation first.")
    return NoticeOut(notice=view.notice, notice_digest=view.notice_digest)


@router.post(
    "/orgs/{org_id}/screenings/{screening_id}/invitations",
    response={201: InvitationOut},
    auth=staff(*SCREENING_ORDERERS),
    summary="Fix the notice and issue a single-use link (shown once; older links stop working)",
)
def issue_invitation(
    request: HttpRequest, org_id: UUID, screening_id: UUID, response: HttpResponse
) -> Status[InvitationOut]:
    issued = services.issue_invitation(access=access_of(request), screening_id=screening_id)
    response["Cache-Control"] = "no-store"  # the link is a secret: no proxy or browser keeps it
    link = request.build_absolute_uri(reverse("portal:invitation", kwargs={"token": issued.token}))
    return Status(
        201,
        InvitationOut(id=issued.invitation.id, url=link, expires_at=issued.invitation.expires_at),
    )


@router.post(
    "/orgs/{org_id}/screenings/{screening_id}/withdrawal",
    response=ScreeningOut,
    auth=staff(*CONSENT_WITHDRAWERS),
    summary="Record a withdrawal the candidate made by phone or letter: pending checks stop",
)
def record_withdrawal(request: HttpRequest, org_id: UUID, screening_id: UUID) -> ScreeningOut:
    access = access_of(request)
    services.record_withdrawal_for_candidate(access=access, screening_id=screening_id)
    return ScreeningOut.of(selectors.screening(access=access, screening_id=screening_id))


@router.post(
    "/orgs/{org_id}/screenings/{screening_id}/items/{code}/start",
    response=StartedOut,
    auth=staff(*CHECK_RUNNERS),
    summary="Start one check (409 check_not_runnable with the reason when the gate refuses)",
)
def start_check(request: HttpRequest, org_id: UUID, screening_id: UUID, code: str) -> StartedOut:
    item = services.start_check(access=access_of(request), screening_id=screening_id, code=code)
    return StartedOut(code=item.code, state=item.state, started_at=item.started_at)
