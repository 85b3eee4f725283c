"""Workspace posts about findings: record one, corroborate it, retract it, an interview.

The status a finding gets is never chosen here: the services compute it from its sources
(multi-source verification), and the message after recording says where the finding
stands — an unverified one is not in the employer's report. A refused post re-renders the
workspace with each problem next to its field and nothing recorded.
"""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError, InvalidInput, NotFound
from fairscreen.domain import findings as domain
from fairscreen.domain import scope
from fairscreen.screenings import selectors, services
from fairscreen.screenings.forms_findings import (
    FindingForm,
    InterviewForm,
    RetractForm,
    SourceForm,
)
from fairscreen.screenings.models import ThirdPartyConsent
from fairscreen.screenings.policy import FINDING_RECORDERS
from fairscreen.screenings.views_checks import back_to_workspace, posted_from_the_workspace
from fairscreen.screenings.views_labels import (
    IN_REPORT,
    INTERVIEW_PROBLEMS,
    NOT_YET_IN_REPORT,
    finding_refusal,
    in_language,
    status_label,
)
from fairscreen.screenings.views_workspace import INTERVIEW_ITEM, workspace_page


@organisation_page(*FINDING_RECORDERS)
@posted_from_the_workspace
def record_finding(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, code: str
) -> HttpResponse:
    """Manual entry; the reference interview has its own structured form."""
    if code == INTERVIEW_ITEM or code not in domain.SCHEMAS or not scope.CATALOGUE.has(code):
        raise Http404
    form = FindingForm(request.POST, request.FILES, item=code, prefix=f"record-{code}")
    if form.is_valid():
        try:
            finding = services.record_finding(
                access=access,
                screening_id=screening_id,
                item_code=code,
                category=form.cleaned_data["category"],
                details=form.details(),
                source=form.source(),
                evidence=form.evidence_in(),
            )
        except NotFound:
            raise Http404 from None
        except FairscreenError as error:
            if not _shown_at_fields(form, error):
                return _refused(request, access, screening_id, error)
        else:
            messages.success(request, recorded_message(finding.status))
            return back_to_workspace(access, screening_id, f"finding-{finding.id}")
    return workspace_page(
        request, access, screening_id, bound={form.prefix or "": form}, status=422
    )


@organisation_page(*FINDING_RECORDERS)
@posted_from_the_workspace
def add_source(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, finding_id: UUID
) -> HttpResponse:
    """Corroboration: a second, independent source; the status follows by the rule."""
    item = _finding_item(access, screening_id, finding_id)
    form = SourceForm(request.POST, request.FILES, item=item, prefix=f"source-{finding_id}")
    if form.is_valid():
        try:
            finding = services.add_source(
                access=access,
                finding_id=finding_id,
                source=form.source(),
                evidence=form.evidence_in(),
            )
        except NotFound:
            raise Http404 from None
        except FairscreenError as error:
            if not _shown_at_fields(form, error):
                return _refused(request, access, screening_id, error)
        else:
            messages.success(
                request,
                _("Source added. The finding is now: %(status)s.")
                % {"status": status_label(finding.status)},
            )
            return back_to_workspace(access, screening_id, f"finding-{finding_id}")
    return workspace_page(
        request, access, screening_id, bound={form.prefix or "": form}, status=422
    )


