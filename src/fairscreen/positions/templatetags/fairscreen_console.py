"""Template helpers for the staff console: bilingual domain text, choice labels, the nav.

The scope core keeps user-facing text as `Text(zh, en)` (never a single-language string),
so templates pick the reader's language here instead of every view re-rendering it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django import template
from django.db.models import TextChoices
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import User
from fairscreen.accounts.principals import Principal
from fairscreen.accounts.roles import Role
from fairscreen.accounts.selectors import organisation_access
from fairscreen.core.errors import FairscreenError
from fairscreen.decisions.policy import DECISION_READERS, POLICY_EDITORS
from fairscreen.domain import scope
from fairscreen.portal.data_export import DATA_REQUEST_HANDLERS
from fairscreen.portal.selectors_voice import SURVEY_READERS, StatementView, statements_for
from fairscreen.portal.services import QUESTION_ANSWERERS
from fairscreen.positions.models import VersionStatus
from fairscreen.positions.policy import PROFILE_READERS
from fairscreen.retention.selectors import PRIVACY_DESK
from fairscreen.screenings.models import (
    ItemState,
    RunState,
    ScreeningStatus,
    ThirdPartyConsent,
    ThirdPartyKind,
)
from fairscreen.screenings.policy import FINDING_READERS, REPORT_READERS, SCREENING_READERS

register = template.Library()

_CHOICES: dict[str, type[TextChoices]] = {
    "screening": ScreeningStatus,
    "item": ItemState,
    "version": VersionStatus,
    "consent": ThirdPartyConsent,
    "party": ThirdPartyKind,
    "run": RunState,
    "role": Role,
}

TIER_LABELS = {
    "L1": _("L1 · general"),
    "L2": _("L2 · trusted"),
    "L3": _("L3 · critical"),
}

PRECONDITION_LABELS = {
    scope.Precondition.LAW_OR_JOB_NATURE_REQUIRES_CRIMINAL_CHECK: _(
        "A law or the nature of the job requires a criminal record check"
    ),
    scope.Precondition.HANDLES_FUNDS: _("Handles funds"),
    scope.Precondition.DRIVES_FOR_WORK: _("Drives for work"),
    scope.Precondition.WORKS_WITH_MINORS: _("Works with minors"),
    scope.Precondition.REGULATED_PROFESSION: _("Regulated profession (licence required by law)"),
    scope.Precondition.INFLUENCES_COMMERCIAL_DECISIONS: _("Influences commercial decisions"),
}


@register.filter
def text(value: object) -> str:
    """A `scope.Text`, or its JSON form `{"zh": ..., "en": ...}`, in the reader's language."""
    language = get_language() or "zh-hans"
    if isinstance(value, scope.Text):
        return value.get(language)
    if isinstance(value, Mapping):
        return scope.Text(zh=str(value.get("zh", "")), en=str(value.get("en", ""))).get(language)
    return "" if value is None else str(value)


@register.filter
def label(value: str, kind: str) -> str:
    """The translated label of a stored choice (`{{ status|label:"screening" }}`)."""
    if kind == "tier":
        return str(TIER_LABELS.get(str(value), value))
    if kind == "precondition":
        return str(PRECONDITION_LABELS.get(value, value))  # type: ignore[call-overload]
    choices = _CHOICES[kind]
    return str(choices(value).label) if value in choices.values else str(value)


@register.filter
def catalogue_item(code: str) -> scope.CheckItem | None:
    return scope.CATALOGUE.item(code) if scope.CATALOGUE.has(code) else None


