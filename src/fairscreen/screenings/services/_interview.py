"""Recording a structured reference interview (see `fairscreen.domain.findings._interview`).

Each answer the analyst marks as a concern becomes a finding whose source is the referee as
a first-hand witness: alone it stays unverified; only an independent second source can
corroborate it. The referee's volunteered opinion, if any, is filed as hearsay. Answers
that raise no concern are kept with the interview's event only as a count: nothing about
the candidate needs recording when nothing was found.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import InvalidInput
from fairscreen.domain import findings as domain
from fairscreen.evidence.services import record_event
from fairscreen.screenings.connectors import ReportedFinding, SourceIn
from fairscreen.screenings.models import Finding, ThirdPartyConsent
from fairscreen.screenings.policy import FINDING_RECORDERS, require
from fairscreen.screenings.services._finding_gate import (
    recording_item,
    team_screening,
)
from fairscreen.screenings.services._finding_store import store_reported_finding
from fairscreen.screenings.services._rating import rate_screening

MAX_ANSWER_LENGTH = 2000
_FIRST_HAND = domain.AuthorityLevel.FIRST_HAND_WITNESS
_HEARSAY = domain.AuthorityLevel.HEARSAY


@dataclass(frozen=True, slots=True)
class InterviewAnswer:
    """The referee's answer to one of `REFERENCE_QUESTIONS`; `concern` is the analyst's mark."""

    question: str
    answer: str
    concern: bool = False


@transaction.atomic
def record_reference_interview(
    *,
    access: OrganisationAccess,
    screening_id: UUID,
    third_party_id: UUID,
    interviewed_on: date,
    answers: Sequence[InterviewAnswer],
    opinion: str = "",
) -> tuple[Finding, ...]:
    """Store the concerns as first-hand findings and the opinion as hearsay; see above."""
    require(access, FINDING_RECORDERS)
    _check_answers(answers, opinion)
    screening = team_screening(access, screening_id)
    item = recording_item(screening, "reference_interview")
    referee = screening.third_parties.filter(
        id=third_party_id, item_code="reference_interview", consent=ThirdPartyConsent.GRANTED
    ).first()
    if referee is None:
        raise InvalidInput(
            "Interview only a referee the candidate consented to.",
            details={"third_party": "not a consented referee of this screening"},
        )
    origin = f"third_party:{referee.id}"
    said = [
        (domain.REFERENCE_QUESTIONS[answer.question], answer.answer, _FIRST_HAND)
        for answer in answers
        if answer.concern
    ]
    if opinion.strip():
        said.append((domain.OPINION_QUESTION, opinion, _HEARSAY))
    actor = access.principal.reference
    recorded = [
        store_reported_finding(
            screening=screening,
            item=item,
            reported=_reported(question, text, authority, origin=origin, on=interviewed_on),
            actor=actor,
        )
        for question, text, authority in said
    ]
    record_event(
        event_type="reference_interview.recorded",
        actor=access.principal.reference,
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "screening": str(screening.id),
            "referee": str(referee.id),
            "answers": len(answers),
            "concerns": sum(1 for answer in answers if answer.concern),
            "opinion": bool(opinion.strip()),
        },
    )
    rate_screening(screening, actor=actor, trigger="reference_interview.recorded")
    return tuple(recorded)


def is_volunteered_opinion(finding: Finding) -> bool:
    """Whether a finding is a referee's volunteered opinion (filed under `OPINION_QUESTION`)."""
    if finding.item.code != "reference_interview":
        return False
    details = finding.details.reveal()
    if not isinstance(details, str):
        return False
    question = json.loads(details).get("details", {}).get("question", "")
    return bool(question == _question_text(domain.OPINION_QUESTION))


def _question_text(question: domain.ReferenceQuestion) -> str:
    return f"{question.text.zh} / {question.text.en}"


def _check_answers(answers: Sequence[InterviewAnswer], opinion: str) -> None:
    problems: dict[str, str] = {}
    seen: set[str] = set()
    for number, answer in enumerate(answers):
        if answer.question not in domain.REFERENCE_QUESTIONS or answer.question in seen:
            problems[f"answers[{number}].question"] = (
                "not one of the interview's questions, or repeated"
            )
        seen.add(answer.question)
        if not 0 < len(answer.answer.strip()) <= MAX_ANSWER_LENGTH:
            problems[f"answers[{number}].answer"] = f"1-{MAX_ANSWER_LENGTH} characters"
    if len(opinion) > MAX_ANSWER_LENGTH:
        problems["opinion"] = f"at most {MAX_ANSWER_LENGTH} characters"
    if not answers and not opinion.strip():
        problems["answers"] = "record at least one answer"
    if problems:
        raise InvalidInput("The interview record is incomplete.", details=problems)


def _reported(
    question: domain.ReferenceQuestion,
    answer: str,
    authority: domain.AuthorityLevel,
    *,
    origin: str,
    on: date,
) -> ReportedFinding:
    return ReportedFinding(
        external_ref="",
        category=question.category,
        details={
            "question": _question_text(question),
            "answer": answer.strip(),
            "interviewed_on": on.isoformat(),
        },
        source=SourceIn(
            kind="referee",
            authority=authority,
            origin=origin,
            reference=f"reference interview {on.isoformat()}",
            retrieved_at=timezone.now(),
            statement=answer.strip(),
        ),
    )
