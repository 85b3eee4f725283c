"""Writing one outgoing message to a private file: the development outbox.

The files hold personal data in clear (that is the point: a developer reads them), so
they are created 0600 in a 0700 directory under `var/` and never overwritten; production
refuses to start without a real relay, so it never writes them.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["write_private_file"]


def write_private_file(directory: Path, name: str, content: bytes) -> Path:
    """Write `content` to `directory/name` once; a second write of the same name is a no-op.

    The name is the delivery id, so the same delivery sent twice leaves one file.
    """
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = directory / name
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    return path
