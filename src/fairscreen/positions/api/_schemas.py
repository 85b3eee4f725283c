"""Request and response schemas of the positions API (see the package docstring).

The output schemas are built from the selectors' frozen views (`of`), never from models,
so a response cannot reach more data than the selector chose to read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict

from fairscreen.domain import scope
from fairscreen.positions import services
from fairscreen.positions.selectors import (
    DisclosureView,
    PositionView,
    ProfileVersionView,
    ProfileView,
)

TEXT_LIMIT = 4000
"""Upper bound for any submitted text; the services apply each field's own, smaller limit."""


class TextOut(Schema):
    zh: str
    en: str

    @staticmethod
    def of(text: scope.Text) -> TextOut:
        return TextOut(zh=text.zh, en=text.en)


class CatalogueItemOut(Schema):
    code: str
    name: TextOut
    description: TextOut
    data_categories: list[TextOut]
    sensitive: bool = Field(..., description="sensitive personal information (PIPL Art. 28)")
    third_party: bool = Field(..., description="verified by giving data to a third party")
    preconditions: list[str] = Field(..., description="what the position must declare first")
    default_lookback_months: int | None
    source_kinds: list[str]

    @staticmethod
    def of(item: scope.CheckItem) -> CatalogueItemOut:
        return CatalogueItemOut(
            code=item.code,
            name=TextOut.of(item.name),
            description=TextOut.of(item.description),
            data_categories=[TextOut.of(category) for category in item.data_categories],
            sensitive=item.sensitive,
            third_party=item.third_party,
            preconditions=[str(precondition) for precondition in item.preconditions],
            default_lookback_months=item.default_lookback_months,
            source_kinds=[str(kind) for kind in item.source_kinds],
        )


class CatalogueOut(Schema):
    version: str
    items: list[CatalogueItemOut]


class PermittedItemOut(Schema):
    code: str
    necessity: TextOut
    lookback_months: int | None = Field(..., description="null: the catalogue's default")

    @staticmethod
    def of(item: scope.PermittedItem) -> PermittedItemOut:
        return PermittedItemOut(
            code=item.code,
            necessity=TextOut.of(item.necessity),
            lookback_months=item.lookback_months,
        )


class TemplateOut(Schema):
    key: str
    name: TextOut
    tier: str
    duties: TextOut
    items: list[PermittedItemOut]
    spec: dict[str, Any] = Field(..., description="the whole profile, to adapt and submit")


class ProfileVersionOut(Schema):
    id: UUID
    profile_id: UUID
    number: int
    status: str
    spec: dict[str, Any]
    spec_hash: str
    catalogue_version: str
    sensitive_added: list[str] = Field(..., description="what needs the DPO's approval")
    change_note: str
    proposed_by: str
    proposed_at: datetime
    impact_assessment: str
    decided_by: str
    decided_at: datetime | None
    decision_note: str

    @staticmethod
    def of(view: ProfileVersionView) -> ProfileVersionOut:
        return ProfileVersionOut(
            id=view.id,
            profile_id=view.profile_id,
            number=view.number,
            status=view.status,
            spec=view.spec.to_json(),
            spec_hash=view.spec_hash,
            catalogue_version=view.catalogue_version,
            sensitive_added=list(view.sensitive_added),
            change_note=view.change_note,
            proposed_by=view.proposed_by,
            proposed_at=view.proposed_at,
            impact_assessment=view.impact_assessment,
            decided_by=view.decided_by,
            decided_at=view.decided_at,
            decision_note=view.decision_note,
        )


class ProfileOut(Schema):
    id: UUID
    name: str
    template_key: str
    created_at: datetime
    current: ProfileVersionOut | None = Field(..., description="the approved scope in force")
    pending: ProfileVersionOut | None = Field(..., description="awaiting the DPO")

    @staticmethod
    def of(view: ProfileView) -> ProfileOut:
        return ProfileOut(**_profile_fields(view))


class ProfileDetailOut(ProfileOut):
    versions: list[ProfileVersionOut] = Field(..., description="newest first")

    @staticmethod
    def of(view: ProfileView) -> ProfileDetailOut:
        versions = [ProfileVersionOut.of(version) for version in view.versions]
        return ProfileDetailOut(**_profile_fields(view), versions=versions)


