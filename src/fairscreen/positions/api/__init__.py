"""Positions API: the check catalogue, risk profiles and their approval, positions, disclosure.

The catalogue and the built-in templates are the same for every organisation, so they
live outside `/orgs/{org_id}`; everything else is the organisation's own configuration.
A submitted profile is parsed and validated by the scope core, and refused as a whole
(422 `invalid_profile`, every problem listed) rather than stored half-right: what the
data protection officer approves must be exactly what was written (PIPL Art. 55-56).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from fairscreen.accounts.auth import access_of, staff
from fairscreen.core.errors import InvalidInput
from fairscreen.domain import scope
from fairscreen.positions import selectors, services
from fairscreen.positions.api._schemas import (
    ApprovalIn,
    CatalogueItemOut,
    CatalogueOut,
    OrganisationDisclosureIn,
    OrganisationDisclosureOut,
    PermittedItemOut,
    PositionDisclosure,
    PositionIn,
    PositionOut,
    ProfileDetailOut,
    ProfileIn,
    ProfileOut,
    ProfileVersionOut,
    RejectionIn,
    TemplateOut,
    TextOut,
    VersionIn,
)
from fairscreen.positions.errors import at_the_edge
from fairscreen.positions.policy import PROFILE_APPROVERS, PROFILE_EDITORS, PROFILE_READERS

__all__ = ["TextOut", "router"]

router = Router(tags=["positions"])


@router.get("/catalogue", response=CatalogueOut, auth=staff(), summary="The check catalogue")
def get_catalogue(request: HttpRequest) -> CatalogueOut:
    return CatalogueOut(
        version=scope.CATALOGUE.version,
        items=[CatalogueItemOut.of(item) for item in scope.CATALOGUE.items],
    )


@router.get(
    "/profile-templates",
    response=list[TemplateOut],
    auth=staff(),
    summary="The built-in risk-profile templates",
)
def list_templates(request: HttpRequest) -> list[TemplateOut]:
    return [
        TemplateOut(
            key=template.key,
            name=TextOut.of(template.name),
            tier=str(template.spec.tier),
            duties=TextOut.of(template.spec.duties),
            items=[PermittedItemOut.of(item) for item in template.spec.items],
            spec=template.spec.to_json(),
        )
        for template in scope.TEMPLATES
    ]


@router.get(
    "/orgs/{org_id}/profiles",
    response=list[ProfileOut],
    auth=staff(*PROFILE_READERS),
    summary="Risk profiles, each with its current and any pending version",
)
def list_profiles(request: HttpRequest, org_id: UUID) -> list[ProfileOut]:
    return [ProfileOut.of(view) for view in selectors.profiles_for(access=access_of(request))]


@router.post(
    "/orgs/{org_id}/profiles",
    response={201: ProfileDetailOut},
    auth=staff(*PROFILE_EDITORS),
    summary="Create a profile from a template or a spec (422 invalid_profile lists problems)",
)
def create_profile(
    request: HttpRequest, org_id: UUID, payload: ProfileIn
) -> Status[ProfileDetailOut]:
    access = access_of(request)
    if (payload.template is None) == (payload.spec is None):
        raise InvalidInput(
            "Give either a template or a spec.", details={"template": "either this or spec"}
        )
    if payload.template is not None:
        version = services.create_profile_from_template(
            access=access, template_key=payload.template, name=payload.name or ""
        )
    else:
        version = services.create_profile(
            access=access, name=payload.name or "", spec=_spec_of(payload.spec or {})
        )
    view = selectors.profile(access=access, profile_id=version.profile_id)
    return Status(201, ProfileDetailOut.of(view))


@router.get(
    "/orgs/{org_id}/profiles/{profile_id}",
    response=ProfileDetailOut,
    auth=staff(*PROFILE_READERS),
    summary="A risk profile with all its versions",
)
def get_profile(request: HttpRequest, org_id: UUID, profile_id: UUID) -> ProfileDetailOut:
    return ProfileDetailOut.of(selectors.profile(access=access_of(request), profile_id=profile_id))


@router.post(
    "/orgs/{org_id}/profiles/{profile_id}/versions",
    response={201: ProfileVersionOut},
    auth=staff(*PROFILE_EDITORS),
    summary="Propose a new version (approved at once unless it adds a sensitive item)",
)
def propose_version(
    request: HttpRequest, org_id: UUID, profile_id: UUID, payload: VersionIn
) -> Status[ProfileVersionOut]:
    access = access_of(request)
    version = services.propose_profile_version(
        access=access,
        profile_id=profile_id,
        spec=_spec_of(payload.spec),
        change_note=payload.change_note,
    )
    view = selectors.profile_version(access=access, version_id=version.id)
    return Status(201, ProfileVersionOut.of(view))


@router.post(
    "/orgs/{org_id}/profile-versions/{version_id}/approve",
    response=ProfileVersionOut,
    auth=staff(*PROFILE_APPROVERS),
    summary="The DPO approves a pending version, recording the impact assessment",
)
def approve_version(
    request: HttpRequest, org_id: UUID, version_id: UUID, payload: ApprovalIn
) -> ProfileVersionOut:
    access = access_of(request)
    services.approve_profile_version(
        access=access, version_id=version_id, impact_assessment=payload.impact_assessment
    )
    return ProfileVersionOut.of(selectors.profile_version(access=access, version_id=version_id))


@router.post(
    "/orgs/{org_id}/profile-versions/{version_id}/reject",
    response=ProfileVersionOut,
    auth=staff(*PROFILE_APPROVERS),
    summary="The DPO rejects a pending version, with a note",
)
def reject_version(
    request: HttpRequest, org_id: UUID, version_id: UUID, payload: RejectionIn
) -> ProfileVersionOut:
    access = access_of(request)
    services.reject_profile_version(access=access, version_id=version_id, note=payload.note)
    return ProfileVersionOut.of(selectors.profile_version(access=access, version_id=version_id))


@router.get(
    "/orgs/{org_id}/positions",
    response=list[PositionOut],
    auth=staff(*PROFILE_READERS),
    summary="Positions, each with the items its profile permits now",
)
def list_positions(request: HttpRequest, org_id: UUID) -> list[PositionOut]:
    return [PositionOut.of(view) for view in selectors.positions_for(access=access_of(request))]


@router.post(
    "/orgs/{org_id}/positions",
    response={201: PositionOut},
    auth=staff(*PROFILE_EDITORS),
    summary="Create a position under a risk profile",
)
def create_position(request: HttpRequest, org_id: UUID, payload: PositionIn) -> Status[PositionOut]:
    access = access_of(request)
    position = services.create_position(
        access=access,
        title=payload.title,
        profile_id=payload.profile_id,
        department=payload.department,
        disclosure=payload.disclosure.given() if payload.disclosure else {},
    )
    return Status(201, PositionOut.of(selectors.position(access=access, position_id=position.id)))


@router.get(
    "/orgs/{org_id}/positions/{position_id}",
    response=PositionOut,
    auth=staff(*PROFILE_READERS),
    summary="A position",
)
def get_position(request: HttpRequest, org_id: UUID, position_id: UUID) -> PositionOut:
    return PositionOut.of(selectors.position(access=access_of(request), position_id=position_id))


@router.patch(
    "/orgs/{org_id}/positions/{position_id}/disclosure",
    response=PositionOut,
    auth=staff(*PROFILE_EDITORS),
    summary="Change what the candidate reads about the job (only the fields sent)",
)
def patch_position_disclosure(
    request: HttpRequest, org_id: UUID, position_id: UUID, payload: PositionDisclosure
) -> PositionOut:
    access = access_of(request)
    services.update_position_disclosure(
        access=access, position_id=position_id, disclosure=payload.given()
    )
    return PositionOut.of(selectors.position(access=access, position_id=position_id))


@router.get(
    "/orgs/{org_id}/disclosure",
    response=OrganisationDisclosureOut,
    auth=staff(*PROFILE_READERS),
    summary="The employer's disclosure and the retention period",
)
def get_disclosure(request: HttpRequest, org_id: UUID) -> OrganisationDisclosureOut:
    return OrganisationDisclosureOut.of(
        selectors.organisation_disclosure(access=access_of(request))
    )


@router.put(
    "/orgs/{org_id}/disclosure",
    response=OrganisationDisclosureOut,
    auth=staff(*PROFILE_EDITORS),
    summary="Replace the employer's disclosure and the retention period",
)
def put_disclosure(
    request: HttpRequest, org_id: UUID, payload: OrganisationDisclosureIn
) -> OrganisationDisclosureOut:
    access = access_of(request)
    texts = payload.model_dump(exclude={"retention_months"})
    services.update_organisation_disclosure(
        access=access, texts=texts, retention_months=payload.retention_months
    )
    return OrganisationDisclosureOut.of(selectors.organisation_disclosure(access=access))


def _spec_of(document: dict[str, Any]) -> scope.ProfileSpec:
    """Parse a submitted profile; its content is validated by the service."""
    try:
        return scope.ProfileSpec.from_json(document)
    except scope.ScopeError as error:
        raise at_the_edge(error) from None
