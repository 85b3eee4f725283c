"""Ledger API for regulators: the signed tree head, proofs and entries, all read-only.

A labour inspector or external auditor checks that the evidence log was never rewritten:
fetch the checkpoint and verify its signature with the verifier key, then check inclusion
and consistency proofs against it and recompute leaf hashes from the entries. Entries hold
no personal data in clear, so nothing here is scoped to an organisation.

Only regulator tokens (`Bearer fsr_...`) open these endpoints. Staff credentials are known
but refused (403): the employer's own people read evidence through the staff console, and
keeping the two doors apart means neither kind of credential can stand in for the other.
Reads are not recorded in the log: that would grow it on every verification.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, ClassVar

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.security import HttpBearer

from fairscreen.accounts.models import User
from fairscreen.accounts.roles import Role
from fairscreen.accounts.services import authenticate_api_token
from fairscreen.core.errors import InvalidInput, PermissionDenied
from fairscreen.evidence import signer, store
from fairscreen.evidence.models import Event, RegulatorToken, SignedCheckpoint
from fairscreen.evidence.regulators import authenticate_regulator_token
from fairscreen.evidence.services import create_checkpoint

router = Router(tags=["ledger"])

MAX_POSITION = 2**63 - 1  # the largest sequence a BIGINT column holds
DEFAULT_PAGE_SIZE = 500
MAX_PAGE_SIZE = 1000
_STAFF_REFUSED = "Staff credentials cannot read the regulator ledger; use a regulator token."


class RegulatorAuth(HttpBearer):
    """`Authorization: Bearer fsr_<key id>_<secret>`; staff tokens and sessions get 403.

    `roles` is empty (regulators hold no staff role) and `principal_kind` names the kind
    of caller, so the API contract tests can enumerate these endpoints beside staff ones.
    """

    roles: ClassVar[frozenset[Role]] = frozenset()
    principal_kind: ClassVar[str] = "regulator"

    def __call__(self, request: HttpRequest) -> RegulatorToken | None:
        regulator: RegulatorToken | None = super().__call__(request)
        if regulator is None and _is_signed_in_staff(request):
            raise PermissionDenied(_STAFF_REFUSED)
        return regulator

    def authenticate(self, request: HttpRequest, token: str) -> RegulatorToken | None:
        regulator = authenticate_regulator_token(token)
        if regulator is None and authenticate_api_token(token) is not None:
            raise PermissionDenied(_STAFF_REFUSED)
        return regulator


def _is_signed_in_staff(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return isinstance(user, User) and user.is_active


REGULATOR_ONLY = [RegulatorAuth()]


def _plain_text_response(description: str) -> dict[str, Any]:
    """OpenAPI for an endpoint answering text/plain instead of JSON."""
    content = {"text/plain": {"schema": {"type": "string"}}}
    return {"responses": {200: {"description": description, "content": content}}}


class InclusionQuery(Schema):
    index: int = Field(..., ge=0, le=MAX_POSITION, description="0-based leaf index")
    tree_size: int = Field(..., ge=0, le=MAX_POSITION, description="size of a checkpoint")


class ConsistencyQuery(Schema):
    first: int = Field(..., ge=1, le=MAX_POSITION, description="the older tree size")
    second: int = Field(..., ge=0, le=MAX_POSITION, description="the newer tree size")


class EventsQuery(Schema):
    start: int = Field(0, ge=0, le=MAX_POSITION, description="first sequence number")
    end: int | None = Field(
        None, ge=0, le=MAX_POSITION, description="exclusive; defaults to the current log size"
    )
    limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class InclusionProofOut(Schema):
    index: int
    tree_size: int
    leaf_hash: str = Field(..., description="base64 of the RFC 9162 leaf hash")
    proof: list[str] = Field(..., description="base64 hashes, leaf to root (RFC 9162 2.1.3)")
    root_hash: str = Field(..., description="base64 root of the tree of `tree_size`")


class ConsistencyProofOut(Schema):
    first: int
    second: int
    first_root: str
    second_root: str
    proof: list[str] = Field(..., description="base64 hashes (RFC 9162 2.1.4)")


class EventOut(Schema):
    sequence: int
    event_type: str
    recorded_at: datetime
    entry: str = Field(..., description="base64 of the canonical entry bytes (the leaf data)")
    leaf_hash: str = Field(..., description="base64 of SHA-256(0x00 || entry)")


class EventPageOut(Schema):
    events: list[EventOut]
    next: int | None = Field(..., description="`start` of the next page; null on the last")


@router.get(
    "/checkpoint",
    auth=REGULATOR_ONLY,
    summary="The latest signed checkpoint (C2SP signed note)",
    openapi_extra=_plain_text_response("The signed tree head as a C2SP tlog-checkpoint note."),
)
def checkpoint(request: HttpRequest) -> HttpResponse:
    latest = SignedCheckpoint.objects.order_by("-tree_size").first() or create_checkpoint()
    return _plain_text(latest.note)


@router.get(
    "/key",
    auth=REGULATOR_ONLY,
    summary="The checkpoint verifier key",
    openapi_extra=_plain_text_response("The Ed25519 verifier key in C2SP note key format."),
)
def verifier_key(request: HttpRequest) -> HttpResponse:
    return _plain_text(signer.verifier_key() + "\n")


@router.get(
    "/proofs/inclusion", response=InclusionProofOut, auth=REGULATOR_ONLY, summary="Inclusion proof"
)
def inclusion_proof(request: HttpRequest, query: Query[InclusionQuery]) -> InclusionProofOut:
    with _within_the_log():
        proof = store.inclusion_proof(query.index, query.tree_size)
        leaf = store.fetch_nodes([(0, query.index)])[(0, query.index)]
        root = store.root_at(query.tree_size)
    return InclusionProofOut(
        index=query.index,
        tree_size=query.tree_size,
        leaf_hash=_base64(leaf),
        proof=[_base64(node) for node in proof],
        root_hash=_base64(root),
    )


@router.get(
    "/proofs/consistency",
    response=ConsistencyProofOut,
    auth=REGULATOR_ONLY,
    summary="Consistency proof between two tree sizes",
)
def consistency_proof(request: HttpRequest, query: Query[ConsistencyQuery]) -> ConsistencyProofOut:
    with _within_the_log():
        proof = store.consistency_proof(query.first, query.second)
        first_root = store.root_at(query.first)
        second_root = store.root_at(query.second)
    return ConsistencyProofOut(
        first=query.first,
        second=query.second,
        first_root=_base64(first_root),
        second_root=_base64(second_root),
        proof=[_base64(node) for node in proof],
    )


@router.get("/events", response=EventPageOut, auth=REGULATOR_ONLY, summary="Log entries, paged")
def events(request: HttpRequest, query: Query[EventsQuery]) -> EventPageOut:
    """Entries in sequence order from `start` up to `end` (exclusive), `limit` at a time."""
    size = store.current_size()
    end = size if query.end is None else query.end
    if end > size:
        raise InvalidInput(
            f"end {end} is beyond the log of {size} events.", details={"end": {"log_size": size}}
        )
    if query.start > end:
        raise InvalidInput(
            f"start {query.start} is after end {end}.", details={"start": {"end": end}}
        )
    stop = min(end, query.start + query.limit)
    rows = Event.objects.filter(sequence__gte=query.start, sequence__lt=stop).order_by("sequence")
    return EventPageOut(
        events=[_event_out(event) for event in rows],
        next=stop if stop < end else None,
    )


@contextmanager
def _within_the_log() -> Iterator[None]:
    """A size or index outside the log is the caller's mistake: 422 with the log's size."""
    try:
        yield
    except store.LedgerRangeError as error:
        raise InvalidInput(f"{error}.", details={"log_size": store.current_size()}) from None


def _event_out(event: Event) -> EventOut:
    return EventOut(
        sequence=event.sequence,
        event_type=event.event_type,
        recorded_at=event.recorded_at,
        entry=_base64(bytes(event.entry)),
        leaf_hash=_base64(bytes(event.leaf_hash)),
    )


def _plain_text(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
