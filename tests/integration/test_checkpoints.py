"""Signed tree heads: created by the job or on demand, verifiable with the published key."""

import stat

import pytest
from django.conf import settings
from django.db import transaction

from fairscreen.domain.ledger import verify_checkpoint
from fairscreen.evidence import signer, store
from fairscreen.evidence.models import SignedCheckpoint
from fairscreen.evidence.services import create_checkpoint, publish_checkpoint, record_event
from fairscreen.evidence.tasks import sign_checkpoint_periodically

pytestmark = pytest.mark.django_db


def append(count: int) -> None:
    for number in range(count):
        with transaction.atomic():
            record_event(event_type="test.appended", actor="system", payload={"n": number})


def test_a_checkpoint_signs_the_current_head_and_verifies_with_the_verifier_key() -> None:
    append(5)

    checkpoint = create_checkpoint()
    verified = verify_checkpoint(checkpoint.note, verifier_key=signer.verifier_key())

    assert verified.tree_size == 5
    assert verified.root_hash == store.root_at(5) == bytes(checkpoint.root_hash)
    assert verified.origin == settings.APP.ledger_origin


def test_an_unchanged_log_reuses_its_checkpoint_and_a_grown_one_gets_a_new_one() -> None:
    append(3)
    first = create_checkpoint()
    again = create_checkpoint()
    append(1)
    grown = create_checkpoint()

    assert again.tree_size == first.tree_size == 3
    assert grown.tree_size == 4
    assert SignedCheckpoint.objects.count() == 2


def test_the_periodic_job_signs_a_checkpoint() -> None:
    append(2)

    sign_checkpoint_periodically()

    assert SignedCheckpoint.objects.get().tree_size == 2


def test_published_checkpoints_are_whole_notes(tmp_path) -> None:
    append(1)
    target = tmp_path / "public" / "checkpoint.txt"

    publish_checkpoint(create_checkpoint(), target)

    assert target.read_text() == SignedCheckpoint.objects.get().note
    assert not list(target.parent.glob("*.tmp"))


def test_the_signing_key_file_is_private_and_named_for_the_origin() -> None:
    signer.signer_key()

    mode = settings.APP.ledger_key_file.stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    assert signer.verifier_key().startswith(settings.APP.ledger_origin + "+")


def test_a_key_for_another_origin_is_refused(tmp_path, settings) -> None:
    other = tmp_path / "other.key"
    signer.write_new_key(other, "another.example/ledger")
    settings.APP = type(settings.APP)(
        **{**settings.APP.__dict__, "ledger_key_file": other, "ledger_key_configured": True}
    )

    with pytest.raises(signer.SignerKeyError, match="not for origin"):
        signer.signer_key()
