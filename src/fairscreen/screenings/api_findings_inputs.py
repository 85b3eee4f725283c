"""Request schemas of the findings API (see `api_findings` for the endpoints).

Inputs are bounded here only coarsely (lengths that keep a request small, types, enums);
the item's schema, the category rules and the source rules are applied once, by the
services, so every path into the record — this API, the console, imports, connectors —
meets the same checks and gives the same field names in a refusal.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Annotated
from uuid import UUID

from ninja import Field, Schema
from pydantic import AwareDatetime

from fairscreen.core.errors import InvalidInput
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.screenings import services
from fairscreen.screenings.connectors import SourceIn

MAX_EVIDENCE_BASE64 = 14_000_000
"""10 MB of evidence is at most 13,981,016 base64 characters; the service checks the bytes."""

DetailText = Annotated[str, Field(max_length=4000)]


class SourceBody(Schema):
    kind: str = Field(..., min_length=1, max_length=40, description="e.g. court_records")
    authority: AuthorityLevel = Field(..., description="at most what the kind can have")
    origin: str = Field(
        ...,
        min_length=1,
        max_length=120,
        description="the source itself (registry:chsi, third_party:<id>); "
        "two sources with the same origin are one source said twice",
    )
    reference: str = Field(..., min_length=1, max_length=500, description="encrypted at rest")
    retrieved_at: AwareDatetime = Field(..., description="ISO 8601 with a time zone")
    statement: str | None = Field(None, max_length=4000, description="encrypted at rest")

    def source(self) -> SourceIn:
        return SourceIn(
            kind=self.kind,
            authority=self.authority,
            origin=self.origin,
            reference=self.reference,
            retrieved_at=self.retrieved_at,
            statement=self.statement,
        )


class EvidenceBody(Schema):
    content_base64: str = Field(..., min_length=1, max_length=MAX_EVIDENCE_BASE64)
    media_type: str = Field(
        ...,
        max_length=100,
        description="application/pdf, image/png, image/jpeg, text/plain or application/json",
    )

    def evidence(self) -> services.EvidenceIn:
        try:
            content = base64.b64decode(self.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise InvalidInput(
                "The evidence is not valid base64.",
                details={"evidence.content_base64": "must be standard base64"},
            ) from None
        return services.EvidenceIn(content=content, media_type=self.media_type)


def evidence_of(body: EvidenceBody | None) -> services.EvidenceIn | None:
    return body.evidence() if body is not None else None


class FindingIn(Schema):
    category: str = Field(
        "", max_length=100, description="empty for civil litigation: it follows from the facts"
    )
    details: dict[str, DetailText] = Field(
        ..., max_length=30, description="the item's schema fields; dates as YYYY-MM-DD"
    )
    source: SourceBody
    evidence: EvidenceBody | None = None


class CorroborationIn(Schema):
    source: SourceBody
    evidence: EvidenceBody | None = None


class RetractionIn(Schema):
    reason: services.RetractionReason
    note: str = Field("", max_length=1000, description="encrypted at rest")


class AnswerBody(Schema):
    question: str = Field(..., max_length=60, description="a reference question's code")
    answer: str = Field(..., max_length=2000)
    concern: bool = Field(False, description="the analyst marks a first-hand concern")


class InterviewIn(Schema):
    third_party_id: UUID = Field(..., description="a referee the candidate consented to")
    interviewed_on: date
    answers: list[AnswerBody] = Field([], max_length=10)
    opinion: str = Field("", max_length=2000, description="filed as hearsay, never reported")


class RunIn(Schema):
    connector: str = Field(..., min_length=1, max_length=40, description="e.g. sandbox")
