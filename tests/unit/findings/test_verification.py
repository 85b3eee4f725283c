"""The multi-source verification rule, as properties over any set of sources."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from fairscreen.domain.findings import (
    AuthorityLevel,
    Lifecycle,
    Source,
    VerificationStatus,
    evidential_status,
    finding_status,
)

WHEN = datetime(2026, 11, 20, tzinfo=UTC)


def source(authority: AuthorityLevel, origin: str) -> Source:
    return Source(
        kind="test", authority=authority, origin=origin, reference="test", retrieved_at=WHEN
    )


sources = st.lists(
    st.builds(source, st.sampled_from(AuthorityLevel), st.sampled_from(["a", "b", "c", "d"])),
    max_size=8,
)


@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=8))
def test_hearsay_never_verifies_however_often_and_from_however_many(origins):
    hearsay = [source(AuthorityLevel.HEARSAY, origin) for origin in origins]
    assert evidential_status(hearsay) is VerificationStatus.UNVERIFIED


@given(
    st.sampled_from([AuthorityLevel.OFFICIAL_DOCUMENT, AuthorityLevel.FIRST_HAND_WITNESS]),
    st.integers(min_value=1, max_value=6),
)
def test_one_source_repeated_is_never_corroboration(authority, times):
    assert evidential_status([source(authority, "a")] * times) is VerificationStatus.UNVERIFIED


def test_two_independent_non_hearsay_sources_corroborate_and_a_registry_verifies():
    witness = source(AuthorityLevel.FIRST_HAND_WITNESS, "a")
    letter = source(AuthorityLevel.OFFICIAL_DOCUMENT, "b")
    registry = source(AuthorityLevel.AUTHORITATIVE_REGISTRY, "c")
    assert evidential_status([witness, letter]) is VerificationStatus.CORROBORATED
    assert evidential_status([registry]) is VerificationStatus.VERIFIED
    assert evidential_status([witness, source(AuthorityLevel.HEARSAY, "b")]) is (
        VerificationStatus.UNVERIFIED
    )


@given(sources, sources)
def test_adding_sources_never_lowers_the_evidence(first, more):
    rank = [
        VerificationStatus.UNVERIFIED,
        VerificationStatus.CORROBORATED,
        VerificationStatus.VERIFIED,
    ]
    assert rank.index(evidential_status(first + more)) >= rank.index(evidential_status(first))


@given(sources)
def test_adding_hearsay_never_changes_the_status(found):
    with_rumours = [
        *found,
        source(AuthorityLevel.HEARSAY, "z"),
        source(AuthorityLevel.HEARSAY, "y"),
    ]
    assert evidential_status(with_rumours) is evidential_status(found)


@given(sources)
def test_the_lifecycle_overrides_the_evidence_where_it_must(found):
    assert finding_status(found, Lifecycle.RETRACTED) is VerificationStatus.RETRACTED
    assert finding_status(found, Lifecycle.DISPUTED) is VerificationStatus.DISPUTED
    corrected = finding_status(found, Lifecycle.CORRECTED)
    if evidential_status(found) is VerificationStatus.UNVERIFIED:
        assert corrected is VerificationStatus.UNVERIFIED  # a correction needs evidence too
    else:
        assert corrected is VerificationStatus.CORRECTED
