"""Storage of the evidence log (see fairscreen/domain/ledger/README.md for the tree).

`Event` rows are the leaves, in sequence order, each with its canonical entry bytes;
`TreeNode` rows are the complete interior subtrees (level >= 1), written once when they
complete, so any root or proof needs O(log n) indexed reads and never a scan;
`SignedCheckpoint` rows are the signed tree heads that regulators keep. All three are
append-only: the database rejects UPDATE and DELETE (see `guards`).
"""

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.core.ids import new_id


class Event(models.Model):
    sequence = models.BigIntegerField(primary_key=True)
    recorded_at = models.DateTimeField(db_index=True)
    event_type = models.CharField(max_length=64, db_index=True)
    organisation_id = models.CharField(max_length=100, blank=True, db_index=True)
    actor = models.CharField(max_length=100)
    subject = models.CharField(max_length=100, blank=True, db_index=True)
    entry = models.BinaryField(help_text="canonical JSON entry: the Merkle leaf data")
    leaf_hash = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("evidence event")
        verbose_name_plural = _("evidence events")
        ordering: ClassVar = ["sequence"]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.event_type}"


class TreeNode(models.Model):
    pk = models.CompositePrimaryKey("level", "position")
    level = models.PositiveSmallIntegerField()
    position = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("ledger tree node")
        verbose_name_plural = _("ledger tree nodes")

    def __str__(self) -> str:
        return f"node({self.level}, {self.position})"


class SignedCheckpoint(models.Model):
    tree_size = models.BigIntegerField(primary_key=True)
    root_hash = models.BinaryField(max_length=32)
    note = models.TextField(help_text="C2SP signed note of the tlog-checkpoint")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("signed checkpoint")
        verbose_name_plural = _("signed checkpoints")
        ordering: ClassVar = ["-tree_size"]

    def __str__(self) -> str:
        return f"checkpoint @{self.tree_size}"


class RegulatorToken(models.Model):
    """A read-only credential for someone outside the employer (inspector, auditor).

    It opens only the ledger endpoints, across the whole log: entries hold no personal data
    in clear, so verifying them needs no organisation scope. Unlike the log itself this row
    changes (last use, revocation); only the SHA-256 digest of the secret is kept.
    """

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    name = models.CharField(_("name"), max_length=100)
    key_id = models.CharField(max_length=12, unique=True, editable=False)
    secret_digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("regulator token")
        verbose_name_plural = _("regulator tokens")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_id})"
