"""Decision policy API: how the organisation decides, and the calendar its deadlines use.

A mature employer fixes in advance who reads, who comments and who signs (制度化决策流程),
so the same risks are handled the same way whoever is on duty; the HR admin sets the chain,
when the 3-working-day feedback clock starts, and the candidate's response window (at least
5 working days). Deadlines are counted on the official working-day calendar; the State
Council publishes next year's schedule each November, and until the maintained package has
it the HR admin loads it here as text. A year nobody loaded is refused, never guessed.

Refusals change nothing: 422 `validation_error` with `details` by field (`chain[0].kind`,
`response_working_days`...) or, for a schedule, `details.problems` with each problem's
line, code and a fixed explanation — never the submitted text.
"""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Router

from fairscreen.accounts.auth import access_of, staff
from fairscreen.core.errors import InvalidInput
from fairscreen.decisions import services
from fairscreen.decisions.api_inputs import CalendarIn, PolicyIn, without_submitted_values
from fairscreen.decisions.api_schemas import CalendarOut, PolicyOut
from fairscreen.decisions.models import DecisionPolicy
from fairscreen.decisions.policy import DECISION_READERS, POLICY_EDITORS

router = Router(tags=["decision policy"])


@router.get(
    "/orgs/{org_id}/decision-policy",
    response=PolicyOut,
    auth=staff(*DECISION_READERS),
    summary="The decision chain, feedback trigger and response window",
    description="Until an HR admin stores one, the defaults the services apply "
    "(`is_default: true`): reviewer reviews, approver signs; the clock starts when the "
    "report is complete; 5 working days to respond.",
)
def get_decision_policy(request: HttpRequest, org_id: UUID) -> PolicyOut:
    # Configuration, not personal data: no selector records this read.
    organisation = access_of(request).organisation
    return PolicyOut.of(DecisionPolicy.objects.filter(organisation=organisation).first())


@router.put(
    "/orgs/{org_id}/decision-policy",
    response=PolicyOut,
    auth=staff(*POLICY_EDITORS),
    summary="Replace the decision policy (decisions already open keep their chain)",
)
def put_decision_policy(request: HttpRequest, org_id: UUID, payload: PolicyIn) -> PolicyOut:
    policy = services.configure_decisions(
        access=access_of(request),
        chain=payload.steps(),
        feedback_trigger=payload.feedback_trigger,
        response_working_days=payload.response_working_days,
    )
    return PolicyOut.of(policy)


@router.put(
    "/orgs/{org_id}/working-day-calendar",
    response=CalendarOut,
    auth=staff(*POLICY_EDITORS),
    summary="Load the organisation's schedule text (next year's notice, own closures)",
    description="Replaces the previously loaded text; the answer says which years are "
    "covered now. A text with problems loads nothing: 422 with `details.problems` "
    "(`line`, `code`, `message`).",
)
def put_working_day_calendar(
    request: HttpRequest, org_id: UUID, payload: CalendarIn
) -> CalendarOut:
    access = access_of(request)
    try:
        schedule = services.load_calendar_schedule(access=access, text=payload.text)
    except InvalidInput as refusal:
        raise without_submitted_values(refusal) from None
    return CalendarOut.of(
        schedule_id=schedule.id,
        loaded_by=schedule.loaded_by,
        loaded_at=schedule.loaded_at,
        calendar=services.calendar_for(access.organisation),
    )
