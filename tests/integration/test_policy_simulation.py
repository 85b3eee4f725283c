"""Policy simulation: HR sees, on past screenings, which lights a change would move and why."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fairscreen.core.errors import FairscreenError, PermissionDenied
from fairscreen.domain import rating, scope
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.evidence.models import Event
from fairscreen.positions import services as positions
from fairscreen.screenings import selectors, services
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.models import StoredRating
from tests.factories import create_candidate, create_consented_screening, create_hiring_setup

pytestmark = pytest.mark.django_db

WHEN = datetime(2026, 11, 20, tzinfo=UTC)
SHIPPED = (rating.shipped_rulebook_directory() / "2026.1.toml").read_text(encoding="utf-8")


def proposed_rulebook(old: str, new: str) -> rating.Rulebook:
    text = SHIPPED.replace('version = "2026.1"', 'version = "2026.2"')
    assert old in text
    return rating.parse_rulebook(text.replace(old, new, 1))


DEBTOR_SERIOUS = '[categories."dishonest_debtor.currently_listed"]\nseverity = "serious"'
DEBTOR_MINOR = '[categories."dishonest_debtor.currently_listed"]\nseverity = "minor"'


@pytest.fixture
def past():
    setup = create_hiring_setup(template_key="cashier")
    listed = create_consented_screening(
        setup, create_candidate(setup.organisation), items=("identity", "dishonest_debtor")
    )
    services.record_finding(
        access=setup.analyst,
        screening_id=listed.id,
        item_code="dishonest_debtor",
        category="dishonest_debtor.currently_listed",
        details={
            "case_number": "(2025)测执1号",
            "court": "测试法院",
            "listed_on": "2025-06-01",
            "summary": "测试 (test)",
        },
        source=SourceIn(
            kind="court_records",
            authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
            origin="registry:debtors",
            reference="失信名单（测试）",
            retrieved_at=WHEN,
        ),
    )
    clean = create_consented_screening(
        setup, create_candidate(setup.organisation), items=("identity", "dishonest_debtor")
    )
    services.rate_screening(clean, actor="system:test", trigger="test")
    return setup, listed, clean


def test_a_softer_rulebook_shows_which_lights_would_change_and_why(past):
    setup, listed, _clean = past
    simulation = selectors.simulate_policy(
        access=setup.hr_admin, rulebook=proposed_rulebook(DEBTOR_SERIOUS, DEBTOR_MINOR)
    )

    assert simulation.checked == 2
    assert simulation.rulebook_version == "2026.2"
    [changed] = simulation.changed
    assert changed.screening_id == listed.id
    assert (changed.light_before, changed.light_after) == ("red", "blue")
    [finding] = changed.changes
    assert (finding.before, finding.after) == ("counted: serious", "counted: minor")
    assert simulation.lights_changed == 1


def test_a_profile_version_is_simulated_on_the_screenings_of_its_positions(past):
    setup, _listed, _clean = past
    profile = positions.RiskProfile.objects.get(id=setup.profile_id)
    spec = positions.current_version(profile).profile_spec().to_json()
    spec["relevance"] = [c for c in spec["relevance"] if c != "dishonest_debtor.currently_listed"]
    draft = positions.propose_profile_version(
        access=setup.hr_admin, profile_id=profile.id, spec=scope.ProfileSpec.from_json(spec)
    )

    simulation = selectors.simulate_policy(access=setup.hr_admin, profile_version_id=draft.id)
    [changed] = simulation.changed
    assert changed.light_after == "green"
    assert changed.changes[0].after == "excluded: not_relevant_to_position"


def test_the_simulation_changes_nothing_but_is_recorded(past):
    setup, _listed, _clean = past
    before = list(StoredRating.objects.values_list("id", "light"))
    selectors.simulate_policy(
        access=setup.dpo, rulebook=proposed_rulebook(DEBTOR_SERIOUS, DEBTOR_MINOR)
    )
    assert list(StoredRating.objects.values_list("id", "light")) == before
    event = Event.objects.filter(event_type="policy.simulated").get()
    assert b'"lights_changed":1' in bytes(event.entry)


def test_only_hr_admins_and_the_dpo_simulate_and_a_proposal_is_needed(past):
    setup, *_ = past
    with pytest.raises(PermissionDenied):
        selectors.simulate_policy(
            access=setup.analyst, rulebook=rating.current_rulebook(today=date(2026, 12, 1))
        )
    with pytest.raises(FairscreenError) as raised:
        selectors.simulate_policy(access=setup.hr_admin)
    assert raised.value.code == "validation_error"
