"""Running a connector for a check: on the job queue, with retries, exactly once per finding.

One attempt (`execute_run`) has three steps, and only the first and the last touch the
database: (1) in a transaction, check the gate (the item is running, consented and in
scope) and mark the attempt; (2) outside any transaction, call the connector — it may be
slow, and a slow provider must not hold database locks; (3) in a transaction, check the
gate *again* (the candidate may have withdrawn meanwhile, PIPL Art. 15: then nothing is
stored) and store the findings.

Exactly once: a finding's `external_ref` is recorded once per item (a unique constraint),
so a result delivered twice — a retry after a timeout that the provider had in fact
processed — adds nothing. All of one result's findings are validated before any is stored,
so a malformed answer stores nothing at all. Retries back off exponentially; a periodic job
picks up runs whose retry time has come, so a worker restart loses nothing.

A lease, not a lock: step (1) commits `running` with `next_attempt_at` set to the end of the
attempt's lease (the connector's timeout and a margin). A worker that dies during the call
leaves the run `running`; once the lease has ended the periodic job takes the run over as a
new attempt (counted against `max_attempts`, or failed as `attempt_lost` when none is
left). The attempt that holds the lease is the one that records: a superseded attempt that
answers late stores nothing and changes nothing, so a run finishes exactly once, and the
new attempt asks the provider with the same request id (its idempotency key).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fairscreen.accounts.principals import OrganisationAccess
from fairscreen.core.errors import Conflict, FairscreenError, InvalidInput, NotFound
from fairscreen.evidence.services import record_event
from fairscreen.privacy.data_keys import data_key_scope
from fairscreen.privacy.subjects import Destroyed
from fairscreen.screenings.connectors import (
    CheckRequest,
    ConnectorError,
    ConnectorResult,
    ReportedFinding,
    ThirdPartyRef,
)
from fairscreen.screenings.connectors._registry import UnknownConnector, connector
from fairscreen.screenings.models import CheckRun, RunState, Screening, ThirdPartyConsent
from fairscreen.screenings.policy import FINDING_RECORDERS, require
from fairscreen.screenings.services._finding_gate import (
    locked_screening,
    recording_item,
    team_screening,
)
from fairscreen.screenings.services._finding_store import (
    InvalidFindingInput,
    named_field,
    parsed_details,
    store_reported_finding,
)
from fairscreen.screenings.services._rating import rate_screening

logger = logging.getLogger(__name__)

ACTIVE_RUN_STATES = (RunState.QUEUED, RunState.RUNNING, RunState.RETRYING)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
LONGEST_PENDING = timedelta(days=14)
PENDING = "provider_pending"
DEFAULT_CONNECTOR_TIMEOUT = timedelta(seconds=60)
"""For a connector that does not state its `timeout_seconds` (the sandbox answers at once)."""
LEASE_MARGIN = timedelta(minutes=5)
"""Beyond the call itself: storing the result (evidence files, the rating) in one transaction."""
ATTEMPT_LOST = "attempt_lost"


class RunInProgress(Conflict):
    code = "run_in_progress"


@dataclass(frozen=True, slots=True)
class _Attempt:
    """What step (1) hands to the call: the request, and which attempt holds the lease."""

    request: CheckRequest
    number: int


@transaction.atomic
def request_check_run(
    *, access: OrganisationAccess, screening_id: UUID, code: str, connector_code: str
) -> CheckRun:
    """Queue a connector run for a running check (the job runs it after this commits)."""
    require(access, FINDING_RECORDERS)
    try:
        chosen = connector(connector_code)
    except UnknownConnector:
        raise InvalidInput("Unknown connector.", details={"connector": "unknown"}) from None
    if code not in chosen.items:
        raise InvalidInput(
            "This connector does not run that item.", details={"connector": "not for this item"}
        )
    screening = team_screening(access, screening_id)
    item = recording_item(screening, code)
    if item.runs.filter(state__in=ACTIVE_RUN_STATES).exists():
        raise RunInProgress("A run for this check is already in progress.")
    run = CheckRun.objects.create(
        organisation=access.organisation,
        item=item,
        connector=connector_code,
        requested_by=access.principal.reference,
    )
    _event(run, screening, "check_run.requested", actor=access.principal.reference)
    transaction.on_commit(lambda: _enqueue(run.id))
    return run


def execute_run(run_id: UUID, *, now: datetime | None = None) -> CheckRun:
    """One attempt of a run, if it is due; safe to call twice (see the module docstring)."""
    now = now or timezone.now()
    attempt = _begin_attempt(run_id, now)
    if attempt is None:
        return CheckRun.objects.get(id=run_id)
    run = CheckRun.objects.get(id=run_id)
    try:
        result = connector(run.connector).run(attempt.request)
    except ConnectorError as error:
        return _attempt_failed(run_id, error, now, attempt.number)
    except Exception:  # a connector's bug must not kill the worker or lose the run
        crash = ConnectorError(
            "connector_crashed", "The connector failed unexpectedly.", retryable=True
        )
        return _attempt_failed(run_id, crash, now, attempt.number)
    try:
        return _store_result(run_id, result, now, attempt.number)
    except Exception as error:  # rolled back: nothing stored; retried like a failed call
        logger.error("check run %s: storing the result failed (%s)", run_id, type(error).__name__)
        failed = ConnectorError(
            "result_not_stored", "The result could not be stored.", retryable=True
        )
        return _attempt_failed(run_id, failed, now, attempt.number)


def due_runs(now: datetime | None = None) -> list[UUID]:
    """Runs waiting for an attempt whose time has come, oldest first (the periodic job).

    That includes a `running` run whose lease has ended: its worker died mid-attempt. One
    without a lease was marked before leases existed, and is taken over at once.
    """
    now = now or timezone.now()
    queued = CheckRun.objects.filter(state=RunState.QUEUED)
    retrying = CheckRun.objects.filter(state=RunState.RETRYING, next_attempt_at__lte=now)
    lost = CheckRun.objects.filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at=None), state=RunState.RUNNING
    )
    rows = (queued | retrying | lost).order_by("requested_at").values_list("id", flat=True)
    return list(rows)


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at an hour: patient with a provider that is down."""
    wait: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(wait, LONGEST_WAIT)


