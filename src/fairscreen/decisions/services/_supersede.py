"""A correction supersedes the decision on a screening: it must be taken again.

When a resolved dispute changes the rating, or a finding the assessment named, the decision
no longer rests on the report as it is (PIPL Art. 46: a correction must have effect). It is
superseded — whatever state it reached, even final — and a new one is opened by the
deciders. Called by the dispute services, inside theirs or in its own transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.local_time import organisation_today
from fairscreen.decisions.models import Decision, DecisionEntry, EntryKind
from fairscreen.decisions.services._steps import DecisionConflict
from fairscreen.domain import decisions as domain
from fairscreen.evidence.services import record_event

__all__ = ["supersede_decision"]


@transaction.atomic
def supersede_decision(decision: Decision, *, actor: str, reason: str) -> Decision:
    """A correction changed the rating: the decision no longer stands; decide again.

    Re-read under a lock (the caller's copy may be stale: another correction may have
    superseded it already); a move the lifecycle refuses is a `DecisionConflict`.
    """
    decision = Decision.objects.select_for_update().get(id=decision.id)
    try:
        decision.state = domain.transition(
            domain.Action.SUPERSEDE,
            domain.DecisionFacts(
                state=domain.DecisionState(decision.state),
                outcome=None,
                today=organisation_today(decision.organisation),
            ),
        )
    except domain.DecisionRefused as refused:
        raise DecisionConflict(refused) from None
    decision.superseded_at = timezone.now()
    decision.superseded_reason = reason
    decision.save()
    DecisionEntry(
        organisation_id=decision.organisation_id,
        decision=decision,
        candidate_id=decision.candidate_id,
        kind=EntryKind.SUPERSEDED,
        actor=actor,
        actor_name=actor,
        text=reason,
    ).save()
    record_event(
        event_type="decision.superseded",
        actor=actor,
        subject=decision.encryption_subject().subject,
        organisation=str(decision.organisation_id),
        payload={"decision": str(decision.id), "screening": str(decision.screening_id)},
    )
    return decision
