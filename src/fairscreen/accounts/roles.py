"""Staff roles, held per organisation (CONTEXT.md, "Who uses it").

Separation of duties is the point: the recruiter who orders a check is not the analyst who
verifies it, and neither signs the decision. Candidates and regulators are not staff; they
are separate kinds of principal.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class Role(models.TextChoices):
    HR_ADMIN = "hr_admin", _("HR admin")
    RECRUITER = "recruiter", _("Recruiter")
    ANALYST = "analyst", _("Screening analyst")
    REVIEWER = "reviewer", _("Reviewer / hiring manager")
    APPROVER = "approver", _("Approver")
    DPO = "dpo", _("Data protection officer")
    AUDITOR = "auditor", _("Auditor")


ROLE_DUTIES: dict[Role, StrOrPromise] = {
    Role.HR_ADMIN: _(
        "Configures the organisation, positions and risk profiles, decision chains, retention."
    ),
    Role.RECRUITER: _("Invites candidates and orders screenings for a position."),
    Role.ANALYST: _("Runs checks, records findings with their sources, re-verifies disputes."),
    Role.REVIEWER: _("Reads reports for their positions, comments, proposes decisions."),
    Role.APPROVER: _("Signs decisions."),
    Role.DPO: _("Approves profiles and impact assessments, handles data requests."),
    Role.AUDITOR: _("Reviews the process and its evidence without changing anything."),
}


def parse_roles(values: list[str] | tuple[str, ...]) -> frozenset[Role]:
    """Strict parsing: an unknown role is an error, never silently dropped."""
    from fairscreen.core.errors import InvalidInput  # noqa: PLC0415 - avoid app-load cycles

    unknown = sorted({value for value in values if value not in Role.values})
    if unknown:
        raise InvalidInput(
            "Unknown role.",
            details={"roles": f"unknown: {', '.join(unknown)}; known: {', '.join(Role.values)}"},
        )
    return frozenset(Role(value) for value in values)
