"""The app rates screenings with the published engine and keeps the ratings reproducible."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from fairscreen.domain import scope
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.evidence.models import Event
from fairscreen.positions import services as positions
from fairscreen.screenings import services
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.models import StoredRating
from tests.factories import create_candidate, create_consented_screening, create_hiring_setup

pytestmark = pytest.mark.django_db

WHEN = datetime(2026, 11, 20, tzinfo=UTC)
LISTED = {
    "case_number": "(2025)测执1号",
    "court": "测试法院",
    "listed_on": "2025-06-01",
    "summary": "测试：有能力履行而拒不履行 (test)",
}
REGISTRY = SourceIn(
    kind="court_records",
    authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
    origin="registry:debtors",
    reference="失信名单（测试）",
    retrieved_at=WHEN,
)


@pytest.fixture
def cashier():
    setup = create_hiring_setup(template_key="cashier")
    screening = create_consented_screening(
        setup, create_candidate(setup.organisation), items=("identity", "dishonest_debtor")
    )
    return setup, screening


def record_listing(setup, screening):
    """The registry's current debtor listing, as the analyst records it."""
    return services.record_finding(
        access=setup.analyst,
        screening_id=screening.id,
        item_code="dishonest_debtor",
        category="dishonest_debtor.currently_listed",
        details=LISTED,
        source=REGISTRY,
    )


def latest(screening):
    return StoredRating.objects.filter(screening=screening).first()


def test_an_active_debtor_listing_raises_a_cashiers_light_and_the_rating_is_stored(cashier):
    setup, screening = cashier
    record_listing(setup, screening)

    stored = latest(screening)
    assert stored.light == "red"
    assert stored.rulebook_version == "2026.1"
    assert stored.inputs_hash.startswith("sha256:")
    result = json.loads(stored.result.reveal())
    assert result["advisory"] is True
    assert [finding["outcome"] for finding in result["findings"]] == ["counted"]
    event = Event.objects.filter(event_type="rating.computed").get()
    assert b'"light":"red"' in bytes(event.entry)
    assert LISTED["case_number"].encode() not in bytes(event.entry)


def test_an_unverified_finding_is_rated_but_never_raises_the_light(cashier):
    setup, screening = cashier
    document = SourceIn(
        kind="court_records",
        authority=AuthorityLevel.HEARSAY,
        origin="someone:said",
        reference="传言 (rumour)",
        retrieved_at=WHEN,
    )
    services.record_finding(
        access=setup.analyst,
        screening_id=screening.id,
        item_code="dishonest_debtor",
        category="dishonest_debtor.currently_listed",
        details=LISTED,
        source=document,
    )

    result = json.loads(latest(screening).result.reveal())
    assert result["light"] == "green"
    assert result["findings"][0]["reason"] == "not_verified"


def test_the_plaintiffs_lawsuit_is_rated_green_with_the_reason(cashier):
    setup = create_hiring_setup(template_key="procurement")
    screening = create_consented_screening(
        setup, create_candidate(setup.organisation), items=("identity", "civil_litigation")
    )
    services.record_finding(
        access=setup.analyst,
        screening_id=screening.id,
        item_code="civil_litigation",
        category="",
        details={
            "case_number": "(2024)测民初1号",
            "court": "测试法院",
            "cause_of_action": "合同纠纷",
            "cause_class": "fraud_or_breach_of_trust",
            "role": "plaintiff",
            "outcome": "in_candidates_favour",
            "performance": "not_applicable",
            "judged_on": "2025-01-10",
            "summary": "候选人起诉诈骗者 (sued a fraudster)",
        },
        source=SourceIn(
            kind="court_records",
            authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
            origin="registry:judgments",
            reference="裁判文书网（测试）",
            retrieved_at=WHEN,
        ),
    )
    result = json.loads(latest(screening).result.reveal())
    assert result["light"] == "green"
    assert result["findings"][0]["reason"] == "claimant_role"


def test_a_retraction_brings_the_light_back_down(cashier):
    setup, screening = cashier
    finding = record_listing(setup, screening)
    services.retract_finding(access=setup.analyst, finding_id=finding.id, reason="wrong_person")

    lights = list(
        StoredRating.objects.filter(screening=screening)
        .order_by("rated_at")
        .values_list("light", flat=True)
    )
    assert lights == ["red", "green"]


def test_nothing_new_is_stored_when_nothing_that_the_rating_reads_changed(cashier):
    setup, screening = cashier
    record_listing(setup, screening)
    services.complete_check(
        access=setup.analyst, screening_id=screening.id, code="dishonest_debtor"
    )
    assert StoredRating.objects.filter(screening=screening).count() == 1


