"""Notifications, their deliveries per channel, and the candidate's portal inbox.

A `Notification` is one message to one recipient; its text and the recipient's addresses
are encrypted under the data subject's key (the candidate it concerns, PIPL Art. 51) and
kept only until every delivery has finished (Art. 19: no longer than necessary). A
`Delivery` is that message through one channel: state, attempts and an error *code*,
never content, addresses or a server's reply, so staff can follow it without reading it.
A `PortalMessage` is what the candidate reads in their portal, also encrypted, with when
they first read it.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id
from fairscreen.notifications.lifecycle import DeliveryState
from fairscreen.notifications.messages import ChannelName, Language, RecipientKind
from fairscreen.privacy.fields import EncryptedTextField
from fairscreen.privacy.subjects import PersonalData

__all__ = ["Delivery", "DeliveryState", "Notification", "PortalMessage"]

MAX_ATTEMPTS = 12
"""With the backoff of `services.backoff`: about five hours of retries before giving up."""


class Notification(PersonalData, models.Model):
    subject_kind: ClassVar[str] = "candidate"
    subject_id_field: ClassVar[str] = "candidate_id"

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=80)
    candidate_id = models.UUIDField(help_text="the data subject whose key encrypts this row")
    screening_id = models.UUIDField(null=True, blank=True, db_index=True)
    recipient_kind = models.CharField(max_length=10, choices=RecipientKind.choices)
    recipient_user_id = models.UUIDField(null=True, blank=True)
    language = models.CharField(max_length=10, choices=Language.choices)
    # NULL when absent or erased (see services._sending). The stubs want the field's read
    # type Optional, which EncryptedTextField does not declare: reads check for None.
    content = EncryptedTextField(  # type: ignore[misc]
        _("content"), null=True, help_text="JSON subject, body, link; NULL once purged"
    )
    email = EncryptedTextField(_("email"), null=True)  # type: ignore[misc]
    phone = EncryptedTextField(_("phone"), null=True)  # type: ignore[misc]
    idempotency_key = models.CharField(max_length=120, blank=True)
    created_by = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering: ClassVar = ["-created_at"]
        indexes: ClassVar = [models.Index(fields=["candidate_id"], name="notification_subject")]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="notification_idempotency_key_once",
            ),
        ]

    def __str__(self) -> str:
        return f"notification:{self.id}"  # never the text: str() ends up in logs


class Delivery(models.Model):
    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    notification = models.ForeignKey(
        Notification, on_delete=models.PROTECT, related_name="deliveries"
    )
    channel = models.CharField(max_length=10, choices=ChannelName.choices)
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=MAX_ATTEMPTS)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error_code = models.CharField(max_length=60, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering: ClassVar = ["queued_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="delivery_once_per_channel"
            ),
        ]

    def __str__(self) -> str:
        return f"delivery:{self.id}"


class PortalMessage(PersonalData, models.Model):
    subject_kind: ClassVar[str] = "candidate"
    subject_id_field: ClassVar[str] = "candidate_id"

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    notification = models.OneToOneField(
        Notification, on_delete=models.PROTECT, related_name="portal_message"
    )
    candidate_id = models.UUIDField(db_index=True)
    screening_id = models.UUIDField(null=True, blank=True, db_index=True)
    kind = models.CharField(max_length=80)
    content = EncryptedTextField(_("content"), help_text="JSON subject, body, link")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("portal message")
        verbose_name_plural = _("portal messages")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"portal-message:{self.id}"
