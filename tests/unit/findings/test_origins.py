"""One source spelled two ways is still one source: `canonical_origin` and independence."""

from __future__ import annotations

import string
import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain.findings import (
    AuthorityLevel,
    Source,
    VerificationStatus,
    canonical_origin,
    evidential_status,
)

WHEN = datetime(2026, 11, 20, tzinfo=UTC)
NOT_HEARSAY = st.sampled_from([AuthorityLevel.OFFICIAL_DOCUMENT, AuthorityLevel.FIRST_HAND_WITNESS])
FULL_WIDTH_KIND = "ｔｈｉｒｄ＿ｐａｒｔｙ"
WHITESPACE = st.text(alphabet=" \t\n\u3000\u00a0", min_size=1, max_size=3)


def source(authority: AuthorityLevel, origin: str) -> Source:
    return Source(
        kind="test", authority=authority, origin=origin, reference="test", retrieved_at=WHEN
    )


@st.composite
def third_party_spellings(draw: st.DrawFn, party: uuid.UUID) -> str:
    """`third_party:<id>` in any form a person or a system might type the id in."""
    identifier = draw(
        st.sampled_from(
            [
                str(party),
                str(party).upper(),
                f"{{{party}}}",
                f"{{{str(party).upper()}}}",
                party.hex,
                party.hex.upper(),
                f"urn:uuid:{party}",
                f"URN:UUID:{str(party).upper()}",
            ]
        )
    )
    kind = draw(st.sampled_from(["third_party", "THIRD_PARTY", "Third_Party", FULL_WIDTH_KIND]))
    separator = draw(st.sampled_from([":", " : ", "：", ": "]))
    padding = draw(st.tuples(st.just("") | WHITESPACE, st.just("") | WHITESPACE))
    return f"{padding[0]}{kind}{separator}{identifier}{padding[1]}"


FREE_TEXT = st.text(
    alphabet=string.ascii_letters + string.digits + "_-.:/ " + "学信网前雇主人事部李",
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip())


def _full_width(character: str) -> str:
    return chr(ord(character) + 0xFEE0) if "!" <= character <= "~" else character


@st.composite
def text_spellings(draw: st.DrawFn, origin: str) -> str:
    """The same free-text origin with other letter case, full-width forms and whitespace."""
    spelled = []
    for character in origin:
        if character == " ":
            spelled.append(draw(WHITESPACE))
            continue
        cased = (
            character.swapcase()
            if character.isascii() and character.isalpha() and draw(st.booleans())
            else character
        )
        spelled.append(_full_width(cased) if draw(st.booleans()) else cased)
    padding = draw(st.tuples(st.just("") | WHITESPACE, st.just("") | WHITESPACE))
    return padding[0] + "".join(spelled) + padding[1]


@st.composite
def spellings_of_one_origin(draw: st.DrawFn) -> list[str]:
    if draw(st.booleans()):
        party = draw(st.uuids())
        spelling = third_party_spellings(party)
    else:
        spelling = text_spellings(draw(FREE_TEXT))
    return draw(st.lists(spelling, min_size=2, max_size=6))


@given(spellings_of_one_origin(), st.lists(NOT_HEARSAY, min_size=6, max_size=6))
def test_spelling_variants_of_one_origin_never_corroborate(spellings, authorities) -> None:
    sources = [
        source(authority, origin) for authority, origin in zip(authorities, spellings, strict=False)
    ]

    assert evidential_status(sources) is VerificationStatus.UNVERIFIED
    assert len({canonical_origin(origin) for origin in spellings}) == 1


@given(st.uuids(), st.uuids(), NOT_HEARSAY, NOT_HEARSAY)
def test_two_different_third_parties_still_corroborate(first, second, one, other) -> None:
    if first == second:
        return
    sources = [source(one, f"third_party:{first}"), source(other, f"THIRD_PARTY:{second.hex}")]

    assert evidential_status(sources) is VerificationStatus.CORROBORATED


@given(st.text(max_size=60))
def test_the_canonical_form_is_its_own_canonical_form(origin) -> None:
    once = canonical_origin(origin)

    assert canonical_origin(once) == once


@pytest.mark.parametrize(
    "spelling",
    [
        "third_party:0B6F5E1C-3A2D-4C8E-9F10-2A3B4C5D6E7F",
        "third_party:{0b6f5e1c-3a2d-4c8e-9f10-2a3b4c5d6e7f}",
        "third_party:0b6f5e1c3a2d4c8e9f102a3b4c5d6e7f",
        "third_party:urn:uuid:0b6f5e1c-3a2d-4c8e-9f10-2a3b4c5d6e7f",
        "  Third_Party : 0b6f5e1c-3a2d-4c8e-9f10-2a3b4c5d6e7f\n",
    ],
)
def test_a_third_party_is_named_by_its_id_in_canonical_form(spelling) -> None:
    assert canonical_origin(spelling) == "third_party:0b6f5e1c-3a2d-4c8e-9f10-2a3b4c5d6e7f"


def test_other_origins_are_case_folded_and_whitespace_normalised() -> None:
    assert canonical_origin(" Registry : CHSI ") == "registry:chsi"
    assert canonical_origin("ｒｅｇｉｓｔｒｙ：ｃｈｓｉ") == "registry:chsi"
    assert canonical_origin("provider:Acme   Checks\tLtd") == "provider:acme checks ltd"
    assert canonical_origin("third_party:not-an-id") == "third_party:not-an-id"
    assert canonical_origin("前雇主 人事部") == "前雇主 人事部"


def test_a_registry_and_a_provider_are_still_two_sources() -> None:
    sources = [
        source(AuthorityLevel.OFFICIAL_DOCUMENT, "provider:acme"),
        source(AuthorityLevel.FIRST_HAND_WITNESS, "third_party:0b6f5e1c3a2d4c8e9f102a3b4c5d6e7f"),
    ]

    assert evidential_status(sources) is VerificationStatus.CORROBORATED
