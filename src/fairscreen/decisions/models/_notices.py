"""What the candidate is told, and by when.

A notice keeps exactly what was sent (encrypted): the outcome, the reasons, for a
preliminary notice the copy of the report and the response deadline, and how to respond or
object — so what the candidate was told can be proven later (PIPL Art. 69), and shown to
them again in their portal.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id
from fairscreen.decisions.models._decisions import Decision
from fairscreen.decisions.models._policy import FeedbackTrigger
from fairscreen.privacy.fields import EncryptedTextField
from fairscreen.privacy.subjects import PersonalData
from fairscreen.screenings.models import Candidate, Screening


class NoticeKind(models.TextChoices):
    OUTCOME = "outcome", _("Outcome and reasons")
    PRELIMINARY = "preliminary", _("Preliminary notice")
    FINAL = "final", _("Final notice")
    REOPENED = "reopened", _("The decision will be taken again")


class Notice(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="notices")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    content = EncryptedTextField(_("notice"))
    response_deadline = models.DateField(null=True, blank=True)
    sent_by = models.CharField(max_length=80)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"notice:{self.id}"


class CandidateResponse(PersonalData, models.Model):
    """What the candidate answered to a preliminary notice, inside the window."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="responses")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    statement = EncryptedTextField(_("the candidate's response"))
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["received_at", "id"]

    def __str__(self) -> str:
        return f"candidate-response:{self.id}"


class FeedbackDeadline(models.Model):
    """The 3-working-day clock of one screening (结果反馈): reminded, escalated, met.

    `remind_on` and `due_on` are NULL while the clock cannot be counted (no working-day
    calendar for the year: `calendar_problem` says which); loading that year counts them.
    """

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.OneToOneField(
        Screening, on_delete=models.PROTECT, related_name="feedback_deadline"
    )
    trigger = models.CharField(max_length=20, choices=FeedbackTrigger.choices)
    triggered_on = models.DateField()
    remind_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    calendar_problem = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering: ClassVar = ["due_on"]

    def __str__(self) -> str:
        return f"feedback-deadline:{self.screening_id}"
