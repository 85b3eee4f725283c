"""`HttpJsonConnector` over real HTTP against a local provider (tests/support/provider_server).

No mocks: every test sends a real request to 127.0.0.1 and reads a real answer, including
the ways a provider fails. Every failure is also checked for what its error must never
carry: the candidate's name or ID number, a third party's name or contact, the token, or
anything the provider wrote in its body. The strict reading of answers is in
test_http_json_strict.py.
"""

from __future__ import annotations

import socket
import time
from datetime import UTC, datetime

import pytest

from fairscreen.domain.findings import AuthorityLevel
from fairscreen.screenings.connectors import (
    CheckRequest,
    ConnectorError,
    ConnectorResult,
    ReportedFinding,
    SourceIn,
)
from fairscreen.screenings.connectors.http_json import HttpJsonConnector
from tests.support.provider_server import (
    FICTIONAL_JUDGMENT,
    Behaviour,
    ProviderServer,
    external_ref,
)
from tests.unit.connectors.support import (
    FORMER_EMPLOYER,
    FULL_NAME,
    ID_NUMBER,
    REFEREE,
    REQUEST_ID,
    TOKEN,
    assert_reveals_nothing,
    check_request,
    connector_for,
    failure_of,
    valid_finding,
)

# -- a complete answer -------------------------------------------------------------------


def test_a_complete_answer_is_parsed_into_reported_findings_exactly(
    server: ProviderServer,
) -> None:
    result = connector_for(server).run(check_request("civil_litigation"))

    assert result == ConnectorResult(
        findings=(
            ReportedFinding(
                external_ref=external_ref("civil_litigation", ID_NUMBER),
                category="civil_litigation.claimant",
                details={
                    "case_number": "(2099)示例0101民初0001号",
                    "court": "示例市示例区人民法院",
                    "cause_of_action": "买卖合同纠纷",
                    "cause_class": "commercial_contract",
                    "role": "plaintiff",
                    "outcome": "in_candidates_favour",
                    "performance": "not_applicable",
                    "filed_on": "2023-05-04",
                    "judged_on": "2023-11-20",
                    "summary": "测试数据：虚构记录，仅用于测试。",
                },
                source=SourceIn(
                    kind="court_records",
                    authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
                    origin="provider:example_provider",
                    reference="示例裁判文书 EX-0001",
                    retrieved_at=datetime(2025, 3, 1, 2, 0, tzinfo=UTC),  # 10:00 +08:00
                    statement="虚构来源说明（测试数据）",
                ),
                evidence=FICTIONAL_JUDGMENT,
                evidence_media_type="application/pdf",
            ),
        )
    )


def test_an_empty_findings_list_is_a_clean_result(server: ProviderServer) -> None:
    assert connector_for(server).run(check_request("identity")) == ConnectorResult(findings=())


def test_sources_carry_the_configured_origin_not_one_the_provider_claims(
    server: ProviderServer,
) -> None:
    connector = connector_for(server, origin="provider:example-agency")

    (finding,) = connector.run(check_request("education")).findings

    assert finding.source.origin == "provider:example-agency"


def test_details_are_passed_on_unchecked_because_the_runner_checks_them_in_one_place(
    server: ProviderServer,
) -> None:
    finding = valid_finding() | {"category": "made.up", "details": {"not_a_field": "x"}}
    server.respond_next_with(200, {"status": "complete", "findings": [finding]})

    (reported,) = connector_for(server).run(check_request()).findings

    assert (reported.category, dict(reported.details)) == ("made.up", {"not_a_field": "x"})


def test_optional_statement_and_evidence_may_be_null_and_z_means_utc(
    server: ProviderServer,
) -> None:
    finding = valid_finding(evidence=None)
    finding["source"] |= {"statement": None, "retrieved_at": "2025-03-01T02:00:00Z"}
    server.respond_next_with(200, {"status": "complete", "findings": [finding]})

    (reported,) = connector_for(server).run(check_request()).findings

    assert (reported.evidence, reported.evidence_media_type) == (None, "")
    assert reported.source.statement is None
    assert reported.source.retrieved_at == datetime(2025, 3, 1, 2, 0, tzinfo=UTC)


# -- what is sent ----------------------------------------------------------------------------


