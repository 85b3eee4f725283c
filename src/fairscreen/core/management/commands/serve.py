"""`fairscreen serve`: the web app (waitress) and, unless --no-worker, the job worker."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from fairscreen.core.serving import serve


class Command(BaseCommand):
    help = "Serve the web app and the job worker together (Ctrl-C stops both)."
    requires_system_checks: list[str] = []  # noqa: RUF012 - Django's attribute shape

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default=settings.APP.host)
        parser.add_argument("--port", type=int, default=settings.APP.port)
        parser.add_argument("--no-worker", action="store_true", help="serve the web app only")

    def handle(self, *args: Any, **options: Any) -> None:
        serve(
            host=options["host"],
            port=options["port"],
            with_worker=not options["no_worker"],
            announce=self.stdout.write,
        )
