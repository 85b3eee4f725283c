"""How an organisation decides: its chain of steps, its deadlines, its calendar additions.

A mature employer fixes in advance who reads a report, who comments and who signs (制度化决策
流程), so that the same risks are handled the same way whoever happens to be on duty. The
HR admin configures it; every change is an evidence event.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id


class FeedbackTrigger(models.TextChoices):
    REPORT_COMPLETED = "report_completed", _("The report is complete")
    DECISION_SIGNED = "decision_signed", _("The decision is signed")


def default_chain() -> list[dict[str, str]]:
    return [{"role": "reviewer", "kind": "review"}, {"role": "approver", "kind": "sign"}]


class DecisionPolicy(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="decision_policy"
    )
    chain = models.JSONField(default=default_chain)
    feedback_trigger = models.CharField(
        max_length=20, choices=FeedbackTrigger.choices, default=FeedbackTrigger.REPORT_COMPLETED
    )
    response_working_days = models.PositiveSmallIntegerField(default=5)
    report_validity_days = models.PositiveSmallIntegerField(default=90)
    """A report stops being usable this many days after it completed (facts go stale)."""
    updated_by = models.CharField(max_length=80, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    calendar_warned_for = models.DateField(null=True, blank=True)
    """The last covered day admins were warned about (one warning per running-out)."""

    def __str__(self) -> str:
        return f"decision-policy:{self.organisation_id}"


class CalendarSchedule(models.Model):
    """A schedule text an HR admin loaded (next year's State Council notice, closures).

    Parsed by `fairscreen.domain.workdays.parse_schedule`; only the latest row of an
    organisation applies, and older ones stay as the record of what applied when.
    """

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    loaded_by = models.CharField(max_length=80)
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-loaded_at"]

    def __str__(self) -> str:
        return f"calendar-schedule:{self.id}"
