"""What the workspace and report pages call things, in the reader's language.

Services raise errors with a stable code and an English message (they reach logs and API
responses); the finding pages map the codes once, here, to translated sentences. Findings'
own field problems are bilingual already (`FieldProblem.message` is a `Text`), so they are
shown as the domain wrote them, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from fairscreen.core.errors import FairscreenError
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.domain.findings import category_label as findings_category_label
from fairscreen.domain.rating import STATUS_LABELS
from fairscreen.domain.scope import SourceKind, Text
from fairscreen.positions.presenters import refusal_message
from fairscreen.screenings.selectors import ReportPurpose
from fairscreen.screenings.services import UNKNOWN_FIELD, ImportProblem, RetractionReason

SOURCE_KIND_LABELS: Mapping[str, StrOrPromise] = {
    SourceKind.AUTHORITATIVE_REGISTRY: _("Authoritative registry"),
    SourceKind.COURT_RECORDS: _("Court records"),
    SourceKind.LICENSED_AGENCY: _("Licensed agency"),
    SourceKind.PUBLIC_RECORD: _("Public record"),
    SourceKind.FORMER_EMPLOYER: _("Former employer"),
    SourceKind.CANDIDATE_DOCUMENT: _("The candidate's document"),
    SourceKind.REFEREE: _("Referee"),
}

AUTHORITY_LABELS: Mapping[str, StrOrPromise] = {
    AuthorityLevel.AUTHORITATIVE_REGISTRY: _("authoritative registry (verifies on its own)"),
    AuthorityLevel.OFFICIAL_DOCUMENT: _("official document"),
    AuthorityLevel.FIRST_HAND_WITNESS: _("first-hand witness"),
    AuthorityLevel.HEARSAY: _("hearsay (never relied on)"),
}

RETRACTION_LABELS: Mapping[str, StrOrPromise] = {
    RetractionReason.WRONG_PERSON: _("It is about someone else"),
    RetractionReason.SOURCE_WITHDRAWN: _("The source withdrew it"),
    RetractionReason.DUPLICATE: _("It duplicates another finding"),
    RetractionReason.RECORDED_IN_ERROR: _("Recorded in error"),
}

PURPOSE_LABELS: Mapping[str, StrOrPromise] = {
    ReportPurpose.REVIEW: _("Review for the hiring decision"),
    ReportPurpose.DECISION: _("Taking or signing the decision"),
    ReportPurpose.DISPUTE_HANDLING: _("Handling the candidate's dispute"),
    ReportPurpose.AUDIT: _("Audit"),
    ReportPurpose.CANDIDATE_REQUEST: _("The candidate's request for a copy"),
}

_STATUS_LABELS: Mapping[str, Text] = {str(key): value for key, value in STATUS_LABELS.items()}
_CATEGORY_LABEL: Callable[[str], Text] = findings_category_label

NOT_RECORDING_REASONS: Mapping[str, StrOrPromise] = {
    "not_ordered": _("the item was not ordered for this screening"),
    "removed_from_profile": _("the position's risk profile no longer permits it"),
    "screening_withdrawn": _("the candidate withdrew consent"),
    "screening_declined": _("the candidate consented to no item"),
    "screening_awaiting_consent": _("the candidate has not consented yet"),
    "item_consented": _("start the check first"),
    "item_completed": _("the check is completed"),
    "item_stopped": _("the check was stopped"),
    "item_refused": _("the candidate refused it"),
    "item_awaiting_consent": _("the candidate has not consented to it"),
}
"""Why findings cannot be recorded now (`CheckNotRecording.details["reason"]`)."""

_FINDING_REFUSALS: Mapping[str, StrOrPromise] = {
    "run_in_progress": _("A run for this check is already in progress."),
    "finding_closed": _("This finding was retracted; it cannot change any more."),
}

_FINDING_CLOSED_REASONS: Mapping[str, StrOrPromise] = {
    "under_dispute": _(
        "The candidate disputes this finding: it changes only through the dispute's outcome."
    ),
}
"""Why a finding is closed to change, where it is not retracted (`details["reason"]`)."""

IN_REPORT = _("It is in the employer's report.")
NOT_YET_IN_REPORT = _("Until verified or corroborated, it is not in the employer's report.")

INTERVIEW_PROBLEMS: Mapping[str, StrOrPromise] = {
    "third_party": _("Choose a referee the candidate consented to."),
    "answers": _("Record at least one answer or the referee's opinions."),
    "answer": _("From 1 to 2,000 characters."),
    "opinion": _("At most 2,000 characters."),
}
"""The interview service's problems by field (`InvalidInput.details`)."""

IMPORT_MESSAGES: Mapping[str, StrOrPromise] = {
    "unknown column": _("unknown column"),
    "required text": _("required text"),
    "must be an object": _("must be an object"),
    "must be text": _("must be text"),
    "ISO 8601 with a time zone": _("a time in ISO 8601 with a time zone"),
    "unknown authority level": _("unknown authority level"),
    "repeated in this file": _("repeated in this file"),
    "not a screening id": _("not a screening id"),
}
"""The importer's fixed messages; others (the schema's own) are shown as written."""


def language() -> str:
    return get_language() or "zh-hans"


def in_language(text: Text) -> str:
    return text.get(language())


def status_label(status: str) -> str:
    known = _STATUS_LABELS.get(status)
    return in_language(known) if known is not None else status


def category_label(category: str) -> str:
    return in_language(_CATEGORY_LABEL(category))


def source_kind_label(kind: str) -> str:
    return str(SOURCE_KIND_LABELS.get(kind, kind))


def authority_label(authority: str) -> str:
    return str(AUTHORITY_LABELS.get(authority, authority))


def finding_refusal(error: FairscreenError) -> str:
    """The reader's sentence for a refused finding action; the shared refusals otherwise."""
    if error.code == "check_not_recording":
        reason = str(error.details.get("reason", ""))
        return str(_("Findings cannot be recorded now: %(reason)s.")) % {
            "reason": NOT_RECORDING_REASONS.get(reason, error.message)
        }
    closed = _FINDING_CLOSED_REASONS.get(str(error.details.get("reason", "")))
    if error.code == "finding_closed" and closed is not None:
        return str(closed)
    if error.code in _FINDING_REFUSALS:
        return str(_FINDING_REFUSALS[error.code])
    return refusal_message(error)


def import_field(field: str) -> str:
    """An import problem's column; a key the file chose itself is never shown, only named so."""
    return str(_("(unknown field)")) if field == UNKNOWN_FIELD else field


def import_message(problem: ImportProblem) -> str:
    """An import problem's message in the reader's language (fixed ones and schema ones)."""
    if problem.message_zh and get_language().startswith("zh"):
        return problem.message_zh
    message = problem.message
    if message.startswith("cannot record: "):
        reason = message.removeprefix("cannot record: ")
        return str(_("cannot record: %(reason)s")) % {
            "reason": NOT_RECORDING_REASONS.get(reason, reason)
        }
    return str(IMPORT_MESSAGES.get(message, message))
