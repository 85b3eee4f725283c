"""What the status page adds to the consent choices: when each check should be done, the
employer in brief, and the candidate's personal link back in.

The consent flow's own view (`views._status`) renders the page; this module only adds to
its context, so the candidate sees in one place what they authorised, where each check
stands and when it should be done (PIPL Art. 44: the right to know how their information
is processed), who the employer is, and how to withdraw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from fairscreen.portal import selectors_candidate
from fairscreen.portal.presentation import DecisionRow, Fact, disclosure_page
from fairscreen.portal.selectors_candidate import CheckEstimate
from fairscreen.screenings.models import ScreeningStatus
from fairscreen.screenings.selectors import ScreeningView


@dataclass(frozen=True)
class StatusCheck:
    """One item as decided, with its estimate while it is still to be done."""

    row: DecisionRow
    estimate: CheckEstimate | None


class StatusContext(TypedDict):
    checks: tuple[StatusCheck, ...]
    employer: tuple[Fact, ...]
    return_link_expires_at: datetime | None


def status_context(screening: ScreeningView, rows: Sequence[DecisionRow]) -> StatusContext:
    """Extra context for portal/status.html (see the module docstring)."""
    awaiting = screening.status == ScreeningStatus.AWAITING_CONSENT
    estimates = {} if awaiting else selectors_candidate.check_estimates(screening)
    disclosure = disclosure_page(screening)
    return {
        "checks": tuple(StatusCheck(row=row, estimate=estimates.get(row.code)) for row in rows),
        "employer": tuple(
            fact for fact in (*disclosure.company[:1], *disclosure.position[:2]) if fact.value
        ),
        "return_link_expires_at": None
        if awaiting
        else selectors_candidate.live_access_expires_at(screening_id=screening.id),
    }


def page_context(screening: ScreeningView, **values: object) -> dict[str, object]:
    """What every portal page after consent gives its template (base.html's footer)."""
    notice = screening.notice or {}
    return {
        "screening": screening,
        "controller_contact": notice.get("controller_contact", ""),
        **values,
    }
