"""The local key file: private from creation, atomic to change, refused when exposed."""

from __future__ import annotations

import base64
import json
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fairscreen.domain.vault import KeyFileError, LocalKeyring, new_data_key

SUBJECT = "candidate-0000-4000-8000-00000000a001"


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    return tmp_path / "fairscreen-keys.json"


@pytest.fixture(params=[0o000, 0o022, 0o277], ids=["umask-000", "umask-022", "umask-277"])
def any_umask(request: pytest.FixtureRequest) -> Iterator[None]:
    """The mode must be exactly 0600 whatever the umask: set at creation, not inherited."""
    previous = os.umask(request.param)
    try:
        yield
    finally:
        os.umask(previous)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def write_private(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    path.chmod(0o600)


def document_of(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


@pytest.mark.usefixtures("any_umask")
def test_the_key_file_is_created_with_mode_0600(key_path: Path) -> None:
    LocalKeyring.open_or_create(key_path).rotate()
    assert mode_of(key_path) == 0o600
    assert mode_of(key_path.with_name(key_path.name + ".lock")) == 0o600


def test_creation_leaves_no_temporary_files(key_path: Path) -> None:
    LocalKeyring.open_or_create(key_path)
    assert [entry.name for entry in key_path.parent.iterdir()] == [key_path.name]


def test_the_key_file_holds_the_documented_fields(key_path: Path) -> None:
    keyring = LocalKeyring.open_or_create(key_path)
    document = document_of(key_path)
    assert document["format"] == "fairscreen-local-keyring"
    assert document["format_version"] == 1
    assert keyring.current_key_id() == f"local-{document['keyring_id']}-v1"
    assert set(document["key_encryption_keys"]) == {"1"}
    assert document["destroyed_versions"] == []
    assert len(_decode(document["blind_index_secret"])) == 32


def test_a_reopened_key_file_has_the_same_keys(key_path: Path) -> None:
    created = LocalKeyring.open_or_create(key_path)
    data_key = new_data_key()
    wrapped = created.wrap(data_key, subject_id=SUBJECT)

    for reopened in (LocalKeyring.open(key_path), LocalKeyring.open_or_create(key_path)):
        assert reopened.current_key_id() == created.current_key_id()
        assert reopened.unwrap(wrapped, subject_id=SUBJECT) == data_key
        assert reopened.blind_index_key(organisation_id="org") == created.blind_index_key(
            organisation_id="org"
        )


def test_open_or_create_never_overwrites_an_existing_key_file(key_path: Path) -> None:
    LocalKeyring.open_or_create(key_path)
    before = key_path.read_bytes()
    LocalKeyring.open_or_create(key_path)
    assert key_path.read_bytes() == before


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620, 0o602])
def test_a_key_file_others_can_access_is_refused_with_the_fix(key_path: Path, mode: int) -> None:
    LocalKeyring.open_or_create(key_path)
    key_path.chmod(mode)
    with pytest.raises(KeyFileError) as caught:
        LocalKeyring.open(key_path)
    message = str(caught.value)
    assert str(key_path) in message
    assert f"chmod 600 {key_path}" in message
    assert f"{mode:04o}" in message


