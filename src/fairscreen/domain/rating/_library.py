"""Loading rulebooks: one TOML file, or every published version.

A rulebook is loaded only whole and only valid: the shape is read strictly, then checked
against the check catalogue (`_rulebook_checks`), and a file's name must be its version
(`2026.1.toml`), so the page's history and the ratings can never disagree about which
text a version is.

`published_rulebooks()` is the one source of the published versions, for the engine (a
screening's rating, the periodic re-check, the policy simulation, `fairscreen rate`) and
the /rulebook pages alike: the versions shipped in `rulebooks/`, or those of the directory
a deployment names (`use_rulebook_directory`, which the rulebook app calls with its
`RULEBOOK_DIRECTORY` setting). There is no second loader for anyone to drift onto.
"""

from __future__ import annotations

import itertools
import tomllib
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from fairscreen.domain.rating._errors import InvalidRulebook, Problem
from fairscreen.domain.rating._history import RulebookHistory
from fairscreen.domain.rating._rulebook import Rulebook
from fairscreen.domain.rating._rulebook_checks import rulebook_problems
from fairscreen.domain.rating._rulebook_reader import read_rulebook_shape
from fairscreen.domain.scope import CATALOGUE, Catalogue, Text

__all__ = [
    "current_rulebook",
    "load_rulebook",
    "load_rulebooks",
    "parse_rulebook",
    "published_rulebooks",
    "read_rulebook",
    "shipped_rulebook_directory",
    "use_rulebook_directory",
]


def read_rulebook(document: Mapping[str, object], *, catalogue: Catalogue = CATALOGUE) -> Rulebook:
    """A rulebook from a parsed document; raises `InvalidRulebook` listing every problem."""
    rulebook = read_rulebook_shape(document)
    problems = rulebook_problems(rulebook, catalogue)
    if problems:
        raise InvalidRulebook(problems)
    return rulebook


def parse_rulebook(text: str, *, catalogue: Catalogue = CATALOGUE) -> Rulebook:
    """A rulebook from TOML text."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidRulebook(
            [_problem("not_toml", f"not TOML: {error}", f"不是有效的 TOML：{error}")]
        ) from None
    return read_rulebook(document, catalogue=catalogue)


def load_rulebook(path: Path, *, catalogue: Catalogue = CATALOGUE) -> Rulebook:
    """A rulebook from a TOML file (UTF-8)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise InvalidRulebook(
            [
                _problem(
                    "unreadable",
                    f"cannot read {path.name}: {reason}",
                    f"无法读取 {path.name}：{reason}",
                )
            ]
        ) from None
    return parse_rulebook(text, catalogue=catalogue)


def load_rulebooks(directory: Path, *, catalogue: Catalogue = CATALOGUE) -> RulebookHistory:
    """Every `*.toml` rulebook in a directory, as a history (oldest version first)."""
    rulebooks = []
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            rulebook = load_rulebook(path, catalogue=catalogue)
        except InvalidRulebook as error:
            problems.extend(_in_file(path.name, problem) for problem in error.problems)
            continue
        if path.stem != rulebook.version:
            problems.append(
                _problem(
                    "file_name_mismatch",
                    f"{path.name}: the file of version {rulebook.version} must be named "
                    f"{rulebook.version}.toml",
                    f"{path.name}：版本 {rulebook.version} 的文件名必须是 {rulebook.version}.toml",
                )
            )
        rulebooks.append(rulebook)
    if not rulebooks and not problems:
        problems.append(
            _problem(
                "no_rulebook",
                f"no rulebook in {directory.name}",
                f"{directory.name} 中没有规则手册",
            )
        )
    ordered = sorted(rulebooks, key=_version_order)
    problems.extend(_publication_order_problems(ordered))
    if problems:
        raise InvalidRulebook(problems)
    return RulebookHistory(versions=tuple(ordered))


def _publication_order_problems(ordered: list[Rulebook]) -> list[Problem]:
    """A later version dated before an earlier one would put the older rules back in force."""
    return [
        _problem(
            "published_out_of_order",
            f"{newer.version}.toml: published {newer.published.isoformat()}, before version "
            f"{older.version} ({older.published.isoformat()})",
            f"{newer.version}.toml：发布日期 {newer.published.isoformat()} 早于版本 "
            f"{older.version}（{older.published.isoformat()}）",
        )
        for older, newer in itertools.pairwise(ordered)
        if newer.published < older.published
    ]


def shipped_rulebook_directory() -> Path:
    """The directory of the rulebooks shipped in the package (package data)."""
    return Path(str(resources.files("fairscreen.domain.rating") / "rulebooks"))


@dataclass(slots=True)
class _Publication:
    """Where the published versions are read from; None: the shipped ones."""

    directory: Path | None = None


_PUBLICATION = _Publication()


def use_rulebook_directory(directory: Path | None) -> None:
    """Publish the rulebooks of `directory` instead of the shipped ones (None: the shipped).

    Process-wide, for engine and pages at once; the rulebook app calls it at start-up and
    whenever its `RULEBOOK_DIRECTORY` setting changes. The directory is read (and checked
    whole) the first time it is needed, then once per process.
    """
    _PUBLICATION.directory = None if directory is None else Path(directory)


def published_rulebooks() -> RulebookHistory:
    """Every published version, loaded and checked once per process and directory."""
    return _history_in(_PUBLICATION.directory or shipped_rulebook_directory())


@cache
def _history_in(directory: Path) -> RulebookHistory:
    return load_rulebooks(directory)


def current_rulebook(*, today: date | None = None) -> Rulebook:
    """The published version in force on `today` (the organisation's local date): the
    highest one whose `published` date has come. A version dated later is already on the
    page, but rates nobody before its day.

    `today` will become required: without it the machine's date is used, and a warning
    says so, until every caller passes its own day.
    """
    if today is None:
        warnings.warn(
            "current_rulebook() without today= reads the machine's clock; pass the local date",
            DeprecationWarning,
            stacklevel=2,
        )
        today = date.today()  # noqa: DTZ011 - transitional, see the docstring
    return published_rulebooks().in_force_on(today)


def _version_order(rulebook: Rulebook) -> tuple[int, int]:
    return rulebook.sort_key


def _problem(code: str, en: str, zh: str) -> Problem:
    return Problem(code=code, message=Text(zh=zh, en=en))


def _in_file(name: str, problem: Problem) -> Problem:
    return Problem(
        code=problem.code,
        message=Text(zh=f"{name}：{problem.message.zh}", en=f"{name}: {problem.message.en}"),
    )
