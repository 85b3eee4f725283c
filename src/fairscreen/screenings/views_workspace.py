"""The analyst's workspace for one screening: each check, its runs, forms and findings.

Thin: the page reads the screening, every finding (unverified and hearsay ones included,
clearly labelled as outside the employer's report) and the connector runs through
selectors, and offers forms whose posts go to the services (`views_checks`,
`views_findings`). A refused post re-renders this page with the form as it was sent and
the problems next to their fields, having changed nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar
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
from fairscreen.domain import findings as domain
from fairscreen.screenings import selectors
from fairscreen.screenings.connectors._registry import available
from fairscreen.screenings.forms_findings import (
    FindingForm,
    InterviewForm,
    RetractForm,
    SourceForm,
)
from fairscreen.screenings.models import ItemState, ScreeningStatus, ThirdPartyConsent
from fairscreen.screenings.policy import CHECK_RUNNERS, FINDING_READERS, FINDING_RECORDERS
from fairscreen.screenings.views_checks import RUNS_IN_PROGRESS
from fairscreen.screenings.views_labels import in_language
from fairscreen.screenings.views_rows import FindingRow, finding_rows

FormT = TypeVar("FormT", bound=forms.Form)

INTERVIEW_ITEM = "reference_interview"
"""Recorded only through the structured interview, never as free-form findings."""


@dataclass(frozen=True)
class WorkspaceFinding:
    row: FindingRow
    source_form: SourceForm | None
    retract_form: RetractForm | None


@dataclass(frozen=True)
class WorkspaceItem:
    view: selectors.ItemView
    name: str
    runs: tuple[selectors.RunView, ...]
    connectors: tuple[str, ...]
    origins: tuple[tuple[str, str], ...]
    finding_form: FindingForm | None
    interview_form: InterviewForm | None
    findings: tuple[WorkspaceFinding, ...]
    can_start: bool
    recording: bool

    @property
    def runs_in_progress(self) -> bool:
        return any(run.state in RUNS_IN_PROGRESS for run in self.runs)

    @property
    def unverified(self) -> int:
        return sum(
            1 for found in self.findings if found.row.status == domain.VerificationStatus.UNVERIFIED
        )


@organisation_page(*FINDING_READERS)
def workspace(request: HttpRequest, access: OrganisationAccess, screening_id: UUID) -> HttpResponse:
    return workspace_page(request, access, screening_id)


def workspace_page(
    request: HttpRequest,
    access: OrganisationAccess,
    screening_id: UUID,
    *,
    bound: Mapping[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page; `bound` holds a refused form by its prefix, shown as it was posted."""
    try:
        screening = selectors.screening(access=access, screening_id=screening_id)
        findings = selectors.findings_for_analyst(access=access, screening_id=screening_id)
    except NotFound:
        raise Http404 from None
    rows = finding_rows(findings, screening.third_parties)
    builder = _Builder(access, screening, bound or {})
    items = [builder.item(view, rows) for view in screening.items]
    response = render(
        request,
        "screenings/workspace.html",
        page_context(
            access,
            screening=screening,
            items=items,
            can_record=builder.can_record,
            unverified=sum(item.unverified for item in items),
        ),
        status=status,
    )
    add_never_cache_headers(response)
    return response


class _Builder:
    """Builds each item's part of the page, with fresh forms or the refused one."""

    def __init__(
        self,
        access: OrganisationAccess,
        screening: selectors.ScreeningView,
        bound: Mapping[str, forms.Form],
    ) -> None:
        self.access = access
        self.screening = screening
        self.bound = bound
        self.can_record = access.has_any(FINDING_RECORDERS)
        self.can_start = access.has_any(CHECK_RUNNERS)
        self.now = timezone.localtime().replace(second=0, microsecond=0)

    def item(self, view: selectors.ItemView, rows: tuple[FindingRow, ...]) -> WorkspaceItem:
        recording = self.can_record and view.state == ItemState.RUNNING
        origins = tuple(
            (f"third_party:{party.id}", str(party.name))
            for party in self.screening.third_parties
            if party.item == view.code and party.consent == ThirdPartyConsent.GRANTED
        )
        return WorkspaceItem(
            view=view,
            name=in_language(view.name),
            runs=selectors.check_runs(
                access=self.access, screening_id=self.screening.id, code=view.code
            ),
            connectors=tuple(one.code for one in available(view.code)) if recording else (),
            origins=origins,
            finding_form=self._finding_form(view.code) if recording else None,
            interview_form=self._interview_form(origins)
            if recording and view.code == INTERVIEW_ITEM
            else None,
            findings=tuple(
                self._finding(row, recording=recording)
                for row in rows
                if row.view.item == view.code
            ),
            can_start=self.can_start
            and view.state == ItemState.CONSENTED
            and self.screening.status == ScreeningStatus.ACTIVE,
            recording=recording,
        )

    def _finding_form(self, code: str) -> FindingForm | None:
        if code == INTERVIEW_ITEM or code not in domain.SCHEMAS:
            return None
        prefix = f"record-{code}"
        return self._refused(prefix, FindingForm) or FindingForm(
            item=code, prefix=prefix, initial={"retrieved_at": self.now}
        )

    def _interview_form(self, origins: tuple[tuple[str, str], ...]) -> InterviewForm:
        referees = [(origin.removeprefix("third_party:"), label) for origin, label in origins]
        return self._refused("interview", InterviewForm) or InterviewForm(
            referees=referees, prefix="interview"
        )

    def _finding(self, row: FindingRow, *, recording: bool) -> WorkspaceFinding:
        """Corroborate only while the check runs; retract whenever it still stands."""
        if not self.can_record or row.retracted:
            return WorkspaceFinding(row=row, source_form=None, retract_form=None)
        source_prefix, retract_prefix = f"source-{row.view.id}", f"retract-{row.view.id}"
        source_form = self._refused(source_prefix, SourceForm) or SourceForm(
            item=row.view.item, prefix=source_prefix, initial={"retrieved_at": self.now}
        )
        return WorkspaceFinding(
            row=row,
            source_form=source_form if recording else None,
            retract_form=self._refused(retract_prefix, RetractForm)
            or RetractForm(prefix=retract_prefix),
        )

    def _refused(self, prefix: str, kind: type[FormT]) -> FormT | None:
        """The form posted under this prefix and refused, to show again as it was sent."""
        form = self.bound.get(prefix)
        return form if isinstance(form, kind) else None
