"""C2SP signed notes and transparency log checkpoints.

* c2sp.org/signed-note ("Format", "Signatures", "Ed25519 signatures"): a text
  ending in a newline, a blank line, then lines ``— <key name> <base64(key ID ‖
  signature)>``; key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ Ed25519 public key)[:4].
* c2sp.org/tlog-checkpoint ("Note text"): origin, decimal tree size without
  leading zeros, base64 RFC 6962 root hash, then optional extension lines.
* Key texts follow golang.org/x/mod/sumdb/note: verifier
  ``<name>+<key ID hex>+<base64(0x01 ‖ public key)>`` and signer
  ``PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 ‖ Ed25519 seed)>``.

Everything here fails closed with CheckpointError and a specific message.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from typing import NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fairscreen.domain.ledger._errors import CheckpointError
from fairscreen.domain.ledger._hashing import HASH_SIZE

__all__ = [
    "Checkpoint",
    "generate_signer_key",
    "open_note",
    "parse_checkpoint_body",
    "sign_checkpoint",
    "sign_note",
    "verifier_key_from_signer",
    "verify_checkpoint",
]

_SIGNATURE_PREFIX = "\u2014 "  # EM DASH, SPACE (signed-note "Format")
_ALGORITHM_ED25519 = b"\x01"  # signature type identifier (signed-note "Signature types")
_ED25519_KEY_SIZE = 32
_KEY_ID_SIZE = 4
_MAX_SIGNATURES = 100  # the spec requires accepting at least 16
_MAX_TREE_SIZE = 2**64 - 1  # tree sizes are uint64 (RFC 9162 §4.10)
_KEY_ID_HEX = re.compile(r"[0-9a-fA-F]{8}")
_TREE_SIZE = re.compile(r"0|[1-9][0-9]{0,19}")


def _fail(message: str) -> NoReturn:
    raise CheckpointError(message)


def _check_characters(text: str, what: str) -> None:
    """Signed notes are UTF-8 without ASCII control characters except newline (signed-note)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        _fail(f"{what} is not valid UTF-8")
    if any(ord(character) < 0x20 and character != "\n" for character in text):
        _fail(f"{what} contains an ASCII control character other than newline")


def _check_line(line: str, what: str) -> None:
    """A checkpoint line must be non-empty and must not contain a newline."""
    if not line:
        _fail(f"{what} is empty")
    if "\n" in line:
        _fail(f"{what} contains a newline")
    _check_characters(line, what)


def _check_name(name: str) -> None:
    """Key names are non-empty, without Unicode spaces or '+' (signed-note "Format")."""
    if not name:
        _fail("key name is empty")
    if any(character.isspace() or character == "+" for character in name):
        _fail(f"key name {name!r} contains a space or '+'")
    _check_characters(name, "key name")


