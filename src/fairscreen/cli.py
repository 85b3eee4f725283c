"""The `fairscreen` console script: Django's management commands under the project's name.

Thin on purpose: every command calls services. `fairscreen help` lists them all; the
project's own are `serve`, `worker`, `demo`, `createadmin` (and `migrate` from Django).
"""

import os
import sys

import fairscreen


def main(argv: list[str] | None = None) -> None:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments in (["--version"], ["version"]):
        print(f"fairscreen {fairscreen.__version__}")
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairscreen.config.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    from fairscreen.config.env import SettingsError  # noqa: PLC0415

    try:
        execute_from_command_line(["fairscreen", *arguments])
    except SettingsError as error:
        print(f"fairscreen: {error}", file=sys.stderr)
        raise SystemExit(2) from None