def test_sends_the_documented_request_with_token_and_idempotency_key(
    server: ProviderServer,
) -> None:
    connector_for(server).run(check_request("reference_interview", third_parties=(REFEREE,)))

    (seen,) = server.requests
    assert seen.path == "/api/v1/checks"
    assert seen.headers["authorization"] == f"Bearer {TOKEN}"
    assert seen.headers["idempotency-key"] == REQUEST_ID
    assert seen.headers["content-type"] == "application/json; charset=utf-8"
    assert seen.body == {
        "request_id": REQUEST_ID,
        "item": "reference_interview",
        "subject": {"full_name": FULL_NAME, "id_number": ID_NUMBER},
        "third_parties": [
            {
                "id": "tp-0001",
                "kind": "referee",
                "name": "测试证明人",
                "contact": "referee@example.com",
            }
        ],
    }


@pytest.mark.parametrize(
    ("item", "sent_ids"),
    [
        ("civil_litigation", []),
        ("employment_history", ["tp-0002"]),
        ("reference_interview", ["tp-0001"]),
    ],
)
def test_sends_only_the_third_parties_the_item_names(
    server: ProviderServer, item: str, sent_ids: list[str]
) -> None:
    connector_for(server).run(check_request(item, third_parties=(REFEREE, FORMER_EMPLOYER)))

    (seen,) = server.requests
    assert seen.body is not None
    assert [party["id"] for party in seen.body["third_parties"]] == sent_ids


def test_the_same_request_id_gets_the_same_findings_under_the_same_refs(
    server: ProviderServer,
) -> None:
    connector = connector_for(server)

    first = connector.run(check_request("reference_interview", third_parties=(REFEREE,)))
    again = connector.run(check_request("reference_interview", third_parties=(REFEREE,)))

    assert first == again
    assert [finding.external_ref for finding in first.findings] == [
        external_ref("reference_interview", ID_NUMBER)
    ]
    assert server.count(REQUEST_ID) == 2


def test_an_item_the_connector_does_not_run_sends_nothing(server: ProviderServer) -> None:
    connector = connector_for(server, items=["education"])

    error = failure_of(connector, check_request("civil_litigation"))

    assert (error.code, error.retryable) == ("item_not_supported", False)
    assert server.requests == []
    assert_reveals_nothing(error)


@pytest.mark.parametrize("request_id", ["", "has space", "line\nbreak", "非ASCII", "x" * 201])
def test_a_request_id_that_cannot_be_a_header_sends_nothing(
    server: ProviderServer, request_id: str
) -> None:
    error = failure_of(connector_for(server), check_request(request_id=request_id))

    assert (error.code, error.retryable) == ("request_invalid", False)
    assert server.requests == []
    assert_reveals_nothing(error)


def test_a_value_that_is_not_valid_unicode_sends_nothing(server: ProviderServer) -> None:
    request = CheckRequest(
        request_id=REQUEST_ID, item="identity", full_name=FULL_NAME + "\ud800", id_number=ID_NUMBER
    )

    error = failure_of(connector_for(server), request)

    assert (error.code, error.retryable) == ("request_invalid", False)
    assert server.requests == []
    assert_reveals_nothing(error)


# -- failures ------------------------------------------------------------------------------------

FAILURES = [
    (Behaviour.SLOW, "provider_timeout", True),
    (Behaviour.SLOW_BODY, "provider_timeout", True),
    (Behaviour.SERVER_ERROR, "provider_unavailable", True),
    (Behaviour.BAD_GATEWAY, "provider_unavailable", True),
    (Behaviour.SERVICE_UNAVAILABLE, "provider_unavailable", True),
    (Behaviour.TOO_MANY_REQUESTS, "provider_unavailable", True),
    (Behaviour.DROP_CONNECTION, "provider_unavailable", True),
    (Behaviour.TRUNCATED, "provider_unavailable", True),
    (Behaviour.PENDING_THEN_COMPLETE, "provider_pending", True),
    (Behaviour.UNAUTHORIZED, "provider_auth_failed", False),
    (Behaviour.FORBIDDEN, "provider_auth_failed", False),
    (Behaviour.BAD_REQUEST, "provider_rejected", False),
    (Behaviour.NOT_JSON, "provider_malformed", False),
    (Behaviour.WRONG_SHAPE, "provider_malformed", False),
    (Behaviour.UNFRAMED, "provider_malformed", False),
]


