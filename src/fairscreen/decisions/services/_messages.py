"""Telling the candidate that a notice is waiting (wired to the notifications context)."""

from __future__ import annotations

from fairscreen.decisions.models import Notice


def tell_candidate(notice: Notice) -> None:
    """Queue the e-mail and portal message for `notice` (inside the caller's transaction)."""
    return


def tell_staff(deadline: object, *, kind: str) -> None:
    """Queue a reminder or an escalation to the organisation's deciders or HR admins."""
    return


def tell_hr_admins(organisation: object, *, kind: str, **facts: object) -> None:
    """Queue a message to the organisation's HR admins (e.g. the calendar runs out)."""
    return
