"""One POST to a provider and its answer, within one deadline, over `http.client`.

Why `http.client` and not `urllib.request`: it follows no redirects (a redirect would carry
the candidate's data to an address nobody configured), reads no proxy settings from the
environment (the data goes straight to the provider, over TLS), and gives access to the
socket, so `timeout_seconds` bounds the whole exchange and not just each wait for a packet:
a server that drips its answer a byte at a time is cut off at the deadline.

Only the bodies of 200 and 202 answers are read; for those the answer must declare its
length (``Content-Length``) or be chunked, so that a body cut off by a crash is always
told apart from a complete one (the first is retryable, the second is not).
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import time
import urllib.parse
from dataclasses import dataclass

from fairscreen.screenings.connectors import _http_errors as errors

__all__ = ["Answer", "Endpoint", "post"]

_READ_SIZE = 64 * 1024
_PATH = re.compile(r"(/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*")  # RFC 3986 path characters
_BODY_STATUSES = frozenset({200, 202})


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A provider's base URL, checked once: https, or http to this machine only."""

    scheme: str
    host: str
    port: int | None
    path: str

    @classmethod
    def parse(cls, base_url: str) -> Endpoint:
        """Raises `ValueError` (with a fixed text) for a URL personal data may not go to.

        Plain http is allowed only to a loopback address (a local test server or sidecar):
        anywhere else it would send names and ID numbers in clear text (PIPL Art. 51).
        """
        parts = urllib.parse.urlsplit(base_url if isinstance(base_url, str) else "")
        try:
            port = parts.port
        except ValueError:
            raise ValueError("base_url has an invalid port") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("base_url must be an https:// URL with a host")
        if parts.username is not None or parts.query or parts.fragment:
            raise ValueError("base_url must not carry credentials, a query or a fragment")
        if parts.scheme == "http" and not _is_loopback(parts.hostname):
            raise ValueError("base_url must use https:// unless it is a loopback address")
        if not _PATH.fullmatch(parts.path):
            raise ValueError("base_url has characters a URL path may not hold unencoded")
        return cls(parts.scheme, parts.hostname, port, parts.path.rstrip("/"))

    def connection(self, timeout_seconds: float) -> http.client.HTTPConnection:
        if self.scheme == "https":
            return http.client.HTTPSConnection(
                self.host, self.port, timeout=timeout_seconds, context=ssl.create_default_context()
            )
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout_seconds)


@dataclass(frozen=True, slots=True)
class Answer:
    """A provider's answer: its status, headers and (for 200 and 202 only) its whole body."""

    status: int
    headers: http.client.HTTPMessage
    body: bytes


def post(
    endpoint: Endpoint,
    path: str,
    *,
    body: bytes,
    headers: dict[str, str],
    timeout_seconds: float,
    max_response_bytes: int,
    connector: str,
) -> Answer:
    """The answer to one POST, or a `ProviderError` for a timeout, a failed or cut-off
    connection, or a body that is too large or not framed."""
    deadline = time.monotonic() + timeout_seconds
    connection = endpoint.connection(timeout_seconds)
    failure: errors.ProviderError
    try:
        return _exchange(
            connection,
            endpoint.path + path,
            body=body,
            headers=headers,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            connector=connector,
        )
    except TimeoutError:
        failure = errors.timed_out(connector, timeout_seconds)
    except (OSError, http.client.HTTPException) as error:  # refused, reset, closed, bad framing
        failure = errors.unreachable(connector, type(error).__name__)
    finally:
        connection.close()
    raise failure  # outside `except`: no chained exception carries the request or the answer


def _exchange(
    connection: http.client.HTTPConnection,
    path: str,
    *,
    body: bytes,
    headers: dict[str, str],
    deadline: float,
    max_response_bytes: int,
    connector: str,
) -> Answer:
    connection.request("POST", path, body=body, headers=headers)
    # Kept here: once a response says it will close, the connection lets go of its socket.
    sock: socket.socket | None = connection.sock
    _wait_at_most(sock, deadline)
    response = connection.getresponse()
    content = b""
    if response.status in _BODY_STATUSES:
        content = _read_body(response, sock, deadline, max_response_bytes, connector)
    return Answer(response.status, response.headers, content)


def _read_body(
    response: http.client.HTTPResponse,
    sock: socket.socket | None,
    deadline: float,
    limit: int,
    connector: str,
) -> bytes:
    declared = response.length
    if declared is None and not response.chunked:
        raise errors.malformed(
            connector,
            "the answer has neither Content-Length nor chunked framing",
            status=response.status,
        )
    if declared is not None and declared > limit:
        raise errors.malformed(connector, _too_large(limit), status=response.status)
    parts: list[bytes] = []
    received = 0
    while True:
        _wait_at_most(sock, deadline)
        try:
            chunk: bytes | None = response.read1(_READ_SIZE)
        except http.client.IncompleteRead:  # a chunked body that stopped mid-chunk
            chunk = None
        if chunk is None:
            raise errors.cut_off(connector, response.status)
        if not chunk:
            break
        received += len(chunk)
        if received > limit:
            raise errors.malformed(connector, _too_large(limit), status=response.status)
        parts.append(chunk)
    if declared is not None and received < declared:
        raise errors.cut_off(connector, response.status)
    return b"".join(parts)


def _wait_at_most(sock: socket.socket | None, deadline: float) -> None:
    """Let the next read wait only as long as the deadline leaves; past it, time out."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    if sock is not None:
        sock.settimeout(remaining)


def _too_large(limit: int) -> str:
    return f"the answer is larger than {limit} bytes"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
