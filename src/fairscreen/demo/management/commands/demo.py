"""`fairscreen demo`: seed the fictional demo organisation (if absent) and print its logins."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fairscreen.config.env import Environment
from fairscreen.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo_organisation


class Command(BaseCommand):
    help = "Seed the fictional demo organisation (idempotent) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.APP.environment is Environment.PRODUCTION:
            raise CommandError(
                "Refusing to seed demo accounts with a published password in production."
            )
        result = seed_demo_organisation()
        state = "created" if result.created else "already present"
        self.stdout.write(f"Demo organisation {result.organisation.name}: {state}.")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.role.value:<10} {login.email}")
