"""`VaultTransitKeyring`: key-encryption keys held by a HashiCorp Vault transit engine.

Why: `LocalKeyring` keeps the KEKs in a file on the application server, so a
copy of that file plus a database backup reads everything. Transit KEKs never
leave Vault; the application holds only a token, which Vault audits and can
revoke (PIPL Art. 51: encryption and access control as security measures).

- `wrap` → ``POST /v1/<mount>/encrypt/<key>`` with base64 ``plaintext`` and
  ``associated_data``, which binds the subject id as `LocalKeyring` does. Not
  ``context``: that is a key-derivation input and needs a ``derived=true`` key.
  Associated data needs Vault 1.13+ and an AEAD key (``aes256-gcm96``, the
  default); an older Vault ignores it with a warning, which would silently drop
  the binding, so that warning is an error here.
- `unwrap` → ``POST /v1/<mount>/decrypt/<key>`` with the same associated data.
- `rewrap` is decrypt + encrypt, not ``POST /v1/<mount>/rewrap/<key>``: that
  endpoint takes no ``associated_data`` (documented parameters: ciphertext,
  context, key_version, nonce; hashicorp/vault issues 29532, 31791), so it fails
  on every key we wrap. The data key stays inside the method, as in `LocalKeyring`.
- `current_key_id` → ``GET /v1/<mount>/keys/<key>`` (``data.latest_version``);
  `rotate` → ``POST /v1/<mount>/keys/<key>/rotate``, then that read.

Key ids are ``vault-transit:<key>:v<N>``; the ciphertext stored is Vault's own
``vault:v<N>:...`` string, so an operator can also unwrap with the Vault CLI.
The token needs ``update`` on ``<mount>/encrypt/<key>`` and ``<mount>/decrypt/<key>``
and ``read`` on ``<mount>/keys/<key>``; only the rotating operator needs ``update``
on ``<mount>/keys/<key>/rotate``.

Blind index keys stay local (`LocalKeyring.blind_index_key`): they must survive
KEK rotation and are used on every lookup, where a round trip to Vault gains
nothing; so this class is not a `BlindIndexKeySource`.
"""

from __future__ import annotations

import base64
import binascii
import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, NoReturn

from fairscreen.domain.vault import (
    DATA_KEY_SIZE,
    CiphertextFormatError,
    DecryptionError,
    InvalidInputError,
    KeyNotFoundError,
    VaultError,
    WrappedKey,
)

__all__ = [
    "KeyringPermissionError",
    "KeyringUnavailableError",
    "VaultTransitError",
    "VaultTransitKeyring",
]

_ASSOCIATED_DATA_LABEL = b"fairscreen/vault/wrapped-data-key/vault-transit"
_KEY_NAME = re.compile(r"\w(?:[\w.-]*\w)?", re.ASCII)  # Vault's GenericNameRegex
_MOUNT = re.compile(r"[\w.-]+(?:/[\w.-]+)*", re.ASCII)
_CIPHERTEXT = re.compile(r"vault:v([1-9][0-9]{0,9}):[A-Za-z0-9+/]+={0,2}")
_MAX_RESPONSE_SIZE = 1 << 20  # a transit answer is a few hundred bytes
_MAX_SERVER_MESSAGE = 200


class VaultTransitError(VaultError):
    """Vault refused a request or answered with something this adapter cannot use."""


class KeyringUnavailableError(VaultTransitError):
    """Vault cannot be reached, timed out, or is sealed or overloaded (5xx, 429): retry later."""


