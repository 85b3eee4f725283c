"""The access log (使用留痕): every read of a report — who, when, in which role, why.

The evidence ledger proves it happened; this table lets the DPO read the log and the
candidate see who viewed their report and why, without parsing the ledger. The reader's
display name is frozen at the time of the read (like NetBox's change log), so the log stays
true after a rename or a departure. It holds no personal data of the candidate: the
screening is named by id.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id
from fairscreen.screenings.models._screenings import Screening


class AccessRecord(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="accesses")
    kind = models.CharField(max_length=40)  # report.viewed, report.exported, findings.viewed...
    purpose = models.CharField(max_length=40)
    actor = models.CharField(max_length=80)
    actor_name = models.CharField(max_length=200)
    actor_roles = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-at", "-id"]
        indexes: ClassVar = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"access:{self.id}"
