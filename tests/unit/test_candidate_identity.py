"""Candidate identifiers are checked before encryption, and errors never repeat them."""

from __future__ import annotations

import pytest
from django.utils import translation

from fairscreen.core.errors import InvalidInput
from fairscreen.screenings.identity import (
    check_character,
    check_identity,
    id_number_problem,
    mask_id_number,
    normalise_id_number,
)

VALID = {
    "full_name": " 测试候选人甲 ",
    "id_number": "990000200001010012",
    "phone": "13800000001",
    "email": "candidate.jia@example.com",
}


def test_the_check_character_follows_gb_11643() -> None:
    # The worked example of GB 11643-1999 (a published specimen, not a person).
    assert check_character("11010519491231002") == "X"
    assert check_character("99000020000303048") == "X"
    assert check_character("99000020000101001") == "2"


def test_valid_values_are_normalised() -> None:
    identity = check_identity(
        full_name=VALID["full_name"],
        id_number="９９００００ ２０００ ０３０３ ０４８ｘ",  # full-width, spaced, lower-case x
        phone="+86 138 0000 0001",
        email=" Candidate.Jia@example.com ",
    )

    assert identity.full_name == "测试候选人甲"
    assert identity.id_number == "99000020000303048X"
    assert identity.phone == "13800000001"
    assert identity.email == "Candidate.Jia@example.com"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id_number", "990000200001010013"),  # wrong check character
        ("id_number", "990000200002300012"),  # 30 February
        ("id_number", "99000020000101001"),  # 17 characters
        ("id_number", ""),
        ("phone", "12800000001"),
        ("phone", "1380000000"),
        ("phone", "+1 415 555 0100"),
        ("email", "candidate.jia-at-example.com"),
        ("full_name", "   "),
        ("full_name", "名" * 101),
    ],
)
def test_each_problem_is_reported_on_its_field_without_the_value(field: str, value: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        check_identity(**{**VALID, field: value})

    error = raised.value
    assert set(error.details) == {field}
    everything = error.message + "".join(str(text) for text in error.details.values())
    if value.strip():
        assert value not in everything
        assert value[:10] not in everything


def test_every_problem_is_reported_at_once_in_the_active_language() -> None:
    with translation.override("zh-hans"), pytest.raises(InvalidInput) as raised:
        check_identity(full_name="", id_number="1", phone="2", email="3")

    assert set(raised.value.details) == {"full_name", "id_number", "phone", "email"}
    assert "身份证" in raised.value.details["id_number"]


def test_id_numbers_are_masked_to_region_and_last_four() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("12345") == "*2345"
    assert id_number_problem(normalise_id_number("11010519491231002x")) is None
