"""The instance's checkpoint signing key (Ed25519, C2SP note key format).

Development creates it on first use under `./var/` (0600). Production refuses to start
without `FAIRSCREEN_LEDGER_KEY_FILE` (see `config.env`): a key that silently appears on a
new server would make its checkpoints unverifiable with the published verifier key.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

from fairscreen.domain.ledger import generate_signer_key, verifier_key_from_signer


class SignerKeyError(RuntimeError):
    """The signing key is missing, unreadable or for another origin."""


def origin() -> str:
    return str(settings.APP.ledger_origin)


def signer_key() -> str:
    path: Path = settings.APP.ledger_key_file
    if not path.exists():
        if settings.APP.ledger_key_configured:
            raise SignerKeyError(
                f"FAIRSCREEN_LEDGER_KEY_FILE points at {path}, which does not exist"
            )
        write_new_key(path, origin())
    key = path.read_text().strip()
    expected_prefix = f"PRIVATE+KEY+{origin()}+"
    if not key.startswith(expected_prefix):
        raise SignerKeyError(
            f"the key in {path} is not for origin {origin()!r} (FAIRSCREEN_LEDGER_ORIGIN)"
        )
    return key


def verifier_key() -> str:
    return verifier_key_from_signer(signer_key())


def write_new_key(path: Path, name: str) -> str:
    """Create a signing key file readable only by its owner; never overwrite one."""
    signer, _verifier = generate_signer_key(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(signer + "\n")
    return signer
