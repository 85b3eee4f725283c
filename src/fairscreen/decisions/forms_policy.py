"""Console forms for how the organisation decides: the chain, the clock, the calendar.

A mature employer fixes in advance who reviews and who signs (制度化决策流程), so the same
risks are handled the same way whoever is on duty. The chain is written as up to four
review steps and one signature step, each owned by a role; the service checks the rest
(2-5 steps, known roles, a response window of 5-30 working days) and says what is wrong.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.roles import Role
from fairscreen.decisions.models import FeedbackTrigger
from fairscreen.decisions.services._policy import MAX_STEPS

REVIEW_FIELDS = tuple(f"review_{number}" for number in range(1, MAX_STEPS))
"""One field per possible review step; the signature is the last step, always."""

_CHAIN_ROLES = [(role.value, role.label) for role in (Role.REVIEWER, Role.HR_ADMIN, Role.APPROVER)]


class PolicyForm(forms.Form):
    review_1 = forms.ChoiceField(label=_("Step 1: review by"), choices=_CHAIN_ROLES)
    review_2 = forms.ChoiceField(label=_("Step 2: review by"), required=False)
    review_3 = forms.ChoiceField(label=_("Step 3: review by"), required=False)
    review_4 = forms.ChoiceField(label=_("Step 4: review by"), required=False)
    sign_role = forms.ChoiceField(
        label=_("Last step: signature by"),
        choices=_CHAIN_ROLES,
        help_text=_("The signer re-enters their password; whoever proposed cannot also sign."),
    )
    feedback_trigger = forms.ChoiceField(
        label=_("The 3-working-day feedback clock starts when"),
        choices=FeedbackTrigger.choices,
        widget=forms.RadioSelect,
    )
    response_working_days = forms.IntegerField(
        label=_("Response window after a preliminary notice (working days)"),
        help_text=_("At least 5 and at most 30 working days, counted on the official calendar."),
        widget=forms.NumberInput(attrs={"min": 5, "max": 30}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        optional = [("", _("— no further review —")), *_CHAIN_ROLES]
        for name in REVIEW_FIELDS[1:]:
            self.fields[name].choices = optional  # type: ignore[attr-defined]

    def chain(self) -> list[dict[str, str]]:
        """The review steps that were chosen, in order, then the signature."""
        reviews = [self.cleaned_data[name] for name in REVIEW_FIELDS if self.cleaned_data[name]]
        return [
            *({"role": role, "kind": "review"} for role in reviews),
            {"role": self.cleaned_data["sign_role"], "kind": "sign"},
        ]

    @staticmethod
    def initial_for(chain: tuple[dict[str, str], ...]) -> dict[str, str]:
        reviews = [step["role"] for step in chain if step["kind"] == "review"]
        initial = dict(zip(REVIEW_FIELDS, reviews, strict=False))
        signs = [step["role"] for step in chain if step["kind"] == "sign"]
        if signs:
            initial["sign_role"] = signs[-1]
        return initial


class CalendarForm(forms.Form):
    text = forms.CharField(
        label=_("Working-day schedule"),
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "field schedule", "spellcheck": "false"}),
    )
