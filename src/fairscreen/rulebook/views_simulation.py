"""Policy simulation for HR: what a proposed rulebook or profile version would change.

Before a rulebook or a profile change is published, HR sees it applied to the
organisation's own past screenings — which lights would move, for which findings, and
why — so a change that would have turned a group of past candidates red is caught before
it harms anyone (PIPL Art. 55: assess the impact first). Nothing is stored but the
evidence event that a simulation was run.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.views import page_context
from fairscreen.accounts.web import organisation_page
from fairscreen.core.errors import FairscreenError
from fairscreen.domain import findings, rating
from fairscreen.positions.models import ProfileVersion, VersionStatus
from fairscreen.rulebook import library
from fairscreen.screenings import selectors
from fairscreen.screenings.selectors._simulation import POLICY_SIMULATORS

MAX_RULEBOOK_TEXT = 200_000


class SimulationForm(forms.Form):
    rulebook = forms.CharField(
        label=_("Proposed rulebook (TOML)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        max_length=MAX_RULEBOOK_TEXT,
        help_text=_(
            "Paste the complete text of the proposed version. "
            "Leave empty to keep the current rulebook."
        ),
    )
    profile_version = forms.ChoiceField(label=_("Proposed profile version"), required=False)

    def __init__(self, *args: object, versions: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["profile_version"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [
            ("", _("— keep the current profiles —")),
            *versions,
        ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("rulebook", "").strip() and not data.get("profile_version"):
            raise forms.ValidationError(_("Propose a rulebook, a profile version, or both."))
        return data


@dataclass(frozen=True)
class ChangeRow:
    category: str
    before: str
    after: str
    explanation: str


@organisation_page(*POLICY_SIMULATORS)
def simulation(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    versions = _versions(access)
    form = SimulationForm(request.POST or None, versions=versions)
    result = None
    problems: list[str] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            result = _simulate(access, form.cleaned_data)
        except rating.InvalidRulebook as invalid:
            problems = [problem.message.get(_language()) for problem in invalid.problems]
            status = 422
        except FairscreenError as refused:
            problems = [refused.message]
            status = 422
    elif request.method == "POST":
        status = 422
    return render(
        request,
        "rulebook/simulation.html",
        page_context(
            access,
            form=form,
            problems=problems,
            result=result,
            rows=_rows(result) if result else [],
            current_version=library.current_rulebook().version,
        ),
        status=status,
    )


def _simulate(access: OrganisationAccess, data: dict[str, object]) -> selectors.Simulation:
    text = str(data.get("rulebook") or "").strip()
    chosen = str(data.get("profile_version") or "")
    return selectors.simulate_policy(
        access=access,
        rulebook=rating.parse_rulebook(text) if text else None,
        profile_version_id=UUID(chosen) if chosen else None,
    )


def _versions(access: OrganisationAccess) -> list[tuple[str, str]]:
    rows = ProfileVersion.objects.filter(profile__organisation=access.organisation).select_related(
        "profile"
    )
    labels: dict[str, object] = {
        VersionStatus.PENDING_APPROVAL: _("awaiting approval"),
        VersionStatus.APPROVED: "",
    }
    return [
        (
            str(row.id),
            f"{row.profile.name} v{row.number} {labels.get(row.status, row.status)}".strip(),
        )
        for row in rows.order_by("profile__name", "-number")
    ]


def _rows(
    result: selectors.Simulation,
) -> list[tuple[selectors.SimulatedScreening, list[ChangeRow]]]:
    language = _language()
    return [
        (
            screening,
            [
                ChangeRow(
                    category=findings.category_label(change.category).get(language)
                    if change.category
                    else "—",
                    before=change.before,
                    after=change.after,
                    explanation=change.explanation.get(language),
                )
                for change in screening.changes
            ],
        )
        for screening in result.changed
    ]


def _language() -> str:
    return get_language() or "zh-hans"
