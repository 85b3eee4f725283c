"""The consent form: one allow/refuse choice per item, separate consents, a typed signature.

Nothing is pre-selected (PIPL Art. 14: consent is an active, specific choice, never a
default). The form only carries the input; `services.record_consent` is the one place that
decides what is missing or wrong, and its problems come back next to their fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fairscreen.portal.presentation import NoticeItemPage, NoticePage, PartyPage
from fairscreen.screenings.forms import UnechoedTextInput
from fairscreen.screenings.selectors import ScreeningView
from fairscreen.screenings.services import ConsentChoices

ALLOW = "allow"
REFUSE = "refuse"

PROBLEMS: Mapping[str, Promise] = {
    "choose to allow or refuse this check": _("Choose to allow or refuse this check."),
    "a sensitive item needs its own separate consent": _(
        "Sensitive information: to allow this check, also tick its separate consent box."
    ),
    "choose whether this party may be contacted": _("Choose whether this party may be contacted."),
    "required": _("Type your full name to sign."),
    "type your full name exactly as on your ID card": _(
        "The name does not match: type your full name exactly as on your ID card."
    ),
    "not an item of this screening": _("This choice does not belong to your screening."),
    "not a third party of this screening": _("This choice does not belong to your screening."),
}
"""The service's problems (stable English texts) in the candidate's language."""

SEPARATE_CONSENT = _(
    "I give my separate consent to this sensitive personal information (PIPL Art. 29)."
)
"""The explicit, separate consent a sensitive item needs beside its allow choice."""


def item_field(code: str) -> str:
    return f"item__{code}"


def sensitive_field(code: str) -> str:
    return f"sensitive__{code}"


def party_field(party_id: UUID | str) -> str:
    return f"party__{party_id}"


def _allow_or_refuse(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[(ALLOW, _("Allow")), (REFUSE, _("Refuse"))],
        widget=forms.RadioSelect,
        required=False,  # the service reports a missing choice, with every other problem
    )


@dataclass(frozen=True)
class PartyRow:
    party: PartyPage
    field: forms.BoundField


@dataclass(frozen=True)
class ItemRow:
    """What the template shows for one item: its choice, its separate consent, its parties."""

    code: str
    notice_item: NoticeItemPage | None
    field: forms.BoundField
    sensitive_field: forms.BoundField | None
    parties: tuple[PartyRow, ...]


class ConsentForm(forms.Form):
    signed_name = forms.CharField(
        label=_("Your full name, as on your ID card"),
        max_length=100,
        required=False,
        widget=UnechoedTextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    notice_digest = forms.CharField(max_length=80, required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        screening: ScreeningView,
        parties: tuple[PartyPage, ...],
        language: str,
    ) -> None:
        super().__init__(data, initial={"notice_digest": screening.notice_digest})
        self._screening = screening
        self._parties = parties
        for item in screening.items:
            self.fields[item_field(item.code)] = _allow_or_refuse(item.name.get(language))
            if item.sensitive:
                self.fields[sensitive_field(item.code)] = forms.BooleanField(
                    label=SEPARATE_CONSENT,
                    required=False,
                )
        for party in parties:
            self.fields[party_field(party.id)] = _allow_or_refuse(party.label or party.name)

    def item_rows(self, notice: NoticePage) -> tuple[ItemRow, ...]:
        """Each item with what the notice says about it, its choices and its parties."""
        explained = {item.code: item for item in notice.items}
        return tuple(
            ItemRow(
                code=item.code,
                notice_item=explained.get(item.code),
                field=self[item_field(item.code)],
                sensitive_field=self[sensitive_field(item.code)] if item.sensitive else None,
                parties=tuple(
                    PartyRow(party=party, field=self[party_field(party.id)])
                    for party in self._parties
                    if party.item == item.code
                ),
            )
            for item in self._screening.items
        )

    def choices(self) -> ConsentChoices:
        """What was ticked, for `record_consent`; call after `is_valid()`."""
        data = self.cleaned_data
        codes = [item.code for item in self._screening.items]
        parties = [UUID(party.id) for party in self._parties]
        return ConsentChoices(
            granted=frozenset(code for code in codes if data.get(item_field(code)) == ALLOW),
            refused=frozenset(code for code in codes if data.get(item_field(code)) == REFUSE),
            sensitive_confirmed=frozenset(
                code for code in codes if data.get(sensitive_field(code)) is True
            ),
            third_parties_granted=frozenset(
                party for party in parties if data.get(party_field(party)) == ALLOW
            ),
            third_parties_refused=frozenset(
                party for party in parties if data.get(party_field(party)) == REFUSE
            ),
        )

    def add_service_problems(self, details: Mapping[str, object]) -> None:
        """Put each of the service's problems next to its field (or above the form)."""
        for key, problem in details.items():
            field = self._field_for(key)
            message = PROBLEMS.get(str(problem), str(problem))
            self.add_error(field if field in self.fields else None, str(message))

    @staticmethod
    def _field_for(key: str) -> str:
        kind, _dot, rest = key.partition(".")
        return {
            "items": item_field(rest),
            "sensitive": sensitive_field(rest),
            "third_parties": party_field(rest),
        }.get(kind, kind)
