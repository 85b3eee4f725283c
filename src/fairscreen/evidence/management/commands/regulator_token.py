"""`fairscreen regulator_token issue|revoke`: read-only ledger access for outside inspectors.

Regulators have no account in any organisation, so their tokens are issued by the platform
operator at the server console. Both actions are recorded in the evidence log.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fairscreen.core.errors import FairscreenError
from fairscreen.evidence import regulators


class Command(BaseCommand):
    help = "Issue or revoke a regulator token (read-only access to the evidence ledger API)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue", help="create a token and print it once")
        issue.add_argument("--name", required=True, help="who holds it, e.g. the inspectorate")
        revoke = actions.add_parser("revoke", help="stop a token working")
        revoke.add_argument("key_id", help="the key id printed when the token was issued")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "issue":
                self._issue(options["name"])
            else:
                self._revoke(options["key_id"])
        except FairscreenError as error:
            details = "; ".join(f"{key}: {value}" for key, value in error.details.items())
            raise CommandError(f"{error.message} {details}".strip()) from None

    def _issue(self, name: str) -> None:
        token, plaintext = regulators.issue_regulator_token(name=name)
        self.stdout.write(f"Regulator token {token.key_id} issued for {token.name}.")
        self.stdout.write("Give it to the regulator now; it is not shown again:")
        self.stdout.write(plaintext)

    def _revoke(self, key_id: str) -> None:
        token = regulators.regulator_token_by_key_id(key_id)
        regulators.revoke_regulator_token(token=token)
        self.stdout.write(self.style.SUCCESS(f"Regulator token {token.key_id} revoked."))
