"""Disputes: the candidate objects to a finding, and the record is corrected or confirmed.

PIPL Art. 46: a person may have inaccurate or incomplete personal information corrected.
An objection freezes decisions on the report (the finding is `disputed` while it is open),
triggers re-verification by an analyst within a deadline (15 working days by default; the
FCRA gives 30 days), and ends upheld, corrected or removed — with reasons. A correction that
changes the rating forces the decision to be taken again (the Shanghai Jinshan case: the
provider corrected the rating, the employer kept its decision; the court awarded damages).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id
from fairscreen.privacy.fields import EncryptedTextField
from fairscreen.privacy.subjects import PersonalData
from fairscreen.screenings.models import Candidate, Finding, Screening


class DisputeState(models.TextChoices):
    OPEN = "open", _("Open: being re-verified")
    RESOLVED = "resolved", _("Resolved")


class DisputeOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld: the finding stands")
    CORRECTED = "corrected", _("Corrected")
    REMOVED = "removed", _("Removed from the report")


class Dispute(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="disputes")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="disputes")
    statement = EncryptedTextField(_("the candidate's objection"))
    evidence_file = models.CharField(max_length=120, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    evidence_media_type = models.CharField(max_length=100, blank=True)
    lifecycle_before = models.CharField(max_length=20)
    light_before = models.CharField(max_length=10, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=DisputeState.choices, default=DisputeState.OPEN)
    outcome = models.CharField(max_length=10, choices=DisputeOutcome.choices, blank=True)
    reasons = EncryptedTextField(_("reasons for the outcome"), blank=True, default="")
    details_before = EncryptedTextField(
        _("the finding before the correction"), blank=True, default=""
    )
    light_after = models.CharField(max_length=10, blank=True)
    decision_reopened = models.BooleanField(default=False)
    resolved_by = models.CharField(max_length=80, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-opened_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["finding"],
                condition=models.Q(state="open"),
                name="one_open_dispute_per_finding",
            ),
        ]

    def __str__(self) -> str:
        return f"dispute:{self.id}"
