"""Candidates: the people being screened, with every personal value encrypted.

Names, ID numbers, phones and e-mails are stored only as ciphertexts under the
candidate's own data key (PIPL Art. 51), so destroying that key deletes all of them at
once (Art. 47). The blind indexes allow exact lookups (is this ID number already
registered?) without decrypting anything.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id
from fairscreen.privacy.fields import BlindIndexField, EncryptedTextField
from fairscreen.privacy.subjects import PersonalData


class Candidate(PersonalData, models.Model):
    subject_kind: ClassVar[str] = "candidate"
    subject_id_field: ClassVar[str] = "id"

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="candidates"
    )
    full_name = EncryptedTextField(_("full name"))
    id_number = EncryptedTextField(_("ID number"))
    phone = EncryptedTextField(_("phone"))
    email = EncryptedTextField(_("email"))
    id_number_index = BlindIndexField()
    phone_index = BlindIndexField()
    email_index = BlindIndexField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "id_number_index"],
                name="candidate_id_number_once_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"candidate:{self.id}"  # never the name: str() ends up in logs


class ScreeningStatus(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", _("Awaiting the candidate's consent")
    ACTIVE = "active", _("Consented; checks may run")
    DECLINED = "declined", _("The candidate consented to no item")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")


class Screening(PersonalData, models.Model):
    """One background check of one candidate for one position.

    It pins the profile version it was ordered under (what the candidate is told and
    consents to) and the notice issued to the candidate, with its digest: the signature
    covers exactly that text (PIPL Art. 14, 17).
    """

    subject_kind: ClassVar[str] = "candidate"
    subject_id_field: ClassVar[str] = "candidate_id"

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="screenings"
    )
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="screenings")
    position = models.ForeignKey(
        "positions.Position", on_delete=models.PROTECT, related_name="screenings"
    )
    profile_version = models.ForeignKey(
        "positions.ProfileVersion", on_delete=models.PROTECT, related_name="screenings"
    )
    status = models.CharField(
        max_length=20, choices=ScreeningStatus.choices, default=ScreeningStatus.AWAITING_CONSENT
    )
    ordered_by = models.CharField(max_length=80)
    ordered_at = models.DateTimeField(default=timezone.now)
    notice = models.JSONField(null=True, blank=True)
    notice_digest = models.CharField(max_length=80, blank=True)
    disclosure = models.JSONField(null=True, blank=True)
    disclosure_digest = models.CharField(max_length=80, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    report_completed_at = models.DateTimeField(null=True, blank=True)
    """When the last consented check completed: the report's validity counts from here."""

    class Meta:
        ordering: ClassVar = ["-ordered_at"]

    def __str__(self) -> str:
        return f"screening:{self.id}"


class ItemState(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", _("Awaiting consent")
    CONSENTED = "consented", _("Consented")
    REFUSED = "refused", _("Refused by the candidate")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class ScreeningItem(models.Model):
    """One check item of a screening and where it stands; the only way to a running check."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="items")
    code = models.CharField(max_length=60)
    state = models.CharField(
        max_length=20, choices=ItemState.choices, default=ItemState.AWAITING_CONSENT
    )
    sensitive_consent = models.BooleanField(default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["screening", "code"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["screening", "code"], name="screening_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.screening_id}:{self.code}"


class ThirdPartyKind(models.TextChoices):
    FORMER_EMPLOYER = "former_employer", _("Former employer")
    REFEREE = "referee", _("Referee")


class ThirdPartyConsent(models.TextChoices):
    PENDING = "pending", _("Awaiting consent")
    GRANTED = "granted", _("Consented")
    REFUSED = "refused", _("Refused")


class ThirdParty(PersonalData, models.Model):
    """A former employer or referee who would receive the candidate's data (PIPL Art. 23).

    Their names and contacts are personal data (a referee's, and the candidate's work
    history), so they are encrypted under the candidate's key like everything else.
    """

    subject_kind: ClassVar[str] = "candidate"
    subject_id_field: ClassVar[str] = "candidate_id"

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="third_parties")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    item_code = models.CharField(max_length=60)
    kind = models.CharField(max_length=20, choices=ThirdPartyKind.choices)
    position_in_list = models.PositiveSmallIntegerField()
    name = EncryptedTextField(_("name"))
    contact = EncryptedTextField(_("contact"))
    consent = models.CharField(
        max_length=10, choices=ThirdPartyConsent.choices, default=ThirdPartyConsent.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["screening", "position_in_list"]

    def __str__(self) -> str:
        return f"third-party:{self.id}"


class Invitation(models.Model):
    """A single-use, expiring link to the consent flow; only the token's hash is stored.

    Whoever reads the database cannot use a link from it; a used or expired link is
    refused, and a new one revokes the older ones.
    """

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.CharField(max_length=80)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation:{self.id}"


class ConsentRecord(PersonalData, models.Model):
    """The candidate's signed authorisation: choices, typed name, time, notice digest."""

    subject_kind: ClassVar[str] = "candidate"
    subject_id_field: ClassVar[str] = "candidate_id"

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.OneToOneField(
        Screening, on_delete=models.PROTECT, related_name="consent_record"
    )
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    signed_name = EncryptedTextField(_("signature"))
    signed_at = models.DateTimeField()
    notice_digest = models.CharField(max_length=80)
    disclosure_digest = models.CharField(max_length=80)
    choices = models.JSONField()
    language = models.CharField(max_length=10)

    def __str__(self) -> str:
        return f"consent:{self.id}"
