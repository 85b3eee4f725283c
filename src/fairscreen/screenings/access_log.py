"""Recording a read of personal data with its purpose (DESIGN.md rule 3; PIPL Art. 6).

Called by the selectors, inside their transaction: the access record and the ledger event
are written together, or not at all.
"""

from __future__ import annotations

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.evidence.services import record_event
from fairscreen.screenings.models import AccessRecord, Screening


def record_access(
    access: OrganisationAccess,
    screening: Screening,
    *,
    kind: str,
    purpose: str,
    **facts: object,
) -> AccessRecord:
    user = access.principal.user
    name = (
        user.display_name
        if user
        else (access.principal.token.name if access.principal.token else "")
    )
    record = AccessRecord.objects.create(
        organisation=access.organisation,
        screening=screening,
        kind=kind,
        purpose=purpose,
        actor=access.principal.reference,
        actor_name=name[:200],
        actor_roles=",".join(sorted(role.value for role in access.roles)),
    )
    record_event(
        event_type=kind,
        actor=access.principal.reference,
        subject=screening.encryption_subject().subject,
        organisation=str(access.organisation.id),
        payload={"screening": str(screening.id), "purpose": purpose, **facts},
    )
    return record
