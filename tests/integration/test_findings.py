"""Findings and multi-source verification: only verified facts can reach the employer.

The Beijing Fengtai case: a former colleague's remark ("lifestyle problems") written into a
report unverified. Here hearsay never verifies, one source said twice is still one source,
and every refusal changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from fairscreen.core.errors import FairscreenError, PermissionDenied
from fairscreen.domain import scope
from fairscreen.domain.findings import AuthorityLevel, VerificationStatus
from fairscreen.domain.ledger import LedgerEntry
from fairscreen.evidence.models import Event
from fairscreen.positions import services as positions
from fairscreen.privacy.files import encrypted_storage, read_file
from fairscreen.screenings import services
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.models import Finding, FindingSource
from fairscreen.screenings.services import EvidenceIn, ThirdPartyIn
from tests.factories import create_candidate, create_consented_screening, create_hiring_setup

pytestmark = pytest.mark.django_db

RETRIEVED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
DEBTOR_DETAILS = {
    "case_number": "(2025)测0101执123号",
    "court": "测试市示例区人民法院 (Test District Court)",
    "listed_on": "2025-06-01",
    "summary": "测试：被列入失信被执行人名单 (test listing)",
}
EDUCATION_DETAILS = {
    "institution": "测试大学 (Test University)",
    "degree": "学士 (Bachelor)",
    "summary": "学信网无此学历记录 (no record in the registry)",
}


def registry(origin: str = "registry:court-enforcement") -> SourceIn:
    return SourceIn(
        kind="court_records",
        authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
        origin=origin,
        reference="失信被执行人名单查询（测试）",
        retrieved_at=RETRIEVED,
    )


def referee_source(party_id: object, authority: AuthorityLevel, statement: str = "") -> SourceIn:
    return SourceIn(
        kind="referee",
        authority=authority,
        origin=f"third_party:{party_id}",
        reference="证明人访谈记录（测试）",
        retrieved_at=RETRIEVED,
        statement=statement or None,
    )


@pytest.fixture
def setup():
    return create_hiring_setup()


@pytest.fixture
def screening(setup):
    return create_consented_screening(setup, create_candidate(setup.organisation))


def record(
    setup,
    screening,
    *,
    item="dishonest_debtor",
    category="dishonest_debtor.currently_listed",
    details=None,
    source=None,
    evidence=None,
):
    return services.record_finding(
        access=setup.analyst,
        screening_id=screening.id,
        item_code=item,
        category=category,
        details=DEBTOR_DETAILS if details is None else details,
        source=source or registry(),
        evidence=evidence,
    )


def refused_without_trace(call, code):
    counts = lambda: (Finding.objects.count(), FindingSource.objects.count(), Event.objects.count())  # noqa: E731
    before = counts()
    with pytest.raises(FairscreenError) as raised:
        call()
    assert raised.value.code == code, raised.value.details
    assert counts() == before
    return raised.value


def test_an_authoritative_registry_verifies_a_finding_on_its_own(setup, screening):
    finding = record(setup, screening)

    assert finding.status == VerificationStatus.VERIFIED
    event = Event.objects.filter(event_type="finding.recorded").get()
    assert LedgerEntry.from_bytes(bytes(event.entry)).payload["status"] == "verified"


def test_hearsay_never_verifies_however_many_people_repeat_it(setup):
    candidate = create_candidate(setup.organisation)
    referees = [
        ThirdPartyIn(
            item="reference_interview", name=f"测试证明人{n}", contact=f"ref{n}@example.com"
        )
        for n in range(3)
    ]
    screening = create_consented_screening(
        setup, candidate, items=("identity", "reference_interview"), third_parties=tuple(referees)
    )
    parties = list(screening.third_parties.order_by("position_in_list"))
    remark = {
        "question": "工作表现 (work)",
        "answer": "听说此人有生活作风问题 (hearsay remark)",
        "interviewed_on": "2026-11-19",
    }
    finding = record(
        setup,
        screening,
        item="reference_interview",
        category="reference.workplace_integrity",
        details=remark,
        source=referee_source(parties[0].id, AuthorityLevel.HEARSAY, "听说"),
    )
    for party in parties[1:]:
        finding = services.add_source(
            access=setup.analyst,
            finding_id=finding.id,
            source=referee_source(party.id, AuthorityLevel.HEARSAY, "也听说"),
        )

    assert finding.status == VerificationStatus.UNVERIFIED


def test_the_same_source_twice_is_not_corroboration(setup):
    candidate = create_candidate(setup.organisation)
    referees = (
        ThirdPartyIn(item="reference_interview", name="测试证明人甲", contact="a@example.com"),
        ThirdPartyIn(item="reference_interview", name="测试证明人乙", contact="b@example.com"),
    )
    screening = create_consented_screening(
        setup, candidate, items=("identity", "reference_interview"), third_parties=referees
    )
    first, second = screening.third_parties.order_by("position_in_list")
    fact = {
        "question": "在职期间是否因挪用公款被解聘 (dismissed for embezzlement?)",
        "answer": "是，2024 年 (yes, 2024)",
        "interviewed_on": "2026-11-19",
    }
    finding = record(
        setup,
        screening,
        item="reference_interview",
        category="reference.workplace_integrity",
        details=fact,
        source=referee_source(first.id, AuthorityLevel.FIRST_HAND_WITNESS),
    )
    again = services.add_source(
        access=setup.analyst,
        finding_id=finding.id,
        source=referee_source(first.id, AuthorityLevel.FIRST_HAND_WITNESS),
    )
    assert again.status == VerificationStatus.UNVERIFIED

    independent = services.add_source(
        access=setup.analyst,
        finding_id=finding.id,
        source=referee_source(second.id, AuthorityLevel.FIRST_HAND_WITNESS),
    )
    assert independent.status == VerificationStatus.CORROBORATED
    added = Event.objects.filter(event_type="finding.source_added").order_by("sequence")
    assert [b'"status":"corroborated"' in bytes(event.entry) for event in added] == [False, True]


def test_a_referee_the_candidate_did_not_consent_to_cannot_be_a_source(setup, screening):
    other = create_consented_screening(
        setup,
        create_candidate(setup.organisation),
        items=("identity", "reference_interview"),
        third_parties=(
            ThirdPartyIn(item="reference_interview", name="测试证明人", contact="r@example.com"),
        ),
    )
    stranger = other.third_parties.get()
    error = refused_without_trace(
        lambda: record(
            setup,
            screening,
            source=SourceIn(
                kind="referee",
                authority=AuthorityLevel.FIRST_HAND_WITNESS,
                origin=f"third_party:{stranger.id}",
                reference="x",
                retrieved_at=RETRIEVED,
            ),
        ),
        "invalid_finding",
    )
    assert "source.kind" in error.details  # a referee is not a source the notice named here


def test_a_source_cannot_claim_more_authority_than_its_kind_has(setup, screening):
    candidate_letter = SourceIn(
        kind="candidate_document",
        authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
        origin="candidate:upload",
        reference="毕业证书扫描件（测试）",
        retrieved_at=RETRIEVED,
    )
    error = refused_without_trace(
        lambda: record(
            setup,
            screening,
            item="education",
            category="education.record_not_found",
            details=EDUCATION_DETAILS,
            source=candidate_letter,
        ),
        "invalid_finding",
    )
    assert set(error.details) == {"source.authority"}


def test_invalid_details_list_every_problem_by_field_and_store_nothing(setup, screening):
    error = refused_without_trace(
        lambda: record(
            setup,
            screening,
            details={"court": "测试法院", "listed_on": "2025-13-01", "marital_status": "未婚"},
        ),
        "invalid_finding",
    )
    assert set(error.details) == {"case_number", "listed_on", "summary", "marital_status"}
    assert "测试法院" not in str(error.details)
    assert "未婚" not in str(error.details)


def test_a_current_listing_cannot_have_a_removal_date(setup, screening):
    error = refused_without_trace(
        lambda: record(setup, screening, details={**DEBTOR_DETAILS, "removed_on": "2026-01-01"}),
        "invalid_finding",
    )
    assert set(error.details) == {"removed_on"}


def test_the_litigation_category_follows_from_the_role_not_from_the_analyst(setup, screening):
    lawsuit = {
        "case_number": "(2024)测0116民初100号",
        "court": "测试市金山区人民法院 (test court)",
        "cause_of_action": "合同纠纷 (contract dispute)",
        "cause_class": "commercial_contract",
        "role": "plaintiff",
        "outcome": "in_candidates_favour",
        "performance": "not_applicable",
        "judged_on": "2024-09-01",
        "summary": "候选人起诉被欺诈 (the candidate sued a fraudster)",
    }
    source = SourceIn(
        kind="court_records",
        authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
        origin="registry:judgments",
        reference="裁判文书网（测试）",
        retrieved_at=RETRIEVED,
    )
    refused_without_trace(
        lambda: record(
            setup,
            screening,
            item="civil_litigation",
            category="civil_litigation.liable_party.commercial_contract",
            details=lawsuit,
            source=source,
        ),
        "invalid_finding",
    )
    finding = record(
        setup, screening, item="civil_litigation", category="", details=lawsuit, source=source
    )
    assert finding.category.reveal() == "civil_litigation.claimant"


@pytest.mark.parametrize(
    ("reason", "refusal"),
    [
        ("not_started", "item_consented"),
        ("refused", "item_refused"),
        ("withdrawn", "screening_withdrawn"),
        ("narrowed", "removed_from_profile"),
    ],
)
def test_nothing_is_recorded_for_an_item_that_is_not_running(setup, reason, refusal):
    candidate = create_candidate(setup.organisation)
    screening = create_consented_screening(
        setup,
        candidate,
        refuse=("dishonest_debtor",) if reason == "refused" else (),
        start=reason != "not_started",
    )
    if reason == "withdrawn":
        services.record_withdrawal_for_candidate(access=setup.recruiter, screening_id=screening.id)
    if reason == "narrowed":
        _narrow_profile_without(setup, "dishonest_debtor")
    error = refused_without_trace(lambda: record(setup, screening), "check_not_recording")
    assert error.details["reason"] == refusal


def _narrow_profile_without(setup, code):
    profile = positions.RiskProfile.objects.get(id=setup.profile_id)
    current = positions.current_version(profile).profile_spec().to_json()
    narrowed = {**current, "items": [item for item in current["items"] if item["code"] != code]}
    positions.propose_profile_version(
        access=setup.hr_admin, profile_id=profile.id, spec=scope.ProfileSpec.from_json(narrowed)
    )


def test_evidence_is_stored_encrypted_and_identified_by_its_hash(setup, screening):
    content = "测试失信名单截图 · test screenshot of 测试候选人".encode()
    finding = record(
        setup, screening, evidence=EvidenceIn(content=content, media_type="text/plain")
    )

    source = finding.sources.get()
    stored = encrypted_storage().open(source.evidence_file).read()
    assert content not in stored
    assert "测试".encode() not in stored
    assert read_file(source, "evidence_file", source.evidence_file) == content
    assert source.evidence_sha256 == hashlib.sha256(content).hexdigest()


def test_a_retracted_finding_says_so_and_cannot_be_corroborated(setup, screening):
    finding = record(setup, screening)
    retracted = services.retract_finding(
        access=setup.analyst,
        finding_id=finding.id,
        reason="wrong_person",
        note="同名不同人 (namesake)",
    )
    assert retracted.status == VerificationStatus.RETRACTED
    refused_without_trace(
        lambda: services.add_source(access=setup.analyst, finding_id=finding.id, source=registry()),
        "finding_closed",
    )


def test_only_analysts_record_findings(setup, screening):
    with pytest.raises(PermissionDenied):
        services.record_finding(
            access=setup.recruiter,
            screening_id=screening.id,
            item_code="dishonest_debtor",
            category="dishonest_debtor.currently_listed",
            details=DEBTOR_DETAILS,
            source=registry(),
        )


def test_the_ledger_holds_each_step_but_none_of_the_details(setup, screening):
    finding = record(setup, screening)
    services.complete_check(
        access=setup.analyst, screening_id=screening.id, code="dishonest_debtor"
    )

    types = list(Event.objects.order_by("sequence").values_list("event_type", flat=True))
    # completing changed no input of the rating, so no new rating follows it
    assert types[-3:] == ["finding.recorded", "rating.computed", "check.completed"]
    for event in Event.objects.filter(event_type__startswith="finding"):
        entry = bytes(event.entry).decode()
        assert str(finding.id) in entry
        for value in DEBTOR_DETAILS.values():
            assert value not in entry
