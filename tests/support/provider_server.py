"""A local screening provider speaking docs/provider-api.md, that can misbehave on demand.

Why: `HttpJsonConnector` must be tested over real HTTP against the ways a real provider
fails — slow, down, rate-limited, crashing mid-answer, answering garbage — and against the
contract's happy path, without any network beyond 127.0.0.1. The server:

- checks every request against the contract (path, bearer token, JSON shape,
  ``Idempotency-Key`` equal to ``request_id``) and answers 401/400 otherwise;
- answers deterministic, visibly fictional findings (`findings_for`): the same item and
  subject always give the same findings under the same external refs, as the contract
  requires of a provider receiving a retry;
- behaves as a `Behaviour` chosen per request (`queue`), per item (`behave(item=...)`) or
  for all requests (`behave`), or answers exactly what a test needs (`respond_next_with`);
- puts the candidate's name and ID number and `BODY_MARKER` into every failure body, as a
  careless provider might, so tests can prove no error message repeats them;
- records every request and counts them per ``Idempotency-Key``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = [
    "BODY_MARKER",
    "FICTIONAL_JUDGMENT",
    "Behaviour",
    "ProviderServer",
    "RecordedRequest",
    "external_ref",
    "findings_for",
]

BODY_MARKER = "provider-internal-trace-0000-fictional"
"""Appears in every failure body the server sends; must never appear in an error message."""


class Behaviour(StrEnum):
    """How the server answers a request: the contract, or one way real providers fail."""

    COMPLETE = "complete"  # 200 with the findings
    SLOW = "slow"  # waits `slow_seconds`, then answers (if anyone is still listening)
    SLOW_BODY = "slow_body"  # headers at once, then the body one byte per 0.1 s
    SERVER_ERROR = "500"  # the numeric ones answer with that status and an echoing body
    BAD_GATEWAY = "502"
    SERVICE_UNAVAILABLE = "503"  # with Retry-After: 120
    TOO_MANY_REQUESTS = "429"  # with Retry-After: 7
    UNAUTHORIZED = "401"
    FORBIDDEN = "403"
    BAD_REQUEST = "400"
    DROP_CONNECTION = "drop"  # resets the connection without answering
    NOT_JSON = "not_json"  # 200, application/json, an HTML error page
    WRONG_SHAPE = "wrong_shape"  # 200, JSON that is not the contract's shape
    TRUNCATED = "truncated"  # declares the whole body's length, sends half, closes
    UNFRAMED = "unframed"  # a complete body without Content-Length, ended by closing
    PENDING_THEN_COMPLETE = "pending_then_complete"  # 202 for the first `pending_answers`


_RETRY_AFTER = {Behaviour.SERVICE_UNAVAILABLE: "120", Behaviour.TOO_MANY_REQUESTS: "7"}
_REQUEST_KEYS = {"request_id", "item", "subject", "third_parties"}

FICTIONAL_JUDGMENT = b"%PDF-1.4\n% fictional judgment, test data only\n%%EOF\n"
_RETRIEVED_AT = "2025-03-01T10:00:00+08:00"
_SUMMARY = "测试数据：虚构记录，仅用于测试。"


def external_ref(item: str, id_number: str, index: int = 0) -> str:
    """Stable for the same item and subject, as the contract requires across retries."""
    digest = hashlib.sha256(f"{item}|{id_number}|{index}".encode()).hexdigest()[:16]
    return f"fictional-{item}-{digest}"


def findings_for(request: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The provider's findings: valid against the item's finding schema and source rules,
    fictional, and the same every time for the same request. Other items are clean."""
    item, id_number = request["item"], request["subject"]["id_number"]
    if item == "reference_interview":
        referees = [party for party in request["third_parties"] if party["kind"] == "referee"]
        return [
            {"external_ref": external_ref(item, id_number, index), **_reference(party["id"])}
            for index, party in enumerate(referees)
        ]
    sample = _SAMPLES.get(item)
    return [] if sample is None else [{"external_ref": external_ref(item, id_number), **sample}]


def _source(kind: str, authority: str, reference: str) -> dict[str, str]:
    return {
        "kind": kind,
        "authority": authority,
        "reference": reference,
        "retrieved_at": _RETRIEVED_AT,
        "statement": "虚构来源说明（测试数据）",
    }


def _reference(referee_id: str) -> dict[str, Any]:
    return {
        "category": "reference.job_performance",
        "details": {
            "question": "工作表现如何？",
            "answer": _SUMMARY,
            "interviewed_on": "2025-02-27",
        },
        "source": _source("referee", "first_hand_witness", f"访谈记录 {referee_id}"),
    }