def lease(connector_code: str) -> timedelta:
    """How long one attempt holds its run: the connector's own timeout and `LEASE_MARGIN`.

    The HTTP connector bounds the whole exchange by `timeout_seconds`, so an attempt still
    `running` after its lease belongs to a worker that is gone.
    """
    try:
        timeout = getattr(connector(connector_code), "timeout_seconds", None)
    except UnknownConnector:
        timeout = None
    if isinstance(timeout, int | float) and timeout > 0:
        return timedelta(seconds=float(timeout)) + LEASE_MARGIN
    return DEFAULT_CONNECTOR_TIMEOUT + LEASE_MARGIN


def _is_due(run: CheckRun, now: datetime) -> bool:
    """Queued; retrying and its time has come; or running with its lease ended."""
    if run.state == RunState.QUEUED:
        return True
    if run.state in (RunState.RETRYING, RunState.RUNNING):
        return run.next_attempt_at is None or run.next_attempt_at <= now
    return False


@transaction.atomic
def _begin_attempt(run_id: UUID, now: datetime) -> _Attempt | None:
    run = CheckRun.objects.select_for_update().filter(id=run_id).first()
    if run is None:
        raise NotFound("Not found.")
    if not _is_due(run, now):
        return None
    screening = locked_screening(run.organisation, run.item.screening_id)
    try:
        recording_item(screening, run.item.code)
    except FairscreenError as refused:
        _finish(
            run, screening, RunState.CANCELLED, now, code=str(refused.details.get("reason", ""))
        )
        return None
    if run.state == RunState.RUNNING and run.attempts >= run.max_attempts:
        _finish(run, screening, RunState.FAILED, now, code=ATTEMPT_LOST)  # no attempt left
        return None
    request = _request_for(run, screening)
    if request is None:
        _finish(run, screening, RunState.CANCELLED, now, code="candidate_destroyed")
        return None
    if run.state == RunState.RUNNING:
        _event(run, screening, f"check_run.{ATTEMPT_LOST}", actor=f"connector:{run.connector}")
    run.state = RunState.RUNNING
    run.attempts += 1
    run.started_at = run.started_at or now
    run.next_attempt_at = now + lease(run.connector)
    run.save(update_fields=["state", "attempts", "started_at", "next_attempt_at"])
    return _Attempt(request=request, number=run.attempts)


def _locked_attempt(run_id: UUID, attempt: int) -> CheckRun | None:
    """The run, locked, if `attempt` still holds it; None once it was taken over or ended."""
    run = CheckRun.objects.select_for_update().select_related("item").get(id=run_id)
    if run.state != RunState.RUNNING or run.attempts != attempt:
        return None
    return run


def _request_for(run: CheckRun, screening: Screening) -> CheckRequest | None:
    """Only what the item needs: the name and ID number, and the consented third parties."""
    with data_key_scope():
        name = screening.candidate.full_name.reveal()
        id_number = screening.candidate.id_number.reveal()
        if isinstance(name, Destroyed) or isinstance(id_number, Destroyed):
            return None
        parties = tuple(
            ThirdPartyRef(
                id=str(party.id),
                kind=party.kind,
                name=str(party.name.reveal()),
                contact=str(party.contact.reveal()),
            )
            for party in screening.third_parties.filter(
                item_code=run.item.code, consent=ThirdPartyConsent.GRANTED
            )
        )
    return CheckRequest(
        request_id=str(run.id),
        item=run.item.code,
        full_name=name,
        id_number=id_number,
        third_parties=parties,
    )


