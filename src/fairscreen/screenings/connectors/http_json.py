"""`HttpJsonConnector`: a screening provider's HTTP JSON API behind the `Connector` Protocol.

The contract a provider implements is docs/provider-api.md. In short: one
``POST {base_url}/checks`` per check item, with a bearer token and an ``Idempotency-Key``
equal to the request id; 200 ``{"status": "complete", "findings": [...]}`` or 202
``{"status": "pending", "retry_after_seconds": N}``.

What the connector guarantees the runner:

- it sends only what the item needs (PIPL Art. 6): the subject's name and ID number, and
  third parties only for an item that names them, only of the kind it names — whatever the
  request carries; and nothing at all for an item it is not configured to run;
- it returns findings only from a complete answer of exactly the documented shape (unknown
  keys refused); what the details must contain is the runner's check, in one place;
- every failure is a `ProviderError` (a `ConnectorError`) with a code, `retryable`, and a
  fixed message free of personal data and of the provider's words:

  ======================== ========= =====================================================
  code                     retryable when
  ======================== ========= =====================================================
  ``provider_timeout``     yes       no complete answer within ``timeout_seconds``
  ``provider_unavailable`` yes       refused/reset/cut-off connection, 408, 429, 5xx
  ``provider_pending``     yes       202 pending; ``retry_after_seconds`` says when
  ``provider_auth_failed`` no        401, 403
  ``provider_rejected``    no        any other 4xx
  ``provider_malformed``   no        a complete answer outside the contract
  ``item_not_supported``   no        the item is not one this connector runs
  ``request_invalid``      no        the request id cannot be sent as a header
  ======================== ========= =====================================================

Malformed is not retryable: a body cut short of its declared length is recognised and is
``provider_unavailable``, so what remains is an answer the provider sent whole; asking again
would send the candidate's data once more for the same unusable answer.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable

from fairscreen.domain.scope import CATALOGUE
from fairscreen.screenings.connectors import _http_errors as errors
from fairscreen.screenings.connectors._http_answer import result_from
from fairscreen.screenings.connectors._http_errors import ProviderError, ProviderErrorCode
from fairscreen.screenings.connectors._http_transport import Endpoint, post
from fairscreen.screenings.connectors._protocol import CheckRequest, ConnectorResult

__all__ = [
    "MAX_EVIDENCE_BYTES",
    "MAX_RESPONSE_BYTES",
    "HttpJsonConnector",
    "ProviderError",
    "ProviderErrorCode",
]

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
"""The largest evidence file one finding may carry (decoded)."""

MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""The largest answer read at all: a few findings with evidence, base64-encoded."""

_CODE = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_HEADER_VALUE = re.compile(r"[!-~]{1,200}")  # printable ASCII, no spaces: a token or an id


class HttpJsonConnector:
    """Runs the check items in `items` at one provider; see the module docstring."""

    def __init__(
        self,
        *,
        code: str,
        base_url: str,
        items: Iterable[str],
        token: str,
        timeout_seconds: float = 10.0,
        origin: str | None = None,
        max_evidence_bytes: int = MAX_EVIDENCE_BYTES,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        """Raises `ValueError` for a configuration that could not work or would be unsafe.

        `base_url` must be https (http only to a loopback address); `timeout_seconds` bounds
        the whole exchange; `origin` names the provider as a source (``provider:<code>``
        unless given), which decides what counts as an independent source.
        """
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise ValueError("code must be lower-case letters, digits, '_' or '-'")
        self._endpoint = Endpoint.parse(base_url)
        self._items = frozenset(items)
        unknown = self._items - set(CATALOGUE.codes())
        if not self._items or unknown:
            raise ValueError("items must be a non-empty set of catalogue item codes")
        if not isinstance(token, str) or not _HEADER_VALUE.fullmatch(token):
            raise ValueError("token must be printable ASCII without spaces")
        if not _is_positive(timeout_seconds):
            raise ValueError("timeout_seconds must be a positive number")
        origin = f"provider:{code}" if origin is None else origin
        if not isinstance(origin, str) or not origin.strip() or len(origin) > 200:
            raise ValueError("origin must be a non-empty string of at most 200 characters")
        if not _is_positive(max_evidence_bytes) or not _is_positive(max_response_bytes):
            raise ValueError("size limits must be positive")
        self._code = code
        self._token = token
        self._timeout = float(timeout_seconds)
        self._origin = origin
        self._max_evidence_bytes = int(max_evidence_bytes)
        self._max_response_bytes = int(max_response_bytes)

    def __repr__(self) -> str:
        """Code and host only: a connector in a log line must not leak its token."""
        return f"<HttpJsonConnector {self._code} at {self._endpoint.host}>"

    @property
    def code(self) -> str:
        return self._code

    @property
    def items(self) -> frozenset[str]:
        return self._items

    @property
    def origin(self) -> str:
        return self._origin

    @property
    def timeout_seconds(self) -> float:
        return self._timeout

    def run(self, request: CheckRequest) -> ConnectorResult:
        """POST the request to the provider; its findings, or a `ProviderError`.

        Safe to call again with the same request: the request id goes as the
        ``Idempotency-Key``, and the contract requires the provider to answer it with the
        same findings under the same external refs.
        """
        if request.item not in self._items:
            known = request.item if CATALOGUE.has(request.item) else None
            raise errors.item_not_supported(self._code, known)
        if not isinstance(request.request_id, str) or not _HEADER_VALUE.fullmatch(
            request.request_id
        ):
            raise errors.request_invalid(
                self._code, "the request id must be 1 to 200 printable ASCII characters"
            )
        try:
            body: bytes | None = _request_body(request)
        except UnicodeEncodeError:  # a lone surrogate; the error would hold the whole value
            body = None
        if body is None:
            raise errors.request_invalid(self._code, "a request value is not valid Unicode")
        answer = post(
            self._endpoint,
            "/checks",
            body=body,
            headers={
                "Authorization": f"Bearer {self._token}",
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
                "Idempotency-Key": request.request_id,
            },
            timeout_seconds=self._timeout,
            max_response_bytes=self._max_response_bytes,
            connector=self._code,
        )
        return result_from(
            answer,
            connector=self._code,
            origin=self._origin,
            max_evidence_bytes=self._max_evidence_bytes,
        )


def _request_body(request: CheckRequest) -> bytes:
    """The request document: what the item needs and nothing more (PIPL Art. 6).

    Third parties go only with an item that names a kind of them (a former employer for
    the employment history, a referee for the reference interview), only of that kind:
    each was consented to for that item alone (PIPL Art. 23).
    """
    wanted = CATALOGUE.item(request.item).third_party_kind
    third_parties = [
        {"id": party.id, "kind": party.kind, "name": party.name, "contact": party.contact}
        for party in request.third_parties
        if wanted is not None and party.kind == wanted.value
    ]
    document = {
        "request_id": request.request_id,
        "item": request.item,
        "subject": {"full_name": request.full_name, "id_number": request.id_number},
        "third_parties": third_parties,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _is_positive(value: object) -> bool:
    return (
        not isinstance(value, bool)
        and isinstance(value, int | float)
        and math.isfinite(value)
        and value > 0
    )
