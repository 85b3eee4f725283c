"""Retention rules per organisation, and legal holds that pause destruction.

PIPL Art. 19: personal information is kept no longer than the purpose needs; Art. 47: it is
deleted when the purpose is achieved, the retention period the candidate was told ends,
consent is withdrawn, or the person asks. The candidate was told the retention period in
the consent notice; that promise, pinned in the screening's notice, is what counts here.
A legal hold (a pending labour arbitration, a regulator's inquiry) pauses destruction, and
its reason is recorded; lifting it lets the next sweep destroy what is due.
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
from fairscreen.screenings.models import Candidate


class RetentionPolicy(models.Model):
    """How soon after a case closes its candidate's data is destroyed (besides the notice).

    Every column here is a rule the sweep applies (`domain.retention.RetentionRules`);
    evidence files go with the rest of the candidate's data, never on a clock of their own.
    """

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="retention_policy"
    )
    days_after_withdrawal = models.PositiveSmallIntegerField(default=0)
    days_after_no_consent = models.PositiveSmallIntegerField(default=30)
    updated_by = models.CharField(max_length=80, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"retention-policy:{self.organisation_id}"


class LegalHold(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason for the hold"))
    placed_by = models.CharField(max_length=80)
    placed_at = models.DateTimeField(default=timezone.now)
    released_by = models.CharField(max_length=80, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-placed_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=models.Q(released_at__isnull=True),
                name="one_active_hold_per_candidate",
            ),
        ]

    def __str__(self) -> str:
        return f"legal-hold:{self.id}"
