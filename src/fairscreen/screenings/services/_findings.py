"""Recording findings and their sources; corroborating, retracting, completing checks.

Multi-source verification (多源验证): a finding's status is never typed in by anyone. It
follows from its sources by the one rule in `fairscreen.domain.findings` (an authoritative
registry verifies; two independent non-hearsay sources corroborate; hearsay never counts)
and is recomputed whenever a source is added or the lifecycle changes. Every write records
its evidence event in the same transaction, naming the finding by id and its sources by
kind and authority — never their content.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, InvalidInput, NotFound
from fairscreen.domain import findings as domain
from fairscreen.domain.scope import Text
from fairscreen.evidence.services import record_event
from fairscreen.screenings.connectors import ReportedFinding, SourceIn
from fairscreen.screenings.models import Finding, ItemState, Screening, ScreeningItem
from fairscreen.screenings.policy import FINDING_RECORDERS, require
from fairscreen.screenings.services._finding_gate import (
    corroborating_item,
    recording_item,
    team_screening,
)
from fairscreen.screenings.services._finding_store import (
    EvidenceIn,
    InvalidFindingInput,
    refresh_status,
    source_problem,
    store_reported_finding,
    store_source,
)
from fairscreen.screenings.services._interview import is_volunteered_opinion
from fairscreen.screenings.services._rating import rate_screening
from fairscreen.screenings.services._runs import ACTIVE_RUN_STATES, RunInProgress
from fairscreen.screenings.signals import report_completed
from fairscreen.screenings.team_access import team_q

_OUTSTANDING = (ItemState.AWAITING_CONSENT, ItemState.CONSENTED, ItemState.RUNNING)
"""Item states that keep a report from being complete."""


class FindingClosed(Conflict):
    code = "finding_closed"


class RetractionReason(StrEnum):
    WRONG_PERSON = "wrong_person"
    SOURCE_WITHDRAWN = "source_withdrawn"
    DUPLICATE = "duplicate"
    RECORDED_IN_ERROR = "recorded_in_error"


@transaction.atomic
def record_finding(
    *,
    access: OrganisationAccess,
    screening_id: UUID,
    item_code: str,
    category: str,
    details: Mapping[str, object],
    source: SourceIn,
    evidence: EvidenceIn | None = None,
) -> Finding:
    """An analyst's manual entry: one finding with its first source (and evidence)."""
    require(access, FINDING_RECORDERS)
    _refuse_non_text(details)
    screening = team_screening(access, screening_id)
    item = recording_item(screening, item_code)
    reported = ReportedFinding(
        external_ref="",
        category=category,
        details={key: value for key, value in details.items() if isinstance(value, str)},
        source=source,
        evidence=evidence.content if evidence else None,
        evidence_media_type=evidence.media_type if evidence else "",
    )
    finding = store_reported_finding(
        screening=screening, item=item, reported=reported, actor=access.principal.reference
    )
    rate_screening(screening, actor=access.principal.reference, trigger="finding.recorded")
    return finding


@transaction.atomic
def add_source(
    *,
    access: OrganisationAccess,
    finding_id: UUID,
    source: SourceIn,
    evidence: EvidenceIn | None = None,
) -> Finding:
    """Add a source to a finding (corroboration) and recompute its status by the rule."""
    require(access, FINDING_RECORDERS)
    finding = _locked_finding(access, finding_id)
    _refuse_closed(finding)
    screening = team_screening(access, finding.screening_id)
    corroborating_item(screening, finding.item.code)
    if is_volunteered_opinion(finding):
        raise FindingClosed(
            "A referee's volunteered opinion is hearsay and stays so: it cannot be corroborated.",
            details={"reason": "opinion_not_fact"},
        )
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
    before = finding.status
    stored = store_source(finding, reported, screening=screening, actor=access.principal.reference)
    refresh_status(finding)
    record_event(
        event_type="finding.source_added",
        actor=access.principal.reference,
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "finding": str(finding.id),
            "source": {"kind": stored.kind, "authority": stored.authority},
            "status_before": before,
            "status": finding.status,
        },
    )
    rate_screening(screening, actor=access.principal.reference, trigger="finding.source_added")
    return finding


