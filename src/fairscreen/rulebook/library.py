"""Which rulebooks the site publishes and rates by: one history, for pages and engine alike.

The versions are the ones shipped in the package, unless a deployment (or a test) points
the `RULEBOOK_DIRECTORY` setting at another directory of `*.toml` rulebooks. The setting
is handed to the rating core (`rating.use_rulebook_directory`) at start-up and whenever
it changes, so `rating.published_rulebooks()` — which rates screenings, re-checks stored
ratings, runs the policy simulation and `fairscreen rate` — is exactly the history the
/rulebook pages show. The directory is loaded and checked whole, as the shipped one is, so
the page can never show a rulebook the engine would refuse.

The version in force is the highest one whose `published` date has come in the
organisation's zone (`TIME_ZONE`); a version dated later is shown as not yet in force.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.signals import setting_changed
from django.utils import timezone

from fairscreen.domain import rating

SETTING = "RULEBOOK_DIRECTORY"


def connect() -> None:
    """Publish the configured rulebooks, follow changes of the setting, check them."""
    publish_configured_rulebooks()
    setting_changed.connect(on_setting_changed, dispatch_uid="rulebook-directory")
    checks.register(check_rulebooks)


def publish_configured_rulebooks() -> None:
    """Hand the `RULEBOOK_DIRECTORY` setting (unset: the shipped rulebooks) to the core."""
    directory = getattr(settings, SETTING, None)
    rating.use_rulebook_directory(None if directory in (None, "") else Path(directory))


def on_setting_changed(*, setting: str, **_: Any) -> None:
    """`setting_changed` receiver: a changed `RULEBOOK_DIRECTORY` applies at once."""
    if setting == SETTING:
        publish_configured_rulebooks()


def rulebook_history() -> rating.RulebookHistory:
    """Every published version (the same history the engine rates by)."""
    return rating.published_rulebooks()


def today() -> date:
    """The day that decides which version is in force: the local date of `TIME_ZONE`."""
    return timezone.localdate()


def current_rulebook() -> rating.Rulebook:
    """The version in force today; raises `rating.NoRulebookInForce` before the first."""
    return rulebook_history().in_force_on(today())


def check_rulebooks(app_configs: object = None, **_: Any) -> list[checks.CheckMessage]:
    """System check: the published rulebooks load, and one of them is in force today."""
    try:
        history = rulebook_history()
    except rating.InvalidRulebook as invalid:
        return [
            checks.Error(problem.message.en, hint=f"{SETTING} / rulebooks", id="rulebook.E001")
            for problem in invalid.problems
        ]
    try:
        history.in_force_on(today())
    except rating.NoRulebookInForce as none:
        return [checks.Error(str(none), id="rulebook.E002")]
    return []
