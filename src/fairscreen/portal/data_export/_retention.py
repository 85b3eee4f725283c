"""The copy's record of a legal hold: that the candidate's data is kept past its retention
period, why, and since when (PIPL Art. 44-45: the person may know how their data is
processed; a kept-longer period is part of that, and a refused deletion names it)."""

from __future__ import annotations

from fairscreen.accounts.roles import Role
from fairscreen.portal.data_export._values import ExportContext, Record, iso
from fairscreen.retention.models import LegalHold

__all__ = ["legal_hold_record"]

_HOLD_KEEPERS = frozenset({Role.DPO})


def legal_hold_record(row: LegalHold, context: ExportContext) -> Record:
    return {
        "id": str(row.id),
        "reason": context.text(row.reason),
        "placed_by": context.actor(row.placed_by, acting_as=_HOLD_KEEPERS),
        "placed_at": iso(row.placed_at),
        "released_by": context.actor(row.released_by, acting_as=_HOLD_KEEPERS),
        "released_at": iso(row.released_at),
    }
