"""A provider's answer as a `ConnectorResult`, or the `ProviderError` it amounts to.

The status decides first (docs/provider-api.md, "Errors and retries"): 200 is a complete
result, 202 is "pending, ask again", 401/403 are credentials, 408/429/5xx are "try again
later", any other 4xx is a refusal, and anything else — a redirect, a 204 — is not an
answer of the contract. A 200 or 202 body must then be UTF-8 JSON of exactly the documented
shape.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import re
from datetime import UTC, datetime

from fairscreen.screenings.connectors import _http_errors as errors
from fairscreen.screenings.connectors._http_findings import (
    ContractViolation,
    parse_findings,
    require_keys,
)
from fairscreen.screenings.connectors._http_transport import Answer
from fairscreen.screenings.connectors._protocol import ConnectorResult

__all__ = ["MAX_RETRY_AFTER_SECONDS", "result_from"]

MAX_RETRY_AFTER_SECONDS = 86_400
"""A provider may ask for at most a day's patience; a longer Retry-After is read as a day."""

_COMPLETE_KEYS = frozenset({"status", "findings"})
_PENDING_KEYS = frozenset({"status", "retry_after_seconds"})
_DELTA_SECONDS = re.compile(r"[0-9]{1,10}")
_RETRY_LATER = frozenset({408, 429})


def result_from(
    answer: Answer, *, connector: str, origin: str, max_evidence_bytes: int
) -> ConnectorResult:
    """The findings of a complete answer; raises `ProviderError` for everything else."""
    _raise_for_status(answer, connector)
    problem = ""
    try:
        return _read_body(
            answer, connector=connector, origin=origin, max_evidence_bytes=max_evidence_bytes
        )
    except ContractViolation as violation:
        problem = violation.problem
    raise errors.malformed(connector, problem, status=answer.status)  # outside `except`


def _raise_for_status(answer: Answer, connector: str) -> None:
    status = answer.status
    if status in (200, 202):
        return
    if status in (401, 403):
        raise errors.auth_failed(connector, status)
    if status in _RETRY_LATER or 500 <= status <= 599:
        raise errors.unavailable(connector, status, retry_after(answer.headers))
    if 400 <= status <= 499:
        raise errors.rejected(connector, status)
    followed = " (redirects are not followed)" if 300 <= status <= 399 else ""
    raise errors.malformed(
        connector, f"HTTP {status} is not one of its answers{followed}", status=status
    )


def _read_body(
    answer: Answer, *, connector: str, origin: str, max_evidence_bytes: int
) -> ConnectorResult:
    if answer.headers.get_content_type() != "application/json":
        raise ContractViolation("Content-Type must be application/json")
    if answer.headers.get_content_charset() not in (None, "utf-8"):
        raise ContractViolation("the charset, if given, must be utf-8")
    document = _decode_json(answer.body)
    status = document.get("status") if isinstance(document, dict) else None
    if answer.status == 202:
        if status != "pending":
            raise ContractViolation('status must be "pending" in a 202 answer')
        raise errors.pending(connector, _pending_delay(document))
    if status != "complete":
        raise ContractViolation('status must be "complete" in a 200 answer')
    complete = require_keys(document, "", required=_COMPLETE_KEYS)
    return ConnectorResult(
        findings=parse_findings(
            complete["findings"], origin=origin, max_evidence_bytes=max_evidence_bytes
        )
    )


def _pending_delay(document: object) -> float:
    pending = require_keys(document, "", required=_PENDING_KEYS)
    delay = pending["retry_after_seconds"]
    if (
        isinstance(delay, bool)
        or not isinstance(delay, int)
        or not 0 <= delay <= MAX_RETRY_AFTER_SECONDS
    ):
        raise ContractViolation(
            f"retry_after_seconds must be a whole number from 0 to {MAX_RETRY_AFTER_SECONDS}"
        )
    return float(delay)


def _decode_json(body: bytes) -> object:
    """Strict JSON: UTF-8, no duplicate keys (which of the two would count?), no NaN."""
    try:
        return json.loads(
            body.decode("utf-8"), object_pairs_hook=_unique_keys, parse_constant=_no_constant
        )
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError included
        pass  # not raised here: a JSONDecodeError keeps the whole body in `.doc`
    raise ContractViolation("the body must be UTF-8 JSON without duplicate keys or NaN")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise ValueError("duplicate key")
    return document


def _no_constant(_name: str) -> object:
    raise ValueError("NaN and Infinity are not JSON")


def retry_after(headers: http.client.HTTPMessage) -> float | None:
    """``Retry-After`` in seconds from now (RFC 9110 §10.2.3: seconds or an HTTP date),
    capped at a day; None when absent or unreadable, which leaves the runner's backoff."""
    value = (headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if _DELTA_SECONDS.fullmatch(value):
        seconds = float(value)
    else:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:  # "-0000": RFC 5322's "UTC, origin unknown"
            moment = moment.replace(tzinfo=UTC)
        seconds = (moment - datetime.now(UTC)).total_seconds()
    return min(max(seconds, 0.0), float(MAX_RETRY_AFTER_SECONDS))
