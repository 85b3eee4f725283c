"""Policy simulation: what a rulebook or profile change would do to past screenings.

Before HR publishes a new rulebook or a profile change, it should see, on the
organisation's own past screenings, which lights would change and why — so a change that
would have turned a group of past candidates red is noticed before it harms anyone
(CONTEXT.md: similar risks handled alike; PIPL Art. 24: fair and transparent automated
evaluation; Art. 55: assess the impact before processing).

The simulation re-rates each screening's latest stored inputs (the same findings, the same
date) under the proposed rulebook and/or the proposed profile version. Nothing is stored but
the evidence event that the simulation was run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from uuid import UUID

from django.db import transaction

from fairscreen.accounts.local_time import organisation_today
from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import InvalidInput, NotFound
from fairscreen.domain import rating, scope
from fairscreen.evidence.services import record_event
from fairscreen.positions.models import ProfileVersion
from fairscreen.privacy.data_keys import data_key_scope, prime
from fairscreen.privacy.subjects import Destroyed, Revealed
from fairscreen.screenings.models import StoredRating
from fairscreen.screenings.policy import require
from fairscreen.screenings.services._rating import read_inputs
from fairscreen.screenings.team_access import team_q

__all__ = ["ChangedFinding", "SimulatedScreening", "Simulation", "simulate_policy"]

POLICY_SIMULATORS = frozenset({Role.HR_ADMIN, Role.DPO})


@dataclass(frozen=True)
class ChangedFinding:
    finding_id: str
    item: str
    category: str
    before: str  # "counted: serious" or "excluded: claimant_role"
    after: str
    explanation: scope.Text


@dataclass(frozen=True)
class SimulatedScreening:
    screening_id: UUID
    candidate_name: Revealed
    position_title: str
    light_before: str
    light_after: str
    changes: tuple[ChangedFinding, ...]


@dataclass(frozen=True)
class Simulation:
    rulebook_version: str
    profile_version: int | None
    checked: int
    changed: tuple[SimulatedScreening, ...]

    @property
    def lights_changed(self) -> int:
        return sum(1 for row in self.changed if row.light_before != row.light_after)


@transaction.atomic
def simulate_policy(
    *,
    access: OrganisationAccess,
    rulebook: rating.Rulebook | None = None,
    profile_version_id: UUID | None = None,
) -> Simulation:
    """Re-rate the latest stored rating of every screening under the proposal (see above)."""
    require(access, POLICY_SIMULATORS)
    proposed_profile = _proposed_profile(access, profile_version_id)
    if rulebook is None and proposed_profile is None:
        raise InvalidInput(
            "Propose a rulebook or a profile version to simulate.",
            details={"rulebook": "or profile_version"},
        )
    rows = _latest_ratings(access)
    changed = []
    with data_key_scope():
        prime(row.encryption_subject() for row in rows)
        for row in rows:
            simulated = _simulate(row, rulebook, proposed_profile)
            if simulated is not None:
                changed.append(simulated)
    used = (
        rulebook.version
        if rulebook
        else rating.current_rulebook(today=organisation_today(access.organisation)).version
    )
    simulation = Simulation(
        rulebook_version=used,
        profile_version=proposed_profile.number if proposed_profile else None,
        checked=len(rows),
        changed=tuple(changed),
    )
    record_event(
        event_type="policy.simulated",
        actor=access.principal.reference,
        organisation=str(access.organisation.id),
        payload={
            "rulebook": used,
            "rulebook_hash": rulebook.content_hash if rulebook else None,
            "profile_version": str(profile_version_id) if profile_version_id else None,
            "screenings": simulation.checked,
            "changed": len(changed),
            "lights_changed": simulation.lights_changed,
        },
    )
    return simulation


def _proposed_profile(access: OrganisationAccess, version_id: UUID | None) -> ProfileVersion | None:
    if version_id is None:
        return None
    version = (
        ProfileVersion.objects.select_related("profile")
        .filter(profile__organisation=access.organisation, id=version_id)
        .first()
    )
    if version is None:
        raise NotFound("Not found.")
    return version


def _latest_ratings(access: OrganisationAccess) -> list[StoredRating]:
    seen: set[UUID] = set()
    latest = []
    rows = StoredRating.objects.filter(
        team_q(access, "screening__position_id"), organisation=access.organisation
    ).select_related("screening__position", "screening__candidate", "screening__profile_version")
    for row in rows.order_by("screening_id", "-rated_at", "-id"):
        if row.screening_id not in seen:
            seen.add(row.screening_id)
            latest.append(row)
    return latest


def _simulate(
    row: StoredRating, rulebook: rating.Rulebook | None, proposed: ProfileVersion | None
) -> SimulatedScreening | None:
    inputs, result = row.inputs.reveal(), row.result.reveal()
    if isinstance(inputs, Destroyed) or isinstance(result, Destroyed):
        return None
    profile, findings, as_of = read_inputs(json.loads(inputs))
    if proposed is not None and proposed.profile_id == row.screening.position.profile_id:
        # what the screening would be rated under once the proposal is approved
        pinned = row.screening.profile_version.profile_spec()
        profile = scope.rated_scope(pinned, proposed.profile_spec())
    chosen = rulebook or rating.published_rulebooks().version(row.rulebook_version)
    after = rating.rate(profile, findings, as_of, chosen)
    before = {entry["finding_id"]: entry for entry in json.loads(result)["findings"]}
    changes = tuple(
        ChangedFinding(
            finding_id=disposition.finding_id,
            item=disposition.item or "",
            category=disposition.category or "",
            before=_summary(before.get(disposition.finding_id, {})),
            after=_summary(disposition.to_json()),
            explanation=disposition.explanation,
        )
        for disposition in after.dispositions
        if _summary(before.get(disposition.finding_id, {})) != _summary(disposition.to_json())
    )
    if not changes and str(after.light) == row.light:
        return None
    return SimulatedScreening(
        screening_id=row.screening_id,
        candidate_name=row.screening.candidate.full_name.reveal(),
        position_title=row.screening.position.title,
        light_before=row.light,
        light_after=str(after.light),
        changes=changes,
    )


def _summary(entry: dict[str, object]) -> str:
    if not entry:
        return "—"
    if entry.get("outcome") == "counted":
        return f"counted: {entry.get('severity')}"
    return f"excluded: {entry.get('reason')}"