_SAMPLES: dict[str, dict[str, Any]] = {
    "civil_litigation": {
        "category": "civil_litigation.claimant",
        "details": {
            "case_number": "(2099)示例0101民初0001号",
            "court": "示例市示例区人民法院",
            "cause_of_action": "买卖合同纠纷",
            "cause_class": "commercial_contract",
            "role": "plaintiff",
            "outcome": "in_candidates_favour",
            "performance": "not_applicable",
            "filed_on": "2023-05-04",
            "judged_on": "2023-11-20",
            "summary": _SUMMARY,
        },
        "source": _source("court_records", "authoritative_registry", "示例裁判文书 EX-0001"),
        "evidence": {
            "media_type": "application/pdf",
            "content_base64": base64.b64encode(FICTIONAL_JUDGMENT).decode(),
        },
    },
    "education": {
        "category": "education.record_not_found",
        "details": {"institution": "示例大学", "degree": "学士", "summary": _SUMMARY},
        "source": _source("authoritative_registry", "authoritative_registry", "示例学籍 EX-0002"),
    },
}


@dataclass(frozen=True)
class RecordedRequest:
    """What the server saw; header names are lower-case."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None


@dataclass(frozen=True)
class _Canned:
    status: int
    raw: bytes
    headers: dict[str, str] = field(default_factory=dict)


class ProviderServer:
    """An in-process provider on 127.0.0.1 (a free port), serving ``{base_url}/checks``."""

    def __init__(
        self,
        *,
        token: str,
        slow_seconds: float = 2.0,
        pending_answers: int = 1,
        pending_retry_after: int = 3,
    ) -> None:
        self.token = token
        self.slow_seconds = slow_seconds
        self.pending_answers = pending_answers
        self.pending_retry_after = pending_retry_after
        self.requests: list[RecordedRequest] = []
        self.stopping = threading.Event()
        self._default = Behaviour.COMPLETE
        self._by_item: dict[str, Behaviour] = {}
        self._queued: list[Behaviour | _Canned] = []
        self._lock = threading.Lock()
        self._httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        self._httpd.provider = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/api/v1"

    def __enter__(self) -> ProviderServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopping.set()  # slow handlers stop waiting and leave without answering
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def behave(self, behaviour: Behaviour, *, item: str | None = None) -> None:
        """From now on, answer every request (or every request for `item`) like this."""
        with self._lock:
            if item is None:
                self._default = behaviour
            else:
                self._by_item[item] = behaviour

    def queue(self, *behaviours: Behaviour) -> None:
        """Answer the next requests like these, in order, before any standing behaviour."""
        with self._lock:
            self._queued.extend(behaviours)

    def respond_next_with(
        self, status: int, body: bytes | dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        """Answer the next valid request with exactly this (JSON-encoded if a dict)."""
        raw = json.dumps(body, ensure_ascii=False).encode() if isinstance(body, dict) else body
        with self._lock:
            self._queued.append(
                _Canned(status, raw, {"Content-Type": "application/json"} | (headers or {}))
            )

    def count(self, idempotency_key: str) -> int:
        """How many requests arrived with this Idempotency-Key."""
        with self._lock:
            keys = Counter(request.headers.get("idempotency-key") for request in self.requests)
        return keys[idempotency_key]

    def record(self, request: RecordedRequest) -> int:
        """Keep the request; returns how many earlier requests had its Idempotency-Key."""
        with self._lock:
            key = request.headers.get("idempotency-key")
            earlier = sum(1 for seen in self.requests if seen.headers.get("idempotency-key") == key)
            self.requests.append(request)
            return earlier

    def next_behaviour(self, item: str) -> Behaviour | _Canned:
        with self._lock:
            if self._queued:
                return self._queued.pop(0)
            return self._by_item.get(item, self._default)


class _QuietServer(ThreadingHTTPServer):
    """Ignores clients that hang up (the connector gave up on a slow answer, as it should)."""

    provider: ProviderServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Silent: the client leaving early is the scenario, not a failure of the server."""


