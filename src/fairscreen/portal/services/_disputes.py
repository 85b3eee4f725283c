"""Opening and resolving disputes (see `models._disputes` for the law and the why).

Opening freezes: the finding becomes `disputed`, which takes it out of the employer's
report and the rating, and makes every decision move on the screening refuse with
`dispute_open` until the dispute ends. Resolving re-verifies: upheld (with reasons),
corrected (new details, re-parsed by the item's schema, and the re-verifying source), or
removed. The screening is then rated again; if the light changed, or the decision relied
on the finding, the decision is superseded and must be taken again, and both sides hear.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.decisions.services import calendar_for
from fairscreen.decisions.services._messages import message_staff
from fairscreen.domain import findings as domain
from fairscreen.domain import workdays
from fairscreen.evidence.services import record_event
from fairscreen.notifications.messages import Bilingual
from fairscreen.portal.models import Dispute, DisputeOutcome, DisputeState
from fairscreen.portal.services._dispute_effects import (
    record_resolution,
    reopen_decision,
    tell_both_sides,
)
from fairscreen.privacy.files import store_file
from fairscreen.screenings.connectors import ReportedFinding, SourceIn
from fairscreen.screenings.models import Finding, FindingSource, Screening, StoredRating
from fairscreen.screenings.policy import FINDING_RECORDERS, require
from fairscreen.screenings.services import EvidenceIn, InvalidFindingInput, rate_screening
from fairscreen.screenings.services._finding_store import (
    parsed_details,
    refresh_status,
    source_problem,
    store_source,
)
from fairscreen.screenings.team_access import team_q

REVERIFICATION_WORKING_DAYS = 15
MAX_STATEMENT = 8000
MAX_REASONS = 4000


class DisputeClosed(Conflict):
    code = "dispute_closed"


@dataclass(frozen=True, slots=True)
class Correction:
    """The finding as it should read: the item's category and details, re-verified."""

    category: str
    details: Mapping[str, str]


@transaction.atomic
def open_dispute(
    *,
    screening_id: UUID,
    finding_id: UUID,
    statement: str,
    evidence: EvidenceIn | None = None,
    today: date | None = None,
) -> Dispute:
    """The candidate objects to one finding of their report (their portal session)."""
    text = _required(statement, "statement", MAX_STATEMENT)
    finding = (
        Finding.objects.select_for_update()
        .select_related("screening__organisation", "item")
        .filter(screening_id=screening_id, id=finding_id)
        .first()
    )
    disputable = domain.EMPLOYER_VISIBLE | {domain.VerificationStatus.DISPUTED}
    if finding is None or finding.status not in disputable:
        raise NotFound("Not found.")  # only what the candidate's report shows
    screening = finding.screening
    if Dispute.objects.filter(finding=finding, state=DisputeState.OPEN).exists():
        raise DisputeClosed("This finding is already disputed; the dispute is being handled.")
    dispute = Dispute(
        organisation_id=screening.organisation_id,
        screening=screening,
        candidate_id=screening.candidate_id,
        finding=finding,
        statement=text,
        lifecycle_before=finding.lifecycle,
        light_before=_light(screening),
        due_on=_due_on(screening, today or timezone.localdate()),
    )
    if evidence is not None:
        _attach(dispute, evidence)
    dispute.save()
    finding.lifecycle = domain.Lifecycle.DISPUTED
    refresh_status(finding)
    actor = f"candidate:{screening.candidate_id}"
    record_event(
        event_type="dispute.opened",
        actor=actor,
        subject=dispute.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "dispute": str(dispute.id),
            "finding": str(finding.id),
            "due_on": dispute.due_on.isoformat() if dispute.due_on else None,
            "evidence": bool(dispute.evidence_sha256),
        },
    )
    rate_screening(screening, actor=actor, trigger="dispute.opened")
    message_staff(
        screening,
        roles=frozenset({Role.ANALYST}),
        kind="dispute.opened",
        subject=Bilingual.translated(_("A candidate disputes a finding: re-verify it")),
        body=Bilingual.translated(
            _("Re-verify the disputed finding by %(due)s and record the outcome with reasons."),
            due=dispute.due_on.isoformat() if dispute.due_on else "—",
        ),
        actor=actor,
        idempotency_key=f"dispute.opened:{dispute.id}",
    )
    return dispute


