"""The candidate's pages: invitation link, disclosure, notice, consent, status, withdrawal.

Thin: resolve the portal session, call a selector or a service, render or redirect. The
order is the law's (PIPL Art. 14, 17): the company disclosure and the full notice come
before the consent form, which cannot be reached without them. Every write is a POST
followed by a redirect, and no address ever carries a personal value: the screening is
found through the session, never through the URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fairscreen.core.errors import Conflict, InvalidInput
from fairscreen.portal import presentation, session
from fairscreen.portal.forms import ConsentForm
from fairscreen.portal.pages import candidate_page
from fairscreen.portal.views_access import offer_return_link
from fairscreen.portal.views_status import status_context
from fairscreen.screenings import services
from fairscreen.screenings.models import ItemState, ScreeningStatus
from fairscreen.screenings.selectors import ScreeningView
from fairscreen.screenings.services import InvitationRefused

AWAITING_CONSENT, ACTIVE, WITHDRAWN = (
    ScreeningStatus.AWAITING_CONSENT,
    ScreeningStatus.ACTIVE,
    ScreeningStatus.WITHDRAWN,
)
NOTICE_CHANGED = "notice_changed"


@never_cache
@require_GET
def open_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Use the single-use link, then leave its address at once: the token stays nowhere."""
    try:
        screening = services.open_invitation(token=token)
    except InvitationRefused:
        return render(request, "portal/link_refused.html", status=410)
    session.open_portal_session(request, screening_id=screening.id)
    return redirect("portal:home")


@require_GET
@candidate_page
def home(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """The next step while consent is awaited; afterwards, where the screening stands."""
    if screening.status == AWAITING_CONSENT:
        return redirect(_next_step(request, screening))
    return _status(request, screening, just_signed=False)


@require_http_methods(["GET", "POST"])
@candidate_page
def disclosure(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """Step 1: the company disclosure (企业信息告知书), read before anything is asked."""
    if request.method == "POST":
        if screening.status == AWAITING_CONSENT:
            session.mark_disclosure_seen(request, screening_id=screening.id)
            return redirect("portal:notice")
        return redirect("portal:home")
    return render(
        request,
        "portal/disclosure.html",
        _context(
            screening,
            step=1,
            disclosure=presentation.disclosure_page(screening),
            can_continue=screening.status == AWAITING_CONSENT,
        ),
    )


@require_http_methods(["GET", "POST"])
@candidate_page
def notice(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """Step 2: the notice (PIPL Art. 17, 30); continuing marks this exact version as read."""
    awaiting = screening.status == AWAITING_CONSENT
    if awaiting and not session.disclosure_seen(request, screening_id=screening.id):
        return redirect("portal:disclosure")
    if request.method == "POST":
        if not awaiting:
            return redirect("portal:home")
        if request.POST.get("notice_digest") != screening.notice_digest:
            messages.info(request, _("The notice was updated. Please read this version."))
            return redirect("portal:notice")
        session.mark_notice_seen(request, notice_digest=screening.notice_digest)
        return redirect("portal:consent")
    return render(
        request,
        "portal/notice.html",
        _context(
            screening,
            step=2,
            notice=presentation.notice_page(screening, language=_language()),
            can_continue=awaiting,
        ),
    )


@require_http_methods(["GET", "POST"])
@candidate_page
def consent(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """Step 3: choose per item, consent separately, sign with the typed name."""
    if screening.status != AWAITING_CONSENT:
        return redirect("portal:home")  # a refused item is never offered again
    step = _next_step(request, screening)
    if step != "portal:consent":
        return redirect(step)
    language = _language()
    form = ConsentForm(
        request.POST if request.method == "POST" else None,
        screening=screening,
        parties=presentation.party_pages(screening, language=language),
        language=language,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(
                screening_id=screening.id,
                choices=form.choices(),
                signed_name=form.cleaned_data["signed_name"],
                notice_digest=form.cleaned_data["notice_digest"],
                language=language,
            )
        except Conflict as error:  # the notice changed, or consent was already decided
            if error.code == NOTICE_CHANGED:
                messages.info(request, _("The notice was updated. Please read this version."))
                return redirect("portal:notice")
            return redirect("portal:home")
        except InvalidInput as error:
            form.add_service_problems(error.details)
        else:
            return redirect("portal:confirmation")
    notice_page = presentation.notice_page(screening, language=language)
    return render(
        request,
        "portal/consent.html",
        _context(
            screening, step=3, form=form, rows=form.item_rows(notice_page), notice=notice_page
        ),
        status=422 if form.errors else 200,
    )


@require_GET
@candidate_page
def confirmation(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """What was just signed: each choice, the time, and the digest of the notice."""
    if screening.status == AWAITING_CONSENT:
        return redirect("portal:home")
    offer_return_link(request, screening)  # once: the way back in after the invitation
    return _status(request, screening, just_signed=True)


@require_POST
@candidate_page
def withdraw(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """One click, at any time (PIPL Art. 15): every pending check stops at once."""
    try:
        services.withdraw_consent(
            screening_id=screening.id, actor=f"candidate:{screening.candidate_id}"
        )
    except Conflict:  # declined or already withdrawn: nothing is left to withdraw
        return redirect("portal:home")
    return redirect("portal:withdrawn")


@require_GET
@candidate_page
def withdrawn(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """The result of the withdrawal: which checks stopped, and that nothing more will run."""
    if screening.status != WITHDRAWN:
        return redirect("portal:home")
    rows = presentation.decision_rows(screening, language=_language())
    return render(
        request,
        "portal/withdrawn.html",
        _context(
            screening,
            stopped=[row for row in rows if row.state == ItemState.STOPPED],
            finished=[row for row in rows if row.state == ItemState.COMPLETED],
        ),
    )


def _status(request: HttpRequest, screening: ScreeningView, *, just_signed: bool) -> HttpResponse:
    rows = presentation.decision_rows(screening, language=_language())
    return render(
        request,
        "portal/status.html",
        _context(
            screening,
            just_signed=just_signed,
            rows=rows,
            can_withdraw=screening.status == ACTIVE,
            **status_context(screening, rows),  # estimates, the employer, the way back in
        ),
    )


def _next_step(request: HttpRequest, screening: ScreeningView) -> str:
    if not session.disclosure_seen(request, screening_id=screening.id):
        return "portal:disclosure"
    if not session.notice_seen(request, notice_digest=screening.notice_digest):
        return "portal:notice"
    return "portal:consent"


def _context(
    screening: ScreeningView, *, step: int | None = None, **values: object
) -> dict[str, object]:
    notice = screening.notice or {}
    return {
        "screening": screening,
        "awaiting": screening.status == AWAITING_CONSENT,
        "step": step if screening.status == AWAITING_CONSENT else None,
        "controller_name": notice.get("controller_name", ""),
        "controller_contact": notice.get("controller_contact", ""),
        **values,
    }


def _language() -> str:
    return get_language() or "zh-hans"
