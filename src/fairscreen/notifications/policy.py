"""Who may see what of notifications.

Staff follow deliveries (state, attempts, error code) without reading them: whoever
orders screenings or answers for the process needs to know a notice went out, or did not,
within the 3-working-day feedback rule; nobody needs the text to know that (PIPL Art. 6:
the minimum necessary). The portal inbox has no roles: the candidate's portal session,
opened by their own invitation link, names the one screening (or subject) it may read.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fairscreen.accounts.roles import Role
from fairscreen.notifications.messages import InvalidNotification, candidate_id_of

__all__ = ["DELIVERY_READERS", "portal_scope"]

DELIVERY_READERS = frozenset({Role.HR_ADMIN, Role.RECRUITER, Role.DPO, Role.AUDITOR})


def portal_scope(*, screening_id: UUID | None, subject: str | None) -> dict[str, Any]:
    """The filter for one portal inbox: exactly one screening or one candidate subject."""
    if (screening_id is None) == (subject is None):
        raise InvalidNotification(
            "Name the inbox.", details={"inbox": "exactly one of screening_id or subject"}
        )
    if screening_id is not None:
        return {"screening_id": screening_id}
    candidate_id = candidate_id_of(subject or "")
    if candidate_id is None:
        raise InvalidNotification("Name the inbox.", details={"subject": "candidate:<uuid>"})
    return {"candidate_id": candidate_id}
