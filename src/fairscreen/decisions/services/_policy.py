"""Configuring how the organisation decides: the chain, the feedback trigger, the window."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import InvalidInput
from fairscreen.decisions.models import DecisionPolicy, FeedbackTrigger
from fairscreen.decisions.policy import CHAIN_ROLES, POLICY_EDITORS
from fairscreen.domain import decisions as domain
from fairscreen.evidence.services import record_event
from fairscreen.screenings.policy import require

MAX_STEPS = 5
MAX_RESPONSE_WORKING_DAYS = 30


@transaction.atomic
def configure_decisions(
    *,
    access: OrganisationAccess,
    chain: Sequence[dict[str, str]],
    feedback_trigger: str,
    response_working_days: int,
) -> DecisionPolicy:
    """Replace the organisation's decision policy; decisions already open keep theirs.

    The chain is 1-4 review steps then exactly one signature step, each owned by a role;
    the response window is 5-30 working days (at least 5: a candidate needs time to answer).
    """
    require(access, POLICY_EDITORS)
    problems = _chain_problems(chain)
    if feedback_trigger not in FeedbackTrigger.values:
        problems["feedback_trigger"] = "one of: " + ", ".join(FeedbackTrigger.values)
    if not (
        isinstance(response_working_days, int)
        and domain.MIN_RESPONSE_WORKING_DAYS <= response_working_days <= MAX_RESPONSE_WORKING_DAYS
    ):
        problems["response_working_days"] = (
            f"{domain.MIN_RESPONSE_WORKING_DAYS}-{MAX_RESPONSE_WORKING_DAYS} working days"
        )
    if problems:
        raise InvalidInput(
            "The decision policy has problems; nothing was changed.", details=problems
        )
    policy, _created = DecisionPolicy.objects.select_for_update().get_or_create(
        organisation=access.organisation
    )
    policy.chain = [{"role": step["role"], "kind": step["kind"]} for step in chain]
    policy.feedback_trigger = feedback_trigger
    policy.response_working_days = response_working_days
    policy.updated_by = access.principal.reference
    policy.updated_at = timezone.now()
    policy.save()
    record_event(
        event_type="decision_policy.changed",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={
            "chain": policy.chain,
            "feedback_trigger": feedback_trigger,
            "response_working_days": response_working_days,
        },
    )
    return policy


def _chain_problems(chain: Sequence[dict[str, str]]) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not 2 <= len(chain) <= MAX_STEPS:
        problems["chain"] = f"2-{MAX_STEPS} steps: at least one review, then one signature"
        return problems
    roles = {role.value for role in CHAIN_ROLES}
    for number, step in enumerate(chain):
        if not isinstance(step, dict) or set(step) != {"role", "kind"}:
            problems[f"chain[{number}]"] = "an object with role and kind"
            continue
        if step["role"] not in roles:
            problems[f"chain[{number}].role"] = "one of: " + ", ".join(sorted(roles))
        expected = "sign" if number == len(chain) - 1 else "review"
        if step["kind"] != expected:
            problems[f"chain[{number}].kind"] = f"must be {expected}"
    return problems
