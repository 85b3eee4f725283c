"""Uploaded files are stored encrypted, bound to their row and column, and shred with the key."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from fairscreen.accounts.roles import Role
from fairscreen.domain.vault import DecryptionError
from fairscreen.privacy.fields import SubjectDestroyed
from fairscreen.privacy.files import delete_file, encrypted_storage, read_file, store_file
from fairscreen.privacy.models import DestructionReason
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.services import destroy_candidate_keys
from tests.factories import access_for, create_member

pytestmark = pytest.mark.django_db

RESUME = "简历：测试候选人甲，2020-2024 测试公司 高级工程师\n".encode() * 2000


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_file_is_stored_encrypted_and_read_back(make_organisation, make_candidate, media):
    candidate = make_candidate(make_organisation())

    name = store_file(candidate, "resume", RESUME)

    path = media / "encrypted" / name
    on_disk = path.read_bytes()
    assert RESUME[:30] not in on_disk
    assert "测试候选人甲".encode() not in on_disk
    assert "测试候选人甲".encode("gbk") not in on_disk
    assert len(on_disk) == len(RESUME) + 33
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert name.startswith(f"{candidate.organisation_id}/")
    assert read_file(candidate, "resume", name) == RESUME


def test_a_file_name_moved_to_another_row_or_column_does_not_decrypt(
    make_organisation, make_candidate, media
) -> None:
    organisation = make_organisation()
    owner, other = make_candidate(organisation), make_candidate(organisation)
    name = store_file(owner, "resume", RESUME)

    with pytest.raises(DecryptionError):
        read_file(other, "resume", name)
    with pytest.raises(DecryptionError):
        read_file(owner, "evidence", name)


def test_a_shredded_subjects_files_read_as_destroyed(make_organisation, make_candidate, media):
    organisation = make_organisation()
    candidate = make_candidate(organisation)
    name = store_file(candidate, "resume", RESUME)
    dpo = access_for(create_member(organisation, Role.DPO), organisation)

    destroy_candidate_keys(
        access=dpo, candidate_id=candidate.id, reason=DestructionReason.CONSENT_WITHDRAWN
    )

    assert isinstance(read_file(candidate, "resume", name), Destroyed)
    with pytest.raises(SubjectDestroyed):
        store_file(candidate, "resume", b"new")
    delete_file(name)
    assert not encrypted_storage().exists(name)


def test_only_stored_names_are_accepted(make_organisation, make_candidate, media) -> None:
    candidate = make_candidate(make_organisation())

    for name in ("../../etc/passwd", "测试候选人甲简历.pdf", f"{candidate.organisation_id}/x.fs1"):
        with pytest.raises(ValueError, match="not a stored encrypted file name"):
            read_file(candidate, "resume", name)
