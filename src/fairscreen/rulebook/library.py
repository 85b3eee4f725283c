"""Which rulebooks the site publishes: the versions shipped in the package.

A deployment (or a test) can point `RULEBOOK_DIRECTORY` in the settings at another
directory of `*.toml` rulebooks; it is loaded and checked once, exactly as the shipped
ones are, so the page can never show a rulebook the engine would refuse.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

from fairscreen.domain import rating


def rulebook_history() -> rating.RulebookHistory:
    directory = getattr(settings, "RULEBOOK_DIRECTORY", None)
    if directory is None:
        return rating.published_rulebooks()
    return _history_in(Path(directory))


@cache
def _history_in(directory: Path) -> rating.RulebookHistory:
    return rating.load_rulebooks(directory)
