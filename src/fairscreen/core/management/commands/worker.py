"""`fairscreen worker`: only the job worker, for deployments that scale it separately."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from fairscreen.core.serving import run_worker


class Command(BaseCommand):
    help = "Run the background job worker (SLA timers, retention sweeps, checkpoints)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("fairscreen worker started (Ctrl-C stops it)")
        run_worker(workers=options["workers"])
