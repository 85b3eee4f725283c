"""Report assembly: the employer reads verified facts within scope, analysts see the work."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
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


POSTGRES_URL = os.environ.get("FAIRSCREEN_TEST_DATABASE_URL", "")
REPOSITORY = Path(__file__).resolve().parents[2]

READER_WITH_FOUR_EXPORTS = """
import django
django.setup()
from fairscreen.screenings.selectors import EXPORTS_PER_DAY, export_report
from tests.integration.decision_support import decision_world
world = decision_world()
for _ in range(EXPORTS_PER_DAY - 1):
    export_report(access=world.reviewer, screening_id=world.screening.id, purpose="decision",
                  reason="signed_file")
print(world.setup.organisation.id, world.reviewer.principal.user.id, world.screening.id)
"""

EXPORT = """
import sys, uuid
import django
django.setup()
from django.db import transaction
from fairscreen.accounts.models import Organisation, User
from fairscreen.screenings.selectors import ExportLimitReached, export_report
from tests.factories import access_for
organisation_id, user_id, screening_id, hold = sys.argv[1:]
organisation = Organisation.objects.get(id=organisation_id)
access = access_for(User.objects.get(id=user_id), organisation)
print("ready", flush=True)
sys.stdin.readline()
with transaction.atomic():  # the holder keeps its export uncommitted until told
    try:
        export_report(access=access, screening_id=uuid.UUID(screening_id), purpose="decision",
                      reason="signed_file")
        outcome = "exported"
    except ExportLimitReached:
        outcome = "refused"
    if hold == "hold":
        print("held", flush=True)
        sys.stdin.readline()
print(outcome, flush=True)
"""


@pytest.fixture(params=["sqlite", *(["postgresql"] if POSTGRES_URL else [])])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A throw-away store per database, shared by real processes (the test DB is not)."""
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'exports.sqlite3'}"
        return
    name = f"fairscreen_exports_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield "postgresql", f"{POSTGRES_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
def test_two_exports_at_once_cannot_pass_the_daily_limit_together(
    database: tuple[str, str], tmp_path: Path
) -> None:
    vendor, url = database
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAIRSCREEN_")}
    env.update(
        DATABASE_URL=url,
        FAIRSCREEN_VAR_DIR=str(tmp_path / "var"),
        DJANGO_SETTINGS_MODULE="fairscreen.config.settings",
    )
    run = lambda *arguments: subprocess.run(  # noqa: E731
        [sys.executable, *arguments], env=env, cwd=REPOSITORY, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    migrated = run("-m", "fairscreen", "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr
    made = run("-c", READER_WITH_FOUR_EXPORTS)
    assert made.returncode == 0, made.stderr
    ids = made.stdout.split()[-3:]

    def export(hold: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", EXPORT, *ids, hold],
            env=env, cwd=REPOSITORY, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=(tmp_path / f"{hold}.stderr").open("w"),
        )  # fmt: skip

    holder, contender = export("hold"), export("contend")
    tell = lambda process, line: (process.stdin.write(line + "\n"), process.stdin.flush())  # noqa: E731
    assert [holder.stdout.readline(), contender.stdout.readline()] == ["ready\n"] * 2
    tell(holder, "go")
    assert holder.stdout.readline() == "held\n"  # the fifth export, not yet committed
    tell(contender, "go")
    time.sleep(1.0)  # the contender counts meanwhile, or waits for the holder's commit
    tell(holder, "commit")
    outcomes = [process.communicate(timeout=120)[0].split()[-1] for process in (holder, contender)]

    assert outcomes == ["exported", "refused"], (tmp_path / "contend.stderr").read_text()
    query = "SELECT count(*) FROM screenings_accessrecord WHERE kind = 'report.exported'"
    if vendor == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            exported = connection.execute(query).fetchone()[0]
    else:
        with psycopg.connect(url) as connection:
            exported = connection.execute(query).fetchone()[0]
    assert exported == 5
