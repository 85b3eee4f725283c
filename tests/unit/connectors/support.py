"""Fictional candidates, requests and answers shared by the connector tests."""

from __future__ import annotations

import traceback
from typing import Any

import pytest

from fairscreen.domain.scope import CATALOGUE
from fairscreen.screenings.connectors import CheckRequest, ConnectorError, ThirdPartyRef
from fairscreen.screenings.connectors.http_json import HttpJsonConnector, ProviderError
from tests.support.provider_server import BODY_MARKER, ProviderServer

TOKEN = "fictional-provider-token-0000"
FULL_NAME = "测试候选人"
ID_NUMBER = "990000199001010011"
REQUEST_ID = "run-00000000-4000-8000-000000000001"
REFEREE = ThirdPartyRef(
    id="tp-0001", kind="referee", name="测试证明人", contact="referee@example.com"
)
FORMER_EMPLOYER = ThirdPartyRef(
    id="tp-0002", kind="former_employer", name="示例科技有限公司", contact="hr@example.com"
)
NEVER_IN_AN_ERROR = (
    FULL_NAME,
    ID_NUMBER,
    REFEREE.name,
    REFEREE.contact,
    FORMER_EMPLOYER.name,
    FORMER_EMPLOYER.contact,
    TOKEN,
    BODY_MARKER,
)
"""Personal data, the token, and what the provider wrote: none may reach an error."""


def connector_for(
    server: ProviderServer, *, timeout_seconds: float = 5.0, **options: Any
) -> HttpJsonConnector:
    """A connector for `server` that runs every catalogue item unless `items` is given."""
    return HttpJsonConnector(
        code="example_provider",
        base_url=server.base_url,
        items=options.pop("items", CATALOGUE.codes()),
        token=options.pop("token", TOKEN),
        timeout_seconds=timeout_seconds,
        **options,
    )


def check_request(
    item: str = "civil_litigation",
    *,
    request_id: str = REQUEST_ID,
    third_parties: tuple[ThirdPartyRef, ...] = (),
) -> CheckRequest:
    return CheckRequest(
        request_id=request_id,
        item=item,
        full_name=FULL_NAME,
        id_number=ID_NUMBER,
        third_parties=third_parties,
    )


def failure_of(connector: HttpJsonConnector, request: CheckRequest) -> ProviderError:
    with pytest.raises(ProviderError) as raised:
        connector.run(request)
    return raised.value


def assert_reveals_nothing(error: ConnectorError) -> None:
    """Nothing of `NEVER_IN_AN_ERROR` in any text of the error, and nothing chained to it."""
    texts = [str(error), repr(error), error.message, *map(str, error.args)]
    texts.append("".join(traceback.format_exception(error)))
    for text in texts:
        for secret in NEVER_IN_AN_ERROR:
            assert secret not in text
    assert error.__cause__ is None
    assert error.__context__ is None  # nothing chained: a JSONDecodeError holds the body


def valid_finding(**changes: Any) -> dict[str, Any]:
    """One finding as the contract describes it, with `changes` applied."""
    finding: dict[str, Any] = {
        "external_ref": "fictional-ref-0001",
        "category": "civil_litigation.claimant",
        "details": {"summary": "测试数据"},
        "source": {
            "kind": "court_records",
            "authority": "authoritative_registry",
            "reference": "示例裁判文书 EX-0009",
            "retrieved_at": "2025-03-01T10:00:00+08:00",
        },
        "evidence": {"media_type": "application/pdf", "content_base64": "JVBERi0xLjQK"},
    }
    return finding | changes


def complete(*findings: dict[str, Any]) -> dict[str, Any]:
    return {"status": "complete", "findings": list(findings)}
