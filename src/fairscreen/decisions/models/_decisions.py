"""A decision on one screening, its history of entries, and the individualised assessment.

The words people write — reasons, comments, the assessment — are about the candidate and
are encrypted under the candidate's key like every other personal value. The entries keep
the actor's display name as it was when they acted (a frozen record, as in NetBox's change
log), so the history still reads correctly after someone is renamed or leaves.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id
from fairscreen.domain.decisions import DecisionState, Outcome
from fairscreen.privacy.fields import EncryptedTextField
from fairscreen.privacy.subjects import PersonalData
from fairscreen.screenings.models import Candidate, Screening, StoredRating

_STATES = [(state.value, state.value) for state in DecisionState]
_OUTCOMES = [(outcome.value, outcome.value) for outcome in Outcome]


class Decision(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="decisions")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=_STATES, default=DecisionState.IN_REVIEW)
    outcome = models.CharField(max_length=30, choices=_OUTCOMES, blank=True)
    relies_on_report = models.BooleanField(default=True)
    tier = models.CharField(max_length=4)
    rating = models.ForeignKey(
        StoredRating, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    counted_rules = models.JSONField(null=True, blank=True)
    """The rulebook rules under which findings counted in `rating`, sorted, recorded at the
    signature: rule ids, not personal data, so the consistency view counts precedents
    without decrypting every earlier rating. NULL for a decision signed before it existed."""
    chain = models.JSONField()
    step = models.PositiveSmallIntegerField(default=0)
    proposed_by = models.CharField(max_length=80, blank=True)
    reasons = EncryptedTextField(_("reasons"), blank=True, default="")
    conditions = EncryptedTextField(_("conditions"), blank=True, default="")
    deviation_reason = EncryptedTextField(_("reason for departing"), blank=True, default="")
    response_deadline = models.DateField(null=True, blank=True)
    preliminary_at = models.DateTimeField(null=True, blank=True)
    final_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_reason = EncryptedTextField(_("why it must be taken again"), blank=True, default="")
    opened_by = models.CharField(max_length=80)
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-opened_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["screening"],
                condition=~models.Q(state=DecisionState.SUPERSEDED),
                name="one_live_decision_per_screening",
            ),
        ]

    def __str__(self) -> str:
        return f"decision:{self.id}"


class EntryKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    COMMENT = "comment", _("Comment")
    PROPOSAL = "proposal", _("Proposal")
    ENDORSEMENT = "endorsement", _("Endorsement")
    RETURNED = "returned", _("Returned for review")
    SIGNATURE = "signature", _("Signature")
    RECONSIDERED = "reconsidered", _("Reconsidered")
    FINALISED = "finalised", _("Finalised")
    SUPERSEDED = "superseded", _("Superseded")


class DecisionEntry(PersonalData, models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="entries")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    actor = models.CharField(max_length=80)
    actor_name = models.CharField(max_length=200)
    role = models.CharField(max_length=32, blank=True)
    outcome = models.CharField(max_length=30, choices=_OUTCOMES, blank=True)
    text = EncryptedTextField(_("text"), blank=True, default="")
    reauthenticated = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]

    def __str__(self) -> str:
        return f"decision-entry:{self.id}"


class Assessment(PersonalData, models.Model):
    """The individualised assessment a decision not to proceed needs (fair-chance practice):
    which findings, their nature and gravity, the time elapsed, the relevance to the duties,
    and what the candidate said."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="assessments")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    findings = models.JSONField()
    nature_and_gravity = EncryptedTextField(_("nature and gravity"))
    time_elapsed = EncryptedTextField(_("time elapsed"))
    relevance_to_duties = EncryptedTextField(_("relevance to the duties"))
    candidate_statement = EncryptedTextField(_("the candidate's statement"))
    recorded_by = models.CharField(max_length=80)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-recorded_at"]

    def __str__(self) -> str:
        return f"assessment:{self.id}"