class KeyringPermissionError(VaultTransitError):
    """Vault answered 403: the token is wrong, expired, or its policy lacks the path."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: following one would send the Vault token to another address."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class VaultTransitKeyring:
    """The `Keyring` Protocol over a Vault transit key of type ``aes256-gcm96``."""

    def __init__(
        self,
        address: str,
        token: str,
        key_name: str,
        *,
        mount: str = "transit",
        timeout: float = 5.0,
        namespace: str | None = None,
    ) -> None:
        """`address` like ``https://vault.internal:8200``; `timeout` in seconds per request."""
        parsed = urllib.parse.urlsplit(address if isinstance(address, str) else "")
        try:
            port = f":{parsed.port}" if parsed.port else ""
        except ValueError:
            port = "invalid"
        if parsed.scheme not in ("http", "https") or not parsed.hostname or port == "invalid":
            raise InvalidInputError("Vault address must be an http:// or https:// URL with a host")
        if not _is_header_value(token):
            raise InvalidInputError("Vault token must be a non-empty printable ASCII string")
        if namespace is not None and not _is_header_value(namespace):
            raise InvalidInputError("Vault namespace must be a non-empty printable ASCII string")
        if not isinstance(key_name, str) or not _KEY_NAME.fullmatch(key_name):
            raise InvalidInputError("Vault transit key name must match Vault's name rules")
        if not isinstance(mount, str) or not _MOUNT.fullmatch(mount.strip("/")):
            raise InvalidInputError("Vault transit mount must be a path like 'transit'")
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
            raise InvalidInputError("timeout must be a positive number of seconds")
        host = f"[{parsed.hostname}]" if ":" in parsed.hostname else parsed.hostname
        # Without user info, query or fragment: this string appears in error messages.
        self._address = f"{parsed.scheme}://{host}{port}{parsed.path.rstrip('/')}"
        self._token = token
        self._key_name = key_name
        self._mount = mount.strip("/")
        self._timeout = float(timeout)
        self._namespace = namespace
        self._opener = urllib.request.build_opener(_NoRedirect)

    def __repr__(self) -> str:
        """Address, mount and key name only: a keyring in a log line must not leak the token."""
        return f"<VaultTransitKeyring {self._address} {self._mount}/{self._key_name}>"

    def current_key_id(self) -> str:
        """The id of the key version that `wrap` uses now (Vault's ``latest_version``)."""
        data = self._call("GET", f"keys/{self._key_name}", None, operation="read key")
        version = data.get("latest_version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise self._malformed("read key", "no positive integer data.latest_version")
        return self._key_id(version)

    def wrap(self, data_key: bytes, *, subject_id: str) -> WrappedKey:
        """Encrypt `data_key` for `subject_id` under the latest version of the transit key."""
        if not isinstance(data_key, bytes) or len(data_key) != DATA_KEY_SIZE:
            raise InvalidInputError(f"data_key must be {DATA_KEY_SIZE} bytes")
        body = {"plaintext": _base64(data_key), "associated_data": _associated_data(subject_id)}
        data = self._call("POST", f"encrypt/{self._key_name}", body, operation="encrypt")
        ciphertext = data.get("ciphertext")
        match = _CIPHERTEXT.fullmatch(ciphertext) if isinstance(ciphertext, str) else None
        if match is None or not isinstance(ciphertext, str):
            raise self._malformed("encrypt", "data.ciphertext is not vault:v<N>:<base64>")
        return WrappedKey(
            key_id=self._key_id(int(match.group(1))), ciphertext=ciphertext.encode("ascii")
        )

    def unwrap(self, wrapped: WrappedKey, *, subject_id: str) -> bytes:
        """Decrypt a wrapped key made for `subject_id`; `DecryptionError` if it is not theirs."""
        ciphertext = self._checked_ciphertext(wrapped)
        body = {"ciphertext": ciphertext, "associated_data": _associated_data(subject_id)}
        data = self._call("POST", f"decrypt/{self._key_name}", body, operation="decrypt")
        plaintext = data.get("plaintext")
        try:
            data_key = base64.b64decode(
                plaintext if isinstance(plaintext, str) else "", validate=True
            )
        except (ValueError, binascii.Error):
            data_key = b""  # not raised here: a chained error would carry the key along
        if len(data_key) != DATA_KEY_SIZE:
            raise self._malformed(
                "decrypt", f"data.plaintext is not a base64 {DATA_KEY_SIZE}-byte key"
            )
        return data_key

    def rewrap(self, wrapped: WrappedKey, *, subject_id: str) -> WrappedKey:
        """Move a wrapped key to the latest key version (decrypt + encrypt, see the module doc).

        A key already under the latest version is returned unchanged, after it
        has been checked to unwrap, as `LocalKeyring.rewrap` does.
        """
        rewrapped = self.wrap(self.unwrap(wrapped, subject_id=subject_id), subject_id=subject_id)
        return wrapped if rewrapped.key_id == wrapped.key_id else rewrapped

    def rotate(self) -> str:
        """Add a key version in Vault and make it current; older versions still unwrap."""
        self._call("POST", f"keys/{self._key_name}/rotate", None, operation="rotate", empty=True)
        return self.current_key_id()

    def _key_id(self, version: int) -> str:
        return f"vault-transit:{self._key_name}:v{version}"

    def _checked_ciphertext(self, wrapped: WrappedKey) -> str:
        prefix = f"vault-transit:{self._key_name}:v"
        version = wrapped.key_id.removeprefix(prefix)
        if version == wrapped.key_id or not re.fullmatch(r"[1-9][0-9]*", version):
            raise KeyNotFoundError(
                f"key-encryption key {wrapped.key_id} does not belong to this keyring "
                f"(its keys are named {prefix}N); is the right transit key configured?"
            )
        text = wrapped.ciphertext.decode("ascii", errors="replace")
        match = _CIPHERTEXT.fullmatch(text)
        if match is None or match.group(1) != version:
            raise CiphertextFormatError(
                f"wrapped key for {wrapped.key_id} is not a Vault ciphertext vault:v{version}:..."
            )
        return text

    def _call(
        self,
        method: str,
        path: str,
        body: dict[str, str] | None,
        *,
        operation: str,
        empty: bool = False,
    ) -> dict[str, Any]:
        """One request; returns the response's ``data`` object, or {} if `empty` is allowed."""
        request = urllib.request.Request(  # noqa: S310 - __init__ allows only http(s)
            f"{self._address}/v1/{self._mount}/{path}",
            data=None if body is None else json.dumps(body).encode("ascii"),
            method=method,
        )
        request.add_header("Content-Type", "application/json")
        request.add_header("X-Vault-Token", self._token)  # never in a local variable or message
        if self._namespace:
            request.add_header("X-Vault-Namespace", self._namespace)
        failure = ""
        try:
            with self._opener.open(request, timeout=self._timeout) as response:
                status, raw = response.status, response.read(_MAX_RESPONSE_SIZE + 1)
        except urllib.error.HTTPError as error:
            with error:
                status, raw = error.code, error.read(_MAX_RESPONSE_SIZE + 1)
        except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, resets
            failure = type(getattr(error, "reason", error)).__name__
        if failure:  # raised outside `except`, so no chained exception carries the request
            raise KeyringUnavailableError(
                f"cannot reach Vault at {self._address} for {operation} on transit key "
                f"{self._mount}/{self._key_name} (timeout {self._timeout:g} s): {failure}"
            )
        if status >= 300:
            self._raise_for_status(status, raw, operation)
        if status == 204 and empty:
            return {}
        return self._data(raw, operation, allow_empty=empty)

    def _data(self, raw: bytes, operation: str, *, allow_empty: bool) -> dict[str, Any]:
        # Never put the body in a message: a decrypt answer holds the data key.
        if len(raw) > _MAX_RESPONSE_SIZE:
            raise self._malformed(operation, "the response is too large")
        if allow_empty and not raw.strip():
            return {}
        try:
            document = json.loads(raw)
        except ValueError:
            document = None  # not raised here: JSONDecodeError keeps the whole body in `.doc`
        if not isinstance(document, dict):
            raise self._malformed(operation, "the response is not a JSON object")
        warnings = document.get("warnings") or []
        if isinstance(warnings, list) and any("associated_data" in str(w) for w in warnings):
            raise VaultTransitError(
                f"Vault at {self._address} ignored associated_data on {operation}: subjects "
                "would not be bound to their keys; upgrade to Vault 1.13+ with an aes256-gcm96 key"
            )
        data = document.get("data")
        if allow_empty and data is None:
            return {}
        if not isinstance(data, dict):
            raise self._malformed(operation, "the response has no data object")
        return data

    def _raise_for_status(self, status: int, raw: bytes, operation: str) -> NoReturn:
        where = f"transit key {self._mount}/{self._key_name} at Vault {self._address}"
        said = self._server_message(raw)
        if status == 403:
            raise KeyringPermissionError(
                f"Vault denied {operation} on {where}: permission denied; check that the "
                "token is valid and that its policy allows this path"
            )
        if status == 404:
            raise KeyNotFoundError(f"{where} was not found (HTTP 404){said}")
        if status == 429 or status >= 500:
            raise KeyringUnavailableError(
                f"Vault cannot serve {operation} on {where} now "
                f"(HTTP {status}, sealed or overloaded?){said}"
            )
        if status == 400 and operation == "decrypt":
            if "not found" in said or "key version" in said:
                raise KeyNotFoundError(f"{where} cannot decrypt this wrapped key{said}")
            raise DecryptionError(
                f"cannot unwrap data key with {where}: it was wrapped for another subject, "
                f"or it was altered{said}"
            )
        if 300 <= status < 400:
            raise VaultTransitError(
                f"Vault redirected {operation} on {where} (HTTP {status}); redirects are not "
                "followed so the token goes nowhere else: configure the active node's address"
            )
        raise VaultTransitError(f"Vault refused {operation} on {where} (HTTP {status}){said}")

    def _server_message(self, raw: bytes) -> str:
        """Vault's ``errors`` list, shortened, with the token removed should a proxy echo it."""
        try:
            errors = json.loads(raw[:_MAX_RESPONSE_SIZE]).get("errors")
        except (ValueError, AttributeError):
            return ""
        if not isinstance(errors, list) or not errors:
            return ""
        text = "; ".join(str(error) for error in errors).replace(self._token, "<token>")
        return f": Vault says {text[:_MAX_SERVER_MESSAGE]!r}"

    def _malformed(self, operation: str, problem: str) -> VaultTransitError:
        return VaultTransitError(
            f"Vault at {self._address} answered {operation} on transit key "
            f"{self._mount}/{self._key_name} with a malformed response: {problem}"
        )


def _is_header_value(value: object) -> bool:
    """Printable ASCII: no header injection, and no encoding error that would quote it."""
    return isinstance(value, str) and bool(value) and value.isascii() and value.isprintable()


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _associated_data(subject_id: str) -> str:
    """Label and subject id, each length-prefixed (as in the domain's wrapping AAD)."""
    if not isinstance(subject_id, str) or not subject_id:
        raise InvalidInputError("subject_id must be a non-empty string")
    try:
        subject = subject_id.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInputError("subject_id is not valid Unicode (lone surrogate)") from None
    parts = (_ASSOCIATED_DATA_LABEL, subject)
    return _base64(b"".join(len(part).to_bytes(4, "big") + part for part in parts))
