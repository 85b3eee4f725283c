"""The candidate's inbox: every message the portal received for this screening.

Newest first, in the language the candidate reads the portal in. Marking a message read
is recorded in the evidence ledger the first time (when the candidate was told can matter:
a response window, the 3-working-day feedback). The message's id travels in the form; a
message of another inbox is a 404 that changes nothing.
"""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from fairscreen.core.errors import NotFound
from fairscreen.notifications.messages import Language
from fairscreen.notifications.selectors import portal_messages_for
from fairscreen.notifications.services import mark_portal_message_read
from fairscreen.portal.pages import candidate_page
from fairscreen.portal.views_status import page_context
from fairscreen.screenings.selectors import ScreeningView


@require_GET
@candidate_page
def inbox(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    rows = portal_messages_for(screening_id=screening.id, language=Language.active())
    return render(
        request,
        "portal/inbox.html",
        page_context(
            screening,
            inbox=rows,
            unread=sum(1 for row in rows if not row.is_read),
        ),
    )


@require_POST
@candidate_page
def mark_read(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    try:
        message_id = UUID(str(request.POST.get("message_id", "")))
        mark_portal_message_read(message_id=message_id, screening_id=screening.id)
    except (ValueError, NotFound):
        return render(request, "portal/not_found.html", page_context(screening), status=404)
    return redirect(f"{reverse('portal:inbox')}#message-{message_id}")
