"""A local stand-in for the HashiCorp Vault transit secrets engine, for tests.

Why: the transit keyring must be tested against something that speaks the
documented HTTP API (``/v1/<mount>/encrypt|decrypt|rewrap/<key>``,
``/v1/<mount>/keys/<key>`` and ``.../rotate``), with real AES-256-GCM, without a
Vault binary or any network beyond 127.0.0.1. It follows Vault's behaviour
where the adapter depends on it:

- every request needs ``X-Vault-Token`` (and ``X-Vault-Namespace`` when the
  server has a namespace), else 403 ``{"errors": ["permission denied"]}``;
- answers are wrapped as ``{"request_id": ..., "data": {...}, "warnings": ...}``,
  errors as ``{"errors": [...]}`` with 4xx;
- ciphertext is ``vault:v<N>:`` + standard base64 of ``nonce (12) ‖ GCM output``,
  with ``associated_data`` (base64) authenticated when given;
- decrypting a version the key does not have is 400 ``invalid key version``;
- ``rotate`` adds a version; ``rewrap`` re-encrypts under the latest version
  and, like Vault, does not accept ``associated_data``: Vault ignores unknown
  parameters with the warning ``Endpoint ignored these unrecognized parameters``;
- ``encrypt`` on a missing key creates it (Vault's upsert with a root token).

`supports_associated_data=False` imitates a Vault older than 1.13, and
`respond_next_with` makes the next answer whatever a test needs (malformed
bodies, a sealed Vault, redirects).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

__all__ = ["RecordedRequest", "TransitServer"]

_ROUTE = re.compile(
    r"/v1/(?P<mount>.+?)/(?:(?P<operation>encrypt|decrypt|rewrap)/(?P<name>[^/]+)"
    r"|keys/(?P<key>[^/]+)(?P<rotate>/rotate)?)"
)
_NONCE_SIZE = 12
_IGNORED_WARNING = "Endpoint ignored these unrecognized parameters: [{}]"


class _VaultResponse(Exception):
    """Raised inside a handler to answer with Vault's error shape."""

    def __init__(self, status: int, *errors: str) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = list(errors)


@dataclass
class _TransitKey:
    versions: dict[int, bytes] = field(default_factory=dict)
    created: dict[int, int] = field(default_factory=dict)

    def rotate(self) -> None:
        version = max(self.versions, default=0) + 1
        self.versions[version] = AESGCM.generate_key(bit_length=256)
        self.created[version] = int(time.time())

    @property
    def latest_version(self) -> int:
        return max(self.versions)


@dataclass(frozen=True)
class RecordedRequest:
    """What the server saw, for assertions (the token is checked, never recorded)."""

    method: str
    path: str
    namespace: str | None
    body: dict[str, Any]


