"""Findings API: the analyst's workspace (record, corroborate, retract, complete) and the
employer's report.

Multi-source verification (多源验证) decides what the employer sees, never the caller: a
finding's status follows from its sources, so this API has no way to set one. The analyst
sees every finding (`GET .../findings`), unverified ones and hearsay included, labelled;
the employer's report (`GET .../report?purpose=...`) holds only verified, corroborated or
corrected findings of items still in scope, without hearsay sources, and each read is
recorded in the evidence ledger with its purpose (PIPL Art. 6).

Starting a check is `POST .../items/{code}/start` in `api_screenings` (the consent gate).
Refusals: 422 `invalid_finding` with `details` by field name (`case_number`,
`source.kind`, `evidence`...), 409 `check_not_recording` with `details.reason`, 409
`finding_closed` (`details.reason`: `retracted`, or `under_dispute` while the candidate's
dispute is open), 409 `run_in_progress` to complete a check a connector is still running;
submitted values are never echoed. Evidence travels as base64 in JSON.
"""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from fairscreen.accounts.auth import access_of, staff
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import NotFound
from fairscreen.screenings import selectors, services
from fairscreen.screenings.api_findings_inputs import (
    CorroborationIn,
    FindingIn,
    InterviewIn,
    RetractionIn,
    evidence_of,
)
from fairscreen.screenings.api_findings_schemas import FindingOut, InterviewOut, ReportOut
from fairscreen.screenings.api_screenings import ItemCode, ItemStateOut
from fairscreen.screenings.policy import FINDING_READERS, FINDING_RECORDERS, REPORT_READERS

router = Router(tags=["findings"])


@router.get(
    "/orgs/{org_id}/screenings/{screening_id}/findings",
    response=list[FindingOut],
    auth=staff(*FINDING_READERS),
    summary="Every finding of a screening, whatever its status, with every source (analysts)",
)
def list_findings(
    request: HttpRequest, org_id: UUID, screening_id: UUID, response: HttpResponse
) -> list[FindingOut]:
    views = selectors.findings_for_analyst(access=access_of(request), screening_id=screening_id)
    response["Cache-Control"] = "no-store"  # personal data: no proxy or browser keeps it
    return [FindingOut.of(view) for view in views]


@router.post(
    "/orgs/{org_id}/screenings/{screening_id}/items/{code}/findings",
    response={201: FindingOut},
    auth=staff(*FINDING_RECORDERS),
    summary="Record a finding with its first source (422 invalid_finding lists the fields)",
)
def record_finding(
    request: HttpRequest, org_id: UUID, screening_id: UUID, code: ItemCode, payload: FindingIn
) -> Status[FindingOut]:
    access = access_of(request)
    evidence = evidence_of(payload.evidence)
    finding = services.record_finding(
        access=access,
        screening_id=screening_id,
        item_code=code,
        category=payload.category,
        details=payload.details,
        source=payload.source.source(),
        evidence=evidence,
    )
    return Status(201, _finding_out(access, finding.screening_id, finding.id))


@router.post(
    "/orgs/{org_id}/findings/{finding_id}/sources",
    response={201: FindingOut},
    auth=staff(*FINDING_RECORDERS),
    summary="Add a source (corroboration); the status is recomputed by the verification rule",
)
def add_source(
    request: HttpRequest, org_id: UUID, finding_id: UUID, payload: CorroborationIn
) -> Status[FindingOut]:
    access = access_of(request)
    evidence = evidence_of(payload.evidence)
    finding = services.add_source(
        access=access, finding_id=finding_id, source=payload.source.source(), evidence=evidence
    )
    return Status(201, _finding_out(access, finding.screening_id, finding.id))


@router.post(
    "/orgs/{org_id}/findings/{finding_id}/retract",
    response=FindingOut,
    auth=staff(*FINDING_RECORDERS),
    summary="Retract a finding that should never have stood (409 finding_closed if already)",
)
def retract_finding(
    request: HttpRequest, org_id: UUID, finding_id: UUID, payload: RetractionIn
) -> FindingOut:
    access = access_of(request)
    finding = services.retract_finding(
        access=access, finding_id=finding_id, reason=payload.reason, note=payload.note
    )
    return _finding_out(access, finding.screening_id, finding.id)


@router.post(
    "/orgs/{org_id}/screenings/{screening_id}/items/{code}/complete",
    response=ItemStateOut,
    auth=staff(*FINDING_RECORDERS),
    summary="Close a running check: its findings stand as recorded, nothing more is added",
)
def complete_check(
    request: HttpRequest, org_id: UUID, screening_id: UUID, code: ItemCode
) -> ItemStateOut:
    item = services.complete_check(access=access_of(request), screening_id=screening_id, code=code)
    return ItemStateOut(code=item.code, state=item.state)


@router.post(
    "/orgs/{org_id}/screenings/{screening_id}/reference-interviews",
    response={201: InterviewOut},
    auth=staff(*FINDING_RECORDERS),
    summary="Record a structured reference interview: concerns first-hand, opinion as hearsay",
)
def record_reference_interview(
    request: HttpRequest, org_id: UUID, screening_id: UUID, payload: InterviewIn
) -> Status[InterviewOut]:
    access = access_of(request)
    recorded = services.record_reference_interview(
        access=access,
        screening_id=screening_id,
        third_party_id=payload.third_party_id,
        interviewed_on=payload.interviewed_on,
        answers=[
            services.InterviewAnswer(
                question=answer.question, answer=answer.answer, concern=answer.concern
            )
            for answer in payload.answers
        ],
        opinion=payload.opinion,
    )
    wanted = {finding.id for finding in recorded}
    views = selectors.findings_for_analyst(access=access, screening_id=screening_id)
    return Status(
        201, InterviewOut(findings=[FindingOut.of(view) for view in views if view.id in wanted])
    )


@router.get(
    "/orgs/{org_id}/screenings/{screening_id}/report",
    response=ReportOut,
    auth=staff(*REPORT_READERS),
    summary="The employer's report: verified and corroborated in-scope findings only",
    description="`purpose` is required (review, decision, dispute_handling, audit, "
    "candidate_request) and is recorded in the evidence ledger with the read.",
)
def get_report(
    request: HttpRequest,
    org_id: UUID,
    screening_id: UUID,
    purpose: selectors.ReportPurpose,
    response: HttpResponse,
) -> ReportOut:
    view = selectors.employer_report(
        access=access_of(request), screening_id=screening_id, purpose=purpose
    )
    response["Cache-Control"] = "no-store"
    return ReportOut.of(view)


def _finding_out(access: OrganisationAccess, screening_id: UUID, finding_id: UUID) -> FindingOut:
    """The finding as the analyst's selector shows it, so a write answers like a read."""
    views = selectors.findings_for_analyst(access=access, screening_id=screening_id)
    view = next((found for found in views if found.id == finding_id), None)
    if view is None:  # the write and the read share one request: only a race gets here
        raise NotFound("Not found.")
    return FindingOut.of(view)
