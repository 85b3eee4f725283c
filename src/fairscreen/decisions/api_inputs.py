"""Request schemas of the decisions API (see `decisions.api` for the endpoints).

Inputs are bounded here only coarsely (types, enums, lengths that keep a request small);
the rules — which chain is valid, how long an assessment must be, which findings it may
name, when a reason for departing is needed — are applied once, by the services, so the
console and this API refuse the same things with the same field names.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import SecretStr

from fairscreen.accounts.roles import Role
from fairscreen.core.errors import InvalidInput
from fairscreen.decisions.models import FeedbackTrigger
from fairscreen.domain import decisions as domain
from fairscreen.domain import workdays

MAX_TEXT = 4000
MAX_SCHEDULE_TEXT = 20_000
_ENCRYPTED = "encrypted at rest under the candidate's key"


class CommentIn(Schema):
    text: str = Field(..., max_length=MAX_TEXT, description=_ENCRYPTED)


class AssessmentIn(Schema):
    """Fair-chance practice: weigh the record case by case, never by a blanket rule."""

    findings: list[UUID] = Field(
        ..., max_length=50, description="findings of the employer's report the decision rests on"
    )
    nature_and_gravity: str = Field(..., max_length=MAX_TEXT, description="at least 10 characters")
    time_elapsed: str = Field(..., max_length=MAX_TEXT, description="at least 10 characters")
    relevance_to_duties: str = Field(..., max_length=MAX_TEXT, description="to *these* duties")
    candidate_statement: str = Field(
        ..., max_length=MAX_TEXT, description="what the candidate said about it"
    )


class ProposalIn(Schema):
    outcome: domain.Outcome
    reasons: str = Field(..., max_length=MAX_TEXT, description="the candidate is told these")
    conditions: str = Field(
        "", max_length=MAX_TEXT, description="required for proceed_with_conditions"
    )
    deviation_reason: str = Field(
        "",
        max_length=MAX_TEXT,
        description="required when the outcome differs from how the organisation usually "
        "decided a counted rule at this tier (409 deviation_reason_required)",
    )
    relies_on_report: bool = Field(
        True,
        description="false when the outcome rests on something other than the report; "
        "do_not_proceed relying on the report needs an assessment first",
    )


class EndorsementIn(Schema):
    comment: str = Field("", max_length=MAX_TEXT, description=_ENCRYPTED)


class ReasonIn(Schema):
    """Why a proposal goes back to review (return, reconsideration)."""

    reason: str = Field(..., max_length=MAX_TEXT, description=_ENCRYPTED)


class ReauthenticationIn(Schema):
    """A signature is a person's act: they re-enter their own password (PIPL Art. 24)."""

    password: SecretStr = Field(
        ..., max_length=1024, description="the signer's password; never stored or echoed"
    )

    def plaintext(self) -> str:
        return self.password.get_secret_value()


class ChainStepBody(Schema):
    role: Role = Field(..., description="reviewer, approver or hr_admin")
    kind: Literal["review", "sign"] = Field(
        ..., description="review for every step but the last, which is sign"
    )


class PolicyIn(Schema):
    chain: list[ChainStepBody] = Field(
        ..., max_length=10, description="1-4 review steps, then exactly one sign step"
    )
    feedback_trigger: FeedbackTrigger = Field(
        ..., description="when the 3-working-day feedback clock starts"
    )
    response_working_days: int = Field(
        ...,
        description=f"the candidate's window after a preliminary notice, "
        f"at least {domain.MIN_RESPONSE_WORKING_DAYS} working days (at most 30)",
    )

    def steps(self) -> list[dict[str, str]]:
        return [{"role": step.role.value, "kind": step.kind} for step in self.chain]


class CalendarIn(Schema):
    text: str = Field(
        ...,
        max_length=MAX_SCHEDULE_TEXT,
        description="the schedule text format of fairscreen.domain.workdays "
        "(year / holiday / workday / closed / open lines); it replaces the previous one",
    )


SCHEDULE_PROBLEMS: dict[str, str] = {
    "bad_date": "not a real date: write YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD",
    "bad_range": "the range ends before it starts",
    "bad_text": "the text contains a control character or starts or ends with a space",
    "bad_year": "not a four-digit year the calendar supports",
    "conflicting_date": "a day is both a holiday and an adjusted workday",
    "date_outside_year": "a day lies outside the year it is listed under",
    "duplicate_date": "a day is listed twice",
    "duplicate_year": "the year is declared twice",
    "empty_calendar": "the calendar has no official schedule",
    "empty_schedule": "the schedule has no entry",
    "missing_date": "the line needs a date",
    "missing_note": "the line needs a note (closed and open days always do)",
    "missing_source": "'year' needs the name of the official notice after the year",
    "range_crosses_year": "a range must stay within one year",
    "range_too_long": f"a range spans at most {workdays.MAX_RANGE_DAYS} days",
    "text_too_long": f"a note is at most {workdays.MAX_TEXT_LENGTH} characters",
    "undeclared_year": "holiday and workday lines need a 'year <YYYY> <notice>' line; "
    "write closed or open for the organisation's own days",
    "unknown_keyword": "a line starts with one of: " + ", ".join(workdays.KEYWORDS),
    "workday_not_on_weekend": "an adjusted workday (调休上班) is always a Saturday or Sunday",
    "year_without_holidays": "no holiday line lists a day of the declared year",
}
"""A fixed explanation per problem code. The parser's own messages quote the offending
text, and the API never echoes submitted values; the line number says where to look."""


def without_submitted_values(refusal: InvalidInput) -> InvalidInput:
    """The schedule refusal with each problem as line, code and a fixed explanation."""
    problems = refusal.details.get("problems")
    if not isinstance(problems, list):
        return refusal
    return InvalidInput(
        refusal.message,
        details={
            "problems": [
                {
                    "line": problem["line"],
                    "code": problem["code"],
                    "message": SCHEDULE_PROBLEMS.get(problem["code"], "see the code"),
                }
                for problem in problems
            ]
        },
    )
