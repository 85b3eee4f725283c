"""The process-wide keyring, built once from `FAIRSCREEN_KEYRING`.

Two sources, deliberately separate:

- **Key-encryption keys** (`get_keyring`) wrap the candidates' data keys: a local key
  file (`local:<path>`) or a HashiCorp Vault transit key (`vault-transit:<url>`), where
  the KEKs never leave Vault.
- **Blind index keys** (`blind_index_keys`) always come from the local key file, even when
  wrapping uses Vault. They are needed on every exact-match lookup (ID number, phone,
  e-mail), so a network round trip per search would make Vault a hard dependency of
  every search; they must stay the same across KEK rotation, or every index would have to
  be recomputed from decrypted values; and they decrypt nothing: with the key file and a
  database copy one can test a guessed ID number, but read no value. Vault's own HMAC
  keys rotate with the transit key and would change every index.

Outside production a missing key file is created (mode 0600) so a fresh clone runs; in
production it must already exist (`fairscreen keyring create PATH`): creating one silently
because a path was mistyped would encrypt new data under keys nobody backed up.
"""

from __future__ import annotations

import threading

from django.conf import settings

from fairscreen.config.env import AppSettings, Environment, KeyringKind
from fairscreen.domain.vault import Keyring, LocalKeyring

__all__ = ["blind_index_key", "blind_index_keys", "get_keyring", "reset_keyrings"]

_lock = threading.RLock()
_keyring: Keyring | None = None
_index_keys: LocalKeyring | None = None


def get_keyring() -> Keyring:
    """The keyring that wraps and unwraps data keys (built on first use)."""
    global _keyring  # noqa: PLW0603 - one keyring per process, by design
    with _lock:
        if _keyring is None:
            _keyring = _build_keyring(_app())
        return _keyring


def blind_index_keys() -> LocalKeyring:
    """The local key file, source of the per-organisation blind index keys."""
    global _index_keys  # noqa: PLW0603 - one key file per process, by design
    with _lock:
        if _index_keys is None:
            _index_keys = _open_key_file(_app())
        return _index_keys


def blind_index_key(*, organisation_id: str) -> bytes:
    """One organisation's HMAC key: organisations must not be able to join their indexes."""
    return blind_index_keys().blind_index_key(organisation_id=organisation_id)


def reset_keyrings() -> None:
    """Forget the built keyrings, so the next use reads the settings again (tests, reloads)."""
    global _keyring, _index_keys  # noqa: PLW0603
    with _lock:
        _keyring = None
        _index_keys = None


def _app() -> AppSettings:
    app: AppSettings = settings.APP
    return app


def _build_keyring(app: AppSettings) -> Keyring:
    keyring = app.keyring
    if keyring.kind is KeyringKind.LOCAL:
        return blind_index_keys()  # one object per key file: rotation is seen by both uses
    from fairscreen.privacy.transit import VaultTransitKeyring  # noqa: PLC0415 - optional

    return VaultTransitKeyring(
        keyring.vault_address,
        keyring.vault_token,
        keyring.vault_transit_key,
        mount=keyring.vault_transit_mount,
    )


def _open_key_file(app: AppSettings) -> LocalKeyring:
    path = app.keyring.key_file
    if app.environment is Environment.PRODUCTION:
        return LocalKeyring.open(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return LocalKeyring.open_or_create(path)