def _profile_fields(view: ProfileView) -> dict[str, Any]:
    return {
        "id": view.id,
        "name": view.name,
        "template_key": view.template_key,
        "created_at": view.created_at,
        "current": ProfileVersionOut.of(view.current) if view.current else None,
        "pending": ProfileVersionOut.of(view.pending) if view.pending else None,
    }


class ProfileIn(Schema):
    """Either a built-in `template` (and optionally a `name`), or a `name` and a `spec`."""

    template: str | None = Field(None, min_length=1, max_length=60)
    name: str | None = Field(None, min_length=1, max_length=120)
    spec: dict[str, Any] | None = None


class VersionIn(Schema):
    spec: dict[str, Any]
    change_note: str = Field("", max_length=2000)


class ApprovalIn(Schema):
    impact_assessment: str = Field(..., max_length=20000)


class RejectionIn(Schema):
    note: str = Field(..., max_length=2000)


class PositionDisclosure(Schema):
    """What the candidate reads about the job; in a PATCH, only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    team: str | None = Field(None, max_length=TEXT_LIMIT)
    reporting_line: str | None = Field(None, max_length=TEXT_LIMIT)
    kpis: str | None = Field(None, max_length=TEXT_LIMIT)
    working_hours: str | None = Field(None, max_length=TEXT_LIMIT)
    overtime_practice: str | None = Field(None, max_length=TEXT_LIMIT)
    promotion_mechanism: str | None = Field(None, max_length=TEXT_LIMIT)

    def given(self) -> dict[str, str]:
        return {key: value for key, value in self.model_dump().items() if value is not None}


class PositionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(..., min_length=1, max_length=120)
    profile_id: UUID
    department: str = Field("", max_length=120)
    disclosure: PositionDisclosure | None = None


class PositionOut(Schema):
    id: UUID
    title: str
    department: str
    profile_id: UUID
    profile_name: str
    profile_version: int | None = Field(..., description="null: no approved version yet")
    items: list[PermittedItemOut] = Field(..., description="what may be ordered now")
    disclosure: dict[str, str]

    @staticmethod
    def of(view: PositionView) -> PositionOut:
        current = view.current
        return PositionOut(
            id=view.id,
            title=view.title,
            department=view.department,
            profile_id=view.profile_id,
            profile_name=view.profile_name,
            profile_version=current.number if current else None,
            items=[PermittedItemOut.of(item) for item in current.spec.items] if current else [],
            disclosure=view.disclosure,
        )


class OrganisationDisclosureIn(Schema):
    """The whole disclosure: PUT replaces it, so every field is sent (blank if unknown)."""

    model_config = ConfigDict(extra="forbid")

    legal_name: str = Field(..., max_length=TEXT_LIMIT)
    credit_code: str = Field(..., max_length=TEXT_LIMIT)
    address: str = Field(..., max_length=TEXT_LIMIT)
    licences: str = Field(..., max_length=TEXT_LIMIT)
    size: str = Field(..., max_length=TEXT_LIMIT)
    funding_stage: str = Field(..., max_length=TEXT_LIMIT)
    business: str = Field(..., max_length=TEXT_LIMIT)
    privacy_contact: str = Field(..., max_length=TEXT_LIMIT)
    report_recipients: str = Field(..., max_length=TEXT_LIMIT)
    retention_months: int = Field(..., description="1 to 120")


class OrganisationDisclosureOut(Schema):
    texts: dict[str, str]
    retention_months: int
    updated_at: datetime | None
    updated_by: str
    missing: list[str] = Field(..., description="what a consent notice needs and is blank")

    @staticmethod
    def of(view: DisclosureView) -> OrganisationDisclosureOut:
        return OrganisationDisclosureOut(
            texts=view.texts,
            retention_months=view.retention_months,
            updated_at=view.updated_at,
            updated_by=view.updated_by,
            missing=list(view.missing()),
        )


_FIELDS_IN_SYNC = set(PositionDisclosure.model_fields) == set(services.POSITION_TEXT_FIELDS) and (
    set(OrganisationDisclosureIn.model_fields) - {"retention_months"}
    == set(services.ORGANISATION_TEXT_FIELDS)
)
if not _FIELDS_IN_SYNC:  # a disclosure field the API forgot would be silently unreachable
    raise RuntimeError("the disclosure schemas must list exactly the services' text fields")
