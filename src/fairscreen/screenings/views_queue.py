"""The analyst's check queue: every check waiting to start or running, across screenings.

It answers "what is left to do": which checks wait for their start, which connector runs
are queued, retrying or failed (with the connector's own error), and how many findings are
still unverified — which is what keeps a finding out of the employer's report.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.screenings import selectors
from fairscreen.screenings.policy import FINDING_READERS, FINDING_RECORDERS
from fairscreen.screenings.views_labels import in_language


@dataclass(frozen=True)
class QueueRow:
    check: selectors.QueuedCheck
    item_name: str
    latest_run: selectors.RunView | None


@organisation_page(*FINDING_READERS)
def check_queue(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    unverified_only = request.GET.get("unverified") == "1"
    checks = selectors.check_queue(access=access, unverified_only=unverified_only)
    rows = [
        QueueRow(
            check=check,
            item_name=in_language(check.item_name),
            latest_run=check.runs[0] if check.runs else None,
        )
        for check in checks
    ]
    response = render(
        request,
        "screenings/queue.html",
        page_context(
            access,
            rows=rows,
            unverified_only=unverified_only,
            can_record=access.has_any(FINDING_RECORDERS),
        ),
    )
    add_never_cache_headers(response)
    return response
