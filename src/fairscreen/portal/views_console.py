"""The candidate's voice in the staff console: HR's questions inbox, the survey review.

Thin: `organisation_page` resolves the organisation (non-members 404, other roles 403),
selectors read and record the read, services write. The monthly review page shows the
survey and how fast candidates' questions were answered side by side, month by month.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import InvalidInput, NotFound
from fairscreen.portal import selectors_voice as selectors
from fairscreen.portal import services

MONTH_CHOICES = (3, 6, 12)


@require_GET
@organisation_page(*services.QUESTION_ANSWERERS)
def questions_inbox(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return _inbox(request, access)


@require_POST
@organisation_page(*services.QUESTION_ANSWERERS)
def answer(request: HttpRequest, access: OrganisationAccess, question_id: UUID) -> HttpResponse:
    """Answer once; the candidate is told by e-mail and in the portal."""
    typed = request.POST.get("text", "")
    try:
        services.answer_question(access=access, question_id=question_id, text=typed)
    except NotFound:
        raise Http404 from None
    except InvalidInput:
        problem = _("Write from 1 to %(limit)s characters.") % {"limit": services.MAX_ANSWER}
        return _inbox(request, access, failed=(question_id, typed, problem))
    except services.QuestionAnswered:
        messages.info(request, _("This question had already been answered."))
    except services.QuestionsClosed:
        messages.error(request, _("The candidate's data was destroyed; the question is closed."))
    else:
        messages.success(request, _("Answer sent. The candidate has been told."))
    return redirect("voice:questions", org_id=access.organisation.id)


@require_GET
@organisation_page(*selectors.SURVEY_READERS)
def survey_summary(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """The monthly review of the candidate's side: satisfaction and answer times."""
    asked = request.GET.get("months", "")
    months = int(asked) if asked.isdecimal() and int(asked) in MONTH_CHOICES else 6
    surveys = selectors.survey_summary(access, months, today=timezone.localdate())
    rows = [(month, selectors.question_response_times(access, month.month)) for month in surveys]
    response = render(
        request,
        "portal/console_surveys.html",
        page_context(
            access,
            rows=rows,
            months=months,
            month_choices=MONTH_CHOICES,
            has_comments=any(month.comments for month in surveys),
        ),
    )
    add_never_cache_headers(response)
    return response


def _inbox(
    request: HttpRequest,
    access: OrganisationAccess,
    *,
    failed: tuple[UUID, str, str] | None = None,
) -> HttpResponse:
    found = selectors.questions_for_organisation(access)
    response = render(
        request,
        "portal/console_questions.html",
        page_context(
            access,
            waiting=[row for row in found if row.view.answered_at is None],
            answered=[row for row in found if row.view.answered_at is not None],
            failed_id=failed[0] if failed else None,
            failed_text=failed[1] if failed else "",
            failed_problem=failed[2] if failed else "",
            limit=services.MAX_ANSWER,
        ),
        status=422 if failed else 200,
    )
    add_never_cache_headers(response)
    return response
