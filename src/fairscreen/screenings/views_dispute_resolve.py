"""The analyst's resolution of a dispute: upheld, corrected or removed, with reasons.

The outcome is never a silent edit: `resolve_dispute` re-verifies a correction by the
item's schema and the source rules, rates the screening again and, if the light moved or
the decision rested on the finding, supersedes the decision so it must be taken again
with a recorded reason (the Shanghai Jinshan case), and tells both sides. The page then
says what happened. A refused post changes nothing (the service runs in one
transaction) and shows the forms as they were sent, each problem next to its field in
the reader's language, with status 422.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, InvalidInput, NotFound
from fairscreen.portal import services as portal
from fairscreen.portal.models import Dispute
from fairscreen.screenings import selectors, services
from fairscreen.screenings.policy import FINDING_RECORDERS
from fairscreen.screenings.views_dispute_forms import ResolutionForms
from fairscreen.screenings.views_disputes import (
    dispute_url,
    light_name,
    render_dispute,
    state_label,
)
from fairscreen.screenings.views_labels import finding_refusal, in_language, language

_SERVICE_PROBLEMS: dict[str, tuple[str, StrOrPromise]] = {
    "reasons": (
        "reasons",
        gettext_lazy("Write the reasons for the outcome (at most 4,000 characters)."),
    ),
    "outcome": ("outcome", gettext_lazy("Choose how the dispute ends.")),
    "correction": ("", gettext_lazy("A correction needs the corrected details.")),
    "source": ("", gettext_lazy("A correction needs the source that re-verified it.")),
}
"""`resolve_dispute`'s field problems (`InvalidInput.details`): its field, our sentence."""


@organisation_page(*FINDING_RECORDERS)
def resolve_dispute(
    request: HttpRequest, access: OrganisationAccess, dispute_id: UUID
) -> HttpResponse:
    """Posts only; a GET (e.g. the language switch after a refusal) goes to the page."""
    if request.method != "POST":
        return HttpResponseRedirect(dispute_url(access, dispute_id))
    try:
        item = selectors.dispute_item(access=access, dispute_id=dispute_id)
    except NotFound:
        raise Http404 from None
    forms = ResolutionForms.posted(request, item=item)
    if not forms.is_valid():
        return render_dispute(request, access, dispute_id, bound=forms, status=422)
    try:
        resolved = portal.resolve_dispute(
            access=access,
            dispute_id=dispute_id,
            outcome=forms.outcome,
            reasons=forms.resolution.cleaned_data["reasons"],
            correction=forms.correction_in(),
            source=forms.source_in(),
            evidence=forms.evidence_in(),
        )
    except NotFound:
        raise Http404 from None
    except portal.DisputeClosed:
        messages.error(request, _("This dispute was resolved already; nothing was changed."))
        return HttpResponseRedirect(dispute_url(access, dispute_id))
    except FairscreenError as error:
        if not _shown_at_fields(forms, error):
            messages.error(request, finding_refusal(error))
            return HttpResponseRedirect(dispute_url(access, dispute_id))
        return render_dispute(request, access, dispute_id, bound=forms, status=422)
    messages.success(request, resolved_message(resolved))
    return HttpResponseRedirect(dispute_url(access, dispute_id))


def resolved_message(resolved: Dispute) -> str:
    """What happened, in one place: the outcome, the light, the decision, the candidate."""
    parts = [
        _("Dispute resolved: %(outcome)s.")
        % {"outcome": state_label(resolved.state, resolved.outcome)},
        _("Rating %(before)s → %(after)s.")
        % {"before": light_name(resolved.light_before), "after": light_name(resolved.light_after)},
    ]
    if resolved.decision_reopened:
        parts.append(
            _("The decision was reopened: it must be taken again, with a recorded reason.")
        )
    parts.append(_("The candidate has been told the outcome and the reasons."))
    return ("" if language().startswith("zh") else " ").join(parts)


def _shown_at_fields(forms: ResolutionForms, error: FairscreenError) -> bool:
    """Each of the service's field problems next to its field, in the reader's language."""
    if isinstance(error, services.InvalidFindingInput):
        for problem in error.problems:
            forms.show_problem(problem, in_language(problem.message))
        return True
    if isinstance(error, InvalidInput) and error.code == "validation_error":
        for key in error.details:
            field, message = _SERVICE_PROBLEMS.get(key, ("", error.message))
            forms.resolution.add_error(field or None, str(message))
        return True
    return False
