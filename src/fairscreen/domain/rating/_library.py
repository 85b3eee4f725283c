"""Loading rulebooks: one TOML file, or every version shipped in `rulebooks/`.

A rulebook is loaded only whole and only valid: the shape is read strictly, then checked
against the check catalogue (`_rulebook_checks`), and a file's name must be its version
(`2026.1.toml`), so the page's history and the ratings can never disagree about which
text a version is.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
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
    if problems:
        raise InvalidRulebook(problems)
    return RulebookHistory(versions=tuple(sorted(rulebooks, key=_version_order)))


def shipped_rulebook_directory() -> Path:
    """The directory of the rulebooks shipped in the package (package data)."""
    return Path(str(resources.files("fairscreen.domain.rating") / "rulebooks"))


@cache
def published_rulebooks() -> RulebookHistory:
    """The shipped rulebooks, loaded and checked once per process."""
    return load_rulebooks(shipped_rulebook_directory())


def current_rulebook() -> Rulebook:
    """The latest published rulebook version."""
    return published_rulebooks().current


def _version_order(rulebook: Rulebook) -> tuple[int, int]:
    return rulebook.sort_key


def _problem(code: str, en: str, zh: str) -> Problem:
    return Problem(code=code, message=Text(zh=zh, en=en))


def _in_file(name: str, problem: Problem) -> Problem:
    return Problem(
        code=problem.code,
        message=Text(zh=f"{name}：{problem.message.zh}", en=f"{name}: {problem.message.en}"),
    )
