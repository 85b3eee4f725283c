"""`HttpJsonConnector` reads answers strictly, and refuses unsafe configurations.

Each malformed answer below is sent by a real local server over real HTTP; many carry the
candidate's name or ID number where a careless provider might, to prove that the error
naming the problem never repeats them.
"""

from __future__ import annotations

from typing import Any

import pytest

from fairscreen.screenings.connectors.http_json import HttpJsonConnector
from tests.support.provider_server import FICTIONAL_JUDGMENT, ProviderServer
from tests.unit.connectors.support import (
    FULL_NAME,
    ID_NUMBER,
    TOKEN,
    assert_reveals_nothing,
    check_request,
    complete,
    connector_for,
    failure_of,
    valid_finding,
)


def _with_source(**changes: Any) -> dict[str, Any]:
    finding = valid_finding()
    finding["source"] = finding["source"] | changes
    return finding


MALFORMED_COMPLETE_ANSWERS = {
    "unknown top-level key": complete() | {FULL_NAME: ID_NUMBER},
    "unknown finding key": complete(valid_finding(subject_name=FULL_NAME)),
    "unknown source key": complete(_with_source(origin="registry:fictional")),
    "unknown evidence key": complete(
        valid_finding(evidence={"media_type": "text/plain", "content_base64": "eA==", "x": 1})
    ),
    "status missing": {"findings": []},
    "status not complete": {"status": "done", "findings": []},
    "pending shape in a 200": {"status": "pending", "retry_after_seconds": 5},
    "findings missing": {"status": "complete"},
    "findings not a list": {"status": "complete", "findings": {"name": FULL_NAME}},
    "finding not an object": complete() | {"findings": [FULL_NAME]},
    "external_ref missing": complete(
        {k: v for k, v in valid_finding().items() if k != "external_ref"}
    ),
    "external_ref empty": complete(valid_finding(external_ref="")),
    "external_ref not text": complete(valid_finding(external_ref=42)),
    "external_ref too long": complete(valid_finding(external_ref="r" * 201)),
    "external_ref padded": complete(valid_finding(external_ref=" fictional-ref-0001")),
    "external_ref repeated": complete(valid_finding(), valid_finding()),
    "category not text": complete(valid_finding(category=["civil_litigation.claimant"])),
    "details not an object": complete(valid_finding(details=[FULL_NAME])),
    "details value not text": complete(valid_finding(details={"summary": 1})),
    "details value null": complete(valid_finding(details={"summary": None})),
    "source missing": complete({k: v for k, v in valid_finding().items() if k != "source"}),
    "source kind unknown": complete(_with_source(kind="rumour_mill")),
    "authority unknown": complete(_with_source(authority="very_sure")),
    "reference empty": complete(_with_source(reference=" ")),
    "retrieved_at without zone": complete(_with_source(retrieved_at="2025-03-01T10:00:00")),
    "retrieved_at a date": complete(_with_source(retrieved_at="2025-03-01")),
    "retrieved_at not a time": complete(_with_source(retrieved_at=f"{FULL_NAME} {ID_NUMBER}")),
    "statement not text": complete(_with_source(statement=7)),
    "media type not lower-case": complete(
        valid_finding(evidence={"media_type": "Application/PDF", "content_base64": "eA=="})
    ),
    "evidence not base64": complete(
        valid_finding(evidence={"media_type": "application/pdf", "content_base64": FULL_NAME})
    ),
    "evidence empty": complete(
        valid_finding(evidence={"media_type": "application/pdf", "content_base64": ""})
    ),
}


@pytest.mark.parametrize(
    "document", MALFORMED_COMPLETE_ANSWERS.values(), ids=MALFORMED_COMPLETE_ANSWERS
)
def test_a_complete_answer_of_the_wrong_shape_is_refused(
    server: ProviderServer, document: dict[str, Any]
) -> None:
    server.respond_next_with(200, document)

    error = failure_of(connector_for(server), check_request())

    assert (error.code, error.retryable) == ("provider_malformed", False)
    assert_reveals_nothing(error)


