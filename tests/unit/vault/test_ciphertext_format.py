"""The versioned ciphertext format: its exact layout, and loud refusal of anything else."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain.vault import (
    Ciphertext,
    CiphertextFormatError,
    DecryptionError,
    EncryptionContext,
    ciphertext_key_version,
    decrypt_bytes,
    decrypt_field,
    encrypt_bytes,
    encrypt_field,
)

CONTEXT = EncryptionContext(
    organisation_id="org-test", table="screenings_finding", column="court_record", row_id="row-1"
)
DATA_KEY = bytes(32)


def test_the_binary_form_is_version_key_version_nonce_then_sealed_bytes() -> None:
    blob = encrypt_bytes(b"abc", data_key=DATA_KEY, key_version=0x01020304, context=CONTEXT)
    assert blob[0] == 1
    assert blob[1:5] == bytes([1, 2, 3, 4])
    assert len(blob) == 1 + 4 + 12 + 3 + 16
    parsed = Ciphertext.from_bytes(blob)
    assert (parsed.format_version, parsed.key_version) == (1, 0x01020304)
    assert parsed.nonce == blob[5:17]
    assert parsed.sealed == blob[17:]
    assert parsed.to_bytes() == blob


def test_the_text_form_is_fs1_and_unpadded_base64url_of_the_binary_form() -> None:
    token = encrypt_field("测试候选人", data_key=DATA_KEY, key_version=5, context=CONTEXT)
    encoded = token.removeprefix("fs1:")
    assert "=" not in encoded
    binary = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    assert Ciphertext.from_bytes(binary).to_text() == token
    assert ciphertext_key_version(token) == 5


@given(
    key_version=st.integers(0, 2**32 - 1),
    nonce=st.binary(min_size=12, max_size=12),
    sealed=st.binary(min_size=16, max_size=200),
)
def test_text_and_binary_forms_round_trip(key_version: int, nonce: bytes, sealed: bytes) -> None:
    ciphertext = Ciphertext(key_version=key_version, nonce=nonce, sealed=sealed)
    assert Ciphertext.from_bytes(ciphertext.to_bytes()) == ciphertext
    assert Ciphertext.from_text(ciphertext.to_text()) == ciphertext


@pytest.mark.parametrize(
    ("blob", "message"),
    [
        (b"", "empty"),
        (b"\x02" + bytes(40), "format version 2"),
        (b"\x00" + bytes(40), "format version 0"),
        (b"\x01" + bytes(31), "truncated"),
    ],
    ids=["empty", "future-version", "version-zero", "truncated"],
)
def test_malformed_binary_is_a_format_error(blob: bytes, message: str) -> None:
    with pytest.raises(CiphertextFormatError, match=message):
        decrypt_bytes(blob, data_key=DATA_KEY, context=CONTEXT)


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("11010519900101123X", "must start with 'fs1:'"),
        ("", "must start with 'fs1:'"),
        ("fs2:AQAAAAE", "must start with 'fs1:'"),
        ("fs1:", "empty"),
        ("fs1:AQAA AAE", "base64url"),
        ("fs1:AQAA+AE", "base64url"),
        ("fs1:AQAAAAE=", "base64url"),
        ("fs1:A", "base64url"),
        ("fs1:AR", "canonical"),
        ("fs1:AQB", "canonical"),
        ("fs1:AQ", "truncated"),
    ],
    ids=[
        "plaintext",
        "blank",
        "other-prefix",
        "nothing",
        "space",
        "standard-alphabet",
        "padding",
        "impossible-length",
        "non-zero-padding-bits",
        "non-zero-padding-bits-of-3",
        "too-short",
    ],
)
def test_malformed_text_is_a_format_error(token: str, message: str) -> None:
    with pytest.raises(CiphertextFormatError, match=message):
        decrypt_field(token, data_key=DATA_KEY, context=CONTEXT)


def test_a_text_prefix_that_disagrees_with_the_version_byte_is_refused() -> None:
    future = base64.urlsafe_b64encode(b"\x02" + bytes(40)).rstrip(b"=").decode()
    with pytest.raises(CiphertextFormatError, match="format version 2"):
        Ciphertext.from_text("fs1:" + future)


def test_a_wrong_type_is_a_format_error_not_a_crash() -> None:
    with pytest.raises(CiphertextFormatError):
        Ciphertext.from_text(b"fs1:AQ")  # type: ignore[arg-type]
    with pytest.raises(CiphertextFormatError):
        Ciphertext.from_bytes("fs1:AQ")  # type: ignore[arg-type]


@given(garbage=st.binary(max_size=64))
def test_random_bytes_never_decrypt(garbage: bytes) -> None:
    with pytest.raises((CiphertextFormatError, DecryptionError)):
        decrypt_bytes(garbage, data_key=DATA_KEY, context=CONTEXT)


@given(garbage=st.text(max_size=64))
def test_random_text_never_decrypts(garbage: str) -> None:
    with pytest.raises((CiphertextFormatError, DecryptionError)):
        decrypt_field(garbage, data_key=DATA_KEY, context=CONTEXT)


@given(garbage=st.binary(min_size=33, max_size=64))
def test_random_bytes_with_a_valid_header_fail_authentication(garbage: bytes) -> None:
    with pytest.raises(DecryptionError):
        decrypt_bytes(b"\x01" + garbage, data_key=DATA_KEY, context=CONTEXT)
