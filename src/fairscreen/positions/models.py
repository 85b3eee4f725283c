"""Positions, versioned risk profiles and the company disclosure.

No personal data lives here: a profile describes a *job* (its duties, the checks it
needs and why), and the disclosure describes the *employer*. The profile's content is
one `fairscreen.domain.scope.ProfileSpec`, stored as canonical JSON with its hash, so
the version a screening was ordered under can be shown and verified byte for byte
later (PIPL Art. 6 and Labor Contract Law Art. 8: only what the job needs).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id
from fairscreen.domain.scope import ProfileSpec


class RiskProfile(models.Model):
    """A named risk profile of one organisation; its content lives in its versions."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="risk_profiles"
    )
    name = models.CharField(_("name"), max_length=120)
    template_key = models.CharField(_("template"), max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="risk_profile_name_once_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class VersionStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("Awaiting the data protection officer")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ProfileVersion(models.Model):
    """One immutable version of a profile's content; screenings pin the one they used.

    A version that adds a sensitive item (PIPL Art. 28) waits for the data protection
    officer, who approves it with a recorded impact assessment (Art. 55-56); any other
    version is approved when proposed. The current version of a profile is its
    highest-numbered approved version.
    """

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    profile = models.ForeignKey(RiskProfile, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    spec = models.JSONField()
    spec_hash = models.CharField(max_length=64)
    catalogue_version = models.CharField(max_length=20)
    status = models.CharField(max_length=20, choices=VersionStatus.choices)
    sensitive_added = models.JSONField(default=list)
    change_note = models.TextField(blank=True)
    proposed_by = models.CharField(max_length=80)
    proposed_at = models.DateTimeField(default=timezone.now)
    impact_assessment = models.TextField(blank=True)
    decided_by = models.CharField(max_length=80, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["profile", "-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["profile", "number"], name="profile_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} v{self.number}"

    def profile_spec(self) -> ProfileSpec:
        return ProfileSpec.from_json(self.spec)


class Position(models.Model):
    """A job opening; its risk profile decides what may be checked for it."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(_("title"), max_length=120)
    department = models.CharField(_("department"), max_length=120, blank=True)
    profile = models.ForeignKey(RiskProfile, on_delete=models.PROTECT, related_name="positions")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # What the candidate reads about this job before consenting (企业信息告知书).
    team = models.TextField(_("team"), blank=True)
    reporting_line = models.TextField(_("reporting line"), blank=True)
    kpis = models.TextField(_("KPIs"), blank=True)
    working_hours = models.TextField(_("working hours"), blank=True)
    overtime_practice = models.TextField(_("overtime practice"), blank=True)
    promotion_mechanism = models.TextField(_("promotion mechanism"), blank=True)

    class Meta:
        ordering: ClassVar = ["title"]

    def __str__(self) -> str:
        return self.title


class OrganisationDisclosure(models.Model):
    """The employer's side of two-way transparency, and the processor's identity (PIPL Art. 17)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, primary_key=True, related_name="disclosure"
    )
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    address = models.CharField(_("registered address"), max_length=300, blank=True)
    licences = models.TextField(_("licences"), blank=True)
    size = models.CharField(_("size"), max_length=120, blank=True)
    funding_stage = models.CharField(_("funding stage"), max_length=120, blank=True)
    business = models.TextField(_("business"), blank=True)
    privacy_contact = models.CharField(
        _("personal information contact"), max_length=200, blank=True
    )
    report_recipients = models.TextField(_("who receives the report"), blank=True)
    retention_months = models.PositiveIntegerField(_("retention period (months)"), default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.CharField(max_length=80, blank=True)

    def __str__(self) -> str:
        return f"disclosure:{self.organisation_id}"


class HiringTeamMember(models.Model):
    """A member of a position's hiring team, in one role (使用留痕: only they see its reports).

    A report is read by the people who need it for this position — its recruiter, the
    analysts assigned to verify it, the reviewers and approvers who decide — not by everyone
    who holds the same role somewhere in the organisation (PIPL Art. 6, minimum necessary).
    An API token (an applicant-tracking integration) can be a member too.
    """

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="team_members")
    user = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    token = models.ForeignKey(
        "accounts.ApiToken", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=32)
    added_by = models.CharField(max_length=80)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(token__isnull=True))
                | (models.Q(user__isnull=True) & models.Q(token__isnull=False)),
                name="team_member_is_a_user_or_a_token",
            ),
            models.UniqueConstraint(
                fields=["position", "user", "role"], name="user_once_per_team_role"
            ),
            models.UniqueConstraint(
                fields=["position", "token", "role"], name="token_once_per_team_role"
            ),
        ]

    def __str__(self) -> str:
        return f"team-member:{self.id}"
