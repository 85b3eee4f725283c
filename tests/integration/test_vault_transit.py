"""`VaultTransitKeyring` against a local server speaking Vault's transit API.

The first group of tests runs the same assertions against `LocalKeyring` and
the transit keyring, to show both honour the `Keyring` Protocol alike: round
trip, subject binding, rotation without data loss, rewrap, foreign keys. The
rest covers what only a remote keyring has: the wire format, tokens,
namespaces, an unreachable or slow server, and malformed answers.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from fairscreen.domain.vault import (
    CiphertextFormatError,
    DecryptionError,
    EncryptionContext,
    InvalidInputError,
    KeyNotFoundError,
    Keyring,
    LocalKeyring,
    VaultError,
    WrappedKey,
    decrypt_field,
    encrypt_field,
    new_data_key,
)
from fairscreen.privacy.transit import (
    KeyringPermissionError,
    KeyringUnavailableError,
    VaultTransitError,
    VaultTransitKeyring,
)
from tests.support.transit_server import TransitServer

TOKEN = "hvs.test-token-do-not-log-4f1c"
KEY_NAME = "fairscreen"
SUBJECT_A = "candidate-0000-4000-8000-00000000a001"
SUBJECT_B = "candidate-0000-4000-8000-00000000b002"


@pytest.fixture
def server() -> Iterator[TransitServer]:
    with TransitServer(token=TOKEN) as running:
        running.create_key(KEY_NAME)
        yield running


@pytest.fixture
def transit(server: TransitServer) -> VaultTransitKeyring:
    return VaultTransitKeyring(server.address, TOKEN, KEY_NAME, timeout=2.0)


@pytest.fixture(params=["local", "vault-transit"])
def keyring(request: pytest.FixtureRequest) -> Keyring:
    if request.param == "local":
        return LocalKeyring.in_memory()
    return request.getfixturevalue("transit")  # type: ignore[no-any-return]


def _with_version(wrapped: WrappedKey, version: int) -> WrappedKey:
    """The same wrapped key claiming another KEK version, in each keyring's own spelling."""
    if wrapped.key_id.startswith("vault-transit:"):
        _, _, payload = wrapped.ciphertext.decode().split(":", 2)
        return WrappedKey(
            key_id=f"vault-transit:{KEY_NAME}:v{version}",
            ciphertext=f"vault:v{version}:{payload}".encode(),
        )
    return dataclasses.replace(wrapped, key_id=wrapped.key_id.replace("-v1", f"-v{version}"))


def _tampered(wrapped: WrappedKey) -> WrappedKey:
    """One changed byte of sealed data (a changed base64 digit for Vault's text form)."""
    altered = bytearray(wrapped.ciphertext)
    middle = len(altered) // 2
    if wrapped.key_id.startswith("vault-transit:"):
        altered[middle] = ord("A") if altered[middle] != ord("A") else ord("B")
    else:
        altered[middle] ^= 0x01
    return dataclasses.replace(wrapped, ciphertext=bytes(altered))


# --- The same behaviour from both keyrings -------------------------------------------


def test_both_keyrings_satisfy_the_protocol(keyring: Keyring) -> None:
    assert isinstance(keyring, Keyring)


def test_a_wrapped_key_unwraps_to_the_data_key(keyring: Keyring) -> None:
    data_key = new_data_key()
    wrapped = keyring.wrap(data_key, subject_id=SUBJECT_A)
    assert wrapped.key_id == keyring.current_key_id()
    assert data_key not in wrapped.ciphertext
    stored = WrappedKey.from_text(wrapped.to_text())
    assert stored == wrapped
    assert keyring.unwrap(stored, subject_id=SUBJECT_A) == data_key


def test_a_key_wrapped_for_one_subject_does_not_unwrap_for_another(keyring: Keyring) -> None:
    wrapped = keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    with pytest.raises(DecryptionError, match="another subject") as caught:
        keyring.unwrap(wrapped, subject_id=SUBJECT_B)
    assert SUBJECT_A not in str(caught.value)
    assert SUBJECT_B not in str(caught.value)
    with pytest.raises(DecryptionError):
        keyring.rewrap(wrapped, subject_id=SUBJECT_B)


def test_an_altered_wrapped_key_does_not_unwrap(keyring: Keyring) -> None:
    wrapped = keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    with pytest.raises(DecryptionError):
        keyring.unwrap(_tampered(wrapped), subject_id=SUBJECT_A)


