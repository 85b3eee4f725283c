"""The one way into a candidate page: the portal session's own screening, or a refusal.

Every portal page is decorated with `candidate_page`: it finds the screening through the
session (never through the address — no screening id or personal value is ever in a URL),
refuses politely without a session, and never lets the page be cached. A session opened
before one of the screening's links was revoked (a lost phone, too many wrong codes) ends
at its next request: revoking stops what the link already opened, not only the link.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from fairscreen.core.errors import NotFound
from fairscreen.portal import session
from fairscreen.portal.selectors_candidate import link_revoked_since
from fairscreen.screenings import selectors
from fairscreen.screenings.selectors import ScreeningView

__all__ = ["CandidateView", "candidate_page"]

P = ParamSpec("P")
CandidateView = Callable[Concatenate[HttpRequest, ScreeningView, P], HttpResponse]


def candidate_page(view: CandidateView[P]) -> Callable[..., HttpResponse]:
    """Open the session's own screening, or explain how to get in; never cache the page."""

    @never_cache
    @wraps(view)
    def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        screening_id = session.portal_screening_id(request)
        if screening_id is None:
            return render(request, "portal/no_session.html", status=403)
        opened_at = session.portal_opened_at(request)
        if opened_at is None or link_revoked_since(screening_id, opened_at):
            session.end_portal_session(request)
            return render(request, "portal/no_session.html", status=403)
        try:
            screening = selectors.portal_screening(screening_id=screening_id)
        except NotFound:
            return render(request, "portal/no_session.html", status=403)
        return view(request, screening, *args, **kwargs)

    return wrapper
