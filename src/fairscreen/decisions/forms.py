"""Console forms for a decision: comments, the assessment, the proposal, the chain's steps.

They carry input to the services and back; the rules (which outcome needs what, who may
act, when the window closes) live in the domain and the services, which report every
problem by field or with a stable code. A form refuses here only what it needs to call a
service at all: a chosen outcome, a ticked finding, a password typed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from fairscreen.decisions.views_labels import OUTCOME_LABELS

MAX_TEXT = 4000

_TEXTAREA = {"rows": 3, "class": "field"}


def _text(
    label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )


class CommentForm(forms.Form):
    text = _text(_("Comment"))


class FindingsField(forms.MultipleChoiceField):
    """Finding ids; which of them the report holds is the service's check, not the form's:
    the form is validated on a post without reading the report a second time."""

    def valid_value(self, value: Any) -> bool:
        try:
            UUID(str(value))
        except ValueError:
            return False
        return True


class AssessmentForm(forms.Form):
    """The individualised assessment (fair-chance practice): the record weighed case by
    case — what it was, how long ago, whether it bears on these duties, what the candidate
    says — and the findings of the report it rests on."""

    findings = FindingsField(
        label=_("Findings of the report this decision rests on"),
        widget=forms.CheckboxSelectMultiple,
    )
    nature_and_gravity = _text(
        _("Nature and gravity"), help_text=_("What the record is and how serious it is.")
    )
    time_elapsed = _text(
        _("Time elapsed"), help_text=_("When it happened, and what has happened since.")
    )
    relevance_to_duties = _text(
        _("Relevance to the duties"),
        help_text=_("How it bears on the duties of this position, or why it does not."),
    )
    candidate_statement = _text(
        _("The candidate's statement"),
        help_text=_("What the candidate said about it; write that they were not asked if so."),
    )

    def offer(self, findings: Sequence[tuple[str, str]]) -> AssessmentForm:
        """The report's findings as the checkboxes (set when the page renders the form)."""
        self.fields["findings"].choices = list(findings)  # type: ignore[attr-defined]
        return self

    def finding_ids(self) -> list[UUID]:
        return [UUID(value) for value in self.cleaned_data["findings"]]


class ProposalForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(value, label) for value, label in OUTCOME_LABELS.items()],
        widget=forms.RadioSelect,
    )
    reasons = _text(
        _("Reasons"),
        help_text=_("The candidate receives these reasons in the notice, word for word."),
    )
    conditions = _text(
        _("Conditions"),
        required=False,
        help_text=_("Required when proceeding with conditions."),
    )
    deviation_reason = _text(
        _("Reason for departing from the usual outcome"),
        required=False,
        help_text=_("Required when the outcome differs from how this rule was usually decided."),
    )
    relies_on_report = forms.BooleanField(
        label=_("This decision relies on the report"),
        required=False,
        initial=True,
        help_text=_(
            "Untick only if the decision has nothing to do with the report (for example, "
            "the candidate withdrew); a decision not to proceed that relies on it needs the "
            "assessment above."
        ),
    )


class EndorseForm(forms.Form):
    comment = _text(_("Comment (optional)"), required=False)


class ReasonForm(forms.Form):
    """Returning a proposal for review, or reconsidering after the candidate's response."""

    reason = _text(_("Reason"))


class PasswordForm(forms.Form):
    """The signature's re-authentication: a person's act, never an API token's (PIPL
    Art. 24), so the signer types their own password again at the moment of signing."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
