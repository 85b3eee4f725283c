"""`fairscreen retention due|sweep`: what is due for destruction, and destroying it.

The worker runs the sweep every night; operators can look first (`due`, ids and dates
only, never a name; `--today` may look ahead) or run it by hand (`sweep`; `--today` may
not be later than today: that would destroy data before it is due). Killing a sweep is
safe: each candidate is destroyed whole in its own transaction, and the next run finishes
the list. A sweep that could not destroy some candidate exits non-zero (ids in the log).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fairscreen.retention.schedule import due_candidates
from fairscreen.retention.services import SweepDateInFuture, sweep_retention


class Command(BaseCommand):
    help = "List the candidates due for destruction, or destroy them (crypto-shredding)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["due", "sweep"])
        parser.add_argument(
            "--today",
            help="count the deadlines as of this date (YYYY-MM-DD; for sweep, not in the future)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _date(options.get("today"))
        if options["action"] == "due":
            count = 0
            for found in due_candidates(today=today):
                count += 1
                self.stdout.write(
                    f"candidate:{found.candidate_id}  due {found.due_on}  {found.reason}"
                )
            self.stdout.write(f"{count} due")
            return
        try:
            report = sweep_retention(today=today)
        except SweepDateInFuture:
            raise CommandError(
                "--today may not be later than today for a sweep: it would destroy data "
                "before it is due (use `retention due --today` to look ahead)"
            ) from None
        self.stdout.write(
            f"{report.due} due, {report.destroyed} destroyed, "
            f"{report.files_deleted} evidence files deleted"
        )
        if report.failed:
            raise CommandError(
                f"{report.failed} candidates or files could not be handled (ids in the log); "
                "the next sweep retries them"
            )


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError("--today must be a date as YYYY-MM-DD") from None