def _decode_base64(text: str, what: str) -> bytes:
    """Decode standard padded base64 (RFC 4648 §4), rejecting any other character."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except ValueError:  # binascii.Error and UnicodeEncodeError are both ValueErrors
        _fail(f"{what} is not valid standard base64")


def _encode_base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _key_id(name: str, public_key: Ed25519PublicKey) -> bytes:
    """SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4] (signed-note "Ed25519 signatures")."""
    material = name.encode("utf-8") + b"\n" + _ALGORITHM_ED25519 + public_key.public_bytes_raw()
    return hashlib.sha256(material).digest()[:_KEY_ID_SIZE]


def _parse_key_id(text: str) -> bytes:
    if not _KEY_ID_HEX.fullmatch(text):
        _fail(f"key ID {text!r} is not 8 hexadecimal digits")
    return bytes.fromhex(text)


def _decode_key_material(text: str, what: str) -> bytes:
    """Decode base64(0x01 ‖ 32 bytes) and return the 32 bytes."""
    material = _decode_base64(text, what)
    if material[:1] != _ALGORITHM_ED25519:
        _fail(f"{what} is not an Ed25519 (type 0x01) key")
    if len(material) != 1 + _ED25519_KEY_SIZE:
        _fail(f"{what} holds {len(material) - 1} bytes, not {_ED25519_KEY_SIZE}")
    return material[1:]


@dataclass(frozen=True)
class _VerifierKey:
    name: str
    key_id: bytes
    public_key: Ed25519PublicKey


@dataclass(frozen=True)
class _SignerKey:
    name: str
    key_id: bytes
    private_key: Ed25519PrivateKey


def _encode_verifier_key(name: str, public_key: Ed25519PublicKey) -> str:
    encoded = _encode_base64(_ALGORITHM_ED25519 + public_key.public_bytes_raw())
    return f"{name}+{_key_id(name, public_key).hex()}+{encoded}"


def _parse_verifier_key(text: str) -> _VerifierKey:
    parts = text.split("+", 2)
    if len(parts) != 3:
        _fail("verifier key must have the form <name>+<key ID>+<key>")
    name, key_id_text, encoded = parts
    _check_name(name)
    key_id = _parse_key_id(key_id_text)
    try:
        public_key = Ed25519PublicKey.from_public_bytes(
            _decode_key_material(encoded, "verifier key")
        )
    except ValueError:
        _fail("verifier key is not a valid Ed25519 public key")
    if _key_id(name, public_key) != key_id:
        _fail(f"key ID {key_id_text} does not match the name and public key")
    return _VerifierKey(name=name, key_id=key_id, public_key=public_key)


def _parse_signer_key(text: str) -> _SignerKey:
    parts = text.split("+", 4)
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
        _fail("signer key must have the form PRIVATE+KEY+<name>+<key ID>+<key>")
    _, _, name, key_id_text, encoded = parts
    _check_name(name)
    key_id = _parse_key_id(key_id_text)
    private_key = Ed25519PrivateKey.from_private_bytes(_decode_key_material(encoded, "signer key"))
    if _key_id(name, private_key.public_key()) != key_id:
        _fail(f"key ID {key_id_text} does not match the name and the key's public key")
    return _SignerKey(name=name, key_id=key_id, private_key=private_key)


def generate_signer_key(name: str) -> tuple[str, str]:
    """Create a fresh Ed25519 key; return (signer key text, verifier key text).

    The signer key text is a secret: whoever holds it can sign checkpoints.
    """
    _check_name(name)
    private_key = Ed25519PrivateKey.generate()
    key_id = _key_id(name, private_key.public_key()).hex()
    seed = _encode_base64(_ALGORITHM_ED25519 + private_key.private_bytes_raw())
    signer_key = f"PRIVATE+KEY+{name}+{key_id}+{seed}"
    return signer_key, _encode_verifier_key(name, private_key.public_key())


def verifier_key_from_signer(signer_key: str) -> str:
    """Derive the public verifier key text from a signer key text."""
    key = _parse_signer_key(signer_key)
    return _encode_verifier_key(key.name, key.private_key.public_key())


def sign_note(text: str, *, signer_key: str) -> str:
    """Sign ``text`` and return the signed note: text, blank line, one signature line.

    Ed25519 is deterministic (RFC 8032 §5.1.6), so the same key and text always
    give the same note.
    """
    if not text.endswith("\n"):
        _fail("note text must end in a newline")
    _check_characters(text, "note text")
    key = _parse_signer_key(signer_key)
    signature = key.private_key.sign(text.encode("utf-8"))
    blob = _encode_base64(key.key_id + signature)
    return f"{text}\n{_SIGNATURE_PREFIX}{key.name} {blob}\n"


def _parse_signature_line(line: str) -> tuple[str, bytes, bytes]:
    """Return (key name, key ID, signature) of one ``— <name> <base64>`` line."""
    if not line.startswith(_SIGNATURE_PREFIX):
        _fail(f"signature line {line!r} does not start with an em dash and a space")
    name, _, encoded = line[len(_SIGNATURE_PREFIX) :].partition(" ")
    if not encoded:
        _fail(f"signature line {line!r} has no key name and signature separated by a space")
    _check_name(name)
    blob = _decode_base64(encoded, f"signature of {name!r}")
    if len(blob) <= _KEY_ID_SIZE:
        _fail(f"signature of {name!r} is too short to hold a 4-byte key ID and a signature")
    return name, blob[:_KEY_ID_SIZE], blob[_KEY_ID_SIZE:]


def _split_note(note: str) -> tuple[str, list[str]]:
    """Split at the last blank line into (text, signature lines) (signed-note "Format")."""
    _check_characters(note, "note")
    split = note.rfind("\n\n")
    if split < 0:
        _fail("note has no blank line between the text and the signatures")
    text, block = note[: split + 1], note[split + 2 :]
    if not block:
        _fail("note has no signature lines")
    if not block.endswith("\n"):
        _fail("note does not end in a newline")
    lines = block[:-1].split("\n")
    if len(lines) > _MAX_SIGNATURES:
        _fail(f"note has more than {_MAX_SIGNATURES} signature lines")
    return text, lines


def open_note(note: str, *, verifier_key: str) -> str:
    """Verify a signed note against one trusted key and return its text.

    Per signed-note "Signatures": lines from other keys (a different name or
    key ID) are ignored, a line from the trusted key that fails to verify
    rejects the whole note, and a note without a verified signature from the
    trusted key is rejected.
    """
    key = _parse_verifier_key(verifier_key)
    text, lines = _split_note(note)
    signed_text = text.encode("utf-8")
    verified = False
    for line in lines:
        name, key_id, signature = _parse_signature_line(line)
        if name != key.name or key_id != key.key_id:
            continue
        try:
            key.public_key.verify(signature, signed_text)
        except InvalidSignature:
            _fail(f"signature from {key.name}+{key.key_id.hex()} does not verify")
        verified = True
    if not verified:
        _fail(f"note has no signature from {key.name}+{key.key_id.hex()}")
    return text


@dataclass(frozen=True)
class Checkpoint:
    """A tree head as the body of a C2SP tlog-checkpoint note.

    Validated on construction, so `body` always produces a well-formed note
    text and ``parse_checkpoint_body(checkpoint.body()) == checkpoint``.
    """

    origin: str
    tree_size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_line(self.origin, "origin")
        if isinstance(self.tree_size, bool) or not 0 <= self.tree_size <= _MAX_TREE_SIZE:
            _fail(f"tree size {self.tree_size!r} is not an integer in [0, 2^64 - 1]")
        if len(self.root_hash) != HASH_SIZE:
            _fail(f"root hash is {len(self.root_hash)} bytes, not {HASH_SIZE}")
        for position, extension in enumerate(self.extensions):
            _check_line(extension, f"extension line {position}")

    def body(self) -> str:
        """Return the note text: origin, size, base64 root and extensions, each ending "\\n"."""
        lines = [self.origin, str(self.tree_size), _encode_base64(self.root_hash)]
        return "".join(f"{line}\n" for line in [*lines, *self.extensions])


def parse_checkpoint_body(text: str) -> Checkpoint:
    """Parse a checkpoint note text (tlog-checkpoint "Note text"), strictly.

    The root must be canonical base64 of exactly 32 bytes, so that every
    checkpoint has exactly one textual form.
    """
    if not text.endswith("\n"):
        _fail("checkpoint body must end in a newline")
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        _fail("checkpoint body needs an origin, a tree size and a root hash line")
    origin, size_text, root_text, *extensions = lines
    if not _TREE_SIZE.fullmatch(size_text):
        _fail(f"tree size {size_text!r} is not a decimal number without leading zeros")
    root = _decode_base64(root_text, "root hash")
    if len(root) != HASH_SIZE:
        _fail(f"root hash is {len(root)} bytes, not {HASH_SIZE}")
    if _encode_base64(root) != root_text:
        _fail("root hash is not in canonical base64")
    return Checkpoint(
        origin=origin, tree_size=int(size_text), root_hash=root, extensions=tuple(extensions)
    )


def sign_checkpoint(checkpoint: Checkpoint, *, signer_key: str) -> str:
    """Return the signed note of ``checkpoint`` (tlog-checkpoint "Signatures")."""
    return sign_note(checkpoint.body(), signer_key=signer_key)


def verify_checkpoint(note_text: str, *, verifier_key: str) -> Checkpoint:
    """Verify a signed checkpoint against one trusted key and return what it says.

    The caller still has to check that the origin is the log it expects.
    """
    return parse_checkpoint_body(open_note(note_text, verifier_key=verifier_key))
