"""Coming back to the portal: the personal link, the one-time code, leaving again.

The link's address is left at once (like the invitation's): the session keeps only the
link's id, which opens nothing until the right code is entered. Refusals say what to do
next and no more — an unknown, expired or revoked link all read "ask for a new one", so
the page tells nobody which links exist. No address carries a personal value.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from fairscreen.notifications.messages import Language
from fairscreen.portal import services, session
from fairscreen.portal.pages import candidate_page
from fairscreen.portal.services import CodeOutcome
from fairscreen.portal.views_forms import CodeForm
from fairscreen.screenings.selectors import ScreeningView

REFUSED_TEMPLATE = "portal/access_refused.html"


@never_cache
@require_GET
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail: remember which link it was, then leave its address."""
    access_id = services.open_access_link(token=token)
    if access_id is None:  # the token stays nowhere either: not in the page, not in a log
        return redirect("portal:access_refused")
    session.remember_pending_access(request, access_id=access_id)
    return redirect("portal:access")


@never_cache
@require_GET
def refused(request: HttpRequest) -> HttpResponse:
    """One page for unknown, expired, replaced and revoked links alike."""
    return render(request, REFUSED_TEMPLATE, status=410)


@never_cache
@require_GET
def access(request: HttpRequest) -> HttpResponse:
    """Step 1: have a code sent; step 2: enter it."""
    if session.pending_access(request) is None:
        return render(request, "portal/no_session.html", status=403)
    return _access_page(request, CodeForm())


@never_cache
@require_POST
def send_code(request: HttpRequest) -> HttpResponse:
    access_id = session.pending_access(request)
    if access_id is None:
        return render(request, "portal/no_session.html", status=403)
    try:
        sent = services.send_access_code(access_id=access_id, language=Language.active())
    except services.AccessLinkRefused:
        session.forget_pending_access(request)
        return render(request, REFUSED_TEMPLATE, status=410)
    except services.CodeRequestedTooSoon as error:
        seconds = int(error.details.get("retry_after_seconds", 60))
        messages.info(
            request,
            ngettext(
                "A code was sent moments ago. You can ask for a new one in %(seconds)d second.",
                "A code was sent moments ago. You can ask for a new one in %(seconds)d seconds.",
                seconds,
            )
            % {"seconds": seconds},
        )
        return redirect("portal:access")
    until = timezone.localtime(sent.expires_at).strftime("%H:%M")
    if "sms" in sent.channels:
        text = _(
            "We sent a 6-digit code to your e-mail and your mobile phone. It works until %(time)s."
        )
    else:
        text = _("We sent a 6-digit code to your e-mail. It works until %(time)s.")
    messages.success(request, text % {"time": until})
    return redirect("portal:access")


@never_cache
@require_POST
def verify_code(request: HttpRequest) -> HttpResponse:
    """The right code opens the portal for the link's screening; anything else says why."""
    access_id = session.pending_access(request)
    if access_id is None:
        return render(request, "portal/no_session.html", status=403)
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _access_page(request, form, status=422)
    check = services.verify_access_code(access_id=access_id, code=form.cleaned_data["code"])
    if check.outcome is CodeOutcome.OPENED and check.screening_id is not None:
        session.open_portal_session(request, screening_id=check.screening_id)
        return redirect("portal:home")
    if check.outcome is CodeOutcome.LINK_REFUSED:
        session.forget_pending_access(request)
        return render(request, REFUSED_TEMPLATE, status=410)
    form.add_error("code", _code_problem(check))
    return _access_page(request, form, status=422)


@require_POST
@candidate_page
def renew_link(request: HttpRequest, screening: ScreeningView) -> HttpResponse:
    """From inside the portal: e-mail me a fresh link (the old one stops working)."""
    try:
        services.request_new_portal_link(screening_id=screening.id)
    except services.AccessLinkRequestedTooSoon:
        messages.info(
            request, _("A link was e-mailed to you a few minutes ago: please look in your inbox.")
        )
    except services.PortalNotOpen:
        pass
    else:
        messages.success(
            request, _("We e-mailed you a new personal link. The earlier one no longer works.")
        )
    return redirect("portal:home")


@never_cache
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    """Sign out: a phone may be shared; the portal shows a report and notices."""
    session.end_portal_session(request)
    session.forget_pending_access(request)
    return redirect("portal:left")


@never_cache
@require_GET
def left(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/left.html")


def offer_return_link(request: HttpRequest, screening: ScreeningView) -> None:
    """After consent, e-mail the way back in once (see `services.offer_portal_access`)."""
    if services.offer_portal_access(screening_id=screening.id):
        messages.info(
            request,
            _(
                "We e-mailed you a personal link to come back to this page at any time: to see "
                "your checks, read your report and any notice, and object to anything wrong."
            ),
        )


def _access_page(request: HttpRequest, form: CodeForm, *, status: int = 200) -> HttpResponse:
    return render(request, "portal/access.html", {"form": form}, status=status)


def _code_problem(check: services.CodeCheck) -> str:
    if check.outcome is CodeOutcome.WRONG:
        return ngettext(
            "This code is not right. You can try %(left)d more time.",
            "This code is not right. You can try %(left)d more times.",
            check.attempts_left,
        ) % {"left": check.attempts_left}
    if check.outcome is CodeOutcome.LOCKED:
        return _("Too many wrong attempts: this code no longer works. Ask for a new code.")
    if check.outcome is CodeOutcome.EXPIRED:
        return _("This code has expired: codes work for 10 minutes. Ask for a new code.")
    return _(
        "There is no code to check: it was used already, or a newer one replaced it. "
        "Ask for a new code."
    )
