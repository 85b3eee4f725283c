"""The decision page of one screening: a person decides, on the report, along the chain.

The report is a basis for the decision, not the decision (PIPL Art. 24): the page shows
the deciders the report itself, read for the purpose "decision" (the read is recorded),
with the light *and* each finding's rule, before any form. Then how this organisation
decided the same rule for this tier before (similar risks alike), the individualised
assessment a decision not to proceed needs first (fair-chance practice), the proposal,
the chain's next step, and for a preliminary decision the notice the candidate was sent,
the response window and what the candidate answered.

Thin: selectors read, `views_turn` says whose turn it is, the posts (`views_actions`,
`views_signatures`) call the services. A refused post renders this page again through
`decision_page` with the form as it was sent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from uuid import UUID

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import NotFound
from fairscreen.decisions import selectors, selectors_pages
from fairscreen.decisions.forms import (
    AssessmentForm,
    CommentForm,
    EndorseForm,
    PasswordForm,
    ProposalForm,
    ReasonForm,
)
from fairscreen.decisions.policy import DECIDERS, DECISION_READERS
from fairscreen.decisions.views_labels import outcome_label, state_label
from fairscreen.decisions.views_rows import (
    category_label,
    consistency_rows,
    departing_outcomes,
    departure_warning,
    entry_rows,
    notice_rows,
    step_rows,
)
from fairscreen.decisions.views_turn import Turn, turn_for
from fairscreen.domain import decisions as domain
from fairscreen.domain.rating import LIGHT_LABELS, Light
from fairscreen.screenings import selectors as screening_selectors
from fairscreen.screenings.policy import REPORT_READERS, SCREENING_READERS
from fairscreen.screenings.views_labels import in_language
from fairscreen.screenings.views_report import with_dispositions
from fairscreen.screenings.views_rows import FindingRow, finding_rows

DECIDED = (
    domain.DecisionState.AWAITING_SIGNATURE,
    domain.DecisionState.PRELIMINARY,
    domain.DecisionState.FINAL,
)


@dataclass(frozen=True)
class ReportSection:
    """The employer's report as the deciders read it here, for the purpose "decision"."""

    report: screening_selectors.ReportView
    rows: tuple[FindingRow, ...]
    light_label: str


@dataclass(frozen=True)
class DecisionForms:
    """The forms the reader may use now; None where the step is not theirs."""

    comment: forms.Form | None = None
    assessment: forms.Form | None = None
    proposal: forms.Form | None = None
    endorse: forms.Form | None = None
    send_back: forms.Form | None = None
    sign: forms.Form | None = None
    finalise: forms.Form | None = None
    reconsider: forms.Form | None = None


@organisation_page(*DECISION_READERS)
def decision(request: HttpRequest, access: OrganisationAccess, screening_id: UUID) -> HttpResponse:
    return decision_page(request, access, screening_id)