@transaction.atomic
def retract_finding(
    *, access: OrganisationAccess, finding_id: UUID, reason: str, note: str = ""
) -> Finding:
    """Withdraw a finding that should never have stood: it leaves every report at once."""
    require(access, FINDING_RECORDERS)
    if reason not in RetractionReason.__members__.values():
        raise InvalidInput(
            "Unknown retraction reason.",
            details={"reason": "one of: " + ", ".join(RetractionReason)},
        )
    if len(note) > 1000:
        raise InvalidInput("The note is too long.", details={"note": "at most 1000 characters"})
    finding = _locked_finding(access, finding_id)
    _refuse_closed(finding)
    finding.lifecycle = domain.Lifecycle.RETRACTED
    finding.retraction_code = reason
    finding.retraction_note = note.strip()
    refresh_status(finding)
    record_event(
        event_type="finding.retracted",
        actor=access.principal.reference,
        subject=finding.encryption_subject().subject,
        organisation=str(finding.organisation_id),
        payload={"finding": str(finding.id), "reason": reason},
    )
    screening = team_screening(access, finding.screening_id)
    rate_screening(screening, actor=access.principal.reference, trigger="finding.retracted")
    return finding


@transaction.atomic
def complete_check(*, access: OrganisationAccess, screening_id: UUID, code: str) -> ScreeningItem:
    """Close a running check: its findings stand as recorded; nothing more is added.

    Not while a connector run is active on it: the provider's answer would then be thrown
    away unseen (the run cancelled as `item_completed`), and the report called complete
    without it. The analyst waits for the run to end (it always does: retries are bounded
    and a lost worker's attempt is taken over when its lease ends).
    """
    require(access, FINDING_RECORDERS)
    screening = team_screening(access, screening_id)
    item = recording_item(screening, code)
    active = item.runs.filter(state__in=ACTIVE_RUN_STATES).values_list("state", flat=True).first()
    if active is not None:
        raise RunInProgress(
            "A connector run for this check is still in progress; complete it once the run ends.",
            details={"reason": "run_active", "state": active},
        )
    item.state = ItemState.COMPLETED
    item.save(update_fields=["state"])
    record_event(
        event_type="check.completed",
        actor=access.principal.reference,
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "screening": str(screening.id),
            "item": code,
            "findings": item.findings.exclude(lifecycle=domain.Lifecycle.RETRACTED).count(),
        },
    )
    rate_screening(screening, actor=access.principal.reference, trigger="check.completed")
    if not screening.items.filter(state__in=_OUTSTANDING).exists():
        screening.report_completed_at = timezone.now()
        screening.save(update_fields=["report_completed_at"])
        report_completed.send(
            sender=Screening, screening=screening, actor=access.principal.reference
        )
    return item


def _refuse_closed(finding: Finding) -> None:
    """A retracted finding is closed for good; a disputed one until its dispute is resolved.

    While the candidate's dispute is open (PIPL Art. 46) the finding belongs to the dispute:
    its resolution restores the lifecycle the finding had when it was disputed, so a change
    made meanwhile — a retraction as `wrong_person`, a new source — would be silently undone
    (the retracted finding back in the report) or judged by nobody. The analyst resolves the
    dispute instead: `removed` retracts it, `corrected` re-verifies it with a new source.
    """
    if finding.lifecycle == domain.Lifecycle.RETRACTED:
        raise FindingClosed("This finding was retracted.", details={"reason": "retracted"})
    if finding.lifecycle == domain.Lifecycle.DISPUTED:
        raise FindingClosed(
            "This finding is under dispute: resolve the dispute instead.",
            details={"reason": "under_dispute"},
        )


def _locked_finding(access: OrganisationAccess, finding_id: UUID) -> Finding:
    finding = (
        Finding.objects.select_for_update()
        .select_related("item")
        .filter(
            team_q(access, "screening__position_id"),
            organisation=access.organisation,
            id=finding_id,
        )
        .first()
    )
    if finding is None:
        raise NotFound("Not found.")
    return finding


def _refuse_non_text(details: Mapping[str, object]) -> None:
    """Details are text (dates as YYYY-MM-DD): anything else is refused, not coerced."""
    wrong = [
        str(key)
        for key, value in details.items()
        if value is not None and not isinstance(value, str)
    ]
    if wrong:
        must_be_text = Text(zh="必须是文本", en="must be text")
        raise InvalidFindingInput(tuple(domain.FieldProblem(key, must_be_text) for key in wrong))
