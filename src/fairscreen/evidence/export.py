"""Copies of the log for auditors: JSON Lines exports, and reading them back or from the API.

An auditor verifies a copy, not the live database, so that someone who controls the
server cannot answer the audit. The copy keeps the canonical entry bytes exactly (base64:
re-encoding the JSON would change the leaf hashes) and the leaf hashes the server stored,
so a changed byte is located. Rows are streamed in chunks, never loaded all at once.

Reading is also used by `fairscreen ledger verify`, which must not touch a database: the
readers here only parse files and HTTP answers.
"""

from __future__ import annotations

import base64
import binascii
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from fairscreen.domain.ledger import HASH_SIZE
from fairscreen.evidence.models import Event

CHUNK_SIZE = 2000
PAGE_SIZE = 1000
TIMEOUT_SECONDS = 30
EVENTS_PATH = "/api/v1/ledger/events"

Record = tuple[int, bytes, bytes]
"""(sequence, canonical entry bytes, stored leaf hash)."""


class ExportError(ValueError):
    """An export, file or URL that cannot be read; the message says which and where."""


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def export_events(
    destination: str | Path | _Writer, *, start: int = 0, end: int | None = None
) -> int:
    """Write events [start, end) as JSON Lines in sequence order; return how many.

    A path is written through a temporary file and renamed, so a reader never sees half
    an export.
    """
    if not isinstance(destination, str | Path):
        return _write_events(destination, start, end)
    path = Path(destination)
    temporary = path.with_name(path.name + ".tmp")
    try:
        with temporary.open("w", encoding="utf-8") as stream:
            count = _write_events(stream, start, end)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    return count


def _write_events(stream: _Writer, start: int, end: int | None) -> int:
    rows = Event.objects.filter(sequence__gte=start).order_by("sequence")
    if end is not None:
        rows = rows.filter(sequence__lt=end)
    count = 0
    for sequence, entry, leaf in rows.values_list("sequence", "entry", "leaf_hash").iterator(
        chunk_size=CHUNK_SIZE
    ):
        record = {"sequence": sequence, "entry": _encode(entry), "leaf_hash": _encode(leaf)}
        stream.write(json.dumps(record, separators=(",", ":")) + "\n")
        count += 1
    return count


def read_export(stream: Iterable[str]) -> Iterator[Record]:
    """Yield (sequence, entry, leaf hash) from JSON Lines, line by line; blank lines skipped."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            document = json.loads(line)
        except ValueError:
            raise ExportError(f"line {number} of the export is not JSON") from None
        yield _decode_record(document, f"line {number} of the export")


def read_events_from_url(
    base_url: str, token: str | None, *, start: int = 0, end: int | None = None
) -> Iterator[Record]:
    """Yield the events of a fairscreen instance, page by page, from its ledger API.

    `base_url` is the instance (``https://screening.example.com``); the API answers
    ``{"events": [...], "next": <start of the next page or null>}``.
    """
    url = base_url.rstrip("/").removesuffix(EVENTS_PATH)
    cursor = start
    while True:
        query = {"start": cursor, "limit": PAGE_SIZE, **({} if end is None else {"end": end})}
        page_url = f"{url}{EVENTS_PATH}?{urllib.parse.urlencode(query)}"
        page = _parse_json(_download(page_url, token), page_url)
        events = page.get("events") if isinstance(page, dict) else None
        following = page.get("next") if isinstance(page, dict) else None
        if not isinstance(events, list):
            raise ExportError(f"{page_url} did not answer a page of events")
        for position, document in enumerate(events):
            yield _decode_record(document, f"event {position} of {page_url}")
        if following is None:
            return
        if not isinstance(following, int) or isinstance(following, bool) or following <= cursor:
            raise ExportError(f"{page_url} answered a 'next' that does not move forward")
        cursor = following


def fetch_text(source: str, *, token: str | None = None) -> str:
    """The text of a local file or of an http(s) URL (with the bearer token, if any)."""
    if _is_url(source):
        data = _download(source, token)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise ExportError(f"{source} did not answer UTF-8 text") from None
    try:
        return Path(source).read_text(encoding="utf-8")
    except OSError as error:
        raise ExportError(f"cannot read {source}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ExportError(f"{source} is not UTF-8 text") from None


def open_events(source: str, token: str | None) -> Iterator[Record]:
    """Records from an export file or, for an http(s) URL, from the instance's API."""
    if _is_url(source):
        yield from read_events_from_url(source, token)
        return
    try:
        with Path(source).open(encoding="utf-8") as stream:
            yield from read_export(stream)
    except OSError as error:
        raise ExportError(f"cannot read {source}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ExportError(f"{source} is not UTF-8 text") from None


def _is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in ("http", "https")


def _download(url: str, token: str | None) -> bytes:
    """GET an http(s) URL; errors name the URL and the status, never the token."""
    if not _is_url(url):
        raise ExportError(f"{url} is not an http(s) URL")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - scheme checked above
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            data: bytes = response.read()
    except urllib.error.HTTPError as error:
        raise ExportError(f"{url} answered HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise ExportError(f"cannot reach {url}: {error.reason}") from None
    except OSError as error:
        raise ExportError(f"cannot read {url}: {error}") from None
    return data


def _parse_json(data: bytes, where: str) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        raise ExportError(f"{where} did not answer JSON") from None


def _decode_record(document: Any, where: str) -> Record:
    if not isinstance(document, dict):
        raise ExportError(f"{where} is not an object")
    sequence = document.get("sequence")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 0:
        raise ExportError(f"{where} has no valid 'sequence'")
    entry = _decode(document.get("entry"), f"'entry' of {where}")
    leaf = _decode(document.get("leaf_hash"), f"'leaf_hash' of {where}")
    if len(leaf) != HASH_SIZE:
        raise ExportError(f"'leaf_hash' of {where} is not {HASH_SIZE} bytes")
    return sequence, entry, leaf


def _decode(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise ExportError(f"{what} is missing")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ExportError(f"{what} is not valid base64") from None


def _encode(data: bytes | memoryview) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")
