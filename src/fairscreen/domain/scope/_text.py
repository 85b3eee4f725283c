"""Bilingual text: every word a candidate or an HR admin reads exists in Chinese and English.

A consent notice is only informed consent (PIPL Art. 14, 17) if the person can read it, so
user-facing text is never a single-language string that a template might forget to translate.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Text"]


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of user-facing text in simplified Chinese (`zh`) and English (`en`)."""

    zh: str
    en: str

    def get(self, language: str) -> str:
        """The text for a language tag: any Chinese tag ("zh", "zh-hans", "zh_CN") gives `zh`.

        Everything else falls back to English, the project's second language.
        """
        return self.zh if language.strip().lower().startswith("zh") else self.en

    def is_blank(self) -> bool:
        """True if either language is empty or whitespace: half a translation is no text."""
        return not self.zh.strip() or not self.en.strip()