def test_rotation_keeps_old_keys_and_rewrap_moves_them(keyring: Keyring) -> None:
    data_key = new_data_key()
    old = keyring.wrap(data_key, subject_id=SUBJECT_A)
    old_id = keyring.current_key_id()

    new_id = keyring.rotate()

    assert new_id != old_id
    assert new_id.endswith("v2")
    assert keyring.current_key_id() == new_id
    assert keyring.unwrap(old, subject_id=SUBJECT_A) == data_key
    moved = keyring.rewrap(old, subject_id=SUBJECT_A)
    assert moved.key_id == new_id
    assert moved.ciphertext != old.ciphertext
    assert keyring.unwrap(moved, subject_id=SUBJECT_A) == data_key
    assert keyring.rewrap(moved, subject_id=SUBJECT_A) == moved  # already current: unchanged
    assert keyring.wrap(data_key, subject_id=SUBJECT_B).key_id == new_id


def test_a_key_id_of_another_keyring_is_reported_as_not_found(keyring: Keyring) -> None:
    foreign = LocalKeyring.in_memory().wrap(new_data_key(), subject_id=SUBJECT_A)
    with pytest.raises(KeyNotFoundError):
        keyring.unwrap(foreign, subject_id=SUBJECT_A)


def test_a_wrapped_key_of_an_unknown_version_is_reported_as_not_found(keyring: Keyring) -> None:
    wrapped = keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    with pytest.raises(KeyNotFoundError):
        keyring.unwrap(_with_version(wrapped, 9), subject_id=SUBJECT_A)


@pytest.mark.parametrize("data_key", [b"", b"\x00" * 31, b"\x00" * 33], ids=["0", "31", "33"])
def test_a_data_key_of_the_wrong_size_is_refused(keyring: Keyring, data_key: bytes) -> None:
    with pytest.raises(InvalidInputError):
        keyring.wrap(data_key, subject_id=SUBJECT_A)


def test_an_empty_subject_is_refused(keyring: Keyring) -> None:
    with pytest.raises(InvalidInputError):
        keyring.wrap(new_data_key(), subject_id="")


def test_envelope_round_trip_through_the_keyring(keyring: Keyring) -> None:
    context = EncryptionContext(
        organisation_id="org-1", table="screenings_candidate", column="name", row_id=SUBJECT_A
    )
    data_key = new_data_key()
    stored_key = keyring.wrap(data_key, subject_id=SUBJECT_A).to_text()
    token = encrypt_field("张伟 Zhang Wei", data_key=data_key, key_version=1, context=context)
    del data_key  # from here on, only what the database would hold

    unwrapped = keyring.unwrap(WrappedKey.from_text(stored_key), subject_id=SUBJECT_A)
    assert decrypt_field(token, data_key=unwrapped, context=context) == "张伟 Zhang Wei"


# --- What only the transit keyring has ------------------------------------------------


def test_wire_format_is_vaults_own(transit: VaultTransitKeyring, server: TransitServer) -> None:
    wrapped = transit.wrap(new_data_key(), subject_id=SUBJECT_A)
    assert wrapped.key_id == f"vault-transit:{KEY_NAME}:v1"
    assert wrapped.ciphertext.startswith(b"vault:v1:")
    encrypt = server.requests[-1]
    assert (encrypt.method, encrypt.path) == ("POST", f"/v1/transit/encrypt/{KEY_NAME}")
    assert set(encrypt.body) == {"plaintext", "associated_data"}  # no derivation context


def test_the_subject_binding_is_enforced_by_vault(
    transit: VaultTransitKeyring, server: TransitServer
) -> None:
    """Without our associated data, Vault itself refuses: the binding is not client-side."""
    wrapped = transit.wrap(new_data_key(), subject_id=SUBJECT_A)
    status, answer = _post(
        server, f"decrypt/{KEY_NAME}", {"ciphertext": wrapped.ciphertext.decode()}
    )
    assert status == 400
    assert answer == {"errors": ["cipher: message authentication failed"]}