def test_open_or_create_refuses_an_exposed_existing_file_too(key_path: Path) -> None:
    LocalKeyring.open_or_create(key_path)
    key_path.chmod(0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        LocalKeyring.open_or_create(key_path)


def test_opening_an_existing_key_file_writes_nothing_beside_it(key_path: Path) -> None:
    """So it also works from a read-only directory such as a mounted secret."""
    LocalKeyring.open_or_create(key_path)
    before = key_path.parent.stat().st_mtime_ns
    time.sleep(0.01)
    LocalKeyring.open_or_create(key_path)
    assert key_path.parent.stat().st_mtime_ns == before


def test_open_does_not_create_a_missing_key_file(key_path: Path) -> None:
    with pytest.raises(KeyFileError, match="does not exist"):
        LocalKeyring.open(key_path)
    assert not key_path.exists()


def test_a_directory_is_not_a_key_file(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    directory.mkdir(mode=0o700)
    with pytest.raises(KeyFileError, match="not a regular file"):
        LocalKeyring.open(directory)


def test_rotation_is_saved_atomically_and_keeps_the_old_keys(key_path: Path) -> None:
    keyring = LocalKeyring.open_or_create(key_path)
    data_key = new_data_key()
    old_wrapped = keyring.wrap(data_key, subject_id=SUBJECT)

    new_id = keyring.rotate()

    reopened = LocalKeyring.open(key_path)
    assert reopened.current_key_id() == new_id
    assert reopened.unwrap(old_wrapped, subject_id=SUBJECT) == data_key
    assert mode_of(key_path) == 0o600
    leftovers = {entry.name for entry in key_path.parent.iterdir()}
    assert leftovers == {key_path.name, key_path.name + ".lock"}


def test_two_processes_rotating_the_same_file_lose_no_key(key_path: Path) -> None:
    first = LocalKeyring.open_or_create(key_path)
    second = LocalKeyring.open(key_path)
    data_key = new_data_key()

    first.rotate()
    wrapped_by_first = first.wrap(data_key, subject_id=SUBJECT)
    second.rotate()

    assert set(document_of(key_path)["key_encryption_keys"]) == {"1", "2", "3"}
    assert second.unwrap(wrapped_by_first, subject_id=SUBJECT) == data_key


def test_a_keyring_sees_a_kek_another_process_added_since_it_opened(key_path: Path) -> None:
    stale = LocalKeyring.open_or_create(key_path)
    fresh = LocalKeyring.open(key_path)
    fresh.rotate()
    wrapped = fresh.wrap(new_data_key(), subject_id=SUBJECT)
    assert len(stale.unwrap(wrapped, subject_id=SUBJECT)) == 32


def test_destroying_a_kek_removes_it_from_the_file(key_path: Path) -> None:
    keyring = LocalKeyring.open_or_create(key_path)
    old_id = keyring.current_key_id()
    old_key = document_of(key_path)["key_encryption_keys"]["1"]
    keyring.rotate()

    keyring.destroy_key(old_id)

    document = document_of(key_path)
    assert set(document["key_encryption_keys"]) == {"2"}
    assert document["destroyed_versions"] == [1]
    assert old_key not in key_path.read_text(encoding="utf-8")


def test_a_destroyed_version_number_is_never_reused(key_path: Path) -> None:
    keyring = LocalKeyring.open_or_create(key_path)
    document = document_of(key_path)
    document["destroyed_versions"] = [7]  # e.g. the file was restored from an older copy
    write_private(key_path, json.dumps(document).encode())
    assert LocalKeyring.open(key_path).rotate() == keyring.current_key_id().replace("-v1", "-v8")


def _mutations() -> list[tuple[str, Any, str]]:
    short_key = base64.urlsafe_b64encode(bytes(16)).rstrip(b"=").decode()
    return [
        ("format", "something-else", "not a fairscreen-local-keyring file"),
        ("format_version", 2, "format version 2"),
        ("current_version", 5, "no key for its current version"),
        ("key_encryption_keys", {"1": short_key}, "32 bytes"),
        ("key_encryption_keys", {"one": "AAAA"}, "positive integers"),
        ("key_encryption_keys", [], "must be an object"),
        ("destroyed_versions", [1], "destroyed version that still has a key"),
        ("destroyed_versions", "1", "must be a list"),
        ("blind_index_secret", "not base64!", "base64url"),
        ("keyring_id", "../etc", "alphanumeric"),
    ]


@pytest.mark.parametrize(("field", "value", "message"), _mutations())
def test_a_malformed_key_file_is_refused_naming_the_problem(
    key_path: Path, field: str, value: Any, message: str
) -> None:
    LocalKeyring.open_or_create(key_path)
    document = document_of(key_path)
    document[field] = value
    write_private(key_path, json.dumps(document).encode())
    with pytest.raises(KeyFileError, match=message) as caught:
        LocalKeyring.open(key_path)
    assert str(key_path) in str(caught.value)


def test_a_missing_field_is_named(key_path: Path) -> None:
    LocalKeyring.open_or_create(key_path)
    document = document_of(key_path)
    del document["blind_index_secret"]
    write_private(key_path, json.dumps(document).encode())
    with pytest.raises(KeyFileError, match="missing field 'blind_index_secret'"):
        LocalKeyring.open(key_path)


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe", b"[]", b"null"])
def test_a_key_file_that_is_not_a_json_object_is_refused(key_path: Path, content: bytes) -> None:
    write_private(key_path, content)
    with pytest.raises(KeyFileError, match=str(key_path)):
        LocalKeyring.open(key_path)


def test_errors_and_repr_never_show_key_material(key_path: Path) -> None:
    keyring = LocalKeyring.open_or_create(key_path)
    document = document_of(key_path)
    secrets = [*document["key_encryption_keys"].values(), document["blind_index_secret"]]
    document["current_version"] = 9
    write_private(key_path, json.dumps(document).encode())
    with pytest.raises(KeyFileError) as caught:
        LocalKeyring.open(key_path)
    for secret in secrets:
        assert secret not in str(caught.value)
        assert secret not in repr(keyring)
        assert _decode(secret).hex() not in repr(keyring)


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
