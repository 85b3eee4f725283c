"""Subject keys: one wrapped data key per data subject (candidate).

Every personal value of a candidate is encrypted with that candidate's data key (PIPL
Art. 51). The key is stored here only wrapped by a key-encryption key from the keyring;
blanking `wrapped_key` destroys it, which makes every value of that candidate unreadable
at once (crypto-shredding, PIPL Art. 19, 47). A destroyed row is kept, with
`destroyed_at`, so the application can say "destroyed on <date>" instead of failing.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id


class DestructionReason(models.TextChoices):
    """Why personal data was destroyed: the cases of PIPL Art. 47, as codes.

    Codes, not free text, go into the destruction certificate: a free-text reason could
    quote the very data being destroyed, and the ledger is kept forever.
    """

    PURPOSE_ACHIEVED = "purpose_achieved", _("Purpose achieved or no longer necessary")
    RETENTION_EXPIRED = "retention_expired", _("Retention period ended")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    DELETION_REQUEST = "deletion_request", _("Deletion requested by the candidate")
    UNLAWFUL_PROCESSING = "unlawful_processing", _("Processing breached a law or agreement")


class SubjectKey(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="subject_keys"
    )
    subject = models.CharField(
        max_length=100, unique=True, help_text="opaque subject id, e.g. candidate:<uuid>"
    )
    wrapped_key = models.TextField(
        blank=True, help_text="WrappedKey.to_text(); empty once the key is destroyed"
    )
    key_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subject key")
        verbose_name_plural = _("subject keys")
        ordering: ClassVar = ["created_at"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(models.Q(destroyed_at__isnull=True) & ~models.Q(wrapped_key=""))
                | (models.Q(destroyed_at__isnull=False) & models.Q(wrapped_key="")),
                name="subject_key_live_or_destroyed",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_destroyed(self) -> bool:
        return self.destroyed_at is not None
