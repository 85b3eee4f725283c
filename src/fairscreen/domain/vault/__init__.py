"""Envelope encryption of candidates' personal data, with crypto-shredding.

One random data key per candidate encrypts every personal value of that
candidate (AES-256-GCM, bound to organisation, table, column and row); the data
key is stored only wrapped by a key-encryption key from a `Keyring`. Destroying
a candidate's data key makes all of their values unrecoverable at once (PIPL
Art. 19, 47); the encryption itself is a security measure under Art. 51.
Blind indexes allow exact-match lookups on encrypted values.

Pure: the standard library and pyca/cryptography only; the only I/O is the
local key file of `LocalKeyring`. See README.md beside this file.
"""

from __future__ import annotations

from fairscreen.domain.vault._blind_index import (
    MINIMUM_INDEX_KEY_SIZE,
    IndexKind,
    blind_index,
    normalise,
)
from fairscreen.domain.vault._ciphertext import (
    FORMAT_VERSION,
    MAX_KEY_VERSION,
    TEXT_PREFIX,
    Ciphertext,
)
from fairscreen.domain.vault._context import EncryptionContext
from fairscreen.domain.vault._envelope import (
    DATA_KEY_SIZE,
    ciphertext_key_version,
    decrypt_bytes,
    decrypt_field,
    encrypt_bytes,
    encrypt_field,
    new_data_key,
)
from fairscreen.domain.vault._errors import (
    CiphertextFormatError,
    DecryptionError,
    InvalidInputError,
    KeyDestroyedError,
    KeyFileError,
    KeyNotFoundError,
    VaultError,
)
from fairscreen.domain.vault._keyring import (
    WRAPPED_KEY_PREFIX,
    BlindIndexKeySource,
    Keyring,
    WrappedKey,
)
from fairscreen.domain.vault._local_keyring import LocalKeyring

__all__ = [
    "DATA_KEY_SIZE",
    "FORMAT_VERSION",
    "MAX_KEY_VERSION",
    "MINIMUM_INDEX_KEY_SIZE",
    "TEXT_PREFIX",
    "WRAPPED_KEY_PREFIX",
    "BlindIndexKeySource",
    "Ciphertext",
    "CiphertextFormatError",
    "DecryptionError",
    "EncryptionContext",
    "IndexKind",
    "InvalidInputError",
    "KeyDestroyedError",
    "KeyFileError",
    "KeyNotFoundError",
    "Keyring",
    "LocalKeyring",
    "VaultError",
    "WrappedKey",
    "blind_index",
    "ciphertext_key_version",
    "decrypt_bytes",
    "decrypt_field",
    "encrypt_bytes",
    "encrypt_field",
    "new_data_key",
    "normalise",
]
