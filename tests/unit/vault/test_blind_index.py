"""Blind indexes: deterministic, equal for equivalent spellings, separated by kind and key."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain.vault import (
    IndexKind,
    InvalidInputError,
    LocalKeyring,
    blind_index,
    normalise,
)

INDEX_KEY = bytes(range(32))
OTHER_INDEX_KEY = bytes(range(1, 33))


def test_the_same_value_always_gives_the_same_64_hex_digit_index() -> None:
    first = blind_index("11010519900101123X", index_key=INDEX_KEY, kind="id_number")
    second = blind_index("11010519900101123X", index_key=INDEX_KEY, kind="id_number")
    assert first == second
    assert len(first) == 64
    assert set(first) <= set("0123456789abcdef")


def test_the_index_is_a_keyed_hmac_not_a_plain_hash_of_the_value() -> None:
    index = blind_index("13800000000", index_key=INDEX_KEY, kind="phone")
    assert index != hashlib.sha256(b"13800000000").hexdigest()
    assert index != hmac.new(INDEX_KEY, b"13800000000", hashlib.sha256).hexdigest()


@pytest.mark.parametrize(
    ("kind", "spellings"),
    [
        (
            "phone",
            [
                "+86 138-0000-0000",
                "13800000000",
                "0086 138 0000 0000",
                "8613800000000",
                "(+86) 138 0000 0000",
                "＋８６ １３８ ００００ ００００",
                " 138-0000-0000 ",
            ],
        ),
        ("phone", ["010 1234 5678", "+86 10 1234 5678", "0086-10-12345678"]),
        ("id_number", ["11010519900101123X", "110105 19900101 123x", " 11010519900101123x\t"]),
        ("id_number", ["１１０１０５１９９００１０１１２３Ｘ", "11010519900101123X"]),
        ("email", ["ceshi@example.com", "  CeShi@Example.COM ", "ｃｅｓｈｉ＠ｅｘａｍｐｌｅ.com"]),
    ],
    ids=["mobile", "landline", "id-spacing-and-case", "id-full-width", "email"],
)
def test_equivalent_spellings_give_the_same_index(kind: str, spellings: list[str]) -> None:
    indexes = {blind_index(spelling, index_key=INDEX_KEY, kind=kind) for spelling in spellings}
    assert len(indexes) == 1


@pytest.mark.parametrize(
    ("kind", "value", "normal_form"),
    [
        ("phone", "+86 138-0000-0000", "13800000000"),
        ("phone", "010-1234-5678", "1012345678"),
        ("phone", "+44 20 7946 0000", "+442079460000"),
        ("phone", "0044 20 7946 0000", "+442079460000"),
        ("id_number", "110105 19900101 123x", "11010519900101123X"),
        ("email", "  CeShi@Example.COM ", "ceshi@example.com"),
    ],
)
def test_normal_forms(kind: str, value: str, normal_form: str) -> None:
    assert normalise(value, kind=kind) == normal_form


def test_different_values_give_different_indexes() -> None:
    first = blind_index("13800000000", index_key=INDEX_KEY, kind="phone")
    second = blind_index("13800000001", index_key=INDEX_KEY, kind="phone")
    assert first != second


def test_the_same_text_as_different_kinds_gives_different_indexes() -> None:
    indexes = {blind_index("13800000000", index_key=INDEX_KEY, kind=kind) for kind in IndexKind}
    assert len(indexes) == len(IndexKind)


def test_different_index_keys_give_different_indexes() -> None:
    first = blind_index("ceshi@example.com", index_key=INDEX_KEY, kind="email")
    second = blind_index("ceshi@example.com", index_key=OTHER_INDEX_KEY, kind="email")
    assert first != second


def test_two_organisations_index_the_same_id_number_differently() -> None:
    keyring = LocalKeyring.in_memory()
    indexes = {
        blind_index(
            "11010519900101123X",
            index_key=keyring.blind_index_key(organisation_id=organisation),
            kind=IndexKind.ID_NUMBER,
        )
        for organisation in ("org-a", "org-b")
    }
    assert len(indexes) == 2


def test_an_unknown_kind_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(InvalidInputError, match="id_number, phone, email"):
        blind_index("x", index_key=INDEX_KEY, kind="name")


@pytest.mark.parametrize(
    ("kind", "value"),
    [("phone", " - "), ("phone", "+"), ("id_number", " \t "), ("email", "   "), ("email", "")],
)
def test_a_value_empty_after_normalisation_is_refused(kind: str, value: str) -> None:
    with pytest.raises(InvalidInputError, match="empty after normalisation"):
        blind_index(value, index_key=INDEX_KEY, kind=kind)


def test_a_short_index_key_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="at least 32 bytes"):
        blind_index("13800000000", index_key=bytes(16), kind="phone")


def test_a_refused_value_is_not_echoed() -> None:
    with pytest.raises(InvalidInputError) as caught:
        blind_index("\ud800110105", index_key=INDEX_KEY, kind="id_number")
    assert "110105" not in str(caught.value)


@given(value=st.text(min_size=1), kind=st.sampled_from([IndexKind.ID_NUMBER, IndexKind.EMAIL]))
def test_normalising_twice_changes_nothing(value: str, kind: IndexKind) -> None:
    try:
        once = normalise(value, kind=kind)
    except InvalidInputError:
        return
    assert normalise(once, kind=kind) == once


@given(
    mobile=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    prefix=st.sampled_from(["", "+86", "+86 ", "0086", "0086-", "86", "(+86)"]),
    separator=st.sampled_from(["", " ", "-"]),
)
def test_any_spelling_of_a_mobile_number_indexes_like_its_eleven_digits(
    mobile: str, prefix: str, separator: str
) -> None:
    spelled = prefix + separator.join([mobile[:3], mobile[3:7], mobile[7:]])
    assert blind_index(spelled, index_key=INDEX_KEY, kind="phone") == blind_index(
        mobile, index_key=INDEX_KEY, kind="phone"
    )
