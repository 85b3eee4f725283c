"""What every settings module shares: the error that names the variable, and booleans."""

from __future__ import annotations


class SettingsError(Exception):
    """A setting is missing or unsafe; the message names the variable to fix."""


def parse_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise SettingsError(f"{name}: expected true or false, got {raw!r}")
