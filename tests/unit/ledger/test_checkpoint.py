"""Signed notes and checkpoints: round trips, tampering, malformed input, known answers."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest

from fairscreen.domain.ledger import (
    Checkpoint,
    CheckpointError,
    LedgerError,
    generate_signer_key,
    leaf_hash,
    open_note,
    parse_checkpoint_body,
    root_hash,
    sign_checkpoint,
    sign_note,
    verifier_key_from_signer,
    verify_checkpoint,
)

ORIGIN = "ledger.fairscreen.example/audit"
ROOT = root_hash([leaf_hash(bytes([index])) for index in range(5)])
OTHER_ROOT = root_hash([leaf_hash(bytes([index])) for index in range(6)])

# Known answer from golang.org/x/mod/sumdb/note (package documentation and
# ExampleSign / ExampleOpen in note_test.go).
GO_SIGNER_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
GO_SIGNED_NOTE = (
    GO_TEXT + "\n"
    "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqf"
    "qdngotpRZb6KE6RyyBwJnAM=\n"
)


@pytest.fixture(scope="module")
def keys() -> tuple[str, str]:
    return generate_signer_key(ORIGIN)


@pytest.fixture(scope="module")
def checkpoint() -> Checkpoint:
    return Checkpoint(origin=ORIGIN, tree_size=5, root_hash=ROOT)


@pytest.fixture(scope="module")
def signed(keys: tuple[str, str], checkpoint: Checkpoint) -> str:
    signer_key, _ = keys
    return sign_checkpoint(checkpoint, signer_key=signer_key)


def _root_line(root: bytes) -> str:
    return base64.b64encode(root).decode("ascii")


def _signature_blob(note: str) -> bytes:
    last_line = note.rstrip("\n").rsplit("\n", 1)[-1]
    return base64.b64decode(last_line.rsplit(" ", 1)[-1])


# --- Known answers -------------------------------------------------------------------------


def test_go_note_verifier_key_derives_from_signer_key() -> None:
    assert verifier_key_from_signer(GO_SIGNER_KEY) == GO_VERIFIER_KEY


def test_go_note_signature_is_byte_identical() -> None:
    assert sign_note(GO_TEXT, signer_key=GO_SIGNER_KEY) == GO_SIGNED_NOTE


def test_go_note_opens_and_rejects_tampering() -> None:
    assert open_note(GO_SIGNED_NOTE, verifier_key=GO_VERIFIER_KEY) == GO_TEXT
    tampered = GO_SIGNED_NOTE.replace("cryptography", "cryptographY", 1)
    with pytest.raises(CheckpointError, match="does not verify"):
        open_note(tampered, verifier_key=GO_VERIFIER_KEY)


# --- Round trips ---------------------------------------------------------------------------


def test_sign_then_verify_round_trips(keys: tuple[str, str], checkpoint: Checkpoint) -> None:
    signer_key, verifier_key = keys
    with_extensions = Checkpoint(
        origin=ORIGIN, tree_size=5, root_hash=ROOT, extensions=("first extension", "x")
    )
    for original in (checkpoint, with_extensions, Checkpoint(ORIGIN, 0, root_hash([]))):
        note = sign_checkpoint(original, signer_key=signer_key)
        assert verify_checkpoint(note, verifier_key=verifier_key) == original


def test_signed_checkpoint_layout(signed: str, keys: tuple[str, str]) -> None:
    _, verifier_key = keys
    body = f"{ORIGIN}\n5\n{_root_line(ROOT)}\n"
    assert signed.startswith(body + "\n\u2014 " + ORIGIN + " ")
    assert signed.endswith("\n")
    blob = _signature_blob(signed)
    assert len(blob) == 4 + 64
    assert blob[:4].hex() == verifier_key.split("+")[1]


def test_signing_is_deterministic(keys: tuple[str, str], checkpoint: Checkpoint) -> None:
    signer_key, _ = keys
    first = sign_checkpoint(checkpoint, signer_key=signer_key)
    assert sign_checkpoint(checkpoint, signer_key=signer_key) == first


def test_body_and_parse_round_trip(checkpoint: Checkpoint) -> None:
    body = f"{ORIGIN}\n5\n{_root_line(ROOT)}\nextension one\n"
    parsed = parse_checkpoint_body(body)
    assert parsed == Checkpoint(ORIGIN, 5, ROOT, ("extension one",))
    assert parsed.body() == body
    assert parse_checkpoint_body(checkpoint.body()) == checkpoint


def test_generated_keys_have_the_documented_forms(keys: tuple[str, str]) -> None:
    signer_key, verifier_key = keys
    assert verifier_key_from_signer(signer_key) == verifier_key
    name, key_id, public = verifier_key.split("+", 2)
    assert name == ORIGIN
    assert re.fullmatch(r"[0-9a-f]{8}", key_id)
    assert base64.b64decode(public)[:1] == b"\x01"
    assert len(base64.b64decode(public)) == 33
    assert signer_key.startswith(f"PRIVATE+KEY+{ORIGIN}+{key_id}+")
    assert len(base64.b64decode(signer_key.split("+", 4)[4])) == 33


def test_checkpoint_error_is_a_ledger_error() -> None:
    assert issubclass(CheckpointError, LedgerError)


# --- Tampering and other keys --------------------------------------------------------------


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda note: note.replace("\n5\n", "\n6\n", 1), id="size"),
        pytest.param(
            lambda note: note.replace(_root_line(ROOT), _root_line(OTHER_ROOT), 1), id="root"
        ),
        pytest.param(
            lambda note: note.replace(ORIGIN + "\n", "evil.example/log\n", 1), id="origin"
        ),
        pytest.param(lambda note: note.replace("\n\n", "\nextension\n\n", 1), id="extension"),
    ],
)
def test_tampered_body_is_rejected(
    signed: str, keys: tuple[str, str], tamper: Callable[[str], str]
) -> None:
    _, verifier_key = keys
    tampered = tamper(signed)
    assert tampered != signed
    with pytest.raises(CheckpointError, match="does not verify"):
        verify_checkpoint(tampered, verifier_key=verifier_key)


def test_tampered_signature_is_rejected(signed: str, keys: tuple[str, str]) -> None:
    _, verifier_key = keys
    blob = bytearray(_signature_blob(signed))
    blob[-1] ^= 0x01
    head, _, _ = signed.rstrip("\n").rpartition(" ")
    tampered = f"{head} {base64.b64encode(bytes(blob)).decode()}\n"
    with pytest.raises(CheckpointError, match="does not verify"):
        verify_checkpoint(tampered, verifier_key=verifier_key)


def test_note_signed_by_another_key_is_rejected(
    checkpoint: Checkpoint, keys: tuple[str, str]
) -> None:
    _, verifier_key = keys
    other_signer, _ = generate_signer_key(ORIGIN)  # same name, different key ID
    note = sign_checkpoint(checkpoint, signer_key=other_signer)
    with pytest.raises(CheckpointError, match="no signature from"):
        verify_checkpoint(note, verifier_key=verifier_key)
    stranger_signer, _ = generate_signer_key("stranger.example/log")
    note = sign_checkpoint(checkpoint, signer_key=stranger_signer)
    with pytest.raises(CheckpointError, match="no signature from"):
        verify_checkpoint(note, verifier_key=verifier_key)


def test_unknown_signer_lines_are_ignored(
    signed: str, keys: tuple[str, str], checkpoint: Checkpoint
) -> None:
    _, verifier_key = keys
    witness_signer, _ = generate_signer_key("witness.example/w1")
    witness_line = sign_checkpoint(checkpoint, signer_key=witness_signer).rsplit("\n\n", 1)[1]
    garbage_line = "\u2014 unknown.example " + base64.b64encode(bytes(68)).decode() + "\n"
    note = signed.replace("\n\n", "\n\n" + garbage_line, 1) + witness_line
    assert verify_checkpoint(note, verifier_key=verifier_key) == checkpoint


def test_bad_signature_from_trusted_key_rejects_despite_a_good_one(
    signed: str, keys: tuple[str, str]
) -> None:
    _, verifier_key = keys
    blob = _signature_blob(signed)
    forged = blob[:4] + bytes(64)
    note = signed + f"\u2014 {ORIGIN} {base64.b64encode(forged).decode()}\n"
    with pytest.raises(CheckpointError, match="does not verify"):
        verify_checkpoint(note, verifier_key=verifier_key)


# --- Malformed notes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        pytest.param(
            lambda note: note.replace("\n\n", "\n", 1), "no blank line", id="no-blank-line"
        ),
        pytest.param(lambda note: note.rstrip("\n"), "end in a newline", id="no-final-newline"),
        pytest.param(
            lambda note: note.split("\n\n")[0] + "\n\n", "no signature", id="no-signatures"
        ),
        pytest.param(
            lambda note: note.replace("\u2014 ", "- ", 1), "em dash", id="hyphen-instead-of-em-dash"
        ),
        pytest.param(
            lambda note: note.rsplit(" ", 1)[0] + " not*base64!\n", "base64", id="bad-base64"
        ),
        pytest.param(
            lambda note: note.rsplit(" ", 1)[0] + " AAAAAA==\n", "too short", id="key-id-only"
        ),
        pytest.param(
            lambda note: note.rsplit(" ", 1)[0] + " AAA=\n", "too short", id="short-key-id"
        ),
        pytest.param(
            lambda note: note.replace("\u2014 " + ORIGIN, "\u2014 bad+name", 1),
            "space or '\\+'",
            id="name-with-plus",
        ),
        pytest.param(
            lambda note: note.replace("\u2014 " + ORIGIN, "\u2014 bad\u00a0name", 1),
            "space or '\\+'",
            id="name-with-unicode-space",
        ),
        pytest.param(
            lambda note: note.replace("\u2014 " + ORIGIN + " ", "\u2014 ", 1),
            "no key name and signature",
            id="missing-name",
        ),
        pytest.param(lambda note: note.replace("\n5\n", "\n5\t\n", 1), "control", id="tab"),
        pytest.param(lambda note: note.replace("\n", "\r\n", 1), "control", id="carriage-return"),
    ],
)
def test_malformed_notes_are_rejected(
    signed: str, keys: tuple[str, str], mutate: Callable[[str], str], message: str
) -> None:
    _, verifier_key = keys
    with pytest.raises(CheckpointError, match=message):
        verify_checkpoint(mutate(signed), verifier_key=verifier_key)


def test_too_many_signature_lines_are_rejected(signed: str, keys: tuple[str, str]) -> None:
    _, verifier_key = keys
    garbage_line = "\u2014 unknown.example " + base64.b64encode(bytes(68)).decode() + "\n"
    with pytest.raises(CheckpointError, match="more than"):
        verify_checkpoint(signed + garbage_line * 100, verifier_key=verifier_key)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(f"{ORIGIN}\n5\n{_root_line(ROOT)}", "end in a newline", id="no-final-newline"),
        pytest.param(f"{ORIGIN}\n5\n", "needs an origin", id="two-lines"),
        pytest.param(f"\n5\n{_root_line(ROOT)}\n", "origin is empty", id="empty-origin"),
        pytest.param(f"{ORIGIN}\nfive\n{_root_line(ROOT)}\n", "decimal", id="word-size"),
        pytest.param(f"{ORIGIN}\n-1\n{_root_line(ROOT)}\n", "decimal", id="negative-size"),
        pytest.param(f"{ORIGIN}\n+5\n{_root_line(ROOT)}\n", "decimal", id="plus-size"),
        pytest.param(f"{ORIGIN}\n 5\n{_root_line(ROOT)}\n", "decimal", id="space-size"),
        pytest.param(f"{ORIGIN}\n0x5\n{_root_line(ROOT)}\n", "decimal", id="hex-size"),
        pytest.param(f"{ORIGIN}\n\u0665\n{_root_line(ROOT)}\n", "decimal", id="arabic-digit"),
        pytest.param(f"{ORIGIN}\n\n{_root_line(ROOT)}\n", "decimal", id="empty-size"),
        pytest.param(f"{ORIGIN}\n05\n{_root_line(ROOT)}\n", "leading zeros", id="leading-zero"),
        pytest.param(f"{ORIGIN}\n00\n{_root_line(ROOT)}\n", "leading zeros", id="double-zero"),
        pytest.param(f"{ORIGIN}\n{2**64}\n{_root_line(ROOT)}\n", "2\\^64", id="size-overflow"),
        pytest.param(f"{ORIGIN}\n5\n{_root_line(ROOT[:31])}\n", "31 bytes", id="short-root"),
        pytest.param(f"{ORIGIN}\n5\n{_root_line(ROOT + b'!')}\n", "33 bytes", id="long-root"),
        pytest.param(f"{ORIGIN}\n5\n{_root_line(ROOT)[:-1]}\n", "base64", id="unpadded-root"),
        pytest.param(f"{ORIGIN}\n5\n{_root_line(ROOT)[:-2]}B=\n", "canonical", id="noncanonical"),
        pytest.param(f"{ORIGIN}\n5\n{_root_line(ROOT)}\n\n", "extension line 0", id="empty-ext"),
    ],
)
def test_malformed_checkpoint_bodies_are_rejected(body: str, message: str) -> None:
    with pytest.raises(CheckpointError, match=message):
        parse_checkpoint_body(body)


def test_signed_malformed_body_is_rejected_after_signature_check(keys: tuple[str, str]) -> None:
    signer_key, verifier_key = keys
    note = sign_note(f"{ORIGIN}\n05\n{_root_line(ROOT)}\n", signer_key=signer_key)
    with pytest.raises(CheckpointError, match="leading zeros"):
        verify_checkpoint(note, verifier_key=verifier_key)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param({"origin": "", "tree_size": 1, "root_hash": ROOT}, "empty", id="empty-origin"),
        pytest.param({"origin": "a\nb", "tree_size": 1, "root_hash": ROOT}, "newline", id="nl"),
        pytest.param({"origin": ORIGIN, "tree_size": -1, "root_hash": ROOT}, "tree size", id="neg"),
        pytest.param(
            {"origin": ORIGIN, "tree_size": 2**64, "root_hash": ROOT}, "tree size", id="big"
        ),
        pytest.param(
            {"origin": ORIGIN, "tree_size": True, "root_hash": ROOT}, "tree size", id="bool"
        ),
        pytest.param({"origin": ORIGIN, "tree_size": 1, "root_hash": b"x"}, "1 bytes", id="root"),
        pytest.param(
            {"origin": ORIGIN, "tree_size": 1, "root_hash": ROOT, "extensions": ("",)},
            "extension line 0 is empty",
            id="empty-extension",
        ),
    ],
)
def test_invalid_checkpoints_cannot_be_built(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(CheckpointError, match=message):
        Checkpoint(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("no final newline", "end in a newline", id="no-newline"),
        pytest.param("", "end in a newline", id="empty"),
        pytest.param("bell\a\n", "control", id="control-character"),
        pytest.param("lone surrogate \ud800\n", "UTF-8", id="surrogate"),
    ],
)
def test_unsignable_texts_are_rejected(keys: tuple[str, str], text: str, message: str) -> None:
    signer_key, _ = keys
    with pytest.raises(CheckpointError, match=message):
        sign_note(text, signer_key=signer_key)


# --- Malformed keys ------------------------------------------------------------------------


def _replace_key_part(key: str, position: int, value: str) -> str:
    parts = key.split("+", 2)
    parts[position] = value
    return "+".join(parts)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        pytest.param(lambda key: key.split("+", 1)[0], "form", id="name-only"),
        pytest.param(lambda key: _replace_key_part(key, 1, "c74f20a"), "8 hexadecimal", id="7-hex"),
        pytest.param(
            lambda key: _replace_key_part(key, 1, "c74f20a3f"), "8 hexadecimal", id="9-hex"
        ),
        pytest.param(lambda key: _replace_key_part(key, 1, "0x74f20a"), "8 hexadecimal", id="0x"),
        pytest.param(lambda key: _replace_key_part(key, 1, "00000000"), "does not match", id="id"),
        pytest.param(lambda key: _replace_key_part(key, 2, "%%%"), "base64", id="bad-base64"),
        pytest.param(
            lambda key: _replace_key_part(key, 2, base64.b64encode(b"\x02" + bytes(32)).decode()),
            "type 0x01",
            id="wrong-algorithm",
        ),
        pytest.param(
            lambda key: _replace_key_part(key, 2, base64.b64encode(b"\x01" + bytes(31)).decode()),
            "31 bytes",
            id="short-key",
        ),
        pytest.param(lambda key: _replace_key_part(key, 0, "bad name"), "space", id="name-space"),
        pytest.param(lambda key: _replace_key_part(key, 0, ""), "empty", id="empty-name"),
    ],
)
def test_malformed_verifier_keys_are_rejected(
    signed: str, mutate: Callable[[str], str], message: str
) -> None:
    verifier_key = mutate(GO_VERIFIER_KEY)
    with pytest.raises(CheckpointError, match=message):
        open_note(GO_SIGNED_NOTE, verifier_key=verifier_key)
    with pytest.raises(CheckpointError, match=message):
        verify_checkpoint(signed, verifier_key=verifier_key)


@pytest.mark.parametrize(
    ("signer_key", "message"),
    [
        pytest.param(GO_SIGNER_KEY.removeprefix("PRIVATE+KEY+"), "form", id="no-prefix"),
        pytest.param(GO_SIGNER_KEY.replace("PRIVATE", "PUBLIC"), "form", id="wrong-prefix"),
        pytest.param(GO_SIGNER_KEY.replace("c74f20a3", "c74f20a4"), "does not match", id="id"),
        pytest.param(GO_SIGNER_KEY.replace("c74f20a3", "c74f20"), "8 hexadecimal", id="short-id"),
        pytest.param(GO_SIGNER_KEY.replace("KDFz", "KqFz"), "does not match", id="other-seed"),
        pytest.param(GO_SIGNER_KEY.replace("AYEK", "A!EK"), "base64", id="bad-base64"),
        pytest.param(GO_SIGNER_KEY.replace("PeterNeumann", "Peter Neumann"), "space", id="name"),
    ],
)
def test_malformed_signer_keys_are_rejected(signer_key: str, message: str) -> None:
    with pytest.raises(CheckpointError, match=message):
        sign_note(GO_TEXT, signer_key=signer_key)
    with pytest.raises(CheckpointError, match=message):
        verifier_key_from_signer(signer_key)


@pytest.mark.parametrize("name", ["", "two words", "plus+sign", "tab\tname", "nbsp\u00a0name"])
def test_invalid_key_names_are_rejected(name: str) -> None:
    with pytest.raises(CheckpointError, match="key name"):
        generate_signer_key(name)


def test_keys_whose_base64_contains_a_plus_sign_still_work() -> None:
    """Names cannot contain '+', but the base64 key material often does."""
    for attempt in range(200):
        signer, verifier = generate_signer_key(f"plus-test-{attempt}")
        if "+" in verifier.split("+", 2)[2]:
            break
    else:
        pytest.fail("no key with '+' in its base64 after 200 tries")
    note = sign_checkpoint(Checkpoint("plus.example/log", 3, bytes(32)), signer_key=signer)

    assert verify_checkpoint(note, verifier_key=verifier).tree_size == 3
    assert verifier_key_from_signer(signer) == verifier
