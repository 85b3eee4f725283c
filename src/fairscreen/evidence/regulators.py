"""Regulator tokens: read-only access to the evidence log for people outside the employer.

A labour inspector or external auditor verifies the log (checkpoints, proofs, entries)
without an account in any organisation. Issuing and revoking a token are themselves
recorded in the log, in the same transaction, so the log shows who could read it and when.

Token text: `fsr_<12 hex key id>_<64 hex secret>`. The distinct prefix keeps regulator and
staff tokens (`fs_...`) from ever being mistaken for each other. Only the SHA-256 digest of
the secret is stored: a 256-bit random secret needs no slow hash.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.models import User
from fairscreen.core import bearer_tokens
from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.evidence.models import RegulatorToken
from fairscreen.evidence.services import record_event

REGULATOR_TOKEN_PREFIX = "fsr"  # noqa: S105 - public prefix of token strings
OPERATOR_ACTOR = "operator:console"
NAME_MAX_LENGTH = 100  # RegulatorToken.name


class RegulatorTokenAlreadyRevoked(Conflict):
    code = "regulator_token_already_revoked"


def issue_regulator_token(
    *, name: str, created_by: User | None = None
) -> tuple[RegulatorToken, str]:
    """Create a token and return it with its plaintext, which is shown once and never kept."""
    cleaned_name = name.strip()
    if not cleaned_name:
        raise InvalidInput("A regulator token needs a name.", details={"name": "empty"})
    if len(cleaned_name) > NAME_MAX_LENGTH:
        raise InvalidInput(
            "The name is too long.", details={"name": f"at most {NAME_MAX_LENGTH} characters"}
        )
    new = bearer_tokens.new_token(REGULATOR_TOKEN_PREFIX)
    with transaction.atomic():
        token = RegulatorToken.objects.create(
            name=cleaned_name,
            key_id=new.key_id,
            secret_digest=new.secret_digest,
            created_by=created_by,
        )
        record_event(
            event_type="regulator_token.issued",
            actor=_actor(created_by),
            subject=f"regulator_token:{token.id}",
            payload={"key_id": new.key_id},
        )
    return token, new.plaintext


def revoke_regulator_token(
    *, token: RegulatorToken, revoked_by: User | None = None
) -> RegulatorToken:
    """Stop a token working from now on; revoking twice is a conflict, not a silent no-op."""
    with transaction.atomic():
        locked = RegulatorToken.objects.select_for_update().get(id=token.id)
        if locked.revoked_at is not None:
            raise RegulatorTokenAlreadyRevoked("This regulator token is already revoked.")
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        record_event(
            event_type="regulator_token.revoked",
            actor=_actor(revoked_by),
            subject=f"regulator_token:{locked.id}",
            payload={"key_id": locked.key_id},
        )
    return locked


def regulator_token_by_key_id(key_id: str) -> RegulatorToken:
    """The token an operator names by its public key id (as printed at issue)."""
    token = RegulatorToken.objects.filter(key_id=key_id.strip().lower()).first()
    if token is None:
        raise NotFound("No regulator token has this key id.")
    return token


def authenticate_regulator_token(
    plaintext: str, *, now: datetime | None = None
) -> RegulatorToken | None:
    """The unrevoked token matching `plaintext`, recording (to the minute) when it was used.

    Returns None for anything malformed, unknown or revoked, without saying which, so a
    probe learns nothing. The digest comparison is constant-time.
    """
    parsed = bearer_tokens.parse_token(plaintext, REGULATOR_TOKEN_PREFIX)
    if parsed is None:
        return None
    key_id, secret = parsed
    token = RegulatorToken.objects.filter(key_id=key_id).first()
    if token is None or not bearer_tokens.secret_matches(token.secret_digest, secret):
        return None
    if token.revoked_at is not None:
        return None
    moment = now or timezone.now()
    if bearer_tokens.last_use_worth_recording(token.last_used_at, moment):
        RegulatorToken.objects.filter(id=token.id).update(last_used_at=moment)
        token.last_used_at = moment
    return token


def _actor(user: User | None) -> str:
    """An opaque actor id for the log: a user's id, or the operator at the server console."""
    return f"user:{user.id}" if user is not None else OPERATOR_ACTOR
