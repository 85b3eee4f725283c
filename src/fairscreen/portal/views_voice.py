"""The candidate's voice in the portal: a statement, questions to HR, the survey.

Thin, like the rest of the portal: the screening comes from the session (`candidate_page`),
the services validate and write, every write is a POST followed by a redirect, and a
refusal is shown next to the field it concerns with nothing changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from fairscreen.core.errors import InvalidInput
from fairscreen.portal import selectors_voice as selectors
from fairscreen.portal import services
from fairscreen.portal.pages import candidate_page
from fairscreen.screenings.selectors import ScreeningView

SCORES = ("responsiveness", "transparency", "fairness")


@require_http_methods(["GET", "POST"])
@candidate_page
def statement(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """Context the candidate adds for the people who decide (shown beside the report)."""
    errors: dict[str, str] = {}
    typed = request.POST.get("text", "")
    if request.method == "POST":
        try:
            services.save_statement(screening_id=screening.id, text=typed)
        except InvalidInput:
            errors["text"] = _("Write from 1 to %(limit)s characters.") % {
                "limit": services.MAX_STATEMENT
            }
        except services.StatementClosed:
            messages.info(request, _("The decision is final: your statement can no longer change."))
            return redirect("portal:statement")
        else:
            messages.success(
                request,
                _("Your statement is saved. It is shown with your report to those who decide."),
            )
            return redirect("portal:statement")
    page = selectors.statement_for_candidate(screening.id)
    return render(
        request,
        "portal/statement.html",
        _context(
            screening,
            page=page,
            text=typed if errors else (page.statement.text if page.statement else ""),
            errors=errors,
            limit=services.MAX_STATEMENT,
        ),
        status=422 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
@candidate_page
def questions(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """Two-way transparency (反向背调): ask HR about the position and the company."""
    errors: dict[str, str] = {}
    typed = request.POST.get("text", "")
    if request.method == "POST":
        try:
            services.ask_question(screening_id=screening.id, text=typed)
        except InvalidInput:
            errors["text"] = _("Write from 1 to %(limit)s characters.") % {
                "limit": services.MAX_QUESTION
            }
        except services.QuestionsClosed:
            messages.info(request, _("You cannot ask more questions now."))
            return redirect("portal:questions")
        else:
            messages.success(
                request, _("Your question was sent. You will be told when HR answers.")
            )
            return redirect("portal:questions")
    return render(
        request,
        "portal/questions.html",
        _context(
            screening,
            questions=selectors.questions_for_candidate(screening.id),
            can_ask=services.questions_are_open(screening.status),
            text=typed if errors else "",
            errors=errors,
            limit=services.MAX_QUESTION,
        ),
        status=422 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
@candidate_page
def survey(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """Rate the process, once, after hearing the outcome (the employer reviews it monthly)."""
    state = selectors.survey_for_candidate(screening.id)
    if state.submitted_at is not None:
        return redirect("portal:survey_thanks")
    errors: dict[str, str] = {}
    if request.method == "POST" and state.offered:
        try:
            services.submit_survey(
                screening_id=screening.id,
                responsiveness=_score(request.POST.get("responsiveness", "")),
                transparency=_score(request.POST.get("transparency", "")),
                fairness=_score(request.POST.get("fairness", "")),
                comment=request.POST.get("comment", ""),
            )
        except InvalidInput as error:
            errors = _survey_errors(error)
        except services.SurveyAlreadySubmitted:
            return redirect("portal:survey_thanks")
        except services.SurveyNotOffered:
            return redirect("portal:survey")
        else:
            return redirect("portal:survey_thanks")
    return render(
        request,
        "portal/survey.html",
        _context(
            screening,
            offered=state.offered,
            questions=_survey_questions(request, errors),
            comment=request.POST.get("comment", ""),
            errors=errors,
            scale=range(1, 6),
            limit=services.MAX_COMMENT,
        ),
        status=422 if errors else 200,
    )


@require_GET
@candidate_page
def survey_thanks(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    state = selectors.survey_for_candidate(screening.id)
    if state.submitted_at is None:
        return redirect("portal:survey")
    return render(
        request, "portal/survey_thanks.html", _context(screening, submitted_at=state.submitted_at)
    )


def _survey_questions(request: HttpRequest, errors: dict[str, str]) -> list[dict[str, object]]:
    """Each score's question, with what was chosen and any problem, to show the form again."""
    texts = {
        "responsiveness": (_("HR responsiveness"), _("Did HR answer you quickly and clearly?")),
        "transparency": (
            _("Transparency"),
            _("Were you told what was checked, why, and the result?"),
        ),
        "fairness": (_("Fairness"), _("Was the process fair to you?")),
    }
    return [
        {
            "name": name,
            "label": texts[name][0],
            "help": texts[name][1],
            "chosen": _score(request.POST.get(name, "")),
            "error": errors.get(name, ""),
        }
        for name in SCORES
    ]


def _survey_errors(error: InvalidInput) -> dict[str, str]:
    errors = {name: _("Choose from 1 to 5.") for name in SCORES if name in error.details}
    if "comment" in error.details:
        errors["comment"] = _("At most %(limit)s characters.") % {"limit": services.MAX_COMMENT}
    return errors


def _score(value: str) -> int:
    """A posted score as a number; anything else becomes 0, which the service refuses."""
    return int(value) if value.isdecimal() and len(value) == 1 else 0


def _context(screening: ScreeningView, **values: object) -> dict[str, object]:
    notice = screening.notice or {}
    return {
        "screening": screening,
        "controller_contact": notice.get("controller_contact", ""),
        **values,
    }
