"""The gate every finding passes: only for a running, consented item still in scope.

A connector or an analyst can only record data for an item the candidate consented to
(PIPL Art. 14) that the position still needs (Art. 6): the item must have been started
through `start_check`'s gate, the screening must still be active (not withdrawn, Art. 15),
and the profile's current version must still permit it — a profile narrowed mid-check stops
the item here, at once, before anything more is stored.
"""

from __future__ import annotations

from uuid import UUID

from fairscreen.accounts.models import Organisation
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, NotFound
from fairscreen.domain import scope
from fairscreen.positions.services import current_version
from fairscreen.screenings.models import ItemState, Screening, ScreeningItem, ScreeningStatus
from fairscreen.screenings.team_access import require_team


class CheckNotRecording(Conflict):
    """Findings can only be recorded for a running check; `details.reason` says why not."""

    code = "check_not_recording"


def locked_screening(organisation: Organisation, screening_id: UUID) -> Screening:
    """The screening, locked for this transaction; another organisation's is `NotFound`."""
    screening = (
        Screening.objects.select_for_update()
        .select_related("position__profile", "profile_version", "candidate")
        .filter(organisation=organisation, id=screening_id)
        .first()
    )
    if screening is None:
        raise NotFound("Not found.")
    return screening


def team_screening(access: OrganisationAccess, screening_id: UUID) -> Screening:
    """The screening, locked, if the reader is on its position's hiring team (else 404)."""
    screening = locked_screening(access.organisation, screening_id)
    require_team(access, screening.position_id)
    return screening


def recording_item(screening: Screening, code: str) -> ScreeningItem:
    """The item if findings may be recorded for it now; `CheckNotRecording` otherwise.

    A running item the current profile no longer permits is refused like any other: what
    the job no longer needs is no longer necessary, whatever was consented.
    """
    item = screening.items.select_for_update().filter(code=code).first()
    if item is None:
        raise CheckNotRecording("This item was not ordered.", details={"reason": "not_ordered"})
    if screening.status != ScreeningStatus.ACTIVE:
        raise CheckNotRecording(
            "The screening is not active.", details={"reason": f"screening_{screening.status}"}
        )
    if item.state != ItemState.RUNNING:
        raise CheckNotRecording(
            "Start the check before recording findings.", details={"reason": f"item_{item.state}"}
        )
    current = current_version(screening.position.profile)
    if current is None or not scope.permits(current.profile_spec(), code):
        raise CheckNotRecording(
            "The position's profile no longer permits this item.",
            details={"reason": "removed_from_profile"},
        )
    return item


def corroborating_item(screening: Screening, code: str) -> ScreeningItem:
    """The item if a source may still be added to its findings (corroboration).

    Later than recording — a check already completed may still be corroborated — but never
    after the candidate withdrew (PIPL Art. 15) or once the position no longer needs the
    item (Art. 6).
    """
    item = screening.items.select_for_update().filter(code=code).first()
    if item is None or screening.status != ScreeningStatus.ACTIVE:
        raise CheckNotRecording(
            "The screening is not active.", details={"reason": f"screening_{screening.status}"}
        )
    if item.state not in (ItemState.RUNNING, ItemState.COMPLETED):
        raise CheckNotRecording(
            "This check is not running or completed.", details={"reason": f"item_{item.state}"}
        )
    current = current_version(screening.position.profile)
    if current is None or not scope.permits(current.profile_spec(), code):
        raise CheckNotRecording(
            "The position's profile no longer permits this item.",
            details={"reason": "removed_from_profile"},
        )
    return item
