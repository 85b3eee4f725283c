"""Stored ratings: the light, the exact rulebook version, and the inputs that produced it.

A rating is advice that people rely on, so it must be reproducible: each row keeps the
rulebook version and content hash, the hash of its inputs, and the inputs themselves
(encrypted: they hold the findings' categories and dates), so a periodic job can rate them
again and raise an alarm if the same inputs ever give a different result. Rows are added,
never rewritten: a new rating after a finding changed is a new row, so how the light
evolved stays visible.
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
from fairscreen.screenings.models._screenings import Candidate, Screening


class StoredRating(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="ratings")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    light = models.CharField(max_length=10)
    as_of = models.DateField()
    rulebook_version = models.CharField(max_length=20)
    rulebook_hash = models.CharField(max_length=80)
    profile_hash = models.CharField(max_length=80)
    inputs_hash = models.CharField(max_length=80)
    result_hash = models.CharField(max_length=80)
    inputs = EncryptedTextField(_("rating inputs"))
    result = EncryptedTextField(_("rating"))
    trigger = models.CharField(max_length=40)
    rated_by = models.CharField(max_length=80)
    rated_at = models.DateTimeField(default=timezone.now)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    mismatch_found_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-rated_at", "-id"]

    def __str__(self) -> str:
        return f"rating:{self.id}"
