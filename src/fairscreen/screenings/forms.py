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


class OrderStartForm(forms.Form):
    """Step one of ordering: whom to screen, for which position."""

    def __init__(
        self,
        *args: Any,
        candidates: list[tuple[str, str]],
        positions: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidate"] = forms.ChoiceField(
            label=_("Candidate"), choices=[("", "—"), *candidates]
        )
        self.fields["position"] = forms.ChoiceField(
            label=_("Position"), choices=[("", "—"), *positions]
        )


class UncheckedItemsField(forms.MultipleChoiceField):
    """Item codes as sent, not checked against the choices.

    The scope core is the one gate (`scope.check_order`): a tampered item outside the
    profile, or a protected ground, must get its own specific refusal from the service,
    not a generic "not a valid choice" from the form.
    """

    def valid_value(self, value: str) -> bool:
        return isinstance(value, str) and len(value) <= 60


THIRD_PARTY_ROWS = 3
"""Rows offered per third-party item; the service accepts up to ten in all."""


class OrderItemsForm(forms.Form):
    """Step two: the position's permitted items, and whom to ask for third-party items."""

    def __init__(
        self,
        *args: Any,
        choices: list[tuple[str, str]],
        third_party_items: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"] = UncheckedItemsField(
            label=_("Check items"),
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.third_party_items = third_party_items
        for code in third_party_items:
            for number in range(1, THIRD_PARTY_ROWS + 1):
                self.fields[f"{code}-{number}-name"] = forms.CharField(
                    label=_("Person or employer"), max_length=100, required=False
                )
                self.fields[f"{code}-{number}-contact"] = forms.CharField(
                    label=_("Contact"),
                    max_length=200,
                    required=False,
                    widget=UnechoedTextInput(attrs={"autocomplete": "off"}),
                )

    def third_party_rows(self, code: str) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"{code}-{number}-name"], self[f"{code}-{number}-contact"])
            for number in range(1, THIRD_PARTY_ROWS + 1)
        ]

    def third_parties(self) -> list[tuple[str, str, str, str]]:
        """(item, name, contact, field prefix) for each row with anything typed in it."""
        rows = []
        for code in self.third_party_items:
            for number in range(1, THIRD_PARTY_ROWS + 1):
                prefix = f"{code}-{number}"
                name = self.cleaned_data.get(f"{prefix}-name", "")
                contact = self.cleaned_data.get(f"{prefix}-contact", "")
                if name or contact:
                    rows.append((code, name, contact, prefix))
        return rows


class WithdrawalForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("I confirm the candidate withdrew consent (by phone, letter or e-mail)."),
        required=True,
    )
