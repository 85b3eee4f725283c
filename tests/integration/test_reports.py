"""Report assembly: the employer reads verified facts within scope, analysts see the work."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fairscreen.accounts.roles import Role
from fairscreen.core.errors import FairscreenError, PermissionDenied
from fairscreen.domain import scope
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.evidence.models import Event
from fairscreen.positions import services as positions
from fairscreen.screenings import selectors, services
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.services import ThirdPartyIn
from tests.factories import (
    access_for,
    create_candidate,
    create_consented_screening,
    create_hiring_setup,
    create_member,
    join_team,
)

pytestmark = pytest.mark.django_db

WHEN = datetime(2026, 11, 20, tzinfo=UTC)
LISTED = {
    "case_number": "(2025)测执1号",
    "court": "测试法院",
    "listed_on": "2025-06-01",
    "summary": "测试名单 (test listing)",
}
NO_DEGREE = {"institution": "测试大学", "degree": "学士", "summary": "无记录 (no record)"}


def source(kind, authority, origin, reference="测试来源 (test source)", statement=None):
    return SourceIn(
        kind=kind,
        authority=authority,
        origin=origin,
        reference=reference,
        retrieved_at=WHEN,
        statement=statement,
    )


@pytest.fixture
def world():
    setup = create_hiring_setup()
    referees = (
        ThirdPartyIn(item="reference_interview", name="测试证明人", contact="r@example.com"),
    )
    screening = create_consented_screening(
        setup,
        create_candidate(setup.organisation),
        items=("identity", "education", "dishonest_debtor", "reference_interview"),
        third_parties=referees,
    )
    referee = screening.third_parties.get()
    record = lambda item, category, details, first: services.record_finding(  # noqa: E731
        access=setup.analyst,
        screening_id=screening.id,
        item_code=item,
        category=category,
        details=details,
        source=first,
    )
    verified = record(
        "dishonest_debtor",
        "dishonest_debtor.currently_listed",
        LISTED,
        source("court_records", AuthorityLevel.AUTHORITATIVE_REGISTRY, "registry:debtors"),
    )
    services.add_source(
        access=setup.analyst,
        finding_id=verified.id,
        source=source(
            "court_records",
            AuthorityLevel.HEARSAY,
            "registry:gossip",
            statement="据说还有别的 (rumour)",
        ),
    )
    unverified = record(
        "education",
        "education.record_not_found",
        NO_DEGREE,
        source("candidate_document", AuthorityLevel.OFFICIAL_DOCUMENT, "candidate:upload"),
    )
    hearsay = record(
        "reference_interview",
        "reference.workplace_integrity",
        {"question": "工作表现", "answer": "生活作风问题 (remark)", "interviewed_on": "2026-11-19"},
        source("referee", AuthorityLevel.HEARSAY, f"third_party:{referee.id}"),
    )
    reviewer = access_for(create_member(setup.organisation, Role.REVIEWER), setup.organisation)
    join_team(setup.hr_admin, setup.position_id, reviewer, Role.REVIEWER)
    return setup, screening, reviewer, verified, unverified, hearsay


def test_the_employer_sees_only_verified_findings_and_no_hearsay_source(world):
    _setup, screening, reviewer, verified, _unverified, _hearsay = world
    report = selectors.employer_report(access=reviewer, screening_id=screening.id, purpose="review")

    assert [finding.id for finding in report.findings] == [verified.id]
    assert [s.authority for s in report.findings[0].sources] == ["authoritative_registry"]
    assert report.findings[0].detail("case_number") == LISTED["case_number"]


def test_analysts_see_every_finding_with_its_status(world):
    setup, screening, _reviewer, verified, unverified, hearsay = world
    views = selectors.findings_for_analyst(access=setup.analyst, screening_id=screening.id)

    assert {view.id: view.status for view in views} == {
        verified.id: "verified",
        unverified.id: "unverified",
        hearsay.id: "unverified",
    }
    assert {view.id: view.employer_visible for view in views}[hearsay.id] is False
    assert len(next(view for view in views if view.id == verified.id).sources) == 2


def test_a_finding_leaves_the_report_when_the_profile_no_longer_permits_its_item(world):
    setup, screening, reviewer, *_ = world
    profile = positions.RiskProfile.objects.get(id=setup.profile_id)
    current = positions.current_version(profile).profile_spec().to_json()
    current["items"] = [item for item in current["items"] if item["code"] != "dishonest_debtor"]
    positions.propose_profile_version(
        access=setup.hr_admin, profile_id=profile.id, spec=scope.ProfileSpec.from_json(current)
    )

    report = selectors.employer_report(access=reviewer, screening_id=screening.id, purpose="review")
    assert report.findings == ()


def test_a_retracted_finding_leaves_the_report(world):
    setup, screening, reviewer, verified, *_ = world
    services.retract_finding(access=setup.analyst, finding_id=verified.id, reason="wrong_person")
    report = selectors.employer_report(access=reviewer, screening_id=screening.id, purpose="review")
    assert report.findings == ()


def test_every_read_is_recorded_with_its_purpose_and_a_missing_purpose_is_refused(world):
    _setup, screening, reviewer, *_ = world
    before = Event.objects.count()
    with pytest.raises(FairscreenError) as raised:
        selectors.employer_report(access=reviewer, screening_id=screening.id, purpose="curiosity")
    assert raised.value.code == "validation_error"
    assert Event.objects.count() == before

    selectors.employer_report(access=reviewer, screening_id=screening.id, purpose="decision")
    event = Event.objects.order_by("-sequence").first()
    assert event.event_type == "report.viewed"
    assert b'"purpose":"decision"' in bytes(event.entry)
    assert event.actor == reviewer.principal.reference


def test_analysts_do_not_read_the_employers_report_and_reviewers_not_the_workspace(world):
    setup, screening, reviewer, *_ = world
    with pytest.raises(PermissionDenied):
        selectors.employer_report(access=setup.analyst, screening_id=screening.id, purpose="review")
    with pytest.raises(PermissionDenied):
        selectors.findings_for_analyst(access=reviewer, screening_id=screening.id)


def test_the_report_carries_the_rating_explained_only_for_the_findings_it_shows(world):
    _setup, screening, reviewer, verified, unverified, hearsay = world
    report = selectors.employer_report(access=reviewer, screening_id=screening.id, purpose="review")

    assert report.rating is not None
    assert report.rating.rulebook_version == "2026.1"
    assert set(report.rating.dispositions) == {str(verified.id)}
    assert report.rating.for_finding(unverified.id) is None
    assert report.rating.for_finding(hearsay.id) is None
    assert "Art. 24" in report.rating.notice.en


def test_no_source_is_added_after_the_candidate_withdrew(world):
    setup, screening, _reviewer, verified, *_ = world
    services.record_withdrawal_for_candidate(access=setup.recruiter, screening_id=screening.id)
    with pytest.raises(FairscreenError) as raised:
        services.add_source(
            access=setup.analyst,
            finding_id=verified.id,
            source=source("court_records", AuthorityLevel.AUTHORITATIVE_REGISTRY, "registry:other"),
        )
    assert raised.value.details["reason"] == "screening_withdrawn"


def test_every_read_lands_in_the_access_log_the_dpo_and_the_candidate_can_read(world):
    from fairscreen.accounts.models import User

    setup, screening, reviewer, *_ = world
    selectors.employer_report(access=reviewer, screening_id=screening.id, purpose="decision")
    selectors.findings_for_analyst(access=setup.analyst, screening_id=screening.id)
    User.objects.filter(id=reviewer.principal.user.id).update(display_name="改名后 (renamed)")

    log = selectors.access_log(access=setup.dpo, screening_id=screening.id)
    assert [(entry.kind, entry.purpose) for entry in log] == [
        ("findings.viewed", "verification"),
        ("report.viewed", "decision"),
    ]
    assert log[1].actor_name == reviewer.principal.user.display_name  # frozen at the read
    assert log[1].actor_roles == ("reviewer",)
    assert selectors.accesses_for_candidate(screening_id=screening.id) == log
    with pytest.raises(PermissionDenied):
        selectors.access_log(access=reviewer)
