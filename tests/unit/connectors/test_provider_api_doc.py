"""The examples in docs/provider-api.md are what the connector sends and accepts.

Why: a provider implements the contract from that page; if its examples drifted from the
code, a provider following them faithfully would be refused.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from fairscreen.domain.findings import parse_details, source_problem
from fairscreen.domain.scope import CATALOGUE
from fairscreen.screenings.connectors import CheckRequest, ProviderError, ThirdPartyRef
from fairscreen.screenings.connectors.http_json import HttpJsonConnector
from tests.support.provider_server import ProviderServer
from tests.unit.connectors.support import TOKEN

_DOC = Path(__file__).resolve().parents[3] / "docs" / "provider-api.md"
_EXAMPLES = [
    json.loads(block) for block in re.findall(r"```json\n(.*?)```", _DOC.read_text(), re.DOTALL)
]
REQUESTS = [example for example in _EXAMPLES if "request_id" in example]
COMPLETE = [example for example in _EXAMPLES if example.get("status") == "complete"]
PENDING = [example for example in _EXAMPLES if example.get("status") == "pending"]


def _connector(server: ProviderServer) -> HttpJsonConnector:
    return HttpJsonConnector(
        code="example_provider",
        base_url=server.base_url,
        items=["civil_litigation", "reference_interview"],
        token=TOKEN,
    )


def _request(example: dict[str, Any]) -> CheckRequest:
    return CheckRequest(
        request_id=example["request_id"],
        item=example["item"],
        full_name=example["subject"]["full_name"],
        id_number=example["subject"]["id_number"],
        third_parties=tuple(ThirdPartyRef(**party) for party in example["third_parties"]),
    )


def test_the_page_has_examples_of_each_kind() -> None:
    assert (len(REQUESTS), len(COMPLETE), len(PENDING)) == (2, 2, 2)


@pytest.mark.parametrize("example", REQUESTS)
def test_each_example_request_is_what_the_connector_sends(
    server: ProviderServer, example: dict[str, Any]
) -> None:
    _connector(server).run(_request(example))

    assert server.requests[0].body == example


@pytest.mark.parametrize("example", COMPLETE)
def test_each_example_complete_answer_is_accepted_and_passes_the_runner_checks(
    server: ProviderServer, example: dict[str, Any]
) -> None:
    server.respond_next_with(200, example)

    result = _connector(server).run(_request(REQUESTS[0]))

    assert len(result.findings) == len(example["findings"])
    for finding in example["findings"]:
        catalogued = CATALOGUE.item_of_category(finding["category"])
        assert catalogued is not None
        item = catalogued.code
        parse_details(item=item, category=finding["category"], details=finding["details"])
        kind, authority = finding["source"]["kind"], finding["source"]["authority"]
        assert source_problem(item=item, kind=kind, authority=authority) is None


@pytest.mark.parametrize("example", PENDING)
def test_each_example_pending_answer_is_pending(
    server: ProviderServer, example: dict[str, Any]
) -> None:
    server.respond_next_with(202, example)

    with pytest.raises(ProviderError) as raised:
        _connector(server).run(_request(REQUESTS[0]))

    assert raised.value.code == "provider_pending"
    assert raised.value.retry_after_seconds == example["retry_after_seconds"]