def test_vaults_rewrap_endpoint_cannot_carry_associated_data(
    transit: VaultTransitKeyring, server: TransitServer
) -> None:
    """Why `rewrap` is decrypt + encrypt: the rewrap endpoint fails on bound ciphertexts."""
    wrapped = transit.wrap(new_data_key(), subject_id=SUBJECT_A)
    transit.rotate()
    body = {"ciphertext": wrapped.ciphertext.decode(), "associated_data": "eA=="}
    status, _ = _post(server, f"rewrap/{KEY_NAME}", body)
    assert status == 400
    before = len(server.requests)
    moved = transit.rewrap(wrapped, subject_id=SUBJECT_A)
    assert moved.key_id == f"vault-transit:{KEY_NAME}:v2"
    assert [request.path for request in server.requests[before:]] == [
        f"/v1/transit/decrypt/{KEY_NAME}",
        f"/v1/transit/encrypt/{KEY_NAME}",
    ]


def test_the_namespace_header_is_sent() -> None:
    with TransitServer(token=TOKEN, namespace="team-a") as server:
        server.create_key(KEY_NAME)
        inside = VaultTransitKeyring(server.address, TOKEN, KEY_NAME, namespace="team-a")
        assert inside.current_key_id() == f"vault-transit:{KEY_NAME}:v1"
        assert server.requests[-1].namespace == "team-a"
        with pytest.raises(KeyringPermissionError):
            VaultTransitKeyring(server.address, TOKEN, KEY_NAME).current_key_id()


def test_a_wrong_token_is_a_clear_error_without_the_token(server: TransitServer) -> None:
    keyring = VaultTransitKeyring(server.address, "hvs.wrong-token-7d2e", KEY_NAME)
    with pytest.raises(KeyringPermissionError, match="permission denied") as caught:
        keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    assert "hvs.wrong-token-7d2e" not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None
    assert "hvs.wrong-token-7d2e" not in repr(keyring)
    assert isinstance(caught.value, VaultError)


def test_a_token_echoed_by_a_proxy_is_removed(
    transit: VaultTransitKeyring, server: TransitServer
) -> None:
    server.respond_next_with(400, {"errors": [f"bad header X-Vault-Token: {TOKEN}"]})
    with pytest.raises(VaultTransitError) as caught:
        transit.current_key_id()
    assert TOKEN not in str(caught.value)
    assert "<token>" in str(caught.value)


def test_a_closed_port_is_unavailable_quickly() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    keyring = VaultTransitKeyring(f"http://127.0.0.1:{port}", TOKEN, KEY_NAME, timeout=1.0)
    started = time.monotonic()
    with pytest.raises(KeyringUnavailableError, match=f"127.0.0.1:{port}") as caught:
        keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    assert time.monotonic() - started < 1.0
    assert TOKEN not in str(caught.value)


def test_a_server_that_never_answers_times_out() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # the kernel completes the handshake; nobody ever answers
        address = f"http://127.0.0.1:{silent.getsockname()[1]}"
        keyring = VaultTransitKeyring(address, TOKEN, KEY_NAME, timeout=0.3)
        started = time.monotonic()
        with pytest.raises(KeyringUnavailableError, match=r"timeout 0\.3 s"):
            keyring.current_key_id()
        assert time.monotonic() - started < 2.0


@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_sealed_or_overloaded_vault_is_unavailable(
    transit: VaultTransitKeyring, server: TransitServer, status: int
) -> None:
    server.respond_next_with(status, {"errors": ["Vault is sealed"]})
    with pytest.raises(KeyringUnavailableError, match="sealed"):
        transit.current_key_id()


def test_a_missing_transit_key_is_not_found(server: TransitServer) -> None:
    with pytest.raises(KeyNotFoundError, match="404"):
        VaultTransitKeyring(server.address, TOKEN, "no-such-key").current_key_id()


def test_redirects_are_not_followed(transit: VaultTransitKeyring, server: TransitServer) -> None:
    server.respond_next_with(307, b"", {"Location": "http://127.0.0.1:9/v1/transit/keys/x"})
    with pytest.raises(VaultTransitError, match="redirect"):
        transit.current_key_id()
    assert len(server.requests) == 1


def test_an_old_vault_that_ignores_associated_data_is_refused() -> None:
    with TransitServer(token=TOKEN, supports_associated_data=False) as server:
        server.create_key(KEY_NAME)
        keyring = VaultTransitKeyring(server.address, TOKEN, KEY_NAME)
        with pytest.raises(VaultTransitError, match="ignored associated_data"):
            keyring.wrap(new_data_key(), subject_id=SUBJECT_A)


