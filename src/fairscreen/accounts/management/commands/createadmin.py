"""`fairscreen createadmin`: a platform operator account for the Django admin at /admin/."""

import getpass
import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fairscreen.accounts import services
from fairscreen.core.errors import FairscreenError


class Command(BaseCommand):
    help = "Create a platform operator (Django admin) account."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="Operator")
        parser.add_argument(
            "--password-env",
            default="FAIRSCREEN_ADMIN_PASSWORD",
            help="read the password from this environment variable (else prompt)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get(options["password_env"]) or getpass.getpass("Password: ")
        try:
            services.create_user(
                email=options["email"],
                display_name=options["name"],
                password=password,
                operator=True,
            )
        except FairscreenError as error:
            details = "; ".join(f"{k}: {v}" for k, v in error.details.items())
            raise CommandError(f"{error.message} {details}".strip()) from None
        self.stdout.write(self.style.SUCCESS("Operator account created; sign in at /admin/."))