@pytest.mark.parametrize(("behaviour", "code", "retryable"), FAILURES)
def test_each_failure_has_its_code_and_retryability_and_reveals_nothing(
    server: ProviderServer, behaviour: Behaviour, code: str, retryable: bool
) -> None:
    slow = behaviour in (Behaviour.SLOW, Behaviour.SLOW_BODY)
    connector = connector_for(server, timeout_seconds=0.3 if slow else 5.0)
    server.behave(behaviour)
    request = check_request("reference_interview", third_parties=(REFEREE, FORMER_EMPLOYER))

    error = failure_of(connector, request)

    assert (error.code, error.retryable) == (code, retryable)
    assert isinstance(error, ConnectorError)  # what the runner catches
    assert_reveals_nothing(error)


@pytest.mark.parametrize("behaviour", [Behaviour.SLOW, Behaviour.SLOW_BODY])
def test_a_slow_provider_is_given_up_on_at_about_the_timeout(
    server: ProviderServer, behaviour: Behaviour
) -> None:
    """SLOW_BODY sends a byte every 0.1 s: each wait is short, only the deadline ends it."""
    server.behave(behaviour)
    started = time.monotonic()

    error = failure_of(connector_for(server, timeout_seconds=0.3), check_request())

    assert error.code == "provider_timeout"
    assert time.monotonic() - started < server.slow_seconds


def test_a_provider_that_is_not_listening_is_unavailable() -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    connector = HttpJsonConnector(
        code="example_provider",
        base_url=f"http://127.0.0.1:{port}",
        items=["civil_litigation"],
        token=TOKEN,
        timeout_seconds=2,
    )

    error = failure_of(connector, check_request())

    assert (error.code, error.retryable) == ("provider_unavailable", True)
    assert_reveals_nothing(error)


@pytest.mark.parametrize(
    ("behaviour", "status", "seconds"),
    [(Behaviour.TOO_MANY_REQUESTS, 429, 7.0), (Behaviour.SERVICE_UNAVAILABLE, 503, 120.0)],
)
def test_retry_after_in_seconds_is_exposed(
    server: ProviderServer, behaviour: Behaviour, status: int, seconds: float
) -> None:
    server.behave(behaviour)

    error = failure_of(connector_for(server), check_request())

    assert (error.http_status, error.retry_after_seconds) == (status, seconds)


@pytest.mark.parametrize(
    ("status", "code", "retryable"),
    [
        (404, "provider_rejected", False),
        (408, "provider_unavailable", True),
        (409, "provider_rejected", False),
        (422, "provider_rejected", False),
        (504, "provider_unavailable", True),
    ],
)
def test_every_status_maps_to_one_code(
    server: ProviderServer, status: int, code: str, retryable: bool
) -> None:
    server.respond_next_with(status, {"error": "fictional", "echo": FULL_NAME, "id": ID_NUMBER})

    error = failure_of(connector_for(server), check_request())

    assert (error.code, error.retryable, error.http_status) == (code, retryable, status)
    assert_reveals_nothing(error)


def test_retry_after_as_an_http_date_is_seconds_from_now(server: ProviderServer) -> None:
    in_a_minute = datetime.fromtimestamp(time.time() + 60, UTC).strftime(
        "%a, %d %b %Y %H:%M:%S GMT"
    )
    server.respond_next_with(503, {"error": "maintenance"}, {"Retry-After": in_a_minute})

    error = failure_of(connector_for(server), check_request())

    assert error.retry_after_seconds is not None
    assert 50 <= error.retry_after_seconds <= 61


def test_an_unreadable_retry_after_leaves_the_delay_to_the_runner(
    server: ProviderServer,
) -> None:
    server.respond_next_with(429, {"error": "slow down"}, {"Retry-After": "soon"})

    assert failure_of(connector_for(server), check_request()).retry_after_seconds is None


def test_pending_then_complete_with_the_same_request_id(server: ProviderServer) -> None:
    server.behave(Behaviour.PENDING_THEN_COMPLETE)
    connector = connector_for(server)

    pending = failure_of(connector, check_request("education"))
    result = connector.run(check_request("education"))

    assert (pending.code, pending.retryable, pending.retry_after_seconds) == (
        "provider_pending",
        True,
        3.0,
    )
    assert [finding.external_ref for finding in result.findings] == [
        external_ref("education", ID_NUMBER)
    ]
    assert server.count(REQUEST_ID) == 2


def test_a_behaviour_can_be_set_for_one_item_only(server: ProviderServer) -> None:
    server.behave(Behaviour.SERVER_ERROR, item="education")
    connector = connector_for(server)

    assert failure_of(connector, check_request("education")).code == "provider_unavailable"
    assert connector.run(check_request("identity")) == ConnectorResult()