@transaction.atomic
def _store_result(run_id: UUID, result: ConnectorResult, now: datetime, attempt: int) -> CheckRun:
    run = _locked_attempt(run_id, attempt)
    if run is None:
        return CheckRun.objects.get(id=run_id)  # superseded: the current attempt records
    screening = locked_screening(run.organisation, run.item.screening_id)
    try:
        item = recording_item(screening, run.item.code)
    except FairscreenError as refused:
        _finish(
            run, screening, RunState.CANCELLED, now, code=str(refused.details.get("reason", ""))
        )
        return run
    known = set(item.findings.values_list("external_ref", flat=True))
    fresh = [found for found in result.findings if found.external_ref not in known]
    problems = _result_problems(fresh, item.code, screening)
    if problems:
        return _invalid_result(run, screening, problems, now)
    actor = f"connector:{run.connector}"
    for reported in fresh:
        store_reported_finding(screening=screening, item=item, reported=reported, actor=actor)
    run.findings_recorded += len(fresh)
    if fresh:
        rate_screening(screening, actor=actor, trigger="check_run.succeeded")
    _finish(run, screening, RunState.SUCCEEDED, now, duplicates=len(result.findings) - len(fresh))
    return run


def _result_problems(fresh: list[ReportedFinding], item: str, screening: Screening) -> list[str]:
    """Field names (never values) of every invalid finding in the result, by position.

    Only the item's own fields are named: a key the provider chose is `(unknown field)`.
    """
    problems: list[str] = []
    refs = [found.external_ref for found in fresh]
    if any(not ref for ref in refs) or len(set(refs)) != len(refs):
        problems.append("external_ref: missing or repeated")
    for number, reported in enumerate(fresh):
        try:
            parsed_details(item, reported, screening=screening)
        except InvalidFindingInput as invalid:
            problems.extend(
                f"findings[{number}].{named_field(item, problem.field)}"
                for problem in invalid.problems
            )
    return problems


def _invalid_result(
    run: CheckRun, screening: Screening, problems: list[str], now: datetime
) -> CheckRun:
    message = "The connector's result did not fit the item's schema: " + ", ".join(problems)
    run.last_error_code = "invalid_result"
    run.last_error_message = message[:300]
    _finish(run, screening, RunState.FAILED, now, code="invalid_result")
    return run


@transaction.atomic
def _attempt_failed(run_id: UUID, error: ConnectorError, now: datetime, attempt: int) -> CheckRun:
    run = _locked_attempt(run_id, attempt)
    if run is None:
        return CheckRun.objects.get(id=run_id)  # superseded: the current attempt decides
    screening = Screening.objects.get(id=run.item.screening_id)
    run.last_error_code = error.code[:60]
    run.last_error_message = error.message[:300]
    if _retry_allowed(run, error, now):
        wait = max(backoff(run.attempts), timedelta(seconds=_suggested_wait(error)))
        run.state = RunState.RETRYING
        run.next_attempt_at = now + min(wait, LONGEST_WAIT)
        run.save()
        _event(
            run,
            screening,
            "check_run.retrying",
            actor=f"connector:{run.connector}",
            code=error.code,
        )
        return run
    _finish(run, screening, RunState.FAILED, now, code=error.code)
    return run


def _retry_allowed(run: CheckRun, error: ConnectorError, now: datetime) -> bool:
    """Failures use up the attempts; a provider that says "not done yet" does not, for a while.

    A deep check can take a provider days (CONTEXT.md: ~7 working days), so waiting for a
    pending answer is bounded by time, not by the number of times we asked.
    """
    if not error.retryable:
        return False
    if error.code == PENDING:
        return now - run.requested_at < LONGEST_PENDING
    return run.attempts < run.max_attempts


def _suggested_wait(error: ConnectorError) -> float:
    suggested = getattr(error, "retry_after_seconds", None)
    return float(suggested) if isinstance(suggested, int | float) and suggested > 0 else 0.0


def _finish(
    run: CheckRun,
    screening: Screening,
    state: RunState,
    now: datetime,
    *,
    code: str = "",
    duplicates: int = 0,
) -> None:
    run.state = state
    run.finished_at = now
    run.next_attempt_at = None
    if state != RunState.SUCCEEDED and run.last_error_code != code[:60]:
        run.last_error_code = code[:60]  # why it ended, for the analyst: ``item_completed``...
        run.last_error_message = ""  # an earlier attempt's message would tell another story
    run.save()
    extra = (
        {"findings": run.findings_recorded, "duplicates": duplicates}
        if state == RunState.SUCCEEDED
        else {"code": code}
    )
    _event(run, screening, f"check_run.{state}", actor=f"connector:{run.connector}", **extra)


def _event(
    run: CheckRun, screening: Screening, event_type: str, *, actor: str, **extra: object
) -> None:
    record_event(
        event_type=event_type,
        actor=actor,
        subject=screening.encryption_subject().subject,
        organisation=str(screening.organisation_id),
        payload={
            "run": str(run.id),
            "item": run.item.code,
            "connector": run.connector,
            "attempts": run.attempts,
            **extra,
        },
    )


def _enqueue(run_id: UUID) -> None:
    from fairscreen.screenings.tasks import run_check  # noqa: PLC0415 - tasks import services

    run_check(str(run_id))
