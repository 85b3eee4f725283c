"""What every step of a decision leaves behind: a history entry and an evidence event.

The history entry is what the decision page shows (who, in which role, with what words —
the roles held for this position, on its hiring team); the evidence event is what a
regulator can verify later. Each step writes both in its own
transaction, so neither exists without the other.
"""

from __future__ import annotations

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.decisions.models import Decision, DecisionEntry, EntryKind
from fairscreen.decisions.policy import decision_roles
from fairscreen.evidence.services import record_event


def add_entry(
    decision: Decision,
    access: OrganisationAccess,
    kind: EntryKind,
    *,
    outcome: str = "",
    text: str = "",
    reauthenticated: bool = False,
) -> None:
    user = access.principal.user
    DecisionEntry(
        organisation_id=decision.organisation_id,
        decision=decision,
        candidate_id=decision.candidate_id,
        kind=kind,
        actor=access.principal.reference,
        actor_name=user.display_name if user else access.principal.reference,
        role=",".join(
            sorted(role.value for role in decision_roles(access, decision.screening.position_id))
        ),
        outcome=outcome,
        text=text,
        reauthenticated=reauthenticated,
    ).save()


def record_decision_event(
    decision: Decision, access: OrganisationAccess, event_type: str, **extra: object
) -> None:
    record_event(
        event_type=event_type,
        actor=access.principal.reference,
        subject=decision.encryption_subject().subject,
        organisation=str(decision.organisation_id),
        payload={"decision": str(decision.id), "screening": str(decision.screening_id), **extra},
    )