class TransitServer:
    """An in-process HTTP server on 127.0.0.1 (a free port), run in a daemon thread."""

    def __init__(
        self,
        *,
        token: str,
        mount: str = "transit",
        namespace: str | None = None,
        supports_associated_data: bool = True,
        rotate_returns_key: bool = True,
    ) -> None:
        self.token = token
        self.mount = mount
        self.namespace = namespace
        self.supports_associated_data = supports_associated_data
        self.rotate_returns_key = rotate_returns_key  # Vault 1.x before ~1.12 answered 204
        self.requests: list[RecordedRequest] = []
        self._keys: dict[str, _TransitKey] = {}
        self._canned: list[tuple[int, bytes, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.transit = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def address(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> TransitServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def create_key(self, name: str) -> None:
        """Like ``vault write -f transit/keys/<name>``: an aes256-gcm96 key at version 1."""
        with self._lock:
            self._ensure_key(name)

    def latest_version(self, name: str) -> int:
        with self._lock:
            return self._keys[name].latest_version

    def respond_next_with(
        self, status: int, body: bytes | dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        """Answer the next request (after the token check) with exactly this."""
        raw = json.dumps(body).encode() if isinstance(body, dict) else body
        with self._lock:
            self._canned.append((status, raw, headers or {}))

    def handle(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Route one authenticated request; returns (status, ``data``) or raises _VaultResponse."""
        route = _ROUTE.fullmatch(path)
        if route is None or route["mount"] != self.mount:
            raise _VaultResponse(404, f"no handler for route {path!r}. route entry not found.")
        with self._lock:
            if route["operation"] and method == "POST":
                return 200, self._crypt(route["operation"], route["name"], body)
            if route["rotate"] and method == "POST":
                key = self._keys.get(route["key"])
                if key is None:
                    raise _VaultResponse(400, "key not found")
                key.rotate()
                return (200, self._describe(route["key"])) if self.rotate_returns_key else (204, {})
            if route["key"] and method == "GET":
                if route["key"] not in self._keys:
                    raise _VaultResponse(404)
                return 200, self._describe(route["key"])
            if route["key"] and method == "POST":
                self._ensure_key(route["key"])
                return 204, {}
        raise _VaultResponse(405, "unsupported operation")

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def next_canned(self) -> tuple[int, bytes, dict[str, str]] | None:
        with self._lock:
            return self._canned.pop(0) if self._canned else None

    def ignored_parameters(self, path: str, body: dict[str, Any]) -> list[str]:
        """Parameters Vault would ignore (with a warning) on this endpoint."""
        understood = self.supports_associated_data and "/rewrap/" not in path
        return [] if understood or "associated_data" not in body else ["associated_data"]

    def _ensure_key(self, name: str) -> None:
        if name not in self._keys:
            self._keys[name] = _TransitKey()
            self._keys[name].rotate()

    def _crypt(self, operation: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        if operation == "encrypt":
            self._ensure_key(name)  # Vault's upsert
            plaintext = _decode(body.get("plaintext"), "plaintext", missing="to encrypt")
            return {"ciphertext": self._encrypt(name, plaintext, self._associated_data(body))}
        key = self._keys.get(name)
        if key is None:
            raise _VaultResponse(400, "encryption key not found")
        ciphertext = body.get("ciphertext")
        if not isinstance(ciphertext, str) or not ciphertext:
            raise _VaultResponse(400, "missing ciphertext to decrypt")
        if operation == "decrypt":
            plaintext = self._decrypt(key, ciphertext, self._associated_data(body))
            return {"plaintext": base64.b64encode(plaintext).decode()}
        # rewrap: Vault's endpoint has no associated_data parameter (ignored with a warning).
        return {"ciphertext": self._encrypt(name, self._decrypt(key, ciphertext, None), None)}

    def _associated_data(self, body: dict[str, Any]) -> bytes | None:
        if "associated_data" not in body or not self.supports_associated_data:
            return None
        return _decode(body["associated_data"], "associated_data", missing="")

    def _encrypt(self, name: str, plaintext: bytes, associated_data: bytes | None) -> str:
        key = self._keys[name]
        nonce = os.urandom(_NONCE_SIZE)
        sealed = AESGCM(key.versions[key.latest_version]).encrypt(nonce, plaintext, associated_data)
        return f"vault:v{key.latest_version}:{base64.b64encode(nonce + sealed).decode()}"

    @staticmethod
    def _decrypt(key: _TransitKey, ciphertext: str, associated_data: bytes | None) -> bytes:
        if not ciphertext.startswith("vault:"):
            raise _VaultResponse(400, "invalid ciphertext: no prefix")
        fields = ciphertext.split(":", 2)
        if len(fields) != 3 or not re.fullmatch(r"v[0-9]+", fields[1]):
            raise _VaultResponse(400, "invalid ciphertext: version number could not be decoded")
        version = int(fields[1][1:])
        if version not in key.versions:
            raise _VaultResponse(400, "invalid key version")
        try:
            raw = base64.b64decode(fields[2], validate=True)
        except binascii.Error:
            raise _VaultResponse(400, "invalid ciphertext: could not decode base64") from None
        try:
            return AESGCM(key.versions[version]).decrypt(
                raw[:_NONCE_SIZE], raw[_NONCE_SIZE:], associated_data
            )
        except (InvalidTag, ValueError):
            raise _VaultResponse(400, "cipher: message authentication failed") from None

    def _describe(self, name: str) -> dict[str, Any]:
        key = self._keys[name]
        return {
            "name": name,
            "type": "aes256-gcm96",
            "keys": {str(version): created for version, created in key.created.items()},
            "latest_version": key.latest_version,
            "min_available_version": 0,
            "min_decryption_version": 1,
            "min_encryption_version": 0,
            "deletion_allowed": False,
            "derived": False,
            "exportable": False,
            "allow_plaintext_backup": False,
            "supports_encryption": True,
            "supports_decryption": True,
            "supports_derivation": True,
            "supports_signing": False,
            "imported": False,
        }


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeVaultTransit/1"

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        """Silent: test output should not fill with access logs."""

    def _serve(self, method: str) -> None:
        transit: TransitServer = self.server.transit  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.headers.get("X-Vault-Token") != transit.token or (
            transit.namespace is not None
            and self.headers.get("X-Vault-Namespace") != transit.namespace
        ):
            self._send(403, {"errors": ["permission denied"]})
            return
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            self._send(400, {"errors": ["failed to parse JSON input"]})
            return
        transit.record(
            RecordedRequest(method, self.path, self.headers.get("X-Vault-Namespace"), body)
        )
        canned = transit.next_canned()
        if canned is not None:
            self._send_raw(*canned)
            return
        try:
            status, data = transit.handle(method, self.path, body)
        except _VaultResponse as refusal:
            self._send(refusal.status, {"errors": refusal.errors})
            return
        if status == 204:
            self._send_raw(204, b"", {})
            return
        ignored = transit.ignored_parameters(self.path, body)
        warnings = [_IGNORED_WARNING.format(" ".join(ignored))] if ignored else None
        self._send(status, _envelope(data, warnings))

    def _send(self, status: int, document: dict[str, Any]) -> None:
        self._send_raw(status, json.dumps(document).encode(), {})

    def _send_raw(self, status: int, raw: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        if status != 204:
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if status != 204:
            self.wfile.write(raw)


def _envelope(data: dict[str, Any], warnings: list[str] | None) -> dict[str, Any]:
    return {
        "request_id": str(uuid.uuid4()),
        "lease_id": "",
        "renewable": False,
        "lease_duration": 0,
        "data": data,
        "wrap_info": None,
        "warnings": warnings,
        "auth": None,
    }


def _decode(value: Any, what: str, *, missing: str) -> bytes:
    if not isinstance(value, str) or (missing and not value):
        raise _VaultResponse(400, f"missing {what} {missing}".strip())
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error:
        raise _VaultResponse(400, f"failed to base64-decode {what}") from None
