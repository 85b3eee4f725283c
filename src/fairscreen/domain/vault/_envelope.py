"""Per-subject data keys and the field and file ciphertexts made with them.

Each candidate (the data subject) gets one random 256-bit data key; every
personal value of that candidate is encrypted with it under AES-256-GCM. The
data key itself is only ever stored wrapped by a key-encryption key (see
`Keyring`). Destroying a candidate's data key therefore makes every value of
that candidate unreadable at once, in every table and every copy of the
ciphertexts, without finding and overwriting each one: crypto-shredding, our
means to delete on consent withdrawal or at the end of the retention period
(PIPL Art. 15, 19, 47).

Nonces are 96 random bits per message. With a per-candidate key the number of
messages per key stays many orders of magnitude below the 2**32 limit NIST SP
800-38D §8.3 sets for random nonces, so nonce reuse is not a practical concern.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fairscreen.domain.vault._ciphertext import (
    FORMAT_VERSION,
    NONCE_SIZE,
    Ciphertext,
    require_key_version,
)
from fairscreen.domain.vault._context import EncryptionContext, PayloadKind, associated_data
from fairscreen.domain.vault._encoding import utf8
from fairscreen.domain.vault._errors import DecryptionError, InvalidInputError

__all__ = [
    "DATA_KEY_SIZE",
    "ciphertext_key_version",
    "decrypt_bytes",
    "decrypt_field",
    "encrypt_bytes",
    "encrypt_field",
    "new_data_key",
]

DATA_KEY_SIZE = 32
"""AES-256: 32-byte keys."""


def new_data_key() -> bytes:
    """A fresh random data key for one subject (32 bytes from the OS CSPRNG)."""
    return os.urandom(DATA_KEY_SIZE)


def encrypt_field(
    plaintext: str, *, data_key: bytes, key_version: int, context: EncryptionContext
) -> str:
    """Encrypt one text value for one place; return the text form ``fs1:...``.

    `key_version` is the version of `data_key` among the subject's data keys;
    it is written in the header so that decryption can pick the right key, and
    authenticated so that it cannot be changed.
    """
    sealed = _seal(
        utf8(plaintext, what="plaintext"),
        data_key=data_key,
        key_version=key_version,
        context=context,
        kind=PayloadKind.TEXT,
    )
    return sealed.to_text()


def decrypt_field(
    token: str,
    *,
    data_key: bytes,
    context: EncryptionContext,
    key_version: int | None = None,
) -> str:
    """Decrypt a value made by `encrypt_field` for the same context.

    Raises `CiphertextFormatError` if `token` is not a ciphertext and
    `DecryptionError` if the key, the context or any byte is wrong. With `key_version`,
    a ciphertext made under another version of the subject's key is refused by name
    (without it, the same mistake is reported as a failed decryption).
    """
    ciphertext = Ciphertext.from_text(token)
    if key_version is not None and ciphertext.key_version != key_version:
        raise DecryptionError("ciphertext was made with another version of the subject's key")
    opened = _open(ciphertext, data_key=data_key, context=context, kind=PayloadKind.TEXT)
    try:
        return opened.decode("utf-8")
    except UnicodeDecodeError:  # only if someone sealed non-UTF-8 as text; never echo it
        raise DecryptionError(f"decrypted {context.describe()} is not UTF-8 text") from None


def encrypt_bytes(
    plaintext: bytes, *, data_key: bytes, key_version: int, context: EncryptionContext
) -> bytes:
    """Encrypt a file or any binary value; return the binary form.

    One GCM message holds the whole file. The GCM limit is about 64 GiB per
    message (2**39 - 256 bits, NIST SP 800-38D §5.2.1.1); pyca/cryptography
    accepts up to 2**31 - 1 bytes per call, and the whole file is in memory,
    so this suits uploaded documents (a few MB), not archives. A chunked
    streaming format would get a new format version.
    """
    if not isinstance(plaintext, bytes):
        raise InvalidInputError("plaintext for encrypt_bytes must be bytes")
    sealed = _seal(
        plaintext,
        data_key=data_key,
        key_version=key_version,
        context=context,
        kind=PayloadKind.BYTES,
    )
    return sealed.to_bytes()


def decrypt_bytes(ciphertext: bytes, *, data_key: bytes, context: EncryptionContext) -> bytes:
    """Decrypt a value made by `encrypt_bytes` for the same context."""
    return _open(
        Ciphertext.from_bytes(ciphertext),
        data_key=data_key,
        context=context,
        kind=PayloadKind.BYTES,
    )


def ciphertext_key_version(ciphertext: str | bytes) -> int:
    """The data-key version a ciphertext (text or binary form) was made with.

    Lets the caller unwrap the right one of a subject's data keys before
    decrypting. The value is not trusted on its own: decryption authenticates it.
    """
    if isinstance(ciphertext, str):
        return Ciphertext.from_text(ciphertext).key_version
    return Ciphertext.from_bytes(ciphertext).key_version


def _seal(
    plaintext: bytes,
    *,
    data_key: bytes,
    key_version: int,
    context: EncryptionContext,
    kind: PayloadKind,
) -> Ciphertext:
    cipher = _cipher(data_key)
    additional = associated_data(
        _require_context(context),
        format_version=FORMAT_VERSION,
        key_version=require_key_version(key_version),
        kind=kind,
    )
    nonce = os.urandom(NONCE_SIZE)
    try:
        sealed = cipher.encrypt(nonce, plaintext, additional)
    except OverflowError:
        raise InvalidInputError("plaintext is too large for one AES-GCM message") from None
    return Ciphertext(key_version=key_version, nonce=nonce, sealed=sealed)


def _open(
    ciphertext: Ciphertext, *, data_key: bytes, context: EncryptionContext, kind: PayloadKind
) -> bytes:
    cipher = _cipher(data_key)
    additional = associated_data(
        _require_context(context),
        format_version=ciphertext.format_version,
        key_version=ciphertext.key_version,
        kind=kind,
    )
    try:
        return cipher.decrypt(ciphertext.nonce, ciphertext.sealed, additional)
    except InvalidTag:
        raise DecryptionError(
            f"cannot decrypt {kind.value.decode()} for {context.describe()}: "
            "wrong data key, ciphertext moved from another organisation, table, column "
            "or row, or ciphertext altered"
        ) from None


def _cipher(data_key: bytes) -> AESGCM:
    if not isinstance(data_key, bytes) or len(data_key) != DATA_KEY_SIZE:
        raise InvalidInputError(f"data_key must be {DATA_KEY_SIZE} bytes")
    return AESGCM(data_key)


def _require_context(context: EncryptionContext) -> EncryptionContext:
    if not isinstance(context, EncryptionContext):
        raise InvalidInputError("context must be an EncryptionContext")
    return context