@transaction.atomic
def resolve_dispute(
    *,
    access: OrganisationAccess,
    dispute_id: UUID,
    outcome: str,
    reasons: str,
    correction: Correction | None = None,
    source: SourceIn | None = None,
    evidence: EvidenceIn | None = None,
) -> Dispute:
    """An analyst's outcome, with reasons; see the module docstring for what follows."""
    require(access, FINDING_RECORDERS)
    dispute = _open(access, dispute_id)
    chosen = _outcome(outcome, correction, source)
    dispute.reasons = _required(reasons, "reasons", MAX_REASONS)
    finding = Finding.objects.select_for_update().select_related("item").get(id=dispute.finding_id)
    screening = Screening.objects.select_related("position__profile").get(id=dispute.screening_id)
    if chosen is DisputeOutcome.CORRECTED and correction is not None and source is not None:
        _correct(
            dispute,
            finding,
            screening,
            correction=correction,
            source=source,
            evidence=evidence,
            access=access,
        )
    elif chosen is DisputeOutcome.REMOVED:
        finding.lifecycle = domain.Lifecycle.RETRACTED
        finding.retraction_code = "removed_after_dispute"
    else:
        finding.lifecycle = dispute.lifecycle_before
        if source is not None:
            _add_source(finding, screening, source, evidence, access)
    refresh_status(finding)
    actor = access.principal.reference
    rate_screening(screening, actor=actor, trigger="dispute.resolved")
    dispute.light_after = _light(screening)
    dispute.decision_reopened = reopen_decision(dispute, finding, actor)
    dispute.state = DisputeState.RESOLVED
    dispute.outcome = chosen
    dispute.resolved_by = actor
    dispute.resolved_at = timezone.now()
    dispute.save()
    record_resolution(dispute, actor)
    tell_both_sides(dispute, screening, actor)
    return dispute


def _open(access: OrganisationAccess, dispute_id: UUID) -> Dispute:
    dispute = (
        Dispute.objects.select_for_update()
        .filter(
            team_q(access, "screening__position_id"),
            organisation=access.organisation,
            id=dispute_id,
        )
        .first()
    )
    if dispute is None:
        raise NotFound("Not found.")
    if dispute.state != DisputeState.OPEN:
        raise DisputeClosed("This dispute has been resolved already.")
    return dispute


def _outcome(
    outcome: str, correction: Correction | None, source: SourceIn | None
) -> DisputeOutcome:
    if outcome not in DisputeOutcome.values:
        raise InvalidInput(
            "Unknown outcome.", details={"outcome": "one of: " + ", ".join(DisputeOutcome.values)}
        )
    chosen = DisputeOutcome(outcome)
    if chosen is DisputeOutcome.CORRECTED and (correction is None or source is None):
        raise InvalidInput(
            "A correction needs the corrected details and the source that re-verified them.",
            details={"correction": "required", "source": "required"},
        )
    return chosen


def _correct(
    dispute: Dispute,
    finding: Finding,
    screening: Screening,
    *,
    correction: Correction,
    source: SourceIn,
    evidence: EvidenceIn | None,
    access: OrganisationAccess,
) -> None:
    reported = ReportedFinding(
        external_ref="",
        category=correction.category,
        details=dict(correction.details),
        source=source,
        evidence=evidence.content if evidence else None,
        evidence_media_type=evidence.media_type if evidence else "",
    )
    parsed = parsed_details(finding.item.code, reported, screening=screening)
    dispute.details_before = str(finding.details.reveal())
    # the old sources vouched for the old details: the correction stands on its own evidence
    FindingSource.objects.filter(finding=finding, superseded_at=None).update(
        superseded_at=timezone.now()
    )
    finding.category = parsed.category
    finding.details = json.dumps(parsed.to_json(), ensure_ascii=False, sort_keys=True)
    finding.lifecycle = domain.Lifecycle.CORRECTED
    store_source(finding, reported, screening=screening, actor=access.principal.reference)


def _add_source(
    finding: Finding,
    screening: Screening,
    source: SourceIn,
    evidence: EvidenceIn | None,
    access: OrganisationAccess,
) -> None:
    reported = ReportedFinding(
        external_ref="",
        category="",
        details={},
        source=source,
        evidence=evidence.content if evidence else None,
        evidence_media_type=evidence.media_type if evidence else "",
    )
    problem = source_problem(finding.item.code, reported, screening=screening)
    if problem is not None:
        raise InvalidFindingInput((problem,))
    store_source(finding, reported, screening=screening, actor=access.principal.reference)


def _attach(dispute: Dispute, evidence: EvidenceIn) -> None:
    from fairscreen.screenings.services import MAX_EVIDENCE_BYTES  # noqa: PLC0415

    if len(evidence.content) > MAX_EVIDENCE_BYTES:
        raise InvalidInput("The file is too large.", details={"evidence": "at most 10 MB"})
    dispute.evidence_file = store_file(dispute, "evidence_file", evidence.content)
    dispute.evidence_sha256 = hashlib.sha256(evidence.content).hexdigest()
    dispute.evidence_media_type = evidence.media_type


def _due_on(screening: Screening, today: date) -> date | None:
    try:
        return calendar_for(screening.organisation).add_working_days(
            today, REVERIFICATION_WORKING_DAYS
        )
    except workdays.CalendarNotAvailable:
        return None  # shown as "date to be set" and escalated, never guessed


def _light(screening: Screening) -> str:
    row = StoredRating.objects.filter(screening=screening).order_by("-rated_at", "-id").first()
    return row.light if row else ""


def _required(value: str, field: str, limit: int) -> str:
    text = (value or "").strip()
    if not 0 < len(text) <= limit:
        raise InvalidInput("Some fields are invalid.", details={field: f"1-{limit} characters"})
    return text
