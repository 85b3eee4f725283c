"""The one gate before any check runs (issue 6 builds the checks behind it).

A check runs only for an item that is in the profile version the screening was ordered
under *and* in the profile's current version (a narrowed profile applies at once: what
the job no longer needs is no longer necessary, PIPL Art. 6), that the candidate
consented to — separately, if it is sensitive (Art. 29) — and that was not withdrawn.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, NotFound
from fairscreen.domain import scope
from fairscreen.evidence.services import record_event
from fairscreen.positions.errors import at_the_edge
from fairscreen.positions.services import current_version
from fairscreen.screenings.models import ItemState, Screening, ScreeningItem, ScreeningStatus
from fairscreen.screenings.policy import CHECK_RUNNERS, require
from fairscreen.screenings.team_access import team_q


class ItemNotOrdered(Conflict):
    code = "item_not_ordered"


@transaction.atomic
def start_check(
    *, access: OrganisationAccess, screening_id: UUID, code: str, now: datetime | None = None
) -> ScreeningItem:
    """Move one consented item to running, or refuse with the reason (409)."""
    require(access, CHECK_RUNNERS)
    screening = (
        Screening.objects.select_for_update()
        .select_related("position__profile", "profile_version")
        .filter(team_q(access), organisation=access.organisation, id=screening_id)
        .first()
    )
    if screening is None:
        raise NotFound("Not found.")
    item = screening.items.select_for_update().filter(code=code).first()
    if item is None:
        raise ItemNotOrdered(
            "This item was not ordered for this screening.", details={"item": code}
        )
    current = current_version(screening.position.profile)
    pinned = screening.profile_version.profile_spec()
    try:
        scope.check_may_run(
            code=code,
            pinned=pinned,
            current=current.profile_spec()
            if current
            else scope.ProfileSpec.from_json({**pinned.to_json(), "items": []}),
            state=scope.ItemState(item.state),
            consented=screening.status == ScreeningStatus.ACTIVE
            and item.state == ItemState.CONSENTED,
            sensitive_consent=item.sensitive_consent,
        )
    except scope.ScopeError as error:
        raise at_the_edge(error) from None
    item.state = ItemState.RUNNING
    item.started_at = now or timezone.now()
    item.save(update_fields=["state", "started_at"])
    record_event(
        event_type="check.started",
        actor=access.principal.reference,
        subject=screening.encryption_subject().subject,
        organisation=str(access.organisation.id),
        payload={"screening": str(screening.id), "item": code},
    )
    return item
