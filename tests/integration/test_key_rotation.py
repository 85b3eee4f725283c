"""Rotating the key-encryption key keeps every value readable and moves every live key."""

from __future__ import annotations

import pytest

from fairscreen.accounts.roles import Role
from fairscreen.domain.ledger import LedgerEntry
from fairscreen.domain.vault import LocalKeyring, WrappedKey
from fairscreen.evidence.models import Event
from fairscreen.privacy.keyring import get_keyring
from fairscreen.privacy.models import DestructionReason, SubjectKey
from fairscreen.privacy.services import rewrap_subject_keys, rotate_key_encryption_key
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings import selectors
from fairscreen.screenings.services import destroy_candidate_keys
from tests.factories import access_for, create_member

pytestmark = pytest.mark.django_db


def kek_ids() -> dict[str, str]:
    return {
        row.subject: WrappedKey.from_text(row.wrapped_key).key_id
        for row in SubjectKey.objects.exclude(wrapped_key="")
    }


def test_rotation_rewraps_every_live_key_and_keeps_every_value_readable(
    make_organisation, make_candidate, own_keyring
) -> None:
    organisation = make_organisation()
    for _ in range(5):
        make_candidate(organisation)
    reader = access_for(create_member(organisation, Role.HR_ADMIN), organisation)
    before_views = selectors.candidates_for(access=reader)
    before_keys = kek_ids()
    old_kek = get_keyring().current_key_id()

    result = rotate_key_encryption_key(actor="user:test", batch_size=2)

    after_keys = kek_ids()
    assert result.kek_id != old_kek
    assert result.kek_id == get_keyring().current_key_id()
    assert set(before_keys.values()) == {old_kek}
    assert set(after_keys.values()) == {result.kek_id}
    assert after_keys.keys() == before_keys.keys()
    assert result.rewrapped == len(before_keys)
    assert selectors.candidates_for(access=reader) == before_views
    assert LocalKeyring.open(own_keyring).current_key_id() == result.kek_id


def test_rotation_is_recorded_and_a_second_rewrap_finds_nothing_to_do(
    make_organisation, make_candidate, own_keyring
) -> None:
    make_candidate(make_organisation())
    rotated = rotate_key_encryption_key(actor="user:test")

    again = rewrap_subject_keys(actor="user:test")

    assert again.rewrapped == 0
    assert again.already_current == rotated.rewrapped + rotated.already_current
    entries = [
        LedgerEntry.from_bytes(bytes(event.entry))
        for event in Event.objects.filter(event_type="keyring.rotated")
    ]
    assert entries[-2].payload["kek_id"] == rotated.kek_id
    assert entries[-2].payload["rewrapped"] == rotated.rewrapped
    assert entries[-1].payload["rewrapped"] == 0


def test_rotation_leaves_destroyed_keys_destroyed(
    make_organisation, make_candidate, own_keyring
) -> None:
    organisation = make_organisation()
    shredded, kept = make_candidate(organisation), make_candidate(organisation)
    dpo = access_for(create_member(organisation, Role.DPO), organisation)
    destroy_candidate_keys(
        access=dpo, candidate_id=shredded.id, reason=DestructionReason.DELETION_REQUEST
    )

    rotate_key_encryption_key(actor="user:test")

    assert SubjectKey.objects.get(subject=f"candidate:{shredded.id}").wrapped_key == ""
    assert isinstance(selectors.candidate(access=dpo, candidate_id=shredded.id).phone, Destroyed)
    assert selectors.candidate(access=dpo, candidate_id=kept.id).phone.startswith("1380000")


def test_a_process_with_the_old_keyring_object_still_reads_after_rotation(
    make_organisation, make_candidate, own_keyring
) -> None:
    """Another web process keeps its keyring object; it re-reads the file on a new KEK id."""
    organisation = make_organisation()
    candidate = make_candidate(organisation)
    other_process = LocalKeyring.open(own_keyring)

    rotate_key_encryption_key(actor="user:test")

    row = SubjectKey.objects.get(subject=f"candidate:{candidate.id}")
    assert (
        len(other_process.unwrap(WrappedKey.from_text(row.wrapped_key), subject_id=row.subject))
        == 32
    )
