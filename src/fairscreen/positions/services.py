"""Writes for risk profiles, positions and the disclosure: one transaction and one event each.

Why the approval step: a profile decides what is checked about every candidate for a
job, so widening it to a sensitive item (criminal record, credit report, ID number — PIPL
Art. 28) is a processing with high risk, which needs a personal information protection
impact assessment first (Art. 55-56). The data protection officer records it when
approving. Narrowing a profile needs nobody's approval, and applies at once even to
screenings already ordered (see `fairscreen.domain.scope.check_may_run`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.domain import scope
from fairscreen.evidence.services import record_event
from fairscreen.positions.errors import at_the_edge
from fairscreen.positions.models import (
    OrganisationDisclosure,
    Position,
    ProfileVersion,
    RiskProfile,
    VersionStatus,
)
from fairscreen.positions.policy import PROFILE_APPROVERS, PROFILE_EDITORS
from fairscreen.screenings.policy import require

MINIMUM_ASSESSMENT_LENGTH = 40
"""An impact assessment is a written analysis (PIPL Art. 56), not a tick box."""

POSITION_TEXT_FIELDS = (
    "team",
    "reporting_line",
    "kpis",
    "working_hours",
    "overtime_practice",
    "promotion_mechanism",
)
ORGANISATION_TEXT_FIELDS = (
    "legal_name",
    "credit_code",
    "address",
    "licences",
    "size",
    "funding_stage",
    "business",
    "privacy_contact",
    "report_recipients",
)


class ProfileNameTaken(Conflict):
    code = "profile_name_taken"


class VersionPending(Conflict):
    code = "profile_version_pending"


class VersionNotPending(Conflict):
    code = "profile_version_not_pending"


@transaction.atomic
def create_profile(
    *, access: OrganisationAccess, name: str, spec: scope.ProfileSpec, template_key: str = ""
) -> ProfileVersion:
    """A new profile and its first version (approved at once unless it holds sensitive items)."""
    require(access, PROFILE_EDITORS)
    name = _required_text(name, field="name", limit=120)
    try:
        with transaction.atomic():
            profile = RiskProfile.objects.create(
                organisation=access.organisation, name=name, template_key=template_key
            )
    except IntegrityError:
        raise ProfileNameTaken("A profile with this name already exists.") from None
    return _propose(access=access, profile=profile, spec=spec, change_note="")


def create_profile_from_template(
    *, access: OrganisationAccess, template_key: str, name: str = ""
) -> ProfileVersion:
    """Start from a built-in template (its name in the organisation's language by default)."""
    try:
        template = scope.template(template_key)
    except scope.ScopeError as error:
        raise at_the_edge(error) from None
    return create_profile(
        access=access,
        name=name or template.name.zh,
        spec=template.spec,
        template_key=template.key,
    )


@transaction.atomic
def propose_profile_version(
    *, access: OrganisationAccess, profile_id: UUID, spec: scope.ProfileSpec, change_note: str = ""
) -> ProfileVersion:
    """A new version; one awaiting approval blocks the next, so approvals never cross."""
    require(access, PROFILE_EDITORS)
    profile = _profile(access, profile_id)
    if profile.versions.filter(status=VersionStatus.PENDING_APPROVAL).exists():
        raise VersionPending("A version of this profile is awaiting approval.")
    return _propose(access=access, profile=profile, spec=spec, change_note=change_note)


@transaction.atomic
def approve_profile_version(
    *, access: OrganisationAccess, version_id: UUID, impact_assessment: str
) -> ProfileVersion:
    """The data protection officer approves a sensitive widening, with the assessment."""
    require(access, PROFILE_APPROVERS)
    version = _pending_version(access, version_id)
    assessment = (impact_assessment or "").strip()
    if len(assessment) < MINIMUM_ASSESSMENT_LENGTH:
        raise InvalidInput(
            "Record the impact assessment before approving.",
            details={
                "impact_assessment": f"at least {MINIMUM_ASSESSMENT_LENGTH} characters "
                "(PIPL Art. 56: purpose, necessity, impact, safeguards)"
            },
        )
    version.status = VersionStatus.APPROVED
    version.impact_assessment = assessment
    _decide(access, version)
    record_event(
        event_type="profile.version_approved",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={
            "profile": str(version.profile_id),
            "version": version.number,
            "spec_hash": version.spec_hash,
            "sensitive_added": list(version.sensitive_added),
            "impact_assessment_sha256": hashlib.sha256(assessment.encode()).hexdigest(),
        },
    )
    return version


@transaction.atomic
def reject_profile_version(
    *, access: OrganisationAccess, version_id: UUID, note: str
) -> ProfileVersion:
    require(access, PROFILE_APPROVERS)
    version = _pending_version(access, version_id)
    version.status = VersionStatus.REJECTED
    version.decision_note = _required_text(note, field="note", limit=2000)
    _decide(access, version)
    record_event(
        event_type="profile.version_rejected",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={"profile": str(version.profile_id), "version": version.number},
    )
    return version


@transaction.atomic
def create_position(
    *,
    access: OrganisationAccess,
    title: str,
    profile_id: UUID,
    department: str = "",
    disclosure: Mapping[str, str] | None = None,
) -> Position:
    require(access, PROFILE_EDITORS)
    profile = _profile(access, profile_id)
    position = Position(
        organisation=access.organisation,
        title=_required_text(title, field="title", limit=120),
        department=_optional_text(department, field="department", limit=120),
        profile=profile,
    )
    _apply_texts(position, disclosure or {}, POSITION_TEXT_FIELDS)
    position.save()
    record_event(
        event_type="position.created",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={"position": str(position.id), "profile": str(profile.id)},
    )
    return position


@transaction.atomic
def update_position_disclosure(
    *, access: OrganisationAccess, position_id: UUID, disclosure: Mapping[str, str]
) -> Position:
    """What the candidate reads about the job (team, reporting line, KPIs, hours...)."""
    require(access, PROFILE_EDITORS)
    position = Position.objects.filter(organisation=access.organisation, id=position_id).first()
    if position is None:
        raise NotFound("Not found.")
    _apply_texts(position, disclosure, POSITION_TEXT_FIELDS)
    position.save()
    record_event(
        event_type="disclosure.position_updated",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={"position": str(position.id), "fields": sorted(disclosure)},
    )
    return position


@transaction.atomic
def update_organisation_disclosure(
    *,
    access: OrganisationAccess,
    texts: Mapping[str, str],
    retention_months: int | None = None,
) -> OrganisationDisclosure:
    """The employer's basics and the processor's identity, contact and retention period."""
    require(access, PROFILE_EDITORS)
    disclosure, _created = OrganisationDisclosure.objects.get_or_create(
        organisation=access.organisation
    )
    _apply_texts(disclosure, texts, ORGANISATION_TEXT_FIELDS)
    if retention_months is not None:
        if not 1 <= retention_months <= 120:
            raise InvalidInput(
                "The retention period is out of range.",
                details={"retention_months": "from 1 to 120 months"},
            )
        disclosure.retention_months = retention_months
    disclosure.updated_at = timezone.now()
    disclosure.updated_by = access.principal.reference
    disclosure.save()
    record_event(
        event_type="disclosure.organisation_updated",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={"fields": sorted([*texts, *(["retention_months"] if retention_months else [])])},
    )
    return disclosure


def _propose(
    *, access: OrganisationAccess, profile: RiskProfile, spec: scope.ProfileSpec, change_note: str
) -> ProfileVersion:
    try:
        spec = scope.validate_profile(spec)
    except scope.ScopeError as error:
        raise at_the_edge(error) from None
    current = current_version(profile)
    added = scope.added_sensitive_items(spec, current.profile_spec() if current else None)
    latest = profile.versions.order_by("-number").first()
    version = ProfileVersion.objects.create(
        profile=profile,
        number=(latest.number + 1) if latest else 1,
        spec=spec.to_json(),
        spec_hash=spec.canonical_hash(),
        catalogue_version=scope.CATALOGUE.version,
        status=VersionStatus.PENDING_APPROVAL if added else VersionStatus.APPROVED,
        sensitive_added=list(added),
        change_note=_optional_text(change_note, field="change_note", limit=2000),
        proposed_by=access.principal.reference,
        decided_by="" if added else access.principal.reference,
        decided_at=None if added else timezone.now(),
    )
    record_event(
        event_type="profile.version_proposed",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={
            "profile": str(profile.id),
            "version": version.number,
            "spec_hash": version.spec_hash,
            "items": list(spec.codes()),
            "status": version.status,
            "sensitive_added": list(added),
        },
    )
    return version


def current_version(profile: RiskProfile) -> ProfileVersion | None:
    """The highest-numbered approved version: the scope that applies now."""
    return profile.versions.filter(status=VersionStatus.APPROVED).order_by("-number").first()


def _profile(access: OrganisationAccess, profile_id: UUID) -> RiskProfile:
    profile = RiskProfile.objects.filter(organisation=access.organisation, id=profile_id).first()
    if profile is None:
        raise NotFound("Not found.")
    return profile


def _pending_version(access: OrganisationAccess, version_id: UUID) -> ProfileVersion:
    version = (
        ProfileVersion.objects.select_for_update()
        .filter(profile__organisation=access.organisation, id=version_id)
        .first()
    )
    if version is None:
        raise NotFound("Not found.")
    if version.status != VersionStatus.PENDING_APPROVAL:
        raise VersionNotPending("This version is not awaiting approval.")
    return version


def _decide(access: OrganisationAccess, version: ProfileVersion) -> None:
    version.decided_by = access.principal.reference
    version.decided_at = timezone.now()
    version.save()


def _apply_texts(target: Any, texts: Mapping[str, str], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(texts) - set(allowed))
    if unknown:
        raise InvalidInput(
            "Unknown disclosure field.",
            details=dict.fromkeys(unknown, "not a disclosure field"),
        )
    for field, value in texts.items():
        limit = target._meta.get_field(field).max_length or 4000
        setattr(target, field, _optional_text(value, field=field, limit=limit))


def _required_text(value: str, *, field: str, limit: int) -> str:
    text = _optional_text(value, field=field, limit=limit)
    if not text:
        raise InvalidInput("A required field is empty.", details={field: "required"})
    return text


def _optional_text(value: str, *, field: str, limit: int) -> str:
    if not isinstance(value, str):
        raise InvalidInput("A field has the wrong type.", details={field: "text expected"})
    text = value.strip()
    if len(text) > limit:
        raise InvalidInput("A field is too long.", details={field: f"at most {limit} characters"})
    return text
