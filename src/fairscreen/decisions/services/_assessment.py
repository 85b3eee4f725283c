"""The individualised assessment a decision not to proceed needs before it is proposed.

Fair-chance practice (and the US EEOC's guidance on the same problem): a record is weighed
case by case — what it was and how grave, how long ago, whether it bears on *these* duties,
and what the candidate says about it — never by a blanket rule. The assessment names the
findings it rests on, which must be findings of the employer's report: a decision cannot
rest on what the report does not contain.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.db import transaction

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, InvalidInput, PermissionDenied
from fairscreen.decisions.models import Assessment, Decision
from fairscreen.decisions.policy import DECIDERS, decision_roles
from fairscreen.decisions.services._steps import locked_decision
from fairscreen.domain import decisions as domain
from fairscreen.domain.findings import EMPLOYER_VISIBLE
from fairscreen.evidence.services import record_event
from fairscreen.screenings.models import Finding
from fairscreen.screenings.policy import require

MIN_WORDS = 10
MAX_TEXT = 4000
_FIELDS = ("nature_and_gravity", "time_elapsed", "relevance_to_duties", "candidate_statement")


@transaction.atomic
def record_assessment(
    *,
    access: OrganisationAccess,
    decision_id: UUID,
    findings: Sequence[UUID],
    nature_and_gravity: str,
    time_elapsed: str,
    relevance_to_duties: str,
    candidate_statement: str,
) -> Assessment:
    """Record the assessment (a new one replaces the previous for the next proposal)."""
    require(access, DECIDERS)
    decision = locked_decision(access, decision_id)
    if decision.state != domain.DecisionState.IN_REVIEW:
        raise Conflict("The assessment is written while the decision is in review.")
    first_step = decision.chain[0]["role"] if decision.chain else ""
    held = decision_roles(access, decision.screening.position_id)
    if first_step not in {role.value for role in held}:
        raise PermissionDenied(
            "The assessment is written by the chain's first, reviewing step.",
            details={"required_role": first_step},
        )
    texts = {
        "nature_and_gravity": nature_and_gravity,
        "time_elapsed": time_elapsed,
        "relevance_to_duties": relevance_to_duties,
        "candidate_statement": candidate_statement,
    }
    problems = {name: _text_problem(value) for name, value in texts.items() if _text_problem(value)}
    chosen = _checked_findings(decision, findings, problems)
    if problems:
        raise InvalidInput("The assessment is incomplete.", details=problems)
    assessment = Assessment(
        organisation_id=decision.organisation_id,
        decision=decision,
        candidate_id=decision.candidate_id,
        findings=chosen,
        recorded_by=access.principal.reference,
        **{name: value.strip() for name, value in texts.items()},
    )
    assessment.save()
    record_event(
        event_type="decision.assessed",
        actor=access.principal.reference,
        subject=decision.encryption_subject().subject,
        organisation=str(decision.organisation_id),
        payload={
            "decision": str(decision.id),
            "assessment": str(assessment.id),
            "findings": len(chosen),
        },
    )
    return assessment


def _text_problem(value: str) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        return f"at most {MAX_TEXT} characters"
    if len(text) < MIN_WORDS:
        return f"write at least {MIN_WORDS} characters: this is the individual assessment"
    return ""


def _checked_findings(
    decision: Decision, findings: Sequence[UUID], problems: dict[str, str]
) -> list[str]:
    try:
        wanted = {str(UUID(str(finding))) for finding in findings}
    except ValueError:
        problems["findings"] = "finding ids must be UUIDs"
        return []
    if not wanted:
        problems["findings"] = "name the findings of the report this decision rests on"
        return []
    visible = {
        str(finding_id)
        for finding_id in Finding.objects.filter(
            screening_id=decision.screening_id, id__in=wanted, status__in=EMPLOYER_VISIBLE
        ).values_list("id", flat=True)
    }
    if visible != wanted:
        problems["findings"] = "only findings of the employer's report (verified ones) may be named"
    return sorted(wanted)
