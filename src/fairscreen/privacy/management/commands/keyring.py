"""`fairscreen keyring create|status|rotate|rewrap`: the operator's key management.

`create` makes the local key file production needs before its first start (production
never creates one silently). `rotate` adds a new key-encryption key and rewraps every live
data key under it; `rewrap` repeats only the second half, for keys that other running
processes wrapped under the old KEK before they were restarted.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fairscreen.domain.vault import LocalKeyring, VaultError, WrappedKey
from fairscreen.privacy import services
from fairscreen.privacy.keyring import get_keyring
from fairscreen.privacy.models import SubjectKey


class Command(BaseCommand):
    help = "Create the local key file, show the keyring, or rotate the key-encryption key."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a new local key file (mode 0600)")
        create.add_argument("path", type=Path)
        actions.add_parser("status", help="the current KEK and how many keys use each KEK")
        actions.add_parser("rotate", help="new KEK, then rewrap every live data key")
        actions.add_parser("rewrap", help="rewrap live data keys still under an older KEK")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except VaultError as error:
            raise CommandError(str(error)) from None

    def _create(self, options: dict[str, Any]) -> None:
        path: Path = options["path"]
        if path.exists():
            raise CommandError(f"{path} exists; refusing to replace a key file")
        keyring = LocalKeyring.open_or_create(path)
        self.stdout.write(f"Created {path} (mode 0600), current KEK {keyring.current_key_id()}.")
        self.stdout.write("Back it up now, separately from the database backups.")

    def _status(self, options: dict[str, Any]) -> None:
        self.stdout.write(f"current KEK: {get_keyring().current_key_id()}")
        counts: dict[str, int] = {}
        for text in SubjectKey.objects.exclude(wrapped_key="").values_list(
            "wrapped_key", flat=True
        ):
            kek_id = WrappedKey.from_text(text).key_id
            counts[kek_id] = counts.get(kek_id, 0) + 1
        for kek_id, count in sorted(counts.items()):
            self.stdout.write(f"  {kek_id}: {count} live data keys")
        destroyed = SubjectKey.objects.filter(destroyed_at__isnull=False).count()
        self.stdout.write(f"  destroyed: {destroyed}")

    def _rotate(self, options: dict[str, Any]) -> None:
        self._report(services.rotate_key_encryption_key())

    def _rewrap(self, options: dict[str, Any]) -> None:
        self._report(services.rewrap_subject_keys())

    def _report(self, result: services.RotationResult) -> None:
        self.stdout.write(
            f"current KEK {result.kek_id}: {result.rewrapped} rewrapped, "
            f"{result.already_current} already current."
        )
