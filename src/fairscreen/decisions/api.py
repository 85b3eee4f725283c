"""Decisions API: a person decides, step by step, and a negative decision is heard first.

The report is a basis for a decision, never the decision (PIPL Art. 24: no decision by
automated means alone). So nothing here moves on a light: reviewers comment and propose
with written reasons, further review steps endorse or return, and the chain's last step
signs — a *person* re-entering their password. An API token can read, comment, assess and
propose, but a signature or a finalisation made with a token is refused (403 `forbidden`);
use a browser session (with the CSRF token) and send `password`.

`do_not_proceed` relying on the report needs an individualised assessment first (409
`assessment_required`); signed, it is only *preliminary*: the candidate gets a notice with
a copy of the report and a response window of at least 5 working days, and finalising
waits until the window has closed (409 `response_window_open`) and no dispute is open (409
`dispute_open`). Other refusals: 409 `illegal_transition`, `report_not_usable`,
`outcome_required`, `deviation_reason_required`, `calendar_not_available`, `conflict`;
403 `reauthentication_failed` for a wrong password; 404 `not_found` for other
organisations' screenings and decisions, 404 `no_decision` while none is open.

Every response that shows a decision is read through the selector, which records the read
in the evidence ledger (DESIGN.md rule 3), so a write answers like a read.
"""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from fairscreen.accounts.auth import access_of, staff
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import NotFound
from fairscreen.decisions import selectors, services
from fairscreen.decisions.api_inputs import (
    AssessmentIn,
    CommentIn,
    EndorsementIn,
    ProposalIn,
    ReasonIn,
    ReauthenticationIn,
)
from fairscreen.decisions.api_schemas import DeadlineOut, DecisionOut
from fairscreen.decisions.policy import DECIDERS, DECISION_READERS

router = Router(tags=["decisions"])

_PERSON_ONLY = (
    " A person's act: API tokens are refused (403 forbidden, PIPL Art. 24: no automated "
    "decision); sign in a browser session, send the CSRF token and re-enter `password` "
    "(403 reauthentication_failed if wrong). The proposer cannot sign their own proposal."
)


class NoDecision(NotFound):
    """The screening exists, but nobody has opened a decision on it yet."""

    code = "no_decision"


@router.get(
    "/orgs/{org_id}/screenings/{screening_id}/decision",
    response=DecisionOut,
    auth=staff(*DECISION_READERS),
    summary="The screening's live decision, its history, consistency view and notices",
    description="404 `no_decision` while none is open (POST to open one); 404 `not_found` "
    "for a screening of another organisation. The read is recorded in the evidence ledger.",
)
def get_decision(
    request: HttpRequest, org_id: UUID, screening_id: UUID, response: HttpResponse
) -> DecisionOut:
    view = selectors.decision_for_screening(access=access_of(request), screening_id=screening_id)
    if view is None:
        raise NoDecision("No decision is open on this screening yet.")
    response["Cache-Control"] = "no-store"  # personal data: no proxy or browser keeps it
    return DecisionOut.of(view)


@router.post(
    "/orgs/{org_id}/screenings/{screening_id}/decision",
    response={201: DecisionOut},
    auth=staff(*DECIDERS),
    summary="Open the decision (idempotent: returns the live one if already open)",
    description="Always 201 with the live decision: a retried request opens no second one. "
    "The organisation's chain is copied into it now; later policy changes do not apply.",
)
def open_decision(request: HttpRequest, org_id: UUID, screening_id: UUID) -> Status[DecisionOut]:
    access = access_of(request)
    decision = services.open_decision(access=access, screening_id=screening_id)
    return Status(201, _decision_out(access, decision.screening_id))


@router.post(
    "/orgs/{org_id}/decisions/{decision_id}/comments",
    response={201: DecisionOut},
    auth=staff(*DECIDERS),
    summary="Comment on a decision that is not closed (409 conflict once final)",
)
def comment_on_decision(
    request: HttpRequest, org_id: UUID, decision_id: UUID, payload: CommentIn
) -> Status[DecisionOut]:
    access = access_of(request)
    decision = services.comment_on_decision(
        access=access, decision_id=decision_id, text=payload.text
    )
    return Status(201, _decision_out(access, decision.screening_id))


@router.post(
    "/orgs/{org_id}/decisions/{decision_id}/assessment",
    response={201: DecisionOut},
    auth=staff(*DECIDERS),
    summary="Record the individualised assessment a decision not to proceed needs",
    description="While in review. It names findings of the employer's report only (422 "
    "`findings` otherwise); a new assessment replaces the previous one for the next proposal.",
)
def record_assessment(
    request: HttpRequest, org_id: UUID, decision_id: UUID, payload: AssessmentIn
) -> Status[DecisionOut]:
    access = access_of(request)
    assessment = services.record_assessment(
        access=access,
        decision_id=decision_id,
        findings=payload.findings,
        nature_and_gravity=payload.nature_and_gravity,
        time_elapsed=payload.time_elapsed,
        relevance_to_duties=payload.relevance_to_duties,
        candidate_statement=payload.candidate_statement,
    )
    return Status(201, _decision_out(access, assessment.decision.screening_id))


