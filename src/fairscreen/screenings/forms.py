"""Console forms for candidates. The service validates; these only carry the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fairscreen.privacy.models import DestructionReason


class UnechoedTextInput(forms.TextInput):
    """Never sends a submitted value back in the page.

    A re-rendered form with an ID number or phone in it would put that value into
    browser caches, proxies and screenshots; retyping it is the smaller cost.
    """

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        return super().get_context(name, None, attrs)


class CandidateForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=100)
    id_number = forms.CharField(
        label=_("Resident ID number"),
        max_length=40,
        widget=UnechoedTextInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=40,
        widget=UnechoedTextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    email = forms.CharField(label=_("Email"), max_length=254)


class DestroyKeysForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=DestructionReason.choices)
