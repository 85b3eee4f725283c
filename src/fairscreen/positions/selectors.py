"""Reads for positions, risk profiles and the employer's disclosure.

None of this is personal data, but it is the organisation's own configuration: only its
members with a reading role see it (PROFILE_READERS), and a row of another organisation
is simply "not found". The views are plain frozen data for the edges (UI, API, CLI).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import NotFound
from fairscreen.domain import scope
from fairscreen.positions.models import (
    OrganisationDisclosure,
    Position,
    ProfileVersion,
    RiskProfile,
    VersionStatus,
)
from fairscreen.positions.policy import PROFILE_READERS
from fairscreen.positions.services import ORGANISATION_TEXT_FIELDS, POSITION_TEXT_FIELDS
from fairscreen.screenings.policy import require


@dataclass(frozen=True)
class ProfileVersionView:
    id: UUID
    profile_id: UUID
    number: int
    spec: scope.ProfileSpec
    spec_hash: str
    catalogue_version: str
    status: str
    sensitive_added: tuple[str, ...]
    change_note: str
    proposed_by: str
    proposed_at: datetime
    impact_assessment: str
    decided_by: str
    decided_at: datetime | None
    decision_note: str


@dataclass(frozen=True)
class ProfileView:
    """A profile with its current (highest approved) version and any version awaiting the DPO."""

    id: UUID
    name: str
    template_key: str
    created_at: datetime
    current: ProfileVersionView | None
    pending: ProfileVersionView | None
    versions: tuple[ProfileVersionView, ...]  # newest first


@dataclass(frozen=True)
class PositionView:
    id: UUID
    title: str
    department: str
    profile_id: UUID
    profile_name: str
    disclosure: dict[str, str]  # POSITION_TEXT_FIELDS -> text
    current: ProfileVersionView | None


@dataclass(frozen=True)
class DisclosureView:
    texts: dict[str, str]  # ORGANISATION_TEXT_FIELDS -> text
    retention_months: int
    updated_at: datetime | None
    updated_by: str

    def missing(self) -> tuple[str, ...]:
        """Fields a consent notice needs (PIPL Art. 17) that are still blank."""
        needed = ("legal_name", "privacy_contact")
        gaps = [field for field in needed if not self.texts.get(field, "").strip()]
        return (*gaps, *(("retention_months",) if self.retention_months < 1 else ()))


def profiles_for(*, access: OrganisationAccess) -> list[ProfileView]:
    """The organisation's risk profiles, by name."""
    require(access, PROFILE_READERS)
    rows = RiskProfile.objects.filter(organisation=access.organisation).prefetch_related("versions")
    return [_profile_view(row) for row in rows]


def profile(*, access: OrganisationAccess, profile_id: UUID) -> ProfileView:
    require(access, PROFILE_READERS)
    row = (
        RiskProfile.objects.filter(organisation=access.organisation, id=profile_id)
        .prefetch_related("versions")
        .first()
    )
    if row is None:
        raise NotFound("Not found.")
    return _profile_view(row)


def profile_version(*, access: OrganisationAccess, version_id: UUID) -> ProfileVersionView:
    require(access, PROFILE_READERS)
    row = ProfileVersion.objects.filter(
        profile__organisation=access.organisation, id=version_id
    ).first()
    if row is None:
        raise NotFound("Not found.")
    return _version_view(row)


def positions_for(*, access: OrganisationAccess) -> list[PositionView]:
    """The organisation's positions, by title, each with its profile's current version."""
    require(access, PROFILE_READERS)
    rows = Position.objects.filter(organisation=access.organisation).select_related("profile")
    profiles = {
        row.id: _profile_view(row)
        for row in RiskProfile.objects.filter(organisation=access.organisation).prefetch_related(
            "versions"
        )
    }
    return [_position_view(row, profiles[row.profile_id]) for row in rows]


def position(*, access: OrganisationAccess, position_id: UUID) -> PositionView:
    require(access, PROFILE_READERS)
    row = (
        Position.objects.filter(organisation=access.organisation, id=position_id)
        .select_related("profile")
        .first()
    )
    if row is None:
        raise NotFound("Not found.")
    return _position_view(row, _profile_view(row.profile))


def organisation_disclosure(*, access: OrganisationAccess) -> DisclosureView:
    """The employer's disclosure; blank fields when none was written yet."""
    require(access, PROFILE_READERS)
    row = OrganisationDisclosure.objects.filter(organisation=access.organisation).first()
    return DisclosureView(
        texts={field: getattr(row, field, "") if row else "" for field in ORGANISATION_TEXT_FIELDS},
        retention_months=row.retention_months if row else 0,
        updated_at=row.updated_at if row else None,
        updated_by=row.updated_by if row else "",
    )


def _profile_view(row: RiskProfile) -> ProfileView:
    versions = tuple(
        _version_view(version)
        for version in sorted(row.versions.all(), key=lambda found: -found.number)
    )
    approved = [version for version in versions if version.status == VersionStatus.APPROVED]
    pending = [version for version in versions if version.status == VersionStatus.PENDING_APPROVAL]
    return ProfileView(
        id=row.id,
        name=row.name,
        template_key=row.template_key,
        created_at=row.created_at,
        current=approved[0] if approved else None,
        pending=pending[0] if pending else None,
        versions=versions,
    )


def _version_view(row: ProfileVersion) -> ProfileVersionView:
    return ProfileVersionView(
        id=row.id,
        profile_id=row.profile_id,
        number=row.number,
        spec=row.profile_spec(),
        spec_hash=row.spec_hash,
        catalogue_version=row.catalogue_version,
        status=row.status,
        sensitive_added=tuple(row.sensitive_added),
        change_note=row.change_note,
        proposed_by=row.proposed_by,
        proposed_at=row.proposed_at,
        impact_assessment=row.impact_assessment,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        decision_note=row.decision_note,
    )


def _position_view(row: Position, profile_view: ProfileView) -> PositionView:
    return PositionView(
        id=row.id,
        title=row.title,
        department=row.department,
        profile_id=row.profile_id,
        profile_name=profile_view.name,
        disclosure={field: getattr(row, field) for field in POSITION_TEXT_FIELDS},
        current=profile_view.current,
    )
