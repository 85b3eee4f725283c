"""Crypto-shredding a candidate in the application (PIPL Art. 47).

After `destroy_subject_keys` every value of that candidate reads as `Destroyed`, the
blind indexes are gone, no key left anywhere (the whole key file, every other candidate's
data key) decrypts any of its ciphertexts, other candidates are untouched, and the ledger
holds a destruction certificate with no personal data.
"""

from __future__ import annotations

import base64
import itertools
import json

import pytest

from fairscreen.accounts.roles import Role
from fairscreen.core.errors import NotFound, PermissionDenied
from fairscreen.domain.ledger import LedgerEntry
from fairscreen.domain.vault import (
    DecryptionError,
    EncryptionContext,
    InvalidInputError,
    WrappedKey,
    decrypt_field,
)
from fairscreen.evidence.models import Event
from fairscreen.privacy.keyring import blind_index_key, get_keyring
from fairscreen.privacy.models import DestructionReason, SubjectKey
from fairscreen.privacy.services import (
    CERTIFICATE_FORMAT,
    SubjectKeyAlreadyDestroyed,
    destroy_subject_keys,
)
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings import selectors
from fairscreen.screenings.models import Candidate
from fairscreen.screenings.services import destroy_candidate_keys
from tests.factories import access_for, create_member

pytestmark = pytest.mark.django_db

COLUMNS = ("full_name", "id_number", "phone", "email")
SHREDDED = {
    "full_name": "测试候选人甲",
    "id_number": "990000200001010012",
    "phone": "13800000001",
    "email": "candidate.jia@example.com",
}


@pytest.fixture
def scene(make_organisation, make_candidate, own_keyring):
    organisation = make_organisation()
    shredded = make_candidate(organisation, **SHREDDED)
    kept = make_candidate(organisation)
    elsewhere = make_candidate(make_organisation())
    dpo = access_for(create_member(organisation, Role.DPO), organisation)
    ciphertexts = stored_ciphertexts(shredded)
    return organisation, shredded, kept, elsewhere, dpo, ciphertexts


def stored_ciphertexts(candidate: Candidate) -> dict[str, str]:
    row = Candidate.objects.values(*COLUMNS).get(pk=candidate.pk)
    return {column: str(value) for column, value in row.items()}


def test_every_value_reads_as_destroyed_and_the_rest_is_untouched(scene) -> None:
    _, shredded, kept, elsewhere, dpo, _ = scene

    certificate = destroy_candidate_keys(
        access=dpo, candidate_id=shredded.id, reason=DestructionReason.DELETION_REQUEST
    )

    view = selectors.candidate(access=dpo, candidate_id=shredded.id)
    for column in COLUMNS:
        value = getattr(view, column)
        assert isinstance(value, Destroyed)
        assert value.destroyed_at == certificate.destroyed_at
    assert isinstance(view.id_number_masked, Destroyed)
    assert view.destroyed_at == certificate.destroyed_at
    assert str(view.full_name).startswith("destroyed on ") or "销毁" in str(view.full_name)
    assert selectors.candidate(access=dpo, candidate_id=kept.id).full_name.startswith("测试")
    assert Candidate.objects.get(pk=elsewhere.pk).full_name.reveal().startswith("测试")


def test_the_blind_indexes_are_gone_so_the_candidate_cannot_be_found(scene) -> None:
    _, shredded, kept, _, dpo, _ = scene

    destroy_candidate_keys(
        access=dpo, candidate_id=shredded.id, reason=DestructionReason.CONSENT_WITHDRAWN
    )

    row = Candidate.objects.get(pk=shredded.pk)
    assert (row.id_number_index, row.phone_index, row.email_index) == (None, None, None)
    assert (
        selectors.find_candidate_by_id_number(access=dpo, id_number=SHREDDED["id_number"]) is None
    )
    kept_row = Candidate.objects.get(pk=kept.pk)
    assert kept_row.id_number_index is not None
    assert selectors.find_candidate_by_id_number(
        access=dpo, id_number=kept_row.id_number.reveal()
    ) == selectors.candidate(access=dpo, candidate_id=kept.id)