@register.simple_tag(takes_context=True)
def console_links(context: template.Context) -> list[dict[str, Any]]:
    """The links to profiles, positions, screenings, the disclosure, the feedback deadlines
    and the decision policy the reader may open."""
    organisation = context.get("organisation")
    request = context.get("request")
    user = getattr(request, "user", None)
    if organisation is None or not isinstance(user, User):
        return []
    try:
        roles = organisation_access(
            principal=Principal.for_user(user), organisation_id=organisation.id
        ).roles
    except FairscreenError:
        return []
    arguments = {"org_id": organisation.id}
    links = []
    if roles & PROFILE_READERS:
        links += [
            {"url": reverse("positions:profiles", kwargs=arguments), "label": _("Risk profiles")},
            {"url": reverse("positions:positions", kwargs=arguments), "label": _("Positions")},
        ]
    if roles & SCREENING_READERS:
        links.append(
            {"url": reverse("screenings:screenings", kwargs=arguments), "label": _("Screenings")}
        )
    if roles & FINDING_READERS:
        links.append(
            {"url": reverse("screenings:check_queue", kwargs=arguments), "label": _("Check queue")}
        )
        links.append(
            {"url": reverse("screenings:disputes", kwargs=arguments), "label": _("Disputes")}
        )
    if roles & PROFILE_READERS:
        links.append(
            {"url": reverse("positions:disclosure", kwargs=arguments), "label": _("Disclosure")}
        )
    if roles & DECISION_READERS:
        links.append(
            {"url": reverse("decisions:deadlines", kwargs=arguments), "label": _("Deadlines")}
        )
    if roles & POLICY_EDITORS:
        links.append(
            {"url": reverse("decisions:policy", kwargs=arguments), "label": _("Decision policy")}
        )
    if roles & QUESTION_ANSWERERS:
        links.append(
            {"url": reverse("voice:questions", kwargs=arguments), "label": _("Candidate questions")}
        )
    if roles & SURVEY_READERS:
        links.append(
            {
                "url": reverse("voice:surveys", kwargs=arguments),
                "label": _("Candidate satisfaction"),
            }
        )
    if roles & PRIVACY_DESK:
        links.append(
            {"url": reverse("retention:desk", kwargs=arguments), "label": _("Privacy desk")}
        )
    if roles & DATA_REQUEST_HANDLERS:
        links.append(
            {"url": reverse("data_requests:queue", kwargs=arguments), "label": _("Data requests")}
        )
    return links


@register.simple_tag(takes_context=True)
def candidate_statements(
    context: template.Context, screening_id: object
) -> tuple[StatementView, ...]:
    """The candidate's statement for `portal/_candidate_statement.html`, on a page that has
    already checked the reader and recorded the read of the report (see `statements_for`);
    narrowed to the page's organisation, so a stray include shows nothing of another."""
    organisation = context.get("organisation")
    if organisation is None or not isinstance(screening_id, UUID):
        return ()
    return statements_for(screening_id, organisation_id=organisation.id)


@register.simple_tag(takes_context=True)
def screening_links(context: template.Context, screening_id: object) -> list[dict[str, Any]]:
    """From a screening to its analyst workspace, its employer report and its decision, as
    the roles allow."""
    roles = _reader_roles(context)
    organisation = context.get("organisation")
    if organisation is None:
        return []
    arguments = {"org_id": organisation.id, "screening_id": screening_id}
    links = []
    if roles & FINDING_READERS:
        links.append(
            {
                "url": reverse("screenings:workspace", kwargs=arguments),
                "label": _("Open the workspace"),
                "id": "open-workspace",
            }
        )
    if roles & REPORT_READERS:
        links.append(
            {
                "url": reverse("screenings:report", kwargs=arguments),
                "label": _("Open the report"),
                "id": "open-report",
            }
        )
    if roles & DECISION_READERS:
        links.append(
            {
                "url": reverse("decisions:decision", kwargs=arguments),
                "label": _("Hiring decision"),
                "id": "open-decision-page",
            }
        )
    return links


def _reader_roles(context: template.Context) -> frozenset[Role]:
    organisation = context.get("organisation")
    user = getattr(context.get("request"), "user", None)
    if organisation is None or not isinstance(user, User):
        return frozenset()
    try:
        return organisation_access(
            principal=Principal.for_user(user), organisation_id=organisation.id
        ).roles
    except FairscreenError:
        return frozenset()


@register.filter
def third_party_rows(form: Any, code: str) -> list[Any]:
    """The name/contact rows of an order form for one third-party item."""
    return list(form.third_party_rows(code))
