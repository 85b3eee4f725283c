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
