"""Encrypted fields on the real database: only ciphertexts are stored, and they cannot move.

Every ciphertext is bound to (organisation, table, column, row id) and encrypted under its
candidate's own key, so copying one to another row, column or candidate makes it fail,
and a wrong key file fails with a message that says so.
"""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from django.db import connection, transaction

from fairscreen.domain.vault import (
    DecryptionError,
    EncryptionContext,
    KeyNotFoundError,
    decrypt_field,
)
from fairscreen.privacy.data_keys import data_key_for, data_key_scope
from fairscreen.privacy.fields import PlaintextRefused, StoredCiphertext
from fairscreen.privacy.keyring import reset_keyrings
from fairscreen.screenings import selectors
from fairscreen.screenings.models import Candidate
from fairscreen.screenings.policy import CANDIDATE_READERS
from tests.factories import access_for, create_member

pytestmark = pytest.mark.django_db

PERSONAL_COLUMNS = ("full_name", "id_number", "phone", "email")


def row_id(candidate: Candidate) -> object:
    return Candidate._meta.pk.get_db_prep_value(candidate.pk, connection)


def raw(candidate: Candidate, column: str) -> str:
    with connection.cursor() as cursor:
        query = f"SELECT {column} FROM screenings_candidate WHERE id = %s"  # noqa: S608
        cursor.execute(query, [row_id(candidate)])
        return str(cursor.fetchone()[0])


def overwrite(candidate: Candidate, column: str, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE screenings_candidate SET {column} = %s WHERE id = %s",  # noqa: S608
            [value, row_id(candidate)],
        )


def reload(candidate: Candidate) -> Candidate:
    return Candidate.objects.get(pk=candidate.pk)


def test_the_database_holds_ciphertexts_and_the_model_decrypts_them(
    make_candidate, make_organisation
):
    candidate = make_candidate(make_organisation(), full_name="测试候选人甲", phone="13800000001")

    stored = {column: raw(candidate, column) for column in PERSONAL_COLUMNS}
    loaded = reload(candidate)

    assert all(value.startswith("fs1:") for value in stored.values())
    assert "测试" not in "".join(stored.values())
    assert loaded.full_name.reveal() == "测试候选人甲"
    assert loaded.phone.reveal() == "13800000001"
    assert isinstance(loaded.full_name.ciphertext, StoredCiphertext)


def test_encrypted_values_never_print_their_plaintext(make_candidate, make_organisation) -> None:
    loaded = reload(make_candidate(make_organisation(), full_name="测试候选人甲"))

    shown = f"{loaded.full_name} {loaded.full_name!r} {loaded}"

    assert "测试" not in shown
    assert "<encrypted screenings_candidate.full_name>" in shown


def test_a_ciphertext_moved_to_another_candidate_does_not_decrypt(
    make_candidate, make_organisation
):
    organisation = make_organisation()
    first, second = make_candidate(organisation), make_candidate(organisation)

    overwrite(second, "full_name", raw(first, "full_name"))

    with pytest.raises(DecryptionError):
        reload(second).full_name.reveal()
    assert reload(first).full_name.reveal().startswith("测试候选人")


def test_a_ciphertext_moved_to_another_column_does_not_decrypt(make_candidate, make_organisation):
    candidate = make_candidate(make_organisation())

    overwrite(candidate, "email", raw(candidate, "phone"))

    with pytest.raises(DecryptionError, match=r"screenings_candidate\.email"):
        reload(candidate).email.reveal()


def test_a_ciphertext_copied_through_the_model_stays_bound_to_its_row(
    make_candidate, make_organisation
) -> None:
    organisation = make_organisation()
    first, second = make_candidate(organisation), make_candidate(organisation)
    target = reload(second)

    target.full_name = reload(first).full_name  # the ciphertext, not the name
    target.save()

    assert raw(second, "full_name") == raw(first, "full_name")
    with pytest.raises(DecryptionError):
        reload(second).full_name.reveal()