MALFORMED_ANSWERS: dict[str, tuple[int, bytes | dict[str, Any], dict[str, str]]] = {
    "duplicate keys": (200, b'{"status": "complete", "status": "complete", "findings": []}', {}),
    "NaN": (200, b'{"status": "complete", "findings": [], "n": NaN}', {}),
    "not UTF-8": (
        200,
        f'{{"status": "complete", "findings": ["{FULL_NAME}"]}}'.encode("gb18030"),
        {},
    ),
    "nested too deep": (200, b"[" * 100_000 + b"]" * 100_000, {}),
    "a JSON list": (200, b"[]", {}),
    "empty body": (200, b"", {}),
    "not JSON media type": (200, complete(), {"Content-Type": "text/html"}),
    "not a UTF-8 charset": (200, complete(), {"Content-Type": "application/json; charset=gbk"}),
    "complete in a 202": (202, complete(), {}),
    "pending without a delay": (202, {"status": "pending"}, {}),
    "pending delay negative": (202, {"status": "pending", "retry_after_seconds": -1}, {}),
    "pending delay a boolean": (202, {"status": "pending", "retry_after_seconds": True}, {}),
    "pending delay a fraction": (202, {"status": "pending", "retry_after_seconds": 1.5}, {}),
    "pending with an unknown key": (
        202,
        {"status": "pending", "retry_after_seconds": 1, "name": FULL_NAME},
        {},
    ),
    "no content": (204, b"", {}),
    "a redirect": (302, b"", {"Location": "https://elsewhere.example.com/checks"}),
}


@pytest.mark.parametrize(
    ("status", "body", "headers"), MALFORMED_ANSWERS.values(), ids=MALFORMED_ANSWERS
)
def test_an_answer_outside_the_contract_is_refused(
    server: ProviderServer, status: int, body: bytes | dict[str, Any], headers: dict[str, str]
) -> None:
    server.respond_next_with(status, body, headers)

    error = failure_of(connector_for(server), check_request())

    assert (error.code, error.retryable) == ("provider_malformed", False)
    assert_reveals_nothing(error)


def test_evidence_larger_than_the_cap_is_refused(server: ProviderServer) -> None:
    connector = connector_for(server, max_evidence_bytes=len(FICTIONAL_JUDGMENT) - 1)

    error = failure_of(connector, check_request("civil_litigation"))

    assert (error.code, error.retryable) == ("provider_malformed", False)
    assert connector.run(check_request("education")).findings  # no evidence there: accepted


def test_an_answer_larger_than_the_cap_is_refused_unread(server: ProviderServer) -> None:
    error = failure_of(
        connector_for(server, max_response_bytes=64), check_request("civil_litigation")
    )

    assert (error.code, error.retryable) == ("provider_malformed", False)


# -- configuration ----------------------------------------------------------------------------

BAD_CONFIGURATIONS: dict[str, dict[str, Any]] = {
    "plain http to another host": {"base_url": "http://provider.example.com/api"},
    "credentials in the URL": {"base_url": "https://user:secret@provider.example.com"},
    "a query in the URL": {"base_url": "https://provider.example.com/api?key=1"},
    "not http": {"base_url": "ftp://provider.example.com"},
    "a space in the path": {"base_url": "https://provider.example.com/my api"},
    "a bad port": {"base_url": "https://provider.example.com:99999"},
    "no items": {"items": []},
    "an item outside the catalogue": {"items": ["horoscope"]},
    "a token with a space": {"token": "Bearer fictional"},
    "a token with a line break": {"token": "fictional\r\nX-Injected: 1"},
    "no token": {"token": ""},
    "zero timeout": {"timeout_seconds": 0},
    "a boolean timeout": {"timeout_seconds": True},
    "an endless timeout": {"timeout_seconds": float("inf")},
    "a code with spaces": {"code": "Example Provider"},
    "an empty origin": {"origin": " "},
}


@pytest.mark.parametrize("change", BAD_CONFIGURATIONS.values(), ids=BAD_CONFIGURATIONS)
def test_a_configuration_that_could_not_work_or_is_unsafe_is_refused(
    change: dict[str, Any],
) -> None:
    options: dict[str, Any] = {
        "code": "example_provider",
        "base_url": "https://provider.example.com/api",
        "items": ["civil_litigation"],
        "token": TOKEN,
    }
    with pytest.raises(ValueError, match=r".") as raised:
        HttpJsonConnector(**(options | change))
    assert "secret" not in str(raised.value)
    assert "fictional" not in str(raised.value)


def test_the_connector_keeps_its_token_out_of_its_repr_and_names_its_origin() -> None:
    connector = HttpJsonConnector(
        code="example_provider",
        base_url="https://provider.example.com/api",
        items=["civil_litigation", "education"],
        token=TOKEN,
    )

    assert TOKEN not in repr(connector)
    assert connector.origin == "provider:example_provider"
    assert connector.items == frozenset({"civil_litigation", "education"})
    assert connector.timeout_seconds == 10.0
