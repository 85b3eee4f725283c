"""The process keyring built from the settings: a local key file, or Vault transit.

With Vault transit the KEKs stay in Vault (here a local server speaking its transit API)
while blind index keys still come from the local key file; candidates work the same way.
"""

from __future__ import annotations

import dataclasses
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from fairscreen.accounts.roles import Role
from fairscreen.config.env import Environment, KeyringKind
from fairscreen.domain.vault import KeyFileError, LocalKeyring, WrappedKey
from fairscreen.privacy.keyring import blind_index_keys, get_keyring, reset_keyrings
from fairscreen.privacy.models import DestructionReason, SubjectKey
from fairscreen.privacy.services import rotate_key_encryption_key
from fairscreen.privacy.subjects import Destroyed
from fairscreen.privacy.transit import VaultTransitKeyring
from fairscreen.screenings import selectors
from fairscreen.screenings.services import destroy_candidate_keys
from tests.factories import access_for, create_member
from tests.support.transit_server import TransitServer

pytestmark = pytest.mark.django_db

TOKEN = "hvs.fairscreen-test-token"


@pytest.fixture
def configure(settings) -> Iterator[object]:
    def apply(**changes: object) -> None:
        keyring_changes = {k: v for k, v in changes.items() if k != "environment"}
        keyring = dataclasses.replace(settings.APP.keyring, **keyring_changes)
        environment = changes.get("environment", settings.APP.environment)
        settings.APP = dataclasses.replace(settings.APP, keyring=keyring, environment=environment)
        reset_keyrings()

    yield apply
    reset_keyrings()


@pytest.fixture
def vault(configure, tmp_path: Path) -> Iterator[TransitServer]:
    with TransitServer(token=TOKEN) as server:
        server.create_key("fairscreen")
        configure(
            kind=KeyringKind.VAULT_TRANSIT,
            key_file=tmp_path / "index-keys.json",
            vault_address=server.address,
            vault_token=TOKEN,
            vault_transit_key="fairscreen",
            vault_transit_mount="transit",
        )
        yield server


def test_a_local_keyring_is_one_private_key_file_for_both_uses(configure, tmp_path: Path):
    path = tmp_path / "keys" / "keyring.json"
    configure(kind=KeyringKind.LOCAL, key_file=path)

    keyring = get_keyring()

    assert isinstance(keyring, LocalKeyring)
    assert keyring is blind_index_keys()
    assert keyring.path == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_production_never_creates_a_key_file(configure, tmp_path: Path) -> None:
    missing = tmp_path / "mistyped.json"
    configure(kind=KeyringKind.LOCAL, key_file=missing, environment=Environment.PRODUCTION)

    with pytest.raises(KeyFileError):
        get_keyring()
    assert not missing.exists()


def test_candidates_work_with_vault_transit_and_local_blind_index_keys(
    vault, make_organisation, make_candidate, tmp_path: Path
) -> None:
    organisation = make_organisation()
    candidate = make_candidate(organisation, full_name="测试候选人甲")
    dpo = access_for(create_member(organisation, Role.DPO), organisation)
    stored = SubjectKey.objects.get(subject=f"candidate:{candidate.id}").wrapped_key

    found = selectors.find_candidate_by_id_number(
        access=dpo, id_number=candidate.id_number.reveal()
    )
    rotated = rotate_key_encryption_key(actor="user:test")
    after_rotation = selectors.candidate(access=dpo, candidate_id=candidate.id)
    destroy_candidate_keys(
        access=dpo, candidate_id=candidate.id, reason=DestructionReason.DELETION_REQUEST
    )

    assert isinstance(get_keyring(), VaultTransitKeyring)
    assert isinstance(blind_index_keys(), LocalKeyring)
    assert blind_index_keys().path == tmp_path / "index-keys.json"
    assert WrappedKey.from_text(stored).key_id == "vault-transit:fairscreen:v1"
    assert found is not None
    assert found.id == candidate.id
    assert rotated.kek_id == "vault-transit:fairscreen:v2"
    assert rotated.rewrapped == 1
    assert after_rotation.full_name == "测试候选人甲"
    assert isinstance(selectors.candidate(access=dpo, candidate_id=candidate.id).email, Destroyed)
    assert vault.latest_version("fairscreen") == 2