def test_no_key_left_anywhere_decrypts_the_shredded_ciphertexts(scene, own_keyring) -> None:
    organisation, shredded, _, _, dpo, ciphertexts = scene

    destroy_candidate_keys(
        access=dpo, candidate_id=shredded.id, reason=DestructionReason.RETENTION_EXPIRED
    )

    assert SubjectKey.objects.get(subject=f"candidate:{shredded.id}").wrapped_key == ""
    assert stored_ciphertexts(shredded) == ciphertexts, "shredding rewrites no ciphertext"
    candidates = remaining_secrets(own_keyring, str(organisation.id))
    assert len(candidates) >= 5
    for (column, token), key in itertools.product(ciphertexts.items(), candidates):
        context = EncryptionContext(
            organisation_id=str(organisation.id),
            table="screenings_candidate",
            column=column,
            row_id=str(shredded.pk),
        )
        with pytest.raises((DecryptionError, InvalidInputError)):
            decrypt_field(token, data_key=key, context=context)


def remaining_secrets(key_file, organisation_id: str) -> list[bytes]:
    """Every KEK and the index secret from the key file, the derived index key, and every
    other subject's unwrapped data key."""
    document = json.loads(key_file.read_text())
    encoded = [*document["key_encryption_keys"].values(), document["blind_index_secret"]]
    secrets = [base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)) for text in encoded]
    secrets.append(blind_index_key(organisation_id=organisation_id))
    keyring = get_keyring()
    for row in SubjectKey.objects.exclude(wrapped_key=""):
        secrets.append(
            keyring.unwrap(WrappedKey.from_text(row.wrapped_key), subject_id=row.subject)
        )
    return secrets


def test_a_destruction_certificate_is_in_the_ledger_without_personal_data(scene) -> None:
    organisation, shredded, _, _, dpo, ciphertexts = scene
    stored = SubjectKey.objects.get(organisation=organisation, subject=f"candidate:{shredded.id}")
    kek_id = WrappedKey.from_text(stored.wrapped_key).key_id

    certificate = destroy_candidate_keys(
        access=dpo, candidate_id=shredded.id, reason=DestructionReason.DELETION_REQUEST
    )

    event = Event.objects.get(sequence=certificate.event_sequence)
    entry = LedgerEntry.from_bytes(bytes(event.entry))
    assert entry.event_type == "subject_key.destroyed"
    assert entry.subject == f"candidate:{shredded.id}"
    assert entry.actor == dpo.principal.reference
    assert entry.payload["certificate"] == CERTIFICATE_FORMAT
    assert entry.payload["reason"] == "deletion_request"
    assert entry.payload["kek_id"] == kek_id
    assert entry.payload["key_version"] == 1
    assert entry.payload["blind_index_rows"] == 1
    assert entry.payload["destroyed_at"] == certificate.destroyed_at.isoformat()
    raw_entry = bytes(event.entry)
    for value in [*SHREDDED.values(), *ciphertexts.values()]:
        assert value.encode() not in raw_entry


def test_destroying_twice_is_a_conflict_and_records_nothing(scene) -> None:
    organisation, shredded, *_ = scene
    subject = f"candidate:{shredded.id}"
    destroy_subject_keys(
        organisation=organisation, subject=subject, actor="user:test", reason="consent_withdrawn"
    )
    before = Event.objects.count()

    with pytest.raises(SubjectKeyAlreadyDestroyed):
        destroy_subject_keys(
            organisation=organisation,
            subject=subject,
            actor="user:test",
            reason=DestructionReason.CONSENT_WITHDRAWN,
        )

    assert Event.objects.count() == before


def test_nothing_new_can_be_stored_for_a_shredded_candidate(scene) -> None:
    _, shredded, _, _, dpo, _ = scene
    destroy_candidate_keys(
        access=dpo, candidate_id=shredded.id, reason=DestructionReason.DELETION_REQUEST
    )
    row = Candidate.objects.get(pk=shredded.pk)

    row.phone = "13800000009"
    with pytest.raises(PermissionError):
        row.save(update_fields=["phone"])


def test_only_the_dpo_destroys_and_only_in_their_organisation(scene, make_organisation) -> None:
    organisation, shredded, _, elsewhere, dpo, _ = scene
    recruiter = access_for(create_member(organisation, Role.RECRUITER, Role.HR_ADMIN), organisation)
    with pytest.raises(PermissionDenied):
        destroy_candidate_keys(
            access=recruiter, candidate_id=shredded.id, reason=DestructionReason.DELETION_REQUEST
        )
    with pytest.raises(NotFound):
        destroy_candidate_keys(
            access=dpo, candidate_id=elsewhere.id, reason=DestructionReason.DELETION_REQUEST
        )
    assert not SubjectKey.objects.filter(destroyed_at__isnull=False).exists()
