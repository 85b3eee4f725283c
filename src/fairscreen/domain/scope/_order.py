"""Ordering a screening, and the single gate every check passes before it runs.

Ordering fixes the scope: only items the position's approved profile permits (Labor Contract
Law Art. 8), never a protected ground. Running is stricter still, because time passes
between the order and the check: the candidate may refuse or withdraw (PIPL Arts. 15-16),
and the profile may be narrowed. A check runs only with consent, separate consent for a
sensitive item (PIPL Art. 29), and only if both the version the screening was ordered under
and the profile's current version permit it. Narrowing applies at once; widening never
reaches a screening already ordered, because the candidate never consented to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from fairscreen.domain.scope._catalogue import Catalogue
from fairscreen.domain.scope._catalogue_data import CATALOGUE
from fairscreen.domain.scope._errors import (
    CheckNotRunnable,
    EmptyOrder,
    ItemNotPermitted,
    ProtectedGroundRefused,
    UnknownCheckItem,
)
from fairscreen.domain.scope._profiles import ProfileSpec
from fairscreen.domain.scope._protected import PROTECTED_GROUNDS

__all__ = ["NOT_RUNNABLE_REASONS", "ItemState", "check_may_run", "check_order", "permits"]

NOT_RUNNABLE_REASONS = frozenset(
    {
        "not_in_ordered_profile",
        "removed_from_profile",
        "not_consented",
        "sensitive_consent_missing",
        "withdrawn_or_stopped",
        "refused",
        "already_running",
        "already_completed",
    }
)
"""Every `CheckNotRunnable.reason`, stable forever."""


class ItemState(StrEnum):
    """Where one item of a screening stands. REFUSED and STOPPED are final: after a refusal
    the system never asks again for the same item, and a withdrawal stops for good."""

    AWAITING_CONSENT = "awaiting_consent"
    CONSENTED = "consented"
    REFUSED = "refused"
    RUNNING = "running"
    COMPLETED = "completed"
    STOPPED = "stopped"  # consent withdrawn, or the profile narrowed


_STATE_REASONS = {
    ItemState.AWAITING_CONSENT: "not_consented",
    ItemState.REFUSED: "refused",
    ItemState.STOPPED: "withdrawn_or_stopped",
    ItemState.RUNNING: "already_running",
    ItemState.COMPLETED: "already_completed",
}


def permits(spec: ProfileSpec, code: str, catalogue: Catalogue = CATALOGUE) -> bool:
    """Whether the profile permits the item: listed, and every precondition declared.

    The precondition is checked again here, not only when the profile is validated, so a
    profile whose attributes were narrowed can never let a conditional item through.
    """
    permitted = spec.item(code)
    if permitted is None or code in PROTECTED_GROUNDS or not catalogue.has(code):
        return False
    return all(need in spec.attributes for need in catalogue.item(code).preconditions)


def check_order(
    spec: ProfileSpec, requested: Iterable[str], catalogue: Catalogue = CATALOGUE
) -> tuple[str, ...]:
    """The requested item codes, de-duplicated, in catalogue order; refuses anything else.

    A protected ground is refused before anything else, so the refusal says what it is
    (`ProtectedGroundRefused`) instead of hiding behind "unknown item".
    """
    codes = [code if isinstance(code, str) else repr(code) for code in requested]
    for code in codes:
        if code in PROTECTED_GROUNDS:
            raise ProtectedGroundRefused(code)
    for code in codes:
        if not catalogue.has(code):
            raise UnknownCheckItem(code)
    for code in codes:
        if not permits(spec, code, catalogue):
            raise ItemNotPermitted(code)
    if not codes:
        raise EmptyOrder
    wanted = set(codes)
    return tuple(code for code in catalogue.codes() if code in wanted)


def check_may_run(
    *,
    code: str,
    pinned: ProfileSpec,
    current: ProfileSpec,
    state: ItemState,
    consented: bool,
    sensitive_consent: bool,
    catalogue: Catalogue = CATALOGUE,
) -> None:
    """Return only if the check may run now; raise `CheckNotRunnable(reason, item)` otherwise.

    `pinned` is the profile version the screening was ordered under, `current` the
    profile's approved version now. `consented` is the candidate's consent to this item
    still being in force; `sensitive_consent` the separate consent a sensitive item needs.
    Reasons are checked scope first, then state, then consent, so the reason given is the
    most fundamental one.
    """
    if not permits(pinned, code, catalogue):
        raise CheckNotRunnable("not_in_ordered_profile", code)
    if not permits(current, code, catalogue):
        raise CheckNotRunnable("removed_from_profile", code)
    reason = _STATE_REASONS.get(state)
    if reason is not None:
        raise CheckNotRunnable(reason, code)
    if not consented:
        raise CheckNotRunnable("not_consented", code)
    if catalogue.item(code).sensitive and not sensitive_consent:
        raise CheckNotRunnable("sensitive_consent_missing", code)
