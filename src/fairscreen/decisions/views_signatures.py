"""The signature, the finalisation and the reconsideration: the steps that bind.

A signature is a person's act (PIPL Art. 24: no automated decision): the signer types
their own password again at that moment, and no API token can do it. A decision not to
proceed becomes only *preliminary* when signed — the candidate gets the notice with a copy
of the report and at least 5 working days to respond — and is made final after the window,
with the password again, unless a dispute is open. The views pass no date: the services
use today in the organisation's time zone.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.web import organisation_page
from fairscreen.decisions import services
from fairscreen.decisions.forms import PasswordForm, ReasonForm
from fairscreen.decisions.models import Decision
from fairscreen.decisions.policy import DECIDERS
from fairscreen.decisions.views_common import act, posted_to_the_decision
from fairscreen.domain import decisions as domain


@organisation_page(*DECIDERS)
@posted_to_the_decision
def signature(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, decision_id: UUID
) -> HttpResponse:
    def call(data: dict[str, Any]) -> Decision:
        return services.sign_decision(
            access=access, decision_id=decision_id, password=data["password"]
        )

    return act(
        request,
        access,
        screening_id,
        PasswordForm(request.POST, prefix="sign"),
        call,
        success=_signed_message,
        anchor="notices",
    )


def _signed_message(decision: Decision) -> str:
    if decision.state == domain.DecisionState.PRELIMINARY:
        deadline = decision.response_deadline
        return _(
            "Signed as preliminary. The candidate has been sent the notice with a copy of the "
            "report and may respond until %(deadline)s; the decision can be made final after."
        ) % {"deadline": deadline.isoformat() if deadline else "—"}
    return _("Signed. The decision is final and the candidate has been told the reasons.")


@organisation_page(*DECIDERS)
@posted_to_the_decision
def finalisation(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, decision_id: UUID
) -> HttpResponse:
    """Refused while the window is open or a dispute is open: the page says which."""

    def call(data: dict[str, Any]) -> Decision:
        return services.finalise_decision(
            access=access, decision_id=decision_id, password=data["password"]
        )

    return act(
        request,
        access,
        screening_id,
        PasswordForm(request.POST, prefix="finalise"),
        call,
        success=_("The decision is final. The candidate has been sent the final notice."),
        anchor="notices",
    )


@organisation_page(*DECIDERS)
@posted_to_the_decision
def reconsideration(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, decision_id: UUID
) -> HttpResponse:
    """After the candidate's response: back to review instead of a final negative decision."""

    def call(data: dict[str, Any]) -> Decision:
        return services.reconsider_decision(
            access=access, decision_id=decision_id, reason=data["reason"]
        )

    return act(
        request,
        access,
        screening_id,
        ReasonForm(request.POST, prefix="reconsider"),
        call,
        success=_("Back in review. The proposal can be revised and signed again."),
    )
