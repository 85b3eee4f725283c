"""`fairscreen ledger ...`: sign and publish checkpoints, manage the key, export, verify, audit.

Thin on purpose: the work is done by `evidence.services`, `evidence.signer`,
`evidence.export` and `evidence.audit`. Exit codes are for scripts and cron jobs:
0 verified, 1 verification failed (tampering, or a checkpoint that does not verify),
2 the check could not run (unreadable input, bad key text, no checkpoint yet).

`verify` reads only the files and URLs it is given, never the database.
"""

from __future__ import annotations

import base64
from argparse import ArgumentParser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from fairscreen.domain.ledger import AuditReport, CheckpointError, verifier_key_from_signer
from fairscreen.evidence import services, signer
from fairscreen.evidence.audit import (
    AuditUnavailable,
    CheckpointRejected,
    audit_database,
    verify_offline,
)
from fairscreen.evidence.export import ExportError, export_events

USAGE_ERROR = 2
VERIFICATION_FAILED = 1


class Command(BaseCommand):
    help = "Evidence ledger: checkpoint, key, export, verify (offline), audit-db."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        checkpoint = actions.add_parser("checkpoint", help="sign the current tree head")
        checkpoint.add_argument("--publish", type=Path, metavar="PATH", help="write the note")
        key = actions.add_parser("key", help="print the verifier key, or create a signing key")
        key.add_argument("--generate", type=Path, metavar="PATH", help="new signing key file")
        key.add_argument("--origin", metavar="NAME", help="log name (default: configured)")
        export = actions.add_parser("export", help="write the events as JSON Lines")
        export.add_argument("--out", required=True, metavar="FILE", help="FILE, or - for stdout")
        export.add_argument("--start", type=int, default=0, metavar="N")
        export.add_argument("--end", type=int, metavar="N", help="exclusive")
        verify = actions.add_parser("verify", help="check an export against a checkpoint")
        verify.add_argument("--checkpoint", required=True, metavar="FILE|URL")
        verify.add_argument("--key", required=True, metavar="KEY_TEXT|FILE|URL")
        verify.add_argument("--events", required=True, metavar="FILE|URL")
        verify.add_argument("--token", metavar="TOKEN", help="bearer token for URLs")
        verify.add_argument("--previous", metavar="FILE|URL", help="an older saved checkpoint")
        verify.add_argument("--origin", metavar="NAME", help="the log the checkpoint must be for")
        actions.add_parser("audit-db", help="audit this database against its checkpoints")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        handlers: dict[str, Callable[..., None]] = {
            "checkpoint": self.checkpoint,
            "key": self.key,
            "export": self.export,
            "verify": self.verify,
            "audit-db": self.audit_database,
        }
        try:
            handlers[action](**options)
        except (
            AuditUnavailable,
            CheckpointError,  # only from reading this instance's own key file
            ExportError,
            signer.SignerKeyError,
            OSError,
            DatabaseError,
        ) as error:
            raise CommandError(_one_line(error), returncode=USAGE_ERROR) from None
        except CheckpointRejected as error:
            self.stdout.write(f"FAILED: {error}")
            raise CommandError("verification failed", returncode=VERIFICATION_FAILED) from None

    def checkpoint(self, *, publish: Path | None, **options: Any) -> None:
        signed = services.create_checkpoint()
        if publish is not None:
            services.publish_checkpoint(signed, publish)
        root = base64.b64encode(bytes(signed.root_hash)).decode("ascii")
        self.stdout.write(f"checkpoint: size {signed.tree_size}, root {root}")
        if publish is not None:
            self.stdout.write(f"published to {publish}")

    def key(self, *, generate: Path | None, origin: str | None, **options: Any) -> None:
        if generate is None:
            self.stdout.write(signer.verifier_key())
            return
        if generate.exists():
            raise CommandError(
                f"{generate} already exists; refusing to overwrite a key", returncode=USAGE_ERROR
            )
        secret = signer.write_new_key(generate, origin or signer.origin())
        self.stdout.write(verifier_key_from_signer(secret))

    def export(self, *, out: str, start: int, end: int | None, **options: Any) -> None:
        count = export_events(self.stdout if out == "-" else Path(out), start=start, end=end)
        if out != "-":
            self.stdout.write(f"exported {count} events to {out}")

    def verify(self, **options: Any) -> None:
        verification = verify_offline(
            checkpoint_source=options["checkpoint"],
            key_source=options["key"],
            events_source=options["events"],
            token=options["token"],
            previous_source=options["previous"],
            origin=options["origin"],
        )
        self._report(verification.report, f"the checkpoint of {verification.checkpoint.origin}")

    def audit_database(self, **options: Any) -> None:
        self._report(audit_database(), "the latest signed checkpoint in the database")

    def _report(self, report: AuditReport, against: str) -> None:
        root = base64.b64encode(report.root_hash).decode("ascii")
        if report.ok:
            later = f"; {report.uncovered} later events not covered by the checkpoint"
            self.stdout.write(
                f"OK: {report.tree_size} events verified against checkpoint of size "
                f"{report.tree_size}, root {root}{later if report.uncovered else ''}"
            )
            return
        self.stdout.write(f"FAILED: the events do not match {against} (size {report.tree_size})")
        for problem in report.problems:
            where = "-" if problem.sequence is None else f"sequence {problem.sequence}"
            self.stdout.write(f"  {where} [{problem.kind}] {problem.message}")
        if report.omitted:
            self.stdout.write(f"  ... and {report.omitted} more problems")
        raise CommandError(
            f"verification failed: {len(report.problems) + report.omitted} problem(s)",
            returncode=VERIFICATION_FAILED,
        )


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__