def test_rotate_accepts_an_empty_answer() -> None:
    with TransitServer(token=TOKEN, rotate_returns_key=False) as server:
        server.create_key(KEY_NAME)
        keyring = VaultTransitKeyring(server.address, TOKEN, KEY_NAME)
        assert keyring.rotate() == f"vault-transit:{KEY_NAME}:v2"
        assert server.latest_version(KEY_NAME) == 2


LEAKED = "c2VjcmV0LWRhdGEta2V5LW11c3Qtbm90LWxlYWstISE="  # base64 of 32 bytes


@pytest.mark.parametrize(
    ("operation", "body"),
    [
        ("wrap", b"<html>proxy error</html>"),
        ("wrap", b"[]"),
        ("wrap", {"errors": []}),
        ("wrap", {"data": {"ciphertext": "not-a-vault-ciphertext"}}),
        ("wrap", {"data": {"ciphertext": 42}}),
        ("unwrap", {"data": {"plaintext": "%%% not base64"}}),
        ("unwrap", {"data": {"plaintext": LEAKED[:-8] + "AAAA"}}),
        ("unwrap", {"data": {"plaintext": None}}),
        ("current", {"data": {"latest_version": "2"}}),
        ("current", {"data": {"latest_version": 0}}),
        ("current", b"x" * (2 << 20)),
    ],
)
def test_malformed_answers_are_clear_errors_without_the_body(
    transit: VaultTransitKeyring,
    server: TransitServer,
    operation: str,
    body: bytes | dict[str, object],
) -> None:
    wrapped = transit.wrap(new_data_key(), subject_id=SUBJECT_A)
    calls = {
        "wrap": lambda: transit.wrap(new_data_key(), subject_id=SUBJECT_A),
        "unwrap": lambda: transit.unwrap(wrapped, subject_id=SUBJECT_A),
        "current": transit.current_key_id,
    }
    server.respond_next_with(200, body)
    with pytest.raises(VaultTransitError, match="malformed response") as caught:
        calls[operation]()
    assert LEAKED[:16] not in str(caught.value)
    assert "proxy error" not in str(caught.value)
    assert caught.value.__context__ is None  # a chained error could carry the body along


def test_a_wrapped_key_that_is_not_a_vault_ciphertext_is_a_format_error(
    transit: VaultTransitKeyring,
) -> None:
    wrapped = transit.wrap(new_data_key(), subject_id=SUBJECT_A)
    for ciphertext in (b"vault:v2:AAAA", b"fskey1:xyz", b"vault:v1:\xff\xfe"):
        with pytest.raises(CiphertextFormatError):
            transit.unwrap(
                dataclasses.replace(wrapped, ciphertext=ciphertext), subject_id=SUBJECT_A
            )


@pytest.mark.parametrize(
    "address",
    ["file:///etc/passwd", "ftp://vault:21", "vault:8200", "http://", "", "http://vault:port"],
)
def test_only_http_addresses_are_accepted(address: str) -> None:
    with pytest.raises(InvalidInputError):
        VaultTransitKeyring(address, TOKEN, KEY_NAME)


@pytest.mark.parametrize("token", ["", "hvs.line\r\nX-Injected: 1", "hvs.令牌"])
def test_tokens_that_cannot_be_a_header_are_refused_without_echo(token: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        VaultTransitKeyring("http://127.0.0.1:8200", token, KEY_NAME)
    assert not token or token not in str(caught.value)


def test_an_ipv6_address_keeps_its_brackets() -> None:
    keyring = VaultTransitKeyring("http://[::1]:8200", TOKEN, KEY_NAME)
    assert "http://[::1]:8200" in repr(keyring)


def test_the_address_in_messages_has_no_credentials() -> None:
    keyring = VaultTransitKeyring("http://user:pa55@127.0.0.1:9/", TOKEN, KEY_NAME, timeout=0.5)
    with pytest.raises(KeyringUnavailableError) as caught:
        keyring.current_key_id()
    assert "pa55" not in str(caught.value)
    assert "pa55" not in repr(keyring)


def _post(server: TransitServer, path: str, body: dict[str, str]) -> tuple[int, object]:
    """A raw call to the server, as another Vault client would make it."""
    request = urllib.request.Request(  # noqa: S310 - a fixed local http:// URL
        f"{server.address}/v1/transit/{path}",
        data=json.dumps(body).encode(),
        headers={"X-Vault-Token": TOKEN},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())
