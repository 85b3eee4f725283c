"""A decidable screening: a cashier candidate on the dishonest-debtor list, checks complete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.screenings import services
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.models import Finding, Screening
from tests.factories import (
    HiringSetup,
    access_for,
    create_candidate,
    create_consented_screening,
    create_hiring_setup,
    create_member,
    join_team,
)

WHEN = datetime(2026, 11, 20, tzinfo=UTC)
LISTED = {
    "case_number": "(2025)测执1号",
    "court": "测试法院 (test court)",
    "listed_on": "2025-06-01",
    "summary": "测试：有能力履行而拒不履行 (test)",
}


@dataclass(frozen=True)
class DecisionWorld:
    setup: HiringSetup
    screening: Screening
    finding: Finding
    reviewer: OrganisationAccess
    approver: OrganisationAccess


def decision_world(setup: HiringSetup | None = None) -> DecisionWorld:
    setup = setup or create_hiring_setup(template_key="cashier")
    screening = create_consented_screening(
        setup, create_candidate(setup.organisation), items=("identity", "dishonest_debtor")
    )
    finding = services.record_finding(
        access=setup.analyst,
        screening_id=screening.id,
        item_code="dishonest_debtor",
        category="dishonest_debtor.currently_listed",
        details=LISTED,
        source=SourceIn(
            kind="court_records",
            authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
            origin="registry:debtors",
            reference="失信名单（测试）",
            retrieved_at=WHEN,
        ),
    )
    for code in ("identity", "dishonest_debtor"):
        services.complete_check(access=setup.analyst, screening_id=screening.id, code=code)
    organisation = setup.organisation
    reviewer = access_for(create_member(organisation, Role.REVIEWER), organisation)
    approver = access_for(create_member(organisation, Role.APPROVER), organisation)
    join_team(setup.hr_admin, setup.position_id, reviewer, Role.REVIEWER)
    join_team(setup.hr_admin, setup.position_id, approver, Role.APPROVER)
    return DecisionWorld(
        setup=setup,
        screening=screening,
        finding=finding,
        reviewer=reviewer,
        approver=approver,
    )