@router.post(
    "/orgs/{org_id}/decisions/{decision_id}/proposal",
    response=DecisionOut,
    auth=staff(*DECIDERS),
    summary="Propose an outcome with written reasons (the chain's first step)",
    description="409 `assessment_required`, `deviation_reason_required` (the consistency "
    "view in `histories` shows the usual outcome), `dispute_open`, `report_not_usable`.",
)
def propose_decision(
    request: HttpRequest, org_id: UUID, decision_id: UUID, payload: ProposalIn
) -> DecisionOut:
    access = access_of(request)
    decision = services.propose_decision(
        access=access,
        decision_id=decision_id,
        outcome=payload.outcome,
        reasons=payload.reasons,
        conditions=payload.conditions,
        deviation_reason=payload.deviation_reason,
        relies_on_report=payload.relies_on_report,
    )
    return _decision_out(access, decision.screening_id)


@router.post(
    "/orgs/{org_id}/decisions/{decision_id}/endorsement",
    response=DecisionOut,
    auth=staff(*DECIDERS),
    summary="A further review step of the chain agrees; the proposal moves on",
    description="409 `conflict` when the next step is the signature, not a review.",
)
def endorse_decision(
    request: HttpRequest, org_id: UUID, decision_id: UUID, payload: EndorsementIn
) -> DecisionOut:
    access = access_of(request)
    decision = services.endorse_decision(
        access=access, decision_id=decision_id, comment=payload.comment
    )
    return _decision_out(access, decision.screening_id)


@router.post(
    "/orgs/{org_id}/decisions/{decision_id}/return",
    response=DecisionOut,
    auth=staff(*DECIDERS),
    summary="Send a proposal back to review, with the reason",
)
def return_decision(
    request: HttpRequest, org_id: UUID, decision_id: UUID, payload: ReasonIn
) -> DecisionOut:
    access = access_of(request)
    decision = services.return_decision(
        access=access, decision_id=decision_id, reason=payload.reason
    )
    return _decision_out(access, decision.screening_id)


@router.post(
    "/orgs/{org_id}/decisions/{decision_id}/signature",
    response=DecisionOut,
    auth=staff(*DECIDERS),
    summary="Sign: a positive outcome is final; do_not_proceed becomes preliminary",
    description="A preliminary decision sends the candidate a notice with the report copy "
    "and `response_deadline` (409 `calendar_not_available` if the year is not loaded)."
    + _PERSON_ONLY,
)
def sign_decision(
    request: HttpRequest, org_id: UUID, decision_id: UUID, payload: ReauthenticationIn
) -> DecisionOut:
    access = access_of(request)
    decision = services.sign_decision(
        access=access, decision_id=decision_id, password=payload.plaintext()
    )
    return _decision_out(access, decision.screening_id)


@router.post(
    "/orgs/{org_id}/decisions/{decision_id}/reconsideration",
    response=DecisionOut,
    auth=staff(*DECIDERS),
    summary="After the candidate's response: back to review instead of a final no",
)
def reconsider_decision(
    request: HttpRequest, org_id: UUID, decision_id: UUID, payload: ReasonIn
) -> DecisionOut:
    access = access_of(request)
    decision = services.reconsider_decision(
        access=access, decision_id=decision_id, reason=payload.reason
    )
    return _decision_out(access, decision.screening_id)


@router.post(
    "/orgs/{org_id}/decisions/{decision_id}/finalisation",
    response=DecisionOut,
    auth=staff(*DECIDERS),
    summary="Make a preliminary decision not to proceed final, after the window",
    description="409 `response_window_open` up to and on `response_deadline`, "
    "`dispute_open` while the candidate disputes; the candidate gets the final notice."
    + _PERSON_ONLY,
)
def finalise_decision(
    request: HttpRequest, org_id: UUID, decision_id: UUID, payload: ReauthenticationIn
) -> DecisionOut:
    access = access_of(request)
    decision = services.finalise_decision(
        access=access, decision_id=decision_id, password=payload.plaintext()
    )
    return _decision_out(access, decision.screening_id)


@router.get(
    "/orgs/{org_id}/feedback-deadlines",
    response=list[DeadlineOut],
    auth=staff(*DECISION_READERS),
    summary="Open feedback deadlines (结果反馈, 3 working days), most urgent first",
    description="A notice to the candidate meets a deadline and removes it from this list.",
)
def list_feedback_deadlines(
    request: HttpRequest, org_id: UUID, response: HttpResponse
) -> list[DeadlineOut]:
    views = selectors.feedback_deadlines(access=access_of(request))
    response["Cache-Control"] = "no-store"  # candidates' names
    return [DeadlineOut.of(view) for view in views]


def _decision_out(access: OrganisationAccess, screening_id: UUID) -> DecisionOut:
    """The decision as the selector shows it (and records reading it)."""
    view = selectors.decision_for_screening(access=access, screening_id=screening_id)
    if view is None:  # the write and the read share one request: only a race gets here
        raise NotFound("Not found.")
    return DecisionOut.of(view)
