"""The forms of a dispute's resolution: the outcome with reasons, the correction, the source.

They reuse the workspace's finding forms, so a correction meets exactly the rules a new
finding meets (the item's schema, its categories, the source rules): `CorrectionForm` is
the manual-entry form without its source part, pre-filled with the finding as it reads
now, and the re-verifying source is the workspace's `SourceForm`. Which parts count
depends on the outcome: a correction needs both (PIPL Art. 46: corrected, and re-verified
— not just edited), upholding may add a fresh source, removing needs neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from fairscreen.domain import findings as domain
from fairscreen.portal.models import DisputeOutcome
from fairscreen.portal.services import Correction
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.forms_findings import FindingForm, SourceForm
from fairscreen.screenings.services import EvidenceIn
from fairscreen.screenings.views_labels import in_language

MAX_REASONS = 4000
"""As `portal.services.resolve_dispute` allows; checked here too, to say it at the field."""

_SOURCE_FIELDS = ("kind", "authority", "origin", "reference", "retrieved_at", "statement")
_EVIDENCE = "evidence"

OUTCOME_CHOICES: tuple[tuple[str, StrOrPromise, StrOrPromise], ...] = (
    (
        DisputeOutcome.UPHELD,
        _("Uphold: the finding stands as recorded"),
        _("The re-check confirmed it. You may add the source you checked again."),
    ),
    (
        DisputeOutcome.CORRECTED,
        _("Correct: the finding is changed and re-verified"),
        _("Enter the details as they should read and the source that verifies them."),
    ),
    (
        DisputeOutcome.REMOVED,
        _("Remove: the finding leaves the report"),
        _("It should never have been recorded (e.g. a namesake); it stays on file, marked."),
    ),
)


class ResolutionForm(forms.Form):
    """How the dispute ends and why: the candidate is told both."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(value, label) for value, label, _help in OUTCOME_CHOICES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the dispute ends.")},
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=MAX_REASONS,
        help_text=_(
            "What you re-checked and what it showed. The candidate receives these reasons "
            "with the outcome."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_REASONS}),
        error_messages={
            "required": _("Write the reasons for the outcome."),
            "max_length": _("At most 4,000 characters."),
        },
    )

    def outcome_choices(self) -> list[tuple[Any, StrOrPromise]]:
        """Each radio button with the sentence that says what choosing it does."""
        helps = {value: help_text for value, _label, help_text in OUTCOME_CHOICES}
        return [(choice, helps[choice.data["value"]]) for choice in self["outcome"]]


class CorrectionForm(FindingForm):
    """The finding as it should read: the item's category and schema fields only.

    Categories are offered by their plain names (CONTEXT.md: results in clear language),
    the codes staying the values that are posted.
    """

    def __init__(self, *args: Any, item: str, **kwargs: Any) -> None:
        super().__init__(*args, item=item, **kwargs)
        for name in (*_SOURCE_FIELDS, _EVIDENCE):
            del self.fields[name]
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)  # noqa: S101 - built so by FindingForm
        offered = cast("list[tuple[str, StrOrPromise]]", category.choices)
        category.choices = [
            (code, in_language(domain.category_label(code)) if code else label)
            for code, label in offered
        ]

    def correction(self) -> Correction:
        return Correction(category=self.cleaned_data["category"], details=self.details())


class ReverifyingSourceForm(SourceForm):
    """The source checked again; optional when upholding, so it may be left blank."""

    def is_filled_in(self) -> bool:
        """Whether the analyst entered anything of a source (the kind is always chosen)."""
        typed = ("authority", "origin", "reference", "statement")
        if any((self.data.get(self.add_prefix(name)) or "").strip() for name in typed):
            return True
        return bool(self.files.get(self.add_prefix(_EVIDENCE)))


@dataclass(frozen=True)
class ResolutionForms:
    """The three forms posted together; the page shows them again as they were sent."""

    resolution: ResolutionForm
    correction: CorrectionForm
    source: ReverifyingSourceForm

    @classmethod
    def fresh(cls, *, item: str, category: str, details: dict[str, str]) -> ResolutionForms:
        """Empty forms, the correction pre-filled with the finding as it reads now."""
        initial = {"category": category, **{f"detail_{k}": v for k, v in details.items()}}
        now = timezone.localtime().replace(second=0, microsecond=0)
        return cls(
            resolution=ResolutionForm(prefix="resolution"),
            correction=_correction_form(item, initial=initial),
            source=ReverifyingSourceForm(item=item, prefix="source", initial={"retrieved_at": now}),
        )

    @classmethod
    def posted(cls, request: HttpRequest, *, item: str) -> ResolutionForms:
        return cls(
            resolution=ResolutionForm(request.POST, prefix="resolution"),
            correction=_correction_form(item, data=request.POST),
            source=ReverifyingSourceForm(request.POST, request.FILES, item=item, prefix="source"),
        )

    @property
    def outcome(self) -> str:
        return str(self.resolution.cleaned_data.get("outcome") or "")

    def is_valid(self) -> bool:
        """Each part that the chosen outcome needs, validated (all of them, to show all)."""
        valid = self.resolution.is_valid()
        if self.outcome == DisputeOutcome.CORRECTED:
            valid = self.correction.is_valid() & valid
        if self.needs_source:
            valid = self.source.is_valid() & valid
        return valid

    @property
    def needs_source(self) -> bool:
        if self.outcome == DisputeOutcome.CORRECTED:
            return True
        return self.outcome == DisputeOutcome.UPHELD and self.source.is_filled_in()

    def source_in(self) -> SourceIn | None:
        return self.source.source() if self.needs_source else None

    def evidence_in(self) -> EvidenceIn | None:
        return self.source.evidence_in() if self.needs_source else None

    def correction_in(self) -> Correction | None:
        if self.outcome != DisputeOutcome.CORRECTED:
            return None
        return self.correction.correction()

    def show_problem(self, problem: domain.FieldProblem, message: str) -> None:
        """A service's problem next to the field it names, in whichever part has it."""
        field = self.correction.field_for(problem.field)
        if field is not None and field in self.correction.fields:
            self.correction.add_error(field, message)
            return
        field = self.source.field_for(problem.field)
        if field is not None:
            self.source.add_error(field, message)
            return
        self.resolution.add_error(None, f"{problem.field}: {message}")


def _correction_form(item: str, **kwargs: Any) -> CorrectionForm:
    return CorrectionForm(item=item, prefix="correction", **kwargs)