def test_a_row_that_changes_its_subject_decrypts_with_the_new_subjects_key(
    make_candidate, make_organisation
) -> None:
    """The subject remembered on an instance is dropped when its ids change."""
    organisation = make_organisation()
    first, second = make_candidate(organisation), make_candidate(organisation)
    instance = reload(first)
    first_name = instance.full_name.reveal()

    instance.id = second.pk
    instance.__dict__["full_name"] = StoredCiphertext(raw(second, "full_name"))

    assert instance.full_name.reveal() == reload(second).full_name.reveal() != first_name


def test_a_ciphertext_from_another_organisation_does_not_decrypt(make_candidate, make_organisation):
    ours, theirs = make_candidate(make_organisation()), make_candidate(make_organisation())

    overwrite(ours, "id_number", raw(theirs, "id_number"))

    with pytest.raises(DecryptionError):
        reload(ours).id_number.reveal()


def test_a_selector_refuses_a_moved_ciphertext_instead_of_showing_it(
    make_candidate, make_organisation
) -> None:
    organisation = make_organisation()
    first, second = make_candidate(organisation), make_candidate(organisation)
    overwrite(second, "phone", raw(first, "phone"))
    reader = access_for(create_member(organisation, *CANDIDATE_READERS), organisation)

    with pytest.raises(DecryptionError):
        selectors.candidates_for(access=reader)


def test_plaintext_cannot_reach_an_encrypted_column_by_update_or_filter(
    make_candidate, make_organisation
) -> None:
    candidate = make_candidate(make_organisation())

    with pytest.raises(PlaintextRefused), transaction.atomic():
        Candidate.objects.filter(pk=candidate.pk).update(full_name="测试候选人乙")
    with pytest.raises(PlaintextRefused), transaction.atomic():
        Candidate.objects.filter(full_name="测试候选人乙").exists()
    with pytest.raises(PlaintextRefused), transaction.atomic():
        Candidate.objects.filter(pk=candidate.pk).update(id_number_index="990000200001010012")
    assert raw(candidate, "full_name").startswith("fs1:")


def test_changing_a_value_re_encrypts_it_under_the_same_key(make_candidate, make_organisation):
    candidate = reload(make_candidate(make_organisation()))
    before = raw(candidate, "email")

    candidate.email = "changed@example.com"
    candidate.save(update_fields=["email"])

    assert raw(candidate, "email") != before
    assert raw(candidate, "email").startswith("fs1:")
    assert reload(candidate).email.reveal() == "changed@example.com"


def test_a_wrong_key_file_fails_with_a_clear_error(make_candidate, make_organisation, own_keyring):
    """Data written under one key file, read with another: say so, name no personal data."""
    candidate = make_candidate(make_organisation(), full_name="测试候选人甲")
    own_keyring.rename(own_keyring.with_name("moved-away.json"))
    reset_keyrings()  # the next use creates a fresh, different key file at the same path

    with pytest.raises(KeyNotFoundError) as raised, data_key_scope():
        reload(candidate).full_name.reveal()

    message = str(raised.value)
    assert "does not belong to this keyring" in message
    assert "right key file" in message
    assert "测试" not in message
    assert str(candidate.pk) not in message


def test_the_ciphertext_is_bound_to_exactly_its_organisation_table_column_and_row(
    make_candidate, make_organisation
) -> None:
    """Same key, one coordinate changed: only the row's own place decrypts it. (Rows of one
    candidate in later tables, e.g. findings, share a key, so the row id must be bound.)"""
    candidate = make_candidate(make_organisation(), email="candidate.jia@example.com")
    token = raw(candidate, "email")
    key = data_key_for(candidate.encryption_subject())
    place = EncryptionContext(
        organisation_id=str(candidate.organisation_id),
        table="screenings_candidate",
        column="email",
        row_id=str(candidate.pk),
    )

    assert decrypt_field(token, data_key=key.key, context=place) == "candidate.jia@example.com"
    for change in (
        {"row_id": str(uuid.uuid4())},
        {"column": "phone"},
        {"table": "screenings_finding"},
        {"organisation_id": str(uuid.uuid4())},
    ):
        with pytest.raises(DecryptionError):
            decrypt_field(token, data_key=key.key, context=dataclasses.replace(place, **change))
