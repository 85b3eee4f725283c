"""Every user-facing English string has a Simplified Chinese translation (the default UI)."""

import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "fairscreen"
CATALOGUE = SOURCE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
APP_CATALOGUES = sorted(SOURCE.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))
"""Apps may keep their own catalogue beside their code; Django merges them all."""
TEMPLATE_STRING = re.compile(r'\{%\s*translate\s+"([^"]+)"')
PYTHON_STRING = re.compile(r'\b_\(\s*((?:"[^"]*"\s*)+)[,)]')
"""`_("...")`, including a message split over adjacent literals (`_("a " "b")`)."""
LITERAL = re.compile(r'"([^"]*)"')


def translatable_strings() -> set[str]:
    found: set[str] = set()
    for template in SOURCE.rglob("*.html"):
        found |= set(TEMPLATE_STRING.findall(template.read_text()))
    for module in SOURCE.rglob("*.py"):
        for literals in PYTHON_STRING.findall(module.read_text()):
            found.add("".join(LITERAL.findall(literals)))
    return found


def translated_strings() -> dict[str, str]:
    text = "\n".join(path.read_text() for path in [CATALOGUE, *APP_CATALOGUES])
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, flags=re.MULTILINE)
    return {msgid.replace('\\"', '"'): msgstr for msgid, msgstr in pairs if msgid}


def test_the_scan_finds_the_interface_strings() -> None:
    assert "Sign in" in translatable_strings()


def test_every_interface_string_has_a_chinese_translation() -> None:
    catalogue = translated_strings()

    missing = sorted(s for s in translatable_strings() if not catalogue.get(s))

    assert not missing, f"add these to the app's locale/zh_Hans/LC_MESSAGES/django.po: {missing}"