def test_a_narrowed_profile_stops_counting_what_it_no_longer_needs(cashier):
    setup, screening = cashier
    record_listing(setup, screening)
    profile = positions.RiskProfile.objects.get(id=setup.profile_id)
    spec = positions.current_version(profile).profile_spec().to_json()
    spec["items"] = [item for item in spec["items"] if item["code"] != "dishonest_debtor"]
    positions.propose_profile_version(
        access=setup.hr_admin, profile_id=profile.id, spec=scope.ProfileSpec.from_json(spec)
    )

    services.rate_screening(screening, actor="system:test", trigger="profile.narrowed")
    result = json.loads(latest(screening).result.reveal())
    assert result["light"] == "green"
    assert result["findings"][0]["reason"] == "not_relevant_to_position"


def test_a_widened_profile_never_counts_what_the_candidate_was_not_told_about():
    setup = create_hiring_setup(template_key="cashier")
    profile = positions.RiskProfile.objects.get(id=setup.profile_id)
    original = positions.current_version(profile).profile_spec().to_json()
    narrowed = dict(original, relevance=[c for c in original["relevance"] if "debtor" not in c])
    assert narrowed["relevance"] != original["relevance"]
    positions.propose_profile_version(
        access=setup.hr_admin, profile_id=profile.id, spec=scope.ProfileSpec.from_json(narrowed)
    )
    screening = create_consented_screening(
        setup, create_candidate(setup.organisation), items=("identity", "dishonest_debtor")
    )
    positions.propose_profile_version(  # widened again after the order
        access=setup.hr_admin, profile_id=profile.id, spec=scope.ProfileSpec.from_json(original)
    )
    assert positions.current_version(profile).profile_spec().to_json() == original

    record_listing(setup, screening)
    result = json.loads(latest(screening).result.reveal())
    assert result["light"] == "green"
    assert result["findings"][0]["reason"] == "not_relevant_to_position"
    inputs = json.loads(latest(screening).inputs.reveal())
    assert inputs["profile"]["relevance"] == sorted(narrowed["relevance"])


def test_stored_ratings_reproduce_and_a_changed_result_raises_the_alarm(cashier):
    setup, screening = cashier
    record_listing(setup, screening)
    assert services.recheck_ratings().mismatches == 0

    StoredRating.objects.filter(screening=screening).update(result_hash="sha256:" + "0" * 64)
    report = services.recheck_ratings()

    assert (report.checked, report.mismatches) == (1, 1)
    assert latest(screening).mismatch_found_at is not None
    assert Event.objects.filter(event_type="rating.mismatch").count() == 1


def test_a_rating_never_checked_is_checked_first_on_every_database(cashier):
    setup, screening = cashier
    finding = record_listing(setup, screening)
    services.recheck_ratings(now=WHEN)
    services.retract_finding(access=setup.analyst, finding_id=finding.id, reason="wrong_person")
    checked, fresh = StoredRating.objects.filter(screening=screening).order_by("rated_at")
    assert (checked.last_checked_at, fresh.last_checked_at) == (WHEN, None)

    # more ratings than one night's limit: the new one must not wait behind the checked
    later = datetime(2026, 11, 21, tzinfo=UTC)
    assert services.recheck_ratings(now=later, limit=1).checked == 1
    fresh.refresh_from_db()
    assert fresh.last_checked_at == later


@pytest.mark.django_db(transaction=True)
def test_rating_alone_is_one_transaction_with_its_evidence(cashier):
    setup, screening = cashier
    record_listing(setup, screening)
    before = (
        StoredRating.objects.count(),
        Event.objects.filter(event_type="rating.computed").count(),
    )

    stored = services.rate_screening(
        screening, actor="system:test", trigger="test", today=date(2031, 12, 1)
    )  # called outside any transaction, as a job or a command would

    assert stored is not None
    after = (
        StoredRating.objects.count(),
        Event.objects.filter(event_type="rating.computed").count(),
    )
    assert after == (before[0] + 1, before[1] + 1)


def test_the_look_back_is_counted_on_the_rating_date(cashier):
    setup = create_hiring_setup(template_key="professional_driver")
    screening = create_consented_screening(
        setup, create_candidate(setup.organisation), items=("identity", "driving_record")
    )
    services.record_finding(
        access=setup.analyst,
        screening_id=screening.id,
        item_code="driving_record",
        category="driving.serious_violation",
        details={
            "violation": "醉酒驾驶 (drunk driving)",
            "occurred_on": "2024-03-01",
            "summary": "测试 (test)",
        },
        source=SourceIn(
            kind="authoritative_registry",
            authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
            origin="registry:traffic",
            reference="交管记录（测试）",
            retrieved_at=WHEN,
        ),
    )
    soon = services.rate_screening(
        screening, actor="system:test", trigger="test", today=date(2026, 12, 1)
    )
    later = services.rate_screening(
        screening, actor="system:test", trigger="test", today=date(2031, 12, 1)
    )
    assert soon.light == "red"
    assert later.light == "green"
