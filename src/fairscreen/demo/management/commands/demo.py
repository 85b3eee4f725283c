"""`fairscreen demo`: seed the fictional demo organisation (if absent), print its logins and
a fresh invitation link for the demo candidate who has not consented yet."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fairscreen.config.env import Environment
from fairscreen.demo.screenings import fresh_demo_invitation
from fairscreen.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo_organisation

PORTAL_ORIGIN = "http://127.0.0.1:8000"


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
        token = fresh_demo_invitation(result.organisation)
        if token:
            self.stdout.write(
                "Candidate's side: a fictional candidate's consent invitation, single use, "
                "valid 7 days (a new one each time this runs):"
            )
            self.stdout.write(f"  {PORTAL_ORIGIN}/c/invitation/{token}/")
