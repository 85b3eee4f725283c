"""Writes of the candidate portal's context, one use case per function."""

from fairscreen.portal.services._disputes import (
    Correction,
    DisputeClosed,
    open_dispute,
    resolve_dispute,
)

__all__ = ["Correction", "DisputeClosed", "open_dispute", "resolve_dispute"]
