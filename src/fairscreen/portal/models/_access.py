"""The candidate's way back into the portal: a personal link, then a one-time code.

The single-use invitation opens the consent flow once. Afterwards the candidate still has
rights to use — to see where the checks stand, to read the same report the employer reads,
to receive notices and to dispute (PIPL Arts. 44-46) — so they need a way back in without
an account or a password to remember. Two factors, both sent only to them:

- a `PortalAccess` link, one per screening at a time, random, stored only as its SHA-256
  hash (whoever reads the database cannot use it), expiring after 30 days, revocable;
- an `AccessCode` of 6 digits sent by e-mail and SMS each time the link is opened, stored
  only as a keyed hash bound to its row, valid 10 minutes, 5 wrong attempts at most, used
  once. A 6-digit code has only a million values, so a plain hash would be no protection:
  the key (the instance's secret) stays outside the database.

Neither row holds personal data: ids, hashes and times only.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.db import models
from django.utils import timezone

from fairscreen.accounts.models import Organisation
from fairscreen.core.ids import new_id
from fairscreen.screenings.models import Screening


class PortalAccess(models.Model):
    """A personal link back into the portal for one screening (only its hash is kept)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    screening = models.ForeignKey(
        Screening, on_delete=models.PROTECT, related_name="portal_accesses"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.CharField(max_length=80)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=40, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-issued_at"]

    def __str__(self) -> str:
        return f"portal-access:{self.id}"  # never the token

    def is_live(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at


class AccessCode(models.Model):
    """One code sent for one opening of a link; a newer code replaces every older one."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    access = models.ForeignKey(PortalAccess, on_delete=models.PROTECT, related_name="codes")
    code_hash = models.CharField(max_length=64)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-sent_at"]

    def __str__(self) -> str:
        return f"access-code:{self.id}"  # never the code
