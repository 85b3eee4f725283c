"""What a resolved dispute sets off: the decision reopened, the ledger, both sides told."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from fairscreen.accounts.roles import Role
from fairscreen.decisions.models import Decision
from fairscreen.decisions.services import supersede_decision
from fairscreen.decisions.services._messages import message_candidate, message_staff
from fairscreen.domain.decisions import DecisionState
from fairscreen.evidence.services import record_event
from fairscreen.notifications.messages import Bilingual
from fairscreen.portal.models import Dispute, DisputeOutcome
from fairscreen.screenings.models import Finding, Screening


def reopen_decision(dispute: Dispute, finding: Finding, actor: str) -> bool:
    """Supersede the live decision if the light moved or it rested on a changed finding."""
    decision = (
        Decision.objects.select_for_update()
        .filter(screening_id=dispute.screening_id)
        .exclude(state=DecisionState.SUPERSEDED)
        .first()
    )
    if decision is None:
        return False
    light_moved = dispute.light_before != dispute.light_after
    relied_on = any(
        str(finding.id) in assessment.findings for assessment in decision.assessments.all()
    )
    changed = finding.lifecycle != dispute.lifecycle_before
    if not (light_moved or (relied_on and changed)):
        return False
    supersede_decision(
        decision,
        actor=actor,
        reason=f"dispute {dispute.id}: {dispute.outcome or 'resolved'}; "
        f"rating {dispute.light_before or '—'} → {dispute.light_after or '—'}",
    )
    return True


def record_resolution(dispute: Dispute, actor: str) -> None:
    record_event(
        event_type="dispute.resolved",
        actor=actor,
        subject=dispute.encryption_subject().subject,
        organisation=str(dispute.organisation_id),
        payload={
            "dispute": str(dispute.id),
            "finding": str(dispute.finding_id),
            "outcome": dispute.outcome,
            "light_before": dispute.light_before,
            "light_after": dispute.light_after,
            "decision_reopened": dispute.decision_reopened,
        },
    )


def tell_both_sides(dispute: Dispute, screening: Screening, actor: str) -> None:
    labels = {
        DisputeOutcome.UPHELD: _("the finding stands"),
        DisputeOutcome.CORRECTED: _("the finding was corrected"),
        DisputeOutcome.REMOVED: _("the finding was removed from your report"),
    }
    message_candidate(
        screening,
        kind="dispute.resolved",
        subject=Bilingual.translated(_("Your dispute has been decided")),
        body=Bilingual.translated(
            _(
                "Outcome: %(outcome)s. Reasons: %(reasons)s. Your updated report is in your "
                "candidate portal."
            ),
            outcome=labels[DisputeOutcome(dispute.outcome)],
            reasons=str(dispute.reasons.reveal()),
        ),
        actor=actor,
        idempotency_key=f"dispute.resolved:{dispute.id}",
    )
    if dispute.decision_reopened:
        message_staff(
            screening,
            roles=frozenset({Role.REVIEWER, Role.APPROVER, Role.HR_ADMIN}),
            kind="decision.reopened",
            subject=Bilingual.translated(_("A correction reopened a decision: decide again")),
            body=Bilingual.translated(
                _(
                    "After a dispute the report changed (rating %(before)s → %(after)s). The "
                    "earlier decision no longer stands: take it again, with your reasons."
                ),
                before=dispute.light_before or "—",
                after=dispute.light_after or "—",
            ),
            actor=actor,
            idempotency_key=f"decision.reopened:{dispute.id}",
        )
