"""Data-subject requests: a copy, a correction, a deletion — and the answer, with reasons.

PIPL Art. 45 (a copy of one's data, and its transfer), 46 (correction), 47 (deletion) and
50: the handler must have a way to accept and handle requests, and a refusal must give
its reasons. Each request gets a deadline (15 working days on the organisation's
calendar by default); when the calendar has no data for the year the deadline is left
unset and the request is shown as needing attention, never guessed.

What the candidate wrote and the outcome (or the refusal's reasons) are personal data,
encrypted under the candidate's key. Both are nullable: a copy request carries no text,
and after crypto-shredding nothing new can be encrypted for the candidate, yet the copy
(which says "destroyed on <date>") is still recorded as provided. Who handled a request
is stored as an opaque principal reference, never a name.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.errors import Conflict
from fairscreen.core.ids import new_id
from fairscreen.privacy.fields import EncryptedTextField
from fairscreen.privacy.subjects import PersonalData
from fairscreen.screenings.models import Candidate, Finding, Screening


class DataRequestKind(models.TextChoices):
    COPY = "copy", _("A copy of my data")
    CORRECTION = "correction", _("Correction")
    DELETION = "deletion", _("Deletion")


class DataRequestState(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("Being handled")
    FULFILLED = "fulfilled", _("Carried out")
    REFUSED = "refused", _("Refused, with reasons")


OPEN_STATES = frozenset({DataRequestState.RECEIVED, DataRequestState.IN_PROGRESS})


# What a request's lifecycle refuses, by code (the console and the portal map them once).
class DataRequestClosed(Conflict):
    code = "data_request_closed"


class DeletionAlreadyRequested(Conflict):
    code = "deletion_already_requested"


class DataAlreadyDestroyed(Conflict):
    code = "data_already_destroyed"


class StartDeletionFirst(Conflict):
    """The last message that can reach the candidate goes out when a deletion starts."""

    code = "start_deletion_first"


class DisputeStillOpen(Conflict):
    code = "dispute_still_open"


class FindingNotDisputable(Conflict):
    code = "finding_not_disputable"


class DataRequest(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="data_requests")
    kind = models.CharField(max_length=12, choices=DataRequestKind.choices)
    # NULL when there is no text (a copy) or nothing can be encrypted any more (shredded).
    text = EncryptedTextField(_("the candidate's request"), null=True)  # type: ignore[misc]
    finding = models.ForeignKey(
        Finding, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dispute = models.ForeignKey(
        "portal.Dispute", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(null=True, blank=True)
    calendar_problem = models.CharField(max_length=60, blank=True)
    state = models.CharField(
        max_length=12, choices=DataRequestState.choices, default=DataRequestState.RECEIVED
    )
    outcome = EncryptedTextField(  # type: ignore[misc]
        _("outcome or reasons for refusing"), null=True
    )
    handled_by = models.CharField(max_length=80, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    destruction_event = models.BigIntegerField(
        null=True, blank=True, help_text="ledger sequence of the destruction certificate"
    )

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering: ClassVar = ["-received_at", "id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~models.Q(state="refused") | models.Q(outcome__isnull=False),
                name="data_request_refusal_has_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"data-request:{self.id}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class LegalHoldActive(Conflict):
    """A legal hold keeps the data (a pending arbitration): refuse, giving it as the reason."""

    code = "legal_hold_active"