class _Handler(BaseHTTPRequestHandler):
    server_version = "FictionalScreeningProvider/1"
    server: _QuietServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        """Silent: test output should not fill with access logs."""

    def do_POST(self) -> None:
        provider = self.server.provider
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = _json_object(raw)
        headers = {name.lower(): value for name, value in self.headers.items()}
        earlier = provider.record(RecordedRequest(self.path, headers, body))
        if self.path != "/api/v1/checks":
            self._send_json(404, {"error": "not_found"})
        elif headers.get("authorization") != f"Bearer {provider.token}":
            self._send_json(401, _failure("unauthorised", body))
        elif body is None or not _follows_contract(body, headers):
            self._send_json(400, _failure("bad_request", body))
        else:
            self._answer(provider, body, earlier)

    def _answer(self, provider: ProviderServer, body: dict[str, Any], earlier: int) -> None:
        behaviour = provider.next_behaviour(body["item"])
        if isinstance(behaviour, _Canned):
            self._send(behaviour.status, behaviour.raw, behaviour.headers)
            return
        complete = json.dumps(
            {"status": "complete", "findings": findings_for(body)}, ensure_ascii=False
        ).encode()
        if behaviour is Behaviour.PENDING_THEN_COMPLETE and earlier < provider.pending_answers:
            self._send_json(
                202, {"status": "pending", "retry_after_seconds": provider.pending_retry_after}
            )
        elif behaviour in (Behaviour.COMPLETE, Behaviour.PENDING_THEN_COMPLETE):
            self._send(200, complete, {"Content-Type": "application/json"})
        elif behaviour is Behaviour.SLOW:
            if not provider.stopping.wait(provider.slow_seconds):
                self._send(200, complete, {"Content-Type": "application/json"})
        elif behaviour.value.isdigit():  # the statuses: SERVER_ERROR ... BAD_REQUEST
            headers = {"Retry-After": _RETRY_AFTER[behaviour]} if behaviour in _RETRY_AFTER else {}
            self._send_json(int(behaviour.value), _failure(behaviour.name.lower(), body), headers)
        else:
            self._misbehave(behaviour, provider, body, complete)

    def _misbehave(
        self, behaviour: Behaviour, provider: ProviderServer, body: dict[str, Any], complete: bytes
    ) -> None:
        """The answers of a provider that is crashing or not speaking the contract."""
        subject = body["subject"]
        if behaviour is Behaviour.DROP_CONNECTION:
            # Linger 0: closing sends a reset, as a process that died would.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        elif behaviour is Behaviour.NOT_JSON:
            page = f"<html>500 {subject['full_name']} {subject['id_number']} {BODY_MARKER}</html>"
            self._send(200, page.encode(), {"Content-Type": "application/json"})
        elif behaviour is Behaviour.WRONG_SHAPE:
            wrong = {"status": "complete", "findings": _failure("wrong_shape", body)}
            self._send_json(200, wrong)
        elif behaviour is Behaviour.TRUNCATED:
            self._send_head(
                200, {"Content-Type": "application/json", "Content-Length": str(len(complete))}
            )
            self.wfile.write(complete[: len(complete) // 2])
        elif behaviour is Behaviour.UNFRAMED:
            self._send_head(200, {"Content-Type": "application/json"})
            self.wfile.write(complete)
        elif behaviour is Behaviour.SLOW_BODY:
            self._send_head(
                200, {"Content-Type": "application/json", "Content-Length": str(len(complete))}
            )
            for offset in range(len(complete)):
                if provider.stopping.wait(0.1):
                    return
                self.wfile.write(complete[offset : offset + 1])
                self.wfile.flush()

    def _send_json(
        self, status: int, document: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        raw = json.dumps(document, ensure_ascii=False).encode()
        self._send(status, raw, {"Content-Type": "application/json"} | (headers or {}))

    def _send(self, status: int, raw: bytes, headers: dict[str, str]) -> None:
        self._send_head(status, {"Content-Length": str(len(raw))} | headers)
        self.wfile.write(raw)

    def _send_head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()


def _json_object(raw: bytes) -> dict[str, Any] | None:
    try:
        document = json.loads(raw)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _follows_contract(body: dict[str, Any], headers: dict[str, str]) -> bool:
    """The request as docs/provider-api.md describes it, and nothing else."""
    subject = body.get("subject")
    return (
        set(body) == _REQUEST_KEYS
        and headers.get("content-type", "").startswith("application/json")
        and headers.get("idempotency-key") == body["request_id"]
        and isinstance(body["item"], str)
        and isinstance(subject, dict)
        and set(subject) == {"full_name", "id_number"}
        and isinstance(body["third_parties"], list)
    )


def _failure(error: str, body: dict[str, Any] | None) -> dict[str, Any]:
    """A failure body that echoes the request, as some providers' error pages do."""
    return {"error": error, "trace": BODY_MARKER, "request": body}
