"""Findings, their sources, and the connector runs that produce them.

Everything a finding says is personal data (a case number, an offence, a former employer's
words), so its category, details, source references and statements are encrypted under the
candidate's key (PIPL Art. 51) and vanish with it (Art. 47). What stays in clear is what the
process needs to be checked without reading anyone's data: which consented item a finding
belongs to, its verification status and lifecycle, the kind and authority of each source.

The status is stored, not only computed, so the analyst's queue can list what is still
unverified; it is always the value `fairscreen.domain.findings.finding_status` gives for the
stored sources and lifecycle, and services recompute it whenever either changes.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id
from fairscreen.domain.findings import AuthorityLevel, Lifecycle, VerificationStatus
from fairscreen.privacy.fields import EncryptedTextField
from fairscreen.privacy.subjects import PersonalData
from fairscreen.screenings.models._screenings import Candidate, Screening, ScreeningItem


class Finding(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="findings")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(ScreeningItem, on_delete=models.PROTECT, related_name="findings")
    category = EncryptedTextField(_("category"))
    details = EncryptedTextField(_("details"))
    status = models.CharField(
        max_length=20,
        choices=[(status.value, status.value) for status in VerificationStatus],
        default=VerificationStatus.UNVERIFIED,
    )
    lifecycle = models.CharField(
        max_length=20,
        choices=[(state.value, state.value) for state in Lifecycle],
        default=Lifecycle.ACTIVE,
    )
    external_ref = models.CharField(max_length=200, blank=True)
    recorded_by = models.CharField(max_length=80)
    recorded_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    retraction_code = models.CharField(max_length=30, blank=True)
    retraction_note = EncryptedTextField(_("retraction note"), blank=True, default="")

    class Meta:
        ordering: ClassVar = ["recorded_at", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["item", "external_ref"],
                condition=~models.Q(external_ref=""),
                name="finding_external_ref_once_per_item",
            ),
        ]

    def __str__(self) -> str:
        return f"finding:{self.id}"


class FindingSource(PersonalData, models.Model):
    """One source a finding rests on; a second independent one corroborates it."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="sources")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=40)
    authority = models.CharField(
        max_length=30, choices=[(level.value, level.value) for level in AuthorityLevel]
    )
    origin = models.CharField(max_length=120)
    reference = EncryptedTextField(_("reference"))
    statement = EncryptedTextField(_("statement"), blank=True, default="")
    retrieved_at = models.DateTimeField()
    evidence_file = models.CharField(max_length=120, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    evidence_media_type = models.CharField(max_length=100, blank=True)
    evidence_size = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.CharField(max_length=80)
    recorded_at = models.DateTimeField(default=timezone.now)
    superseded_at = models.DateTimeField(null=True, blank=True)
    """Set when a dispute corrected the finding: this source vouched for the old details, so
    it no longer counts towards the corrected finding's verification."""

    class Meta:
        ordering: ClassVar = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"finding-source:{self.id}"


class RunState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    RETRYING = "retrying", _("Waiting to retry")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class CheckRun(models.Model):
    """One request to a connector for one check item, and how it went.

    The analyst sees the progress and the last error here. The error is a code and a fixed
    message written by the connector, never the provider's raw response, which could carry
    personal data into the page or a log.
    """

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(ScreeningItem, on_delete=models.PROTECT, related_name="runs")
    connector = models.CharField(max_length=40)
    state = models.CharField(max_length=20, choices=RunState.choices, default=RunState.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=4)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error_code = models.CharField(max_length=60, blank=True)
    last_error_message = models.CharField(max_length=300, blank=True)
    findings_recorded = models.PositiveIntegerField(default=0)
    requested_by = models.CharField(max_length=80)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-requested_at"]

    def __str__(self) -> str:
        return f"check-run:{self.id}"
