"""Posts on the decision page before the signature: open it, comment, assess, propose,
endorse, return.

Each calls one service; the rules are the domain's (a decision not to proceed that relies
on the report needs the individualised assessment first; departing from how the same rule
was usually decided needs a reason) and a refusal comes back next to the form, having
changed nothing (`views_common.act`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, NotFound
from fairscreen.decisions import services
from fairscreen.decisions.forms import (
    AssessmentForm,
    CommentForm,
    EndorseForm,
    ProposalForm,
    ReasonForm,
)
from fairscreen.decisions.policy import DECIDERS
from fairscreen.decisions.views_common import act, back_to_decision, posted_to_the_decision
from fairscreen.decisions.views_labels import refusal


@organisation_page(*DECIDERS)
@posted_to_the_decision
def open_decision(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID
) -> HttpResponse:
    """Opening copies the organisation's chain into the decision: a later policy change
    does not change the rules of a decision already under way."""
    try:
        services.open_decision(access=access, screening_id=screening_id)
    except NotFound:
        raise Http404 from None
    except FairscreenError as error:
        messages.error(request, refusal(error))
    else:
        messages.success(request, _("The decision is open. Read the report, then propose."))
    return back_to_decision(access, screening_id)


@organisation_page(*DECIDERS)
@posted_to_the_decision
def comment(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, decision_id: UUID
) -> HttpResponse:
    def call(data: dict[str, Any]) -> object:
        return services.comment_on_decision(
            access=access, decision_id=decision_id, text=data["text"]
        )

    return act(
        request,
        access,
        screening_id,
        CommentForm(request.POST, prefix="comment"),
        call,
        success=_("Comment added to the decision's history."),
        anchor="history",
    )


@organisation_page(*DECIDERS)
@posted_to_the_decision
def assessment(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, decision_id: UUID
) -> HttpResponse:
    """The individualised assessment (fair-chance practice), written before proposing."""
    form = AssessmentForm(request.POST, prefix="assessment")

    def call(data: dict[str, Any]) -> object:
        return services.record_assessment(
            access=access,
            decision_id=decision_id,
            findings=form.finding_ids(),
            nature_and_gravity=data["nature_and_gravity"],
            time_elapsed=data["time_elapsed"],
            relevance_to_duties=data["relevance_to_duties"],
            candidate_statement=data["candidate_statement"],
        )

    return act(
        request,
        access,
        screening_id,
        form,
        call,
        success=_("Assessment recorded. The proposal below can now rest on it."),
        anchor="proposal",
    )


@organisation_page(*DECIDERS)
@posted_to_the_decision
def proposal(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, decision_id: UUID
) -> HttpResponse:
    def call(data: dict[str, Any]) -> object:
        return services.propose_decision(
            access=access,
            decision_id=decision_id,
            outcome=data["outcome"],
            reasons=data["reasons"],
            conditions=data["conditions"],
            deviation_reason=data["deviation_reason"],
            relies_on_report=data["relies_on_report"],
        )

    return act(
        request,
        access,
        screening_id,
        ProposalForm(request.POST, prefix="proposal"),
        call,
        success=_("Proposal recorded. It now goes to the next step of the chain."),
    )


@organisation_page(*DECIDERS)
@posted_to_the_decision
def endorsement(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, decision_id: UUID
) -> HttpResponse:
    def call(data: dict[str, Any]) -> object:
        return services.endorse_decision(
            access=access, decision_id=decision_id, comment=data["comment"]
        )

    return act(
        request,
        access,
        screening_id,
        EndorseForm(request.POST, prefix="endorse"),
        call,
        success=_("Endorsed. The proposal goes to the next step of the chain."),
    )


@organisation_page(*DECIDERS)
@posted_to_the_decision
def send_back(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, decision_id: UUID
) -> HttpResponse:
    def call(data: dict[str, Any]) -> object:
        return services.return_decision(
            access=access, decision_id=decision_id, reason=data["reason"]
        )

    return act(
        request,
        access,
        screening_id,
        ReasonForm(request.POST, prefix="return"),
        call,
        success=_("Returned for review with your reason."),
    )
