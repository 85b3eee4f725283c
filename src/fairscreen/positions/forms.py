"""Console forms for risk profiles, positions and the disclosure.

They only carry input: the scope core judges a profile (`scope.profile_problems`) and the
services judge everything else. Limits repeated here (lengths, ranges) only give the reader
Django's translated message next to the field before the service would refuse the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from fairscreen.domain import scope
from fairscreen.positions.templatetags.fairscreen_console import PRECONDITION_LABELS, TIER_LABELS

_TEXTAREA = {"rows": 2}


class TemplateForm(forms.Form):
    template_key = forms.ChoiceField(
        choices=[(found.key, found.key) for found in scope.TEMPLATES], widget=forms.HiddenInput
    )
    name = forms.CharField(label=_("Profile name"), max_length=120, required=False)


@dataclass(frozen=True)
class ItemRow:
    """One catalogue item in the proposal form, with its bound fields."""

    item: scope.CheckItem
    chosen: forms.BoundField
    necessity_zh: forms.BoundField
    necessity_en: forms.BoundField
    lookback: forms.BoundField
    relevance: forms.BoundField | None
    needs_approval: bool


class ProfileVersionForm(forms.Form):
    """A new version of a profile: every catalogue item may be chosen, with its reasons.

    Relevance is chosen per item; categories of items left out are not kept, because a
    finding of an item the position may not check can never exist.
    """

    tier = forms.ChoiceField(label=_("Tier"), choices=list(TIER_LABELS.items()))
    duties_zh = forms.CharField(
        label=_("Duties (Chinese)"), widget=forms.Textarea(attrs=_TEXTAREA), required=False
    )
    duties_en = forms.CharField(
        label=_("Duties (English)"), widget=forms.Textarea(attrs=_TEXTAREA), required=False
    )
    attributes = forms.MultipleChoiceField(
        label=_("What the position declares"),
        choices=[(str(key), value) for key, value in PRECONDITION_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    change_note = forms.CharField(
        label=_("What changes, and why"),
        widget=forms.Textarea(attrs=_TEXTAREA),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, approved: scope.ProfileSpec | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.approved = approved
        for item in scope.CATALOGUE.items:
            self._add_item_fields(item)

    @classmethod
    def initial_from(cls, spec: scope.ProfileSpec) -> dict[str, object]:
        """The form's starting values: the version the HR admin is changing."""
        initial: dict[str, object] = {
            "tier": str(spec.tier),
            "duties_zh": spec.duties.zh,
            "duties_en": spec.duties.en,
            "attributes": [str(attribute) for attribute in spec.attributes],
        }
        for permitted in spec.items:
            code = permitted.code
            initial[f"item_{code}"] = True
            initial[f"necessity_zh_{code}"] = permitted.necessity.zh
            initial[f"necessity_en_{code}"] = permitted.necessity.en
            initial[f"lookback_{code}"] = permitted.lookback_months
            if scope.CATALOGUE.has(code):
                categories = scope.CATALOGUE.item(code).finding_categories
                initial[f"relevance_{code}"] = [
                    category for category in categories if category in spec.relevance
                ]
        return initial

    def rows(self) -> Iterator[ItemRow]:
        approved_codes = set(self.approved.codes()) if self.approved else set()
        for item in scope.CATALOGUE.items:
            code = item.code
            yield ItemRow(
                item=item,
                chosen=self[f"item_{code}"],
                necessity_zh=self[f"necessity_zh_{code}"],
                necessity_en=self[f"necessity_en_{code}"],
                lookback=self[f"lookback_{code}"],
                relevance=self[f"relevance_{code}"] if f"relevance_{code}" in self.fields else None,
                needs_approval=item.sensitive and code not in approved_codes,
            )

    def spec_json(self) -> dict[str, object]:
        """The proposed profile as `ProfileSpec.from_json` reads it (call after is_valid)."""
        data = self.cleaned_data
        chosen = [item for item in scope.CATALOGUE.items if data.get(f"item_{item.code}")]
        return {
            "tier": data["tier"],
            "duties": {"zh": data["duties_zh"], "en": data["duties_en"]},
            "attributes": list(data["attributes"]),
            "items": [
                {
                    "code": item.code,
                    "necessity": {
                        "zh": data[f"necessity_zh_{item.code}"],
                        "en": data[f"necessity_en_{item.code}"],
                    },
                    "lookback_months": data[f"lookback_{item.code}"],
                }
                for item in chosen
            ],
            "relevance": sorted(
                category for item in chosen for category in data.get(f"relevance_{item.code}", [])
            ),
        }

    def _add_item_fields(self, item: scope.CheckItem) -> None:
        code = item.code
        self.fields[f"item_{code}"] = forms.BooleanField(required=False)
        for language, label in (("zh", _("Necessity (Chinese)")), ("en", _("Necessity (English)"))):
            self.fields[f"necessity_{language}_{code}"] = forms.CharField(
                label=label, widget=forms.Textarea(attrs=_TEXTAREA), required=False
            )
        self.fields[f"lookback_{code}"] = forms.IntegerField(
            label=_("Look-back override (months)"), required=False
        )
        categories = _countable(item)
        if categories:
            self.fields[f"relevance_{code}"] = forms.MultipleChoiceField(
                label=_("Findings that bear on the duties"),
                choices=[(category, category) for category in categories],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )


def _countable(item: scope.CheckItem) -> list[str]:
    return [
        category
        for category in item.finding_categories
        if category not in item.never_relevant_categories
    ]


class ApproveForm(forms.Form):
    impact_assessment = forms.CharField(
        label=_("Impact assessment (PIPL Art. 56: purpose, necessity, impact, safeguards)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Why the version is rejected"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class PositionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    department = forms.CharField(label=_("Department"), max_length=120, required=False)

    def __init__(self, *args: Any, profiles: Iterable[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"] = forms.ChoiceField(label=_("Risk profile"), choices=list(profiles))


def _text_area(label: StrOrPromise, *, max_length: int | None = None) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs=_TEXTAREA),
        max_length=max_length,
        required=False,
    )


class PositionDisclosureForm(forms.Form):
    """What the candidate reads about the job before consenting (企业信息告知书)."""

    team = _text_area(_("Team"))
    reporting_line = _text_area(_("Reporting line"))
    kpis = _text_area(_("KPIs"))
    working_hours = _text_area(_("Working hours"))
    overtime_practice = _text_area(_("Overtime practice"))
    promotion_mechanism = _text_area(_("Promotion mechanism"))


class OrganisationDisclosureForm(forms.Form):
    """The employer's basics and the processor's identity and contact (PIPL Art. 17)."""

    legal_name = forms.CharField(label=_("Legal name"), max_length=200, required=False)
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=18, required=False
    )
    address = forms.CharField(label=_("Registered address"), max_length=300, required=False)
    licences = _text_area(_("Licences"))
    size = forms.CharField(label=_("Size"), max_length=120, required=False)
    funding_stage = forms.CharField(label=_("Funding stage"), max_length=120, required=False)
    business = _text_area(_("Business"))
    privacy_contact = forms.CharField(
        label=_("Personal information contact"), max_length=200, required=False
    )
    report_recipients = _text_area(_("Who else receives the report (one per line)"))
    retention_months = forms.IntegerField(
        label=_("Retention period (months)"), min_value=1, max_value=120, required=False
    )
