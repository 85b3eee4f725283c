"""`fairscreen rate CASE.json`: dry-run the published rulebook on a case file.

Prints the `Rating` as JSON (exit 0); `--schema` prints the case file's JSON Schema. Bad
input — an unreadable file, invalid JSON, an unknown key, a protected ground, a rulebook
that does not load — exits 2 with every problem on stderr and no traceback. Needs no
database and no member: it rates only what the file says, nothing stored. The rating is
advice only (PIPL Art. 24), as the output's `advisory` and `notice` say.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fairscreen.domain import rating
from fairscreen.rulebook import library

USAGE_ERROR = 2


class Command(BaseCommand):
    help = "Rate a case file with the published rulebook (a dry run; advice only)."
    requires_system_checks = ()  # reads one file: needs no database and no app checks

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("case", nargs="?", type=Path, metavar="CASE.json")
        parser.add_argument(
            "--as-of",
            metavar="DATE",
            help="rate as of this day, YYYY-MM-DD (default: the case's as_of, else today in "
            "TIME_ZONE)",
        )
        parser.add_argument(
            "--rulebook",
            type=Path,
            metavar="FILE",
            help="a rulebook TOML file (default: the published version in force today)",
        )
        parser.add_argument(
            "--schema", action="store_true", help="print the JSON Schema of case files"
        )
        parser.add_argument(
            "--compact", action="store_true", help="print canonical JSON on one line"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schema"]:
            if options["case"] is not None:
                raise _usage("--schema takes no case file.")
            self.stdout.write(json.dumps(rating.case_schema(), ensure_ascii=False, indent=2))
            return
        if options["case"] is None:
            raise _usage("name a case file: fairscreen rate CASE.json (or --schema).")
        try:
            result = _rate(options["case"], options["as_of"], options["rulebook"])
        except rating.RatingError as error:
            raise _refusal(error) from None
        if options["compact"]:
            self.stdout.write(result.to_json())
        else:
            document = result.to_document()
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True))


def _rate(case_path: Path, as_of_option: str | None, rulebook_path: Path | None) -> rating.Rating:
    """The case rated by `--rulebook`, else by the published version in force today (the
    one a screening rated now would get; a version dated later does not apply yet)."""
    case = rating.parse_case(_read(case_path))
    rulebook = (
        library.current_rulebook() if rulebook_path is None else rating.load_rulebook(rulebook_path)
    )
    as_of = _as_of(as_of_option) or case.as_of or library.today()
    return rating.rate_case(case, as_of=as_of, rulebook=rulebook)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise _usage(f"{path}: cannot read the case file ({reason}).") from None


def _as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else _bad_date()
    except ValueError:
        return _bad_date()


def _bad_date() -> date:
    raise _usage("--as-of: must be a real date YYYY-MM-DD.")


def _refusal(error: rating.RatingError) -> CommandError:
    """Every problem on its own line, in English (the messages name paths, never data)."""
    lines = [f"{error.code}: {error}"]
    problems = getattr(error, "problems", ())
    if problems:
        lines = [f"{error.code}:"] + [
            f"  [{problem.code}] {problem.message.en}" for problem in problems
        ]
    return CommandError("\n".join(lines), returncode=USAGE_ERROR)


def _usage(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)
