"""Wrapping data keys under key-encryption keys: subject binding, rotation, destruction."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain.vault import (
    BlindIndexKeySource,
    CiphertextFormatError,
    DecryptionError,
    EncryptionContext,
    InvalidInputError,
    KeyDestroyedError,
    KeyNotFoundError,
    Keyring,
    LocalKeyring,
    WrappedKey,
    decrypt_field,
    encrypt_field,
    new_data_key,
)

SUBJECT_A = "candidate-0000-4000-8000-00000000a001"
SUBJECT_B = "candidate-0000-4000-8000-00000000b002"


def test_local_keyring_satisfies_the_protocols() -> None:
    keyring = LocalKeyring.in_memory()
    assert isinstance(keyring, Keyring)
    assert isinstance(keyring, BlindIndexKeySource)


def test_a_wrapped_key_unwraps_to_the_data_key() -> None:
    keyring = LocalKeyring.in_memory()
    data_key = new_data_key()
    wrapped = keyring.wrap(data_key, subject_id=SUBJECT_A)
    assert wrapped.key_id == keyring.current_key_id()
    assert data_key not in wrapped.ciphertext
    assert keyring.unwrap(wrapped, subject_id=SUBJECT_A) == data_key


def test_a_key_wrapped_for_one_subject_does_not_unwrap_for_another() -> None:
    keyring = LocalKeyring.in_memory()
    wrapped = keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    with pytest.raises(DecryptionError, match="another subject") as caught:
        keyring.unwrap(wrapped, subject_id=SUBJECT_B)
    assert SUBJECT_B not in str(caught.value)


def test_a_key_wrapped_by_another_keyring_is_reported_as_not_found() -> None:
    wrapped = LocalKeyring.in_memory().wrap(new_data_key(), subject_id=SUBJECT_A)
    with pytest.raises(KeyNotFoundError, match="right key file"):
        LocalKeyring.in_memory().unwrap(wrapped, subject_id=SUBJECT_A)


def test_a_wrapped_key_of_an_unknown_version_is_reported_as_not_found() -> None:
    keyring = LocalKeyring.in_memory()
    wrapped = keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    future = dataclasses.replace(wrapped, key_id=wrapped.key_id.replace("-v1", "-v9"))
    with pytest.raises(KeyNotFoundError, match="not in this keyring"):
        keyring.unwrap(future, subject_id=SUBJECT_A)


def test_changing_any_byte_of_a_wrapped_key_is_detected() -> None:
    keyring = LocalKeyring.in_memory()
    wrapped = keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    for position in range(len(wrapped.ciphertext)):
        tampered = bytearray(wrapped.ciphertext)
        tampered[position] ^= 0x80
        altered = dataclasses.replace(wrapped, ciphertext=bytes(tampered))
        with pytest.raises(DecryptionError):
            keyring.unwrap(altered, subject_id=SUBJECT_A)


def test_a_wrapped_key_of_the_wrong_length_is_a_format_error() -> None:
    keyring = LocalKeyring.in_memory()
    wrapped = keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    with pytest.raises(CiphertextFormatError, match="60 bytes"):
        keyring.unwrap(
            dataclasses.replace(wrapped, ciphertext=wrapped.ciphertext[:-1]), subject_id=SUBJECT_A
        )


@pytest.mark.parametrize("data_key", [b"", bytes(31), bytes(64)], ids=["empty", "31", "64"])
def test_only_32_byte_data_keys_are_wrapped(data_key: bytes) -> None:
    with pytest.raises(InvalidInputError, match="32 bytes"):
        LocalKeyring.in_memory().wrap(data_key, subject_id=SUBJECT_A)


def test_an_empty_subject_id_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="subject_id"):
        LocalKeyring.in_memory().wrap(new_data_key(), subject_id="")


def test_after_rotation_old_wrapped_keys_still_unwrap_and_new_ones_use_the_new_key() -> None:
    keyring = LocalKeyring.in_memory()
    data_key = new_data_key()
    old_wrapped = keyring.wrap(data_key, subject_id=SUBJECT_A)
    old_id = keyring.current_key_id()

    new_id = keyring.rotate()

    assert new_id != old_id
    assert keyring.current_key_id() == new_id
    assert keyring.key_ids() == (old_id, new_id)
    assert keyring.unwrap(old_wrapped, subject_id=SUBJECT_A) == data_key
    assert keyring.wrap(data_key, subject_id=SUBJECT_A).key_id == new_id


def test_rewrap_moves_a_key_to_the_current_kek_and_field_ciphertexts_still_decrypt() -> None:
    keyring = LocalKeyring.in_memory()
    context = EncryptionContext(
        organisation_id="org-test", table="screenings_candidate", column="name", row_id="row-1"
    )
    data_key = new_data_key()
    wrapped = keyring.wrap(data_key, subject_id=SUBJECT_A)
    token = encrypt_field("测试候选人", data_key=data_key, key_version=1, context=context)

    new_id = keyring.rotate()
    rewrapped = keyring.rewrap(wrapped, subject_id=SUBJECT_A)

    assert rewrapped.key_id == new_id
    assert rewrapped.ciphertext != wrapped.ciphertext
    unwrapped = keyring.unwrap(rewrapped, subject_id=SUBJECT_A)
    assert decrypt_field(token, data_key=unwrapped, context=context) == "测试候选人"


def test_rewrap_under_the_current_kek_returns_the_same_wrapped_key() -> None:
    keyring = LocalKeyring.in_memory()
    wrapped = keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    assert keyring.rewrap(wrapped, subject_id=SUBJECT_A) is wrapped


def test_rewrap_checks_the_subject_too() -> None:
    keyring = LocalKeyring.in_memory()
    wrapped = keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    keyring.rotate()
    with pytest.raises(DecryptionError):
        keyring.rewrap(wrapped, subject_id=SUBJECT_B)


def test_a_destroyed_kek_makes_what_it_wrapped_a_key_destroyed_error() -> None:
    keyring = LocalKeyring.in_memory()
    old_wrapped = keyring.wrap(new_data_key(), subject_id=SUBJECT_A)
    old_id = keyring.current_key_id()
    keyring.rotate()

    keyring.destroy_key(old_id)

    assert old_id not in keyring.key_ids()
    with pytest.raises(KeyDestroyedError, match="destroyed"):
        keyring.unwrap(old_wrapped, subject_id=SUBJECT_A)


def test_the_current_kek_cannot_be_destroyed() -> None:
    keyring = LocalKeyring.in_memory()
    with pytest.raises(InvalidInputError, match="rotate"):
        keyring.destroy_key(keyring.current_key_id())


def test_destroying_a_kek_twice_is_harmless_but_an_unknown_one_is_an_error() -> None:
    keyring = LocalKeyring.in_memory()
    old_id = keyring.current_key_id()
    keyring.rotate()
    keyring.destroy_key(old_id)
    keyring.destroy_key(old_id)
    with pytest.raises(KeyNotFoundError, match="not in this keyring"):
        keyring.destroy_key(old_id.replace("-v1", "-v9"))
    assert len(keyring.key_ids()) == 1


@pytest.mark.parametrize("suffix", ["01", "\u0661", "1 ", "0", "-1", ""])
def test_key_ids_have_exactly_one_spelling(suffix: str) -> None:
    keyring = LocalKeyring.in_memory()
    key_id = keyring.current_key_id().removesuffix("1") + suffix
    with pytest.raises(KeyNotFoundError, match="does not belong"):
        keyring.destroy_key(key_id)
    assert keyring.key_ids() == (keyring.current_key_id(),)


def test_versions_are_never_reused_after_a_destruction() -> None:
    keyring = LocalKeyring.in_memory()
    first = keyring.current_key_id()
    second = keyring.rotate()
    keyring.destroy_key(first)
    third = keyring.rotate()
    assert len({first, second, third}) == 3


def test_blind_index_keys_differ_per_organisation_and_survive_rotation() -> None:
    keyring = LocalKeyring.in_memory()
    key_a = keyring.blind_index_key(organisation_id="org-a")
    key_b = keyring.blind_index_key(organisation_id="org-b")
    keyring.rotate()
    assert len(key_a) == 32
    assert key_a != key_b
    assert keyring.blind_index_key(organisation_id="org-a") == key_a


@given(
    key_id=st.from_regex(r"[!-~]+", fullmatch=True),
    ciphertext=st.binary(min_size=1, max_size=100),
)
def test_wrapped_key_text_round_trips_even_with_colons_in_the_key_id(
    key_id: str, ciphertext: bytes
) -> None:
    wrapped = WrappedKey(key_id=key_id, ciphertext=ciphertext)
    assert WrappedKey.from_text(wrapped.to_text()) == wrapped


def test_wrapped_key_text_looks_as_documented() -> None:
    wrapped = WrappedKey(key_id="arn:aws:kms:cn-north-1:1:key/k", ciphertext=b"\xff\xfe")
    assert wrapped.to_text() == "fskey1:arn:aws:kms:cn-north-1:1:key/k:__4"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "fs1:AQ",
        "fskey1:",
        "fskey1:AQ",
        "fskey1::AQ",
        "fskey1:id:",
        "fskey1:id:A=",
        "fskey1:a b:AQ",
    ],
)
def test_malformed_wrapped_key_text_is_a_format_error(text: str) -> None:
    with pytest.raises(CiphertextFormatError):
        WrappedKey.from_text(text)
