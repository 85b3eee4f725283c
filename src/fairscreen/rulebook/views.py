"""The published rulebook, public and without login: `/rulebook` and `/rulebook/<version>`.

Candidates, employers and regulators must be able to read the rules before anyone is
rated by them, and a report must be able to link to the exact version it used.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fairscreen.domain import rating
from fairscreen.rulebook.library import rulebook_history, today
from fairscreen.rulebook.presenters import rulebook_page


@require_GET
def current(request: HttpRequest) -> HttpResponse:
    """The version in force today (a version dated later is listed, but not this page)."""
    history = rulebook_history()
    try:
        rulebook = history.in_force_on(today())
    except rating.NoRulebookInForce:
        raise Http404("no rulebook version is in force yet") from None
    return _render(request, history, rulebook)


@require_GET
def version(request: HttpRequest, version: str) -> HttpResponse:
    history = rulebook_history()
    try:
        rulebook = history.version(version)
    except rating.UnknownRulebookVersion:
        raise Http404("no such rulebook version") from None
    return _render(request, history, rulebook)


def _render(
    request: HttpRequest, history: rating.RulebookHistory, rulebook: rating.Rulebook
) -> HttpResponse:
    page = rulebook_page(history, rulebook, today=today())
    return render(request, "rulebook/rulebook.html", {"page": page})
