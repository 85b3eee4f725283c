"""Ledger API for regulators and auditors (filled in by the regulator-access work)."""

from ninja import Router

router = Router(tags=["ledger"])
