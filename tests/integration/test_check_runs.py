"""Connector runs on the job queue: retries with backoff, exactly once, never beyond consent.

The connectors here are scripted stand-ins for an external provider (the only fakes the
project allows), behind the same Protocol as the real ones; the sandbox is the real one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from fairscreen.core.errors import FairscreenError
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.evidence.models import Event
from fairscreen.screenings import services
from fairscreen.screenings.connectors import (
    CheckRequest,
    ConnectorError,
    ConnectorResult,
    ReportedFinding,
    SourceIn,
)
from fairscreen.screenings.connectors._registry import register, unregister
from fairscreen.screenings.identity import check_character
from fairscreen.screenings.models import CheckRun, Finding, RunState
from fairscreen.screenings.services._runs import (
    backoff,
    due_runs,
    execute_run,
    lease,
    request_check_run,
)
from tests.factories import create_candidate, create_consented_screening, create_hiring_setup

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def listing(ref: str, **details: str) -> ReportedFinding:
    return ReportedFinding(
        external_ref=ref,
        category="dishonest_debtor.currently_listed",
        details={
            "case_number": f"(2025)测0101执{ref}号",
            "court": "测试法院 (test court)",
            "listed_on": "2025-06-01",
            "summary": "测试名单记录 (test listing)",
            **details,
        },
        source=SourceIn(
            kind="court_records",
            authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
            origin="provider:scripted",
            reference="测试供应商 (test provider)",
            retrieved_at=NOW,
        ),
    )


@dataclass
class ScriptedConnector:
    """Answers from a script, one step per call; records what it was asked."""

    steps: list[Callable[[CheckRequest], ConnectorResult]]
    code: str = "scripted"
    items: frozenset[str] = frozenset({"dishonest_debtor", "education"})
    requests: list[CheckRequest] = field(default_factory=list)

    def run(self, request: CheckRequest) -> ConnectorResult:
        self.requests.append(request)
        return self.steps.pop(0)(request)


def answers(*findings: ReportedFinding) -> Callable[[CheckRequest], ConnectorResult]:
    return lambda _request: ConnectorResult(findings=findings)


def fails(code: str, *, retryable: bool) -> Callable[[CheckRequest], ConnectorResult]:
    def step(_request: CheckRequest) -> ConnectorResult:
        raise ConnectorError(code, "测试：供应商不可用 (test)", retryable=retryable)

    return step


def worker_dies(_request: CheckRequest) -> ConnectorResult:
    """The worker process ends mid-call (killed, out of memory): nothing after runs."""
    raise SystemExit(137)


def events(event_type: str) -> int:
    return Event.objects.filter(event_type=event_type).count()


@pytest.fixture
def scripted() -> Iterator[Callable[..., ScriptedConnector]]:
    def make(*steps: Callable[[CheckRequest], ConnectorResult]) -> ScriptedConnector:
        connector = ScriptedConnector(steps=list(steps))
        register(connector)
        return connector

    yield make
    unregister("scripted")


@pytest.fixture
def setup():
    return create_hiring_setup()


@pytest.fixture
def screening(setup):
    return create_consented_screening(setup, create_candidate(setup.organisation))


def request(setup, screening, code="dishonest_debtor", connector="scripted"):
    return request_check_run(
        access=setup.analyst, screening_id=screening.id, code=code, connector_code=connector
    )


def test_a_run_records_the_findings_and_sends_only_what_the_item_needs(setup, screening, scripted):
    connector = scripted(answers(listing("A1"), listing("A2")))
    run = execute_run(request(setup, screening).id, now=NOW)

    assert run.state == RunState.SUCCEEDED
    assert run.findings_recorded == 2
    assert Finding.objects.filter(screening=screening).count() == 2
    asked = connector.requests[0]
    assert asked.item == "dishonest_debtor"
    assert asked.request_id == str(run.id)
    assert asked.third_parties == ()
    assert asked.full_name == screening.candidate.full_name.reveal()


def test_a_result_delivered_twice_is_recorded_once(setup, screening, scripted):
    scripted(answers(listing("A1")), answers(listing("A1"), listing("A2")))
    execute_run(request(setup, screening).id, now=NOW)
    again = execute_run(request(setup, screening).id, now=NOW)

    assert again.findings_recorded == 1
    refs = sorted(Finding.objects.values_list("external_ref", flat=True))
    assert refs == ["A1", "A2"]
    succeeded = Event.objects.filter(event_type="check_run.succeeded").order_by("sequence").last()
    assert b'"duplicates":1' in bytes(succeeded.entry)


def test_a_provider_that_is_down_is_retried_with_backoff_then_the_run_fails(
    setup, screening, scripted
):
    scripted(*[fails("provider_unavailable", retryable=True)] * 4)
    run_id = request(setup, screening).id
    moment = NOW
    for attempt in range(1, 4):
        run = execute_run(run_id, now=moment)
        assert run.state == RunState.RETRYING
        assert run.next_attempt_at == moment + backoff(attempt)
        assert execute_run(run_id, now=moment + timedelta(seconds=1)).attempts == attempt  # not due
        assert run_id not in due_runs(moment + timedelta(seconds=1))
        moment = run.next_attempt_at
        assert run_id in due_runs(moment)
    run = execute_run(run_id, now=moment)

    assert run.state == RunState.FAILED
    assert run.attempts == 4
    assert run.last_error_code == "provider_unavailable"
    assert Finding.objects.count() == 0
    assert Event.objects.filter(event_type="check_run.retrying").count() == 3
    assert Event.objects.filter(event_type="check_run.failed").count() == 1


def test_a_provider_that_recovers_loses_nothing(setup, screening, scripted):
    scripted(fails("provider_timeout", retryable=True), answers(listing("B1")))
    run_id = request(setup, screening).id
    first = execute_run(run_id, now=NOW)
    run = execute_run(run_id, now=first.next_attempt_at)

    assert run.state == RunState.SUCCEEDED
    assert list(Finding.objects.values_list("external_ref", flat=True)) == ["B1"]


def test_a_refusal_by_the_provider_is_not_retried(setup, screening, scripted):
    scripted(fails("provider_rejected", retryable=False))
    run = execute_run(request(setup, screening).id, now=NOW)
    assert run.state == RunState.FAILED
    assert run.attempts == 1


def test_a_malformed_result_stores_nothing_and_names_the_bad_fields_only(
    setup, screening, scripted
):
    bad = listing("C2", listed_on="yesterday", marital_status="未婚")
    scripted(answers(listing("C1"), bad))
    run = execute_run(request(setup, screening).id, now=NOW)

    assert run.state == RunState.FAILED
    assert run.last_error_code == "invalid_result"
    assert "findings[1].listed_on" in run.last_error_message
    assert "findings[1].(unknown field)" in run.last_error_message
    assert "marital_status" not in run.last_error_message  # not the item's: not named
    assert "未婚" not in run.last_error_message
    assert "yesterday" not in run.last_error_message
    assert Finding.objects.count() == 0


def test_a_field_name_the_provider_chose_is_never_stored_in_the_error(setup, screening, scripted):
    name = screening.candidate.full_name.reveal()
    keyed_by_the_person = listing("C3", **{name: "测试 (test)", "case_numbr": "x"})
    scripted(answers(keyed_by_the_person))
    run = execute_run(request(setup, screening).id, now=NOW)

    assert run.last_error_code == "invalid_result"
    assert run.last_error_message.count("findings[0].(unknown field)") == 2
    assert name not in run.last_error_message
    assert "case_numbr" not in run.last_error_message
    failed = Event.objects.filter(event_type="check_run.failed").get()
    assert name.encode() not in bytes(failed.entry)


def test_a_withdrawal_during_the_call_means_nothing_is_stored(setup, screening, scripted):
    def withdraw_meanwhile(_request: CheckRequest) -> ConnectorResult:
        services.record_withdrawal_for_candidate(access=setup.recruiter, screening_id=screening.id)
        return ConnectorResult(findings=(listing("D1"),))

    scripted(withdraw_meanwhile)
    run = execute_run(request(setup, screening).id, now=NOW)

    assert run.state == RunState.CANCELLED
    assert run.last_error_code == "screening_withdrawn"  # why, for the analyst
    assert Finding.objects.count() == 0


def test_a_check_cannot_be_completed_while_a_run_is_active(setup, screening, scripted):
    scripted(answers(listing("E1")))
    run_id = request(setup, screening).id
    before = Event.objects.count()

    with pytest.raises(FairscreenError) as raised:
        services.complete_check(
            access=setup.analyst, screening_id=screening.id, code="dishonest_debtor"
        )
    assert raised.value.code == "run_in_progress"
    assert screening.items.get(code="dishonest_debtor").state == "running"
    assert Event.objects.count() == before

    assert execute_run(run_id, now=NOW).state == RunState.SUCCEEDED  # the answer is kept
    item = services.complete_check(
        access=setup.analyst, screening_id=screening.id, code="dishonest_debtor"
    )
    assert item.state == "completed"
    assert list(Finding.objects.values_list("external_ref", flat=True)) == ["E1"]


def test_a_run_whose_worker_died_is_taken_over_when_its_lease_ends(setup, screening, scripted):
    connector = scripted(worker_dies, answers(listing("F1")))
    run_id = request(setup, screening).id
    with pytest.raises(SystemExit):
        execute_run(run_id, now=NOW)
    stuck = CheckRun.objects.get(id=run_id)
    assert (stuck.state, stuck.attempts) == (RunState.RUNNING, 1)
    ends = NOW + lease("scripted")
    assert stuck.next_attempt_at == ends

    with pytest.raises(FairscreenError) as raised:
        request(setup, screening)
    assert raised.value.code == "run_in_progress"
    just_before = ends - timedelta(seconds=1)
    assert run_id not in due_runs(just_before)
    assert execute_run(run_id, now=just_before).attempts == 1  # still the first attempt's

    assert run_id in due_runs(ends)
    run = execute_run(run_id, now=ends)
    assert (run.state, run.attempts, run.next_attempt_at) == (RunState.SUCCEEDED, 2, None)
    assert list(Finding.objects.values_list("external_ref", flat=True)) == ["F1"]
    assert [asked.request_id for asked in connector.requests] == [str(run_id)] * 2
    assert events("check_run.attempt_lost") == 1


def test_a_lost_attempt_with_no_attempts_left_fails_the_run(setup, screening, scripted):
    scripted(*[fails("provider_unavailable", retryable=True)] * 3, worker_dies)
    run_id = request(setup, screening).id
    moment = NOW
    for _attempt in range(3):
        moment = execute_run(run_id, now=moment).next_attempt_at
    with pytest.raises(SystemExit):
        execute_run(run_id, now=moment)

    run = execute_run(run_id, now=moment + lease("scripted"))
    assert (run.state, run.attempts) == (RunState.FAILED, 4)
    assert run.last_error_code == "attempt_lost"
    assert run.last_error_message == ""  # not the earlier attempts' provider_unavailable
    assert run_id not in due_runs(moment + lease("scripted"))
    scripted(answers())
    assert request(setup, screening).state == RunState.QUEUED  # the check is free again


def test_an_attempt_that_answers_after_its_lease_was_taken_over_changes_nothing(
    setup, screening, scripted
):
    def slow_first_answer(asked: CheckRequest) -> ConnectorResult:
        # its lease ends meanwhile, and the periodic job, on another worker, takes over
        execute_run(UUID(asked.request_id), now=NOW + lease("scripted"))
        return ConnectorResult(findings=(listing("G1"), listing("G2")))

    scripted(slow_first_answer, answers(listing("G1")))
    run = execute_run(request(setup, screening).id, now=NOW)

    assert (run.state, run.attempts, run.findings_recorded) == (RunState.SUCCEEDED, 2, 1)
    assert list(Finding.objects.values_list("external_ref", flat=True)) == ["G1"]
    assert events("check_run.succeeded") == 1


def test_a_result_that_cannot_be_stored_is_retried_not_lost(setup, screening, scripted, caplog):
    broken = ReportedFinding(
        external_ref="H1",
        category="dishonest_debtor.currently_listed",
        details=listing("H1").details,
        source=SourceIn(
            kind="court_records",
            authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
            origin="provider:scripted",
            reference="测试供应商 (test provider)",
            retrieved_at="2026-12-01",  # type: ignore[arg-type] - a connector's bug
        ),
    )
    scripted(answers(broken), answers(listing("H1")))
    run_id = request(setup, screening).id

    first = execute_run(run_id, now=NOW)
    assert (first.state, first.last_error_code) == (RunState.RETRYING, "result_not_stored")
    assert first.next_attempt_at == NOW + backoff(1)
    assert Finding.objects.count() == 0
    assert screening.candidate.full_name.reveal() not in caplog.text
    run = execute_run(run_id, now=first.next_attempt_at)
    assert run.state == RunState.SUCCEEDED
    assert list(Finding.objects.values_list("external_ref", flat=True)) == ["H1"]


def test_a_run_is_only_for_a_running_consented_item_of_the_connectors_kind(setup, scripted):
    scripted()
    screening = create_consented_screening(
        setup, create_candidate(setup.organisation), refuse=("dishonest_debtor",)
    )
    for code, connector, expected in [
        ("dishonest_debtor", "scripted", "check_not_recording"),
        ("identity", "scripted", "validation_error"),
        ("education", "nonexistent", "validation_error"),
    ]:
        with pytest.raises(FairscreenError) as raised:
            request(setup, screening, code=code, connector=connector)
        assert raised.value.code == expected
    assert CheckRun.objects.count() == 0


def test_one_run_at_a_time_per_check(setup, screening, scripted):
    scripted(answers())
    request(setup, screening)
    with pytest.raises(FairscreenError) as raised:
        request(setup, screening)
    assert raised.value.code == "run_in_progress"


def test_the_sandbox_finds_the_same_records_for_the_same_fictional_person(setup):
    candidate = create_candidate(setup.organisation, id_number=_fictional(4))
    screening = create_consented_screening(setup, candidate)
    run = execute_run(request(setup, screening, connector="sandbox").id, now=NOW)

    assert run.state == RunState.SUCCEEDED
    finding = Finding.objects.get()
    assert finding.status == "verified"
    assert finding.category.reveal() == "dishonest_debtor.currently_listed"


def test_the_sandbox_refuses_a_real_persons_id_number(setup):
    first = "11010519491231002"  # a syntactically valid Beijing number
    candidate = create_candidate(setup.organisation, id_number=first + check_character(first))
    screening = create_consented_screening(setup, candidate)
    run = execute_run(request(setup, screening, connector="sandbox").id, now=NOW)

    assert run.state == RunState.FAILED
    assert run.last_error_code == "sandbox_real_person"


def _fictional(scenario: int) -> str:
    first = f"99000019990101{800 + scenario:03d}"
    return first + check_character(first)
