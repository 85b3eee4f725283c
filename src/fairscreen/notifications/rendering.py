"""Turning a bilingual message into the text one channel sends, in the recipient's language.

Plain text only: no HTML, no images, no tracking pixels, no links but the one the caller
gave. A recipient who reads both languages gets Chinese first, then English, in the same
message: one notice, not two that could be told apart or arrive apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _

from fairscreen.notifications.messages import Bilingual, Language

__all__ = ["CONTENT_LANGUAGE", "RenderedText", "render"]

LANGUAGE_SEPARATOR = "\n\n————————\n\n"
CONTENT_LANGUAGE = {Language.ZH_HANS: "zh-Hans", Language.EN: "en"}
"""BCP 47 tags for the Content-Language header."""


@dataclass(frozen=True)
class RenderedText:
    subject: str = field(repr=False)
    body: str = field(repr=False)


def render(
    *,
    subject: Bilingual,
    body: Bilingual,
    language: Language,
    link_url: str = "",
    footer: bool = True,
) -> RenderedText:
    """Subject line and body; `footer` adds the "automatic message, do not reply" line."""
    subjects = [subject.in_language(single) for single in language.singles]
    blocks = [
        _block(body.in_language(single), single, link_url=link_url, footer=footer)
        for single in language.singles
    ]
    return RenderedText(subject=" / ".join(subjects), body=LANGUAGE_SEPARATOR.join(blocks))


def _block(text: str, language: Language, *, link_url: str, footer: bool) -> str:
    parts = [text.strip()]
    with translation.override(language.value):
        if link_url:
            parts.append(_("Open: %(url)s") % {"url": link_url})
        if footer:
            parts.append(
                _("This is an automatic message from fairscreen (明鉴背调). Please do not reply.")
            )
    return "\n\n".join(parts)
