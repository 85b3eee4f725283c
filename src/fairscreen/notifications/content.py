"""The stored form of a message's text: one JSON document, encrypted as one value.

Subject, body and link travel together in one ciphertext, so they are bound to the same
row and subject key and vanish together when the key is destroyed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from fairscreen.notifications.messages import Bilingual

__all__ = ["StoredContent", "dump_content", "load_content"]

FORMAT = 1


@dataclass(frozen=True)
class StoredContent:
    subject: Bilingual = field(repr=False)
    body: Bilingual = field(repr=False)
    link_path: str = field(default="", repr=False)


def dump_content(*, subject: Bilingual, body: Bilingual, link_path: str) -> str:
    document = {
        "format": FORMAT,
        "subject": subject.as_dict(),
        "body": body.as_dict(),
        "link": link_path,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


def load_content(text: str) -> StoredContent:
    document = json.loads(text)
    return StoredContent(
        subject=Bilingual.from_dict(document["subject"]),
        body=Bilingual.from_dict(document["body"]),
        link_path=str(document.get("link", "")),
    )
