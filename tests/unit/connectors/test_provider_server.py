"""The test provider's own answers follow the rules the runner applies to every finding.

Why: other tests (the runner's, end to end) may run against `ProviderServer`; its sample
findings must then be ones a real, well-behaved provider could send — details that fit the
item's finding schema, and sources the item's consent notice names.
"""

from __future__ import annotations

import pytest

from fairscreen.domain.findings import parse_details, source_problem
from fairscreen.domain.scope import CATALOGUE
from tests.support.provider_server import external_ref, findings_for

REQUEST = {
    "request_id": "run-00000000-4000-8000-000000000002",
    "subject": {"full_name": "测试候选人", "id_number": "990000199001010011"},
    "third_parties": [
        {"id": "tp-0001", "kind": "referee", "name": "测试证明人", "contact": "r@example.com"},
        {"id": "tp-0003", "kind": "referee", "name": "测试证明人乙", "contact": "s@example.com"},
    ],
}


@pytest.mark.parametrize("item", CATALOGUE.codes())
def test_every_sample_finding_fits_its_item_schema_and_source_rules(item: str) -> None:
    for finding in findings_for(REQUEST | {"item": item}):
        parse_details(item=item, category=finding["category"], details=finding["details"])
        source = finding["source"]
        assert source_problem(item=item, kind=source["kind"], authority=source["authority"]) is None


def test_sample_findings_are_the_same_for_the_same_request_and_distinct_per_referee() -> None:
    first = findings_for(REQUEST | {"item": "reference_interview"})

    assert first == findings_for(REQUEST | {"item": "reference_interview"})
    assert [finding["external_ref"] for finding in first] == [
        external_ref("reference_interview", "990000199001010011", index) for index in (0, 1)
    ]
