"""What the console shows for profiles and refusals, in the reader's language.

Services raise errors with a stable `code` and an English message (they end up in logs and
API responses); the console maps the code once, here, to a translated sentence, falling
back to the service's own message for a code it does not know yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from fairscreen.core.errors import FairscreenError, InvalidInput
from fairscreen.domain import scope


@dataclass(frozen=True)
class ProfileItemRow:
    """One permitted item of a profile version as the console lists it."""

    item: scope.CheckItem
    necessity: scope.Text
    lookback_months: int | None  # None: no time limit
    overridden: bool
    relevance: tuple[str, ...]


def item_rows(spec: scope.ProfileSpec) -> list[ProfileItemRow]:
    return [
        ProfileItemRow(
            item=scope.CATALOGUE.item(permitted.code),
            necessity=permitted.necessity,
            lookback_months=scope.effective_lookback_months(spec, permitted.code),
            overridden=permitted.lookback_months is not None,
            relevance=tuple(
                category
                for category in scope.CATALOGUE.item(permitted.code).finding_categories
                if category in spec.relevance
            ),
        )
        for permitted in spec.items
        if scope.CATALOGUE.has(permitted.code)
    ]


_REFUSALS: Mapping[str, StrOrPromise] = {
    "profile_name_taken": _("A profile with this name already exists."),
    "profile_version_pending": _("A version of this profile is already awaiting approval."),
    "profile_version_not_pending": _("This version is not awaiting approval any more."),
    "unknown_template": _("There is no built-in template with this key."),
    "item_not_in_profile": _("“%(item)s” is not permitted by the position's risk profile."),
    "protected_ground": _("“%(item)s” is a protected ground and can never be checked."),
    "unknown_check_item": _("There is no check item “%(item)s” in the catalogue."),
    "empty_order": _("Choose at least one check item."),
    "profile_not_approved": _("The position's risk profile has no approved version yet."),
    "candidate_destroyed": _("This candidate's data was destroyed."),
    "notice_incomplete": _(
        "No consent notice can be issued until these are filled in: %(missing)s."
    ),
    "screening_not_awaiting_consent": _("This screening is no longer awaiting consent."),
    "consent_closed": _("There is no consent left to withdraw for this screening."),
    "item_not_ordered": _("“%(item)s” was not ordered for this screening."),
    "forbidden": _("Your roles do not allow this."),
}

FIELD_PROBLEMS: Mapping[str, StrOrPromise] = {
    "impact_assessment": _(
        "At least 40 characters: purpose, necessity, impact and safeguards (PIPL Art. 56)."
    ),
    "retention_months": _("From 1 to 120 months."),
}
"""Service details that name a field, as the reader sees them next to it."""

NOTICE_FIELDS: Mapping[str, StrOrPromise] = {
    "controller_name": _("Legal name"),
    "controller_contact": _("Personal information contact"),
    "retention_months": _("Retention period (months)"),
    "recipients": _("Who receives the report"),
}
"""The notice's parts that come from the company disclosure (`Notice.missing_fields`)."""

GATE_REASONS: Mapping[str, StrOrPromise] = {
    "not_in_ordered_profile": _("it is not in the profile version the screening was ordered under"),
    "removed_from_profile": _("the position's risk profile no longer permits it"),
    "not_consented": _("the candidate has not consented to it"),
    "sensitive_consent_missing": _("the separate consent for a sensitive item is missing"),
    "withdrawn_or_stopped": _("consent was withdrawn or the check was stopped"),
    "refused": _("the candidate refused it"),
    "already_running": _("it is already running"),
    "already_completed": _("it is already completed"),
}
"""Why the gate refused a check (`scope.NOT_RUNNABLE_REASONS`), as the analyst reads it."""


def refusal_message(error: FairscreenError) -> str:
    """The reader's sentence for a service refusal; the service's message if unmapped."""
    item = str(error.details.get("item", ""))
    if error.code == "check_not_runnable":
        reason = GATE_REASONS.get(str(error.details.get("reason")), error.message)
        return str(_("“%(item)s” may not start: %(reason)s.")) % {
            "item": item_name(item),
            "reason": reason,
        }
    template = _REFUSALS.get(error.code)
    if template is None:
        return error.message
    missing = ", ".join(
        str(NOTICE_FIELDS.get(str(field), field)) for field in error.details.get("missing", ())
    )
    return str(template) % {"item": item_name(item), "missing": missing}


def add_service_error(form: forms.Form, error: FairscreenError) -> None:
    """A service refusal next to its field when it names one, else above the form."""
    if isinstance(error, InvalidInput) and error.code == "validation_error" and error.details:
        for field, problem in error.details.items():
            message = str(FIELD_PROBLEMS.get(field, problem))
            form.add_error(field if field in form.fields else None, message)
        return
    form.add_error(None, refusal_message(error))


def item_name(code: str) -> str:
    """A catalogue item's or a protected ground's name; any other text as it was sent."""
    language = get_language() or "zh-hans"
    if scope.CATALOGUE.has(code):
        return scope.CATALOGUE.item(code).name.get(language)
    if code in scope.PROTECTED_GROUND_LABELS:
        return scope.PROTECTED_GROUND_LABELS[code].get(language)
    return code[:60]