@organisation_page(*FINDING_RECORDERS)
@posted_from_the_workspace
def retract_finding(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, finding_id: UUID
) -> HttpResponse:
    """A finding that should never have stood leaves every report at once; kept, marked."""
    _finding_item(access, screening_id, finding_id)
    form = RetractForm(request.POST, prefix=f"retract-{finding_id}")
    if form.is_valid():
        try:
            services.retract_finding(
                access=access,
                finding_id=finding_id,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except NotFound:
            raise Http404 from None
        except FairscreenError as error:
            if not _shown_at_fields(form, error):
                return _refused(request, access, screening_id, error)
        else:
            messages.success(request, _("The finding was retracted; no report shows it."))
            return back_to_workspace(access, screening_id, f"finding-{finding_id}")
    return workspace_page(
        request, access, screening_id, bound={form.prefix or "": form}, status=422
    )


@organisation_page(*FINDING_RECORDERS)
@posted_from_the_workspace
def record_interview(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID
) -> HttpResponse:
    """Concerns become unverified first-hand findings; volunteered opinions are hearsay."""
    try:
        screening = selectors.screening(access=access, screening_id=screening_id)
    except NotFound:
        raise Http404 from None
    referees = [
        (str(party.id), str(party.name))
        for party in screening.third_parties
        if party.item == INTERVIEW_ITEM and party.consent == ThirdPartyConsent.GRANTED
    ]
    form = InterviewForm(request.POST, referees=referees, prefix="interview")
    if form.is_valid():
        answered = form.answered()
        try:
            recorded = services.record_reference_interview(
                access=access,
                screening_id=screening_id,
                third_party_id=UUID(form.cleaned_data["third_party"]),
                interviewed_on=form.cleaned_data["interviewed_on"],
                answers=[answer for _code, answer in answered],
                opinion=form.cleaned_data["opinion"],
            )
        except NotFound:
            raise Http404 from None
        except FairscreenError as error:
            if not _shown_at_interview_fields(form, error, [code for code, _ in answered]):
                return _refused(request, access, screening_id, error)
        else:
            messages.success(
                request,
                _("Interview recorded: %(count)s findings, all unverified.")
                % {"count": len(recorded)}
                + " "
                + _("Opinions are filed as hearsay and never reach the employer."),
            )
            return back_to_workspace(access, screening_id, f"item-{INTERVIEW_ITEM}")
    return workspace_page(request, access, screening_id, bound={"interview": form}, status=422)


def recorded_message(status: str) -> str:
    recorded = _("Finding recorded: %(status)s.") % {"status": status_label(status)}
    if status in domain.EMPLOYER_VISIBLE:
        return f"{recorded} {IN_REPORT}"
    return f"{recorded} {NOT_YET_IN_REPORT}"


def _finding_item(access: OrganisationAccess, screening_id: UUID, finding_id: UUID) -> str:
    """The finding's item, if it is a finding of this screening of this organisation."""
    try:
        return selectors.finding_item(
            access=access, screening_id=screening_id, finding_id=finding_id
        )
    except NotFound:
        raise Http404 from None


def _refused(
    request: HttpRequest, access: OrganisationAccess, screening_id: UUID, error: FairscreenError
) -> HttpResponse:
    """A refusal about the check, not a field (e.g. consent was withdrawn meanwhile)."""
    messages.error(request, finding_refusal(error))
    return back_to_workspace(access, screening_id)


def _shown_at_fields(form: SourceForm | RetractForm, error: FairscreenError) -> bool:
    """Each of the service's field problems next to its field, in the reader's language."""
    if isinstance(error, services.InvalidFindingInput):
        for problem in error.problems:
            field = form.field_for(problem.field) if isinstance(form, SourceForm) else None
            form.add_error(field, in_language(problem.message))
        return True
    if isinstance(error, InvalidInput) and error.code == "validation_error":
        for field, message in error.details.items():
            form.add_error(field if field in form.fields else None, str(message))
        return True
    return False


def _shown_at_interview_fields(
    form: InterviewForm, error: FairscreenError, codes: list[str]
) -> bool:
    if isinstance(error, services.InvalidFindingInput):
        for problem in error.problems:
            form.add_error(None, f"{problem.field}: {in_language(problem.message)}")
        return True
    if not (isinstance(error, InvalidInput) and error.code == "validation_error"):
        return False
    for key in error.details:
        form.add_error(*_interview_field(form, key, codes))
    return True


def _interview_field(form: forms.Form, key: str, codes: list[str]) -> tuple[str | None, str]:
    """`answers[1].answer` → the field of the second answered question, with its message."""
    if key.startswith("answers[") and key.endswith("].answer"):
        number = int(key.removeprefix("answers[").removesuffix("].answer"))
        if number < len(codes):
            return f"answer_{codes[number]}", str(INTERVIEW_PROBLEMS["answer"])
    if key in INTERVIEW_PROBLEMS and key in form.fields:
        return key, str(INTERVIEW_PROBLEMS[key])
    return None, str(INTERVIEW_PROBLEMS.get(key, key))
