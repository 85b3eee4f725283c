"""Seeding for `_measure.py`: one real candidate, then N copies of its rows, in batches.

Registering 100,000 candidates through `register_candidate` would take longer than the
measurement (a key wrap, four encryptions and two ledger events each). Destruction reads
none of that work back: it parses the wrapped key text only for its KEK id, blanks it,
NULLs the blind indexes and writes a certificate. So one candidate is registered for real
and its stored ciphertexts and wrapped key text are copied into N bulk-inserted rows, each
with its own id, subject and distinct fictional blind indexes (64 hex digits, the SHA-256
of a counter, so the unique constraint on the ID-number index holds). A copied ciphertext
is bound to the template's row and would not decrypt elsewhere; nothing here decrypts.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from fairscreen.accounts.models import Organisation
from fairscreen.accounts.principals import OrganisationAccess, Principal, PrincipalKind
from fairscreen.accounts.roles import Role
from fairscreen.core.ids import new_id
from fairscreen.privacy.fields import StoredCiphertext
from fairscreen.privacy.models import SubjectKey
from fairscreen.screenings.identity import check_character
from fairscreen.screenings.models import Candidate
from fairscreen.screenings.services import register_candidate

ENCRYPTED = ("full_name", "id_number", "phone", "email")
INDEXED = ("id_number_index", "phone_index", "email_index")
FICTIONAL_ID_STEM = "99000019850110001"  # region 990000 belongs to no province (as the demo's)


@dataclass(frozen=True, slots=True)
class Template:
    """What a real registration stored, to be copied: four ciphertexts and a wrapped key."""

    ciphertexts: dict[str, StoredCiphertext]
    wrapped_key: str
    ciphertext_chars: int


def template_candidate(organisation: Organisation) -> Template:
    """Register one candidate with the real service and read back what it stored."""
    access = OrganisationAccess(
        principal=Principal(kind=PrincipalKind.USER, id=new_id()),
        organisation=organisation,
        roles=frozenset({Role.RECRUITER}),
    )
    registered = register_candidate(
        access=access,
        full_name="测试候选人甲",
        id_number=FICTIONAL_ID_STEM + check_character(FICTIONAL_ID_STEM),
        phone="13800000000",
        email="candidate00@example.com",
    )
    stored = Candidate.objects.get(pk=registered.pk)
    ciphertexts: dict[str, StoredCiphertext] = {}
    for name in ENCRYPTED:
        ciphertext = getattr(stored, name).ciphertext
        if ciphertext is None:
            raise SystemExit(f"the template candidate's {name} was not stored encrypted")
        ciphertexts[name] = ciphertext
    key = SubjectKey.objects.get(subject=stored.encryption_subject().subject)
    return Template(
        ciphertexts=ciphertexts,
        wrapped_key=key.wrapped_key,
        ciphertext_chars=sum(len(text) for text in ciphertexts.values()),
    )


def blind_index(label: str, column: str, number: int) -> str:
    """A distinct, fictional 64-hex value (no real value was ever indexed)."""
    return hashlib.sha256(f"{label}:{column}:{number}".encode()).hexdigest()


def seed_candidates(
    *,
    organisation: Organisation,
    template: Template,
    count: int,
    created_at: datetime,
    label: str,
    batch: int,
) -> float:
    """Bulk-insert `count` subject keys and candidates, `batch` of each per transaction."""
    started = time.perf_counter()
    for offset in range(0, count, batch):
        keys: list[SubjectKey] = []
        candidates: list[Candidate] = []
        for number in range(offset, min(offset + batch, count)):
            candidate_id = new_id()
            keys.append(
                SubjectKey(
                    organisation=organisation,
                    subject=f"candidate:{candidate_id}",
                    wrapped_key=template.wrapped_key,
                    created_at=created_at,
                )
            )
            indexes: dict[str, Any] = {
                column: blind_index(label, column, number) for column in INDEXED
            }
            candidates.append(
                Candidate(
                    id=candidate_id,
                    organisation=organisation,
                    created_at=created_at,
                    **template.ciphertexts,
                    **indexes,
                )
            )
        with transaction.atomic():
            SubjectKey.objects.bulk_create(keys)
            Candidate.objects.bulk_create(candidates)
    return time.perf_counter() - started
