"""What the decision pages call things, and the services' refusals in the reader's language.

The services raise errors with a stable code and an English message (they reach logs and
the API); the pages map each code once, here, to a translated sentence, so a refused
signature or an early finalisation is explained in Chinese to a Chinese reader. A code
this module does not know yet falls back to the service's own message.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from fairscreen.accounts.roles import Role
from fairscreen.core.errors import FairscreenError
from fairscreen.decisions.models import EntryKind, NoticeKind

STATE_LABELS: Mapping[str, StrOrPromise] = {
    "in_review": _("In review"),
    "awaiting_signature": _("Awaiting signature"),
    "preliminary": _("Preliminary: the candidate may respond"),
    "final": _("Final"),
    "superseded": _("Superseded: to be taken again"),
}

OUTCOME_LABELS: Mapping[str, StrOrPromise] = {
    "proceed": _("Proceed"),
    "proceed_with_conditions": _("Proceed with conditions"),
    "do_not_proceed": _("Do not proceed"),
}

STAGE_LABELS: Mapping[str, StrOrPromise] = {
    "on_time": _("On time"),
    "remind": _("Reminder due"),
    "due_today": _("Due today"),
    "overdue": _("Overdue"),
    "calendar_missing": _("Calendar missing"),
}

STEP_KIND_LABELS: Mapping[str, StrOrPromise] = {
    "review": _("Review"),
    "sign": _("Signature"),
}

_REFUSALS: Mapping[str, StrOrPromise] = {
    "illegal_transition": _("This step is not possible in the decision's current state."),
    "dispute_open": _(
        "The candidate disputes the report: decisions wait until the dispute is resolved."
    ),
    "report_not_usable": _(
        "The report has expired or is incomplete (checks still running, or consent withdrawn); "
        "it cannot back this decision."
    ),
    "outcome_required": _("Choose an outcome."),
    "assessment_required": _(
        "A decision not to proceed that relies on the report needs an individualised "
        "assessment first: write it above, then propose."
    ),
    "deviation_reason_required": _(
        "This differs from how the organisation usually decided the same rule for this tier: "
        "give the reason for departing."
    ),
    "response_window_open": _(
        "The candidate's response window has not closed yet: the decision can be made final "
        "only after the last day of the window."
    ),
    "reauthentication_failed": _("That is not your password. Re-enter your own password."),
    "calendar_not_available": _(
        "The working-day calendar for %(year)s is not loaded: an HR admin must load the "
        "official schedule before a response deadline can be set."
    ),
    "forbidden": _("Your roles do not allow this."),
}

_MESSAGES: Mapping[str, StrOrPromise] = {
    "This decision is closed.": _("This decision is closed."),
    "This step is a signature, not a review.": _("This step is a signature, not a review."),
    "The chain's review steps have not all agreed yet.": _(
        "The chain's review steps have not all agreed yet."
    ),
    "The assessment is written while the decision is in review.": _(
        "The assessment is written while the decision is in review."
    ),
    "Whoever proposed a decision cannot also sign it.": _(
        "Whoever proposed a decision cannot also sign it: another person signs."
    ),
    "Only a person can sign a decision, not an API token.": _(
        "Only a person can sign a decision, not an API token."
    ),
    "There is no preliminary notice to respond to.": _(
        "There is no preliminary notice to respond to."
    ),
}
"""Refusals that share the generic `conflict`/`forbidden` codes, known by their message."""

FIELD_PROBLEMS: Mapping[str, StrOrPromise] = {
    "1-4000 characters": _("Write from 1 to 4,000 characters."),
    "at most 4000 characters": _("At most 4,000 characters."),
    "write at least 10 characters: this is the individual assessment": _(
        "Write at least 10 characters: this is the individual assessment of this candidate."
    ),
    "name the findings of the report this decision rests on": _(
        "Tick the findings of the report this decision rests on."
    ),
    "only findings of the employer's report (verified ones) may be named": _(
        "Only findings of the employer's report (verified ones) may be named."
    ),
    "finding ids must be UUIDs": _("Tick findings of the report."),
    "2-5 steps: at least one review, then one signature": _(
        "From 2 to 5 steps: at least one review, then one signature."
    ),
    "5-30 working days": _("From 5 to 30 working days."),
    "must be review": _("Every step before the last is a review."),
    "must be sign": _("The last step is the signature."),
}
"""The services' field problems (`InvalidInput.details`) as the reader sees them."""

SCHEDULE_PROBLEMS: Mapping[str, StrOrPromise] = {
    "bad_date": _("not a date (write YYYY-MM-DD)"),
    "bad_range": _("not a date range (write YYYY-MM-DD..YYYY-MM-DD, the first date first)"),
    "bad_text": _("the text has a control character or a space at its start or end"),
    "bad_year": _("not a year this calendar can hold"),
    "conflicting_date": _("this date is both a holiday and a workday"),
    "date_outside_year": _("this date is outside the years declared by a year line"),
    "duplicate_date": _("this date is listed twice"),
    "duplicate_year": _("this year is declared twice"),
    "empty_calendar": _("the calendar would be empty"),
    "empty_schedule": _("the text holds no schedule"),
    "missing_date": _("a date is missing"),
    "missing_note": _("a note is required (closures and open days are audited)"),
    "missing_source": _("name the official notice after the year"),
    "range_crosses_year": _("a range must stay inside one year"),
    "range_too_long": _("a range is at most 31 days"),
    "text_too_long": _("the text is too long"),
    "undeclared_year": _("declare the year first with a year line"),
    "unknown_keyword": _("unknown keyword (year, holiday, workday, closed, open)"),
    "workday_not_on_weekend": _("an adjusted workday (调休上班) is always a Saturday or Sunday"),
    "year_without_holidays": _("a declared year needs its holiday lines"),
}


def state_label(state: str) -> str:
    return str(STATE_LABELS.get(state, state))


def outcome_label(outcome: str) -> str:
    return str(OUTCOME_LABELS.get(outcome, outcome))


def role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def roles_label(roles: str) -> str:
    """An entry's roles, stored comma-separated as they were when the person acted."""
    return "、".join(role_label(role) for role in roles.split(",") if role)


def entry_kind_label(kind: str) -> str:
    return str(EntryKind(kind).label) if kind in EntryKind.values else kind


def notice_kind_label(kind: str) -> str:
    return str(NoticeKind(kind).label) if kind in NoticeKind.values else kind


def stage_label(stage: str) -> str:
    return str(STAGE_LABELS.get(stage, stage))


def field_problem(problem: object) -> str:
    return str(FIELD_PROBLEMS.get(str(problem), str(problem)))


def schedule_problem(code: str, message: str) -> str:
    """A calendar problem in the reader's language, keeping the parser's specifics (dates).

    The parser writes English with the exact date or range at fault; a Chinese reader gets
    the translated rule and, in brackets, that English detail.
    """
    known = SCHEDULE_PROBLEMS.get(code)
    language = get_language() or "zh-hans"
    if known is None or not language.startswith("zh"):
        return message
    return f"{known}（{message}）"


def refusal(error: FairscreenError) -> str:
    """The reader's sentence for a decision service's refusal."""
    known = _MESSAGES.get(error.message)
    if known is not None:
        return str(known)
    if error.code == "forbidden" and "required_role" in error.details:
        return str(_("This step of the decision chain belongs to the role “%(role)s”.")) % {
            "role": role_label(str(error.details["required_role"]))
        }
    template = _REFUSALS.get(error.code)
    if template is None:
        return error.message
    return str(template) % {"year": error.details.get("year", "")}