def decision_page(
    request: HttpRequest,
    access: OrganisationAccess,
    screening_id: UUID,
    *,
    bound: Mapping[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page; `bound` holds a refused form by its prefix, shown as it was posted."""
    bound = bound or {}
    try:
        cover = selectors_pages.decision_cover(access=access, screening_id=screening_id)
        report = _report(access, screening_id)  # first: the rating it shows is current
        view = selectors.decision_for_screening(access=access, screening_id=screening_id)
    except NotFound:
        raise Http404 from None
    turn = turn_for(access, view)
    chosen = _chosen_outcome(view, bound)
    consistency = consistency_rows(view.histories, chosen) if view else ()
    offered = _forms(view, turn, report, bound)
    response = render(
        request,
        "decisions/decision.html",
        page_context(
            access,
            cover=cover,
            view=view,
            turn=turn,
            state_label=state_label(view.state) if view else "",
            outcome_label=outcome_label(view.outcome) if view and view.outcome else "",
            steps=step_rows(view, turn.held) if view else (),
            entries=entry_rows(view.entries) if view else (),
            consistency=consistency,
            departure=departure_warning(consistency, outcome_label(chosen) if chosen else ""),
            assessed_findings=_assessed_findings(view, report),
            departing=departing_outcomes(view.histories) if view else (),
            notices=notice_rows(view.notices) if view else (),
            report=report,
            can_open_report=access.has_any(REPORT_READERS),
            can_see_screening=access.has_any(SCREENING_READERS),
            forms=offered,
            refusals=_unshown_refusals(bound, offered),
            viewed_at=timezone.now(),
        ),
        status=status,
    )
    add_never_cache_headers(response)
    return response


def _report(access: OrganisationAccess, screening_id: UUID) -> ReportSection | None:
    """The report for those who decide; others (DPO, auditor) do not read it here."""
    if not access.has_any(DECIDERS & REPORT_READERS):
        return None
    found = screening_selectors.employer_report(
        access=access,
        screening_id=screening_id,
        purpose=screening_selectors.ReportPurpose.DECISION,
    )
    rating = found.rating
    rows = with_dispositions(finding_rows(found.findings, found.screening.third_parties), rating)
    return ReportSection(
        report=found,
        rows=tuple(_named(row) for row in rows),
        light_label=in_language(LIGHT_LABELS[Light(rating.light)]) if rating else "",
    )


def _unshown_refusals(bound: Mapping[str, forms.Form], offered: DecisionForms) -> list[str]:
    """The problems of a refused form the page does not offer (any more): a step that is
    someone else's, a state that moved on. They are shown at the top instead of vanishing."""
    shown = {id(form) for form in vars(offered).values() if form is not None}
    return [
        str(message)
        for form in bound.values()
        if id(form) not in shown
        for messages in form.errors.values()
        for message in messages
    ]


def _named(row: FindingRow) -> FindingRow:
    """The finding's category by its plain name, as deciders read it, not by its code."""
    category = row.view.category
    return replace(row, category=category_label(category)) if isinstance(category, str) else row


def _assessed_findings(
    view: selectors.DecisionView | None, report: ReportSection | None
) -> tuple[str, ...]:
    """The findings the assessment names, by what they are (ids mean nothing to a reader)."""
    if view is None or view.assessment is None:
        return ()
    names = {str(row.view.id): _finding_choice(row) for row in (report.rows if report else ())}
    return tuple(names.get(finding, finding) for finding in view.assessment.findings)


def _finding_choice(row: FindingRow) -> str:
    return f"{row.item_name} · {row.category}"


def _chosen_outcome(view: selectors.DecisionView | None, bound: Mapping[str, forms.Form]) -> str:
    """The outcome the consistency panel compares with: as posted, or as proposed."""
    posted = bound.get("proposal")
    if posted is not None:
        return str(posted.data.get("proposal-outcome", ""))
    if view is not None and view.state in DECIDED:
        return view.outcome
    return ""


def _forms(
    view: selectors.DecisionView | None,
    turn: Turn,
    report: ReportSection | None,
    bound: Mapping[str, forms.Form],
) -> DecisionForms:
    if view is None:
        return DecisionForms()
    findings = [(str(row.view.id), _finding_choice(row)) for row in (report.rows if report else ())]
    posted_assessment = bound.get("assessment")
    if isinstance(posted_assessment, AssessmentForm):
        posted_assessment.offer(findings)

    def offered(prefix: str, allowed: bool, make: Callable[[], forms.Form]) -> forms.Form | None:
        if not allowed:
            return None
        return bound.get(prefix) or make()

    return DecisionForms(
        comment=offered("comment", turn.can_comment, lambda: CommentForm(prefix="comment")),
        assessment=offered(
            "assessment",
            turn.can_propose,
            lambda: AssessmentForm(prefix="assessment").offer(findings),
        ),
        proposal=offered("proposal", turn.can_propose, lambda: _fresh_proposal(view)),
        endorse=offered("endorse", turn.can_endorse, lambda: EndorseForm(prefix="endorse")),
        send_back=offered("return", turn.can_return, lambda: ReasonForm(prefix="return")),
        sign=offered("sign", turn.can_sign, lambda: PasswordForm(prefix="sign")),
        finalise=offered(
            "finalise", turn.can_close_window, lambda: PasswordForm(prefix="finalise")
        ),
        reconsider=offered(
            "reconsider", turn.can_close_window, lambda: ReasonForm(prefix="reconsider")
        ),
    )


def _fresh_proposal(view: selectors.DecisionView) -> ProposalForm:
    """After a return or a reconsideration, the earlier proposal to revise, not retype."""
    earlier = {
        name: value
        for name, value in (
            ("reasons", view.reasons),
            ("conditions", view.conditions),
            ("deviation_reason", view.deviation_reason),
        )
        if isinstance(value, str) and value
    }
    if view.outcome:
        earlier["outcome"] = view.outcome
    return ProposalForm(prefix="proposal", initial={"relies_on_report": True, **earlier})
