"""Storage of the evidence log (see fairscreen/domain/ledger/README.md for the tree).

`Event` rows are the leaves, in sequence order, each with its canonical entry bytes;
`TreeNode` rows are the complete interior subtrees (level >= 1), written once when they
complete, so any root or proof needs O(log n) indexed reads and never a scan;
`SignedCheckpoint` rows are the signed tree heads that regulators keep. All three are
append-only: the database rejects UPDATE and DELETE (see `guards`).
"""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


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
