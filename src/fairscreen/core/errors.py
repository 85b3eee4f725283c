"""Errors that services raise and the edges (API, UI, CLI) map once.

Every error carries a machine-readable `code` and a human message. Messages must never
contain personal data (a candidate's name, ID number, phone...): they end up in logs,
API responses and support tickets.
"""

from collections.abc import Mapping
from typing import Any, ClassVar


class FairscreenError(Exception):
    """Base of every expected, user-facing error."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"

    def __init__(self, message: str, *, details: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = dict(details or {})


class NotFound(FairscreenError):
    """Also used when the caller may not know the object exists (no existence leaks)."""

    status = 404
    code = "not_found"


class PermissionDenied(FairscreenError):
    status = 403
    code = "forbidden"


class InvalidInput(FairscreenError):
    """Well-formed request, unacceptable values; `details` maps field names to problems."""

    status = 422
    code = "validation_error"


class Conflict(FairscreenError):
    """The request is valid but the current state forbids it; subclasses refine `code`."""

    status = 409
    code = "conflict"
