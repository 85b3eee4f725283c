"""The findings API through HTTP: the analyst sees every finding, the employer only facts.

A referee's remark alone, or hearsay however often repeated, never reaches the report (the
Beijing Fengtai case); a registry entry or two independent witnesses do. Bad input is
refused by field name, never echoed, and changes nothing; other organisations' screenings
and findings do not exist.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairscreen.accounts.roles import Role
from fairscreen.evidence.models import Event
from fairscreen.screenings.connectors import CheckRequest, ConnectorError, ConnectorResult
from fairscreen.screenings.connectors._registry import register, unregister
from fairscreen.screenings.models import CheckRun, Finding, FindingSource, ScreeningItem
from fairscreen.screenings.services import ThirdPartyIn
from tests.factories import (
    create_candidate,
    create_consented_screening,
    create_hiring_setup,
    fictional_id_number,
)

pytestmark = pytest.mark.django_db

RETRIEVED = "2026-11-20T09:30:00+08:00"
CASE_NUMBER = "(2025)测0101执123号"
DEBTOR = {
    "case_number": CASE_NUMBER,
    "court": "测试市示例区人民法院 (Test District Court)",
    "listed_on": "2025-06-01",
    "summary": "测试：被列入失信被执行人名单 (test listing)",
}
REFEREES = tuple(
    ThirdPartyIn(
        item="reference_interview",
        name=f"测试证明人{n} (test referee)",
        contact=f"ref{n}@example.com",
    )
    for n in (1, 2)
)
SANDBOX_DEBTOR = 804  # the sandbox's scenario 4 (804 % 8): currently on the debtor list


def by_token(token) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token.plaintext}")


def post(client: Client, url: str, body: dict | None = None):
    return client.post(url, body or {}, content_type="application/json")


def registry_source(origin: str = "registry:court-enforcement") -> dict:
    return {
        "kind": "court_records",
        "authority": "authoritative_registry",
        "origin": origin,
        "reference": "失信被执行人名单查询（测试）",
        "retrieved_at": RETRIEVED,
    }


def referee_source(party_id, authority: str = "first_hand_witness") -> dict:
    return {
        "kind": "referee",
        "authority": authority,
        "origin": f"third_party:{party_id}",
        "reference": "证明人访谈记录（测试）",
        "retrieved_at": RETRIEVED,
        "statement": "测试：本人直接经手 (test: handled it myself)",
    }


def stored() -> tuple[int, ...]:
    return (
        Finding.objects.count(),
        FindingSource.objects.count(),
        CheckRun.objects.count(),
        Event.objects.count(),
        *ScreeningItem.objects.order_by("id").values_list("state", flat=True),
    )


class Workspace:
    """One organisation's screening: debtor and interview checks running, education refused."""

    def __init__(self, make_token) -> None:
        self.setup = create_hiring_setup()
        organisation = self.setup.organisation
        self.candidate = create_candidate(
            organisation, id_number=fictional_id_number(SANDBOX_DEBTOR)
        )
        self.screening = create_consented_screening(
            self.setup,
            self.candidate,
            items=("identity", "dishonest_debtor", "reference_interview", "education"),
            third_parties=REFEREES,
            refuse=("education",),
        )
        self.referees = list(self.screening.third_parties.order_by("position_in_list"))
        self.base = f"/api/v1/orgs/{organisation.id}"
        self.screening_url = f"{self.base}/screenings/{self.screening.id}"
        self.analyst = by_token(make_token(organisation, Role.ANALYST))
        self.reviewer = by_token(make_token(organisation, Role.REVIEWER))

    def record(self, item: str = "dishonest_debtor", **body):
        payload = {
            "category": "dishonest_debtor.currently_listed",
            "details": DEBTOR,
            "source": registry_source(),
            **body,
        }
        return post(self.analyst, f"{self.screening_url}/items/{item}/findings", payload)

    def recorded(self, **body) -> dict:
        response = self.record(**body)
        assert response.status_code == 201, response.content
        return response.json()

    def interview(self, **body):
        payload = {
            "third_party_id": str(self.referees[0].id),
            "interviewed_on": "2026-11-19",
            "answers": [
                {"question": "dates_and_title", "answer": "2021-2024 出纳 (cashier)"},
                {
                    "question": "documented_incidents",
                    "answer": "2023 年因报销违规被书面警告 (written warning)",
                    "concern": True,
                },
            ],
            "opinion": "听说他生活作风有问题 (heard he has lifestyle problems)",
            **body,
        }
        return post(self.analyst, f"{self.screening_url}/reference-interviews", payload)

    def findings(self) -> list[dict]:
        response = self.analyst.get(f"{self.screening_url}/findings")
        assert response.status_code == 200, response.content
        return response.json()

    def report(self, purpose: str = "review") -> dict:
        response = self.reviewer.get(f"{self.screening_url}/report", {"purpose": purpose})
        assert response.status_code == 200, response.content
        return response.json()


@pytest.fixture
def workspace(make_token) -> Workspace:
    return Workspace(make_token)


def test_a_registry_finding_with_evidence_is_verified_and_reaches_the_report(workspace):
    evidence = b"%PDF-1.4 test evidence (fictional)"
    response = workspace.record(
        evidence={
            "content_base64": base64.b64encode(evidence).decode(),
            "media_type": "application/pdf",
        }
    )
    listed, report = workspace.findings(), workspace.report()

    body = response.json()
    assert response.status_code == 201
    assert body["status"] == "verified"
    assert body["employer_visible"] is True
    assert body["category"] == "dishonest_debtor.currently_listed"
    assert {detail["name"]: detail["value"] for detail in body["details"]} == DEBTOR
    assert body["sources"][0]["evidence"] == {
        "sha256": hashlib.sha256(evidence).hexdigest(),
        "media_type": "application/pdf",
        "size": len(evidence),
    }
    assert body["recorded_by"].startswith("api_token:")
    assert listed == [body]
    assert [finding["id"] for finding in report["findings"]] == [body["id"]]
    assert report["purpose"] == "review"
    assert report["screening"]["id"] == str(workspace.screening.id)
    assert "recorded_by" not in report["findings"][0]
    assert Event.objects.filter(event_type="report.viewed").count() == 1


def test_testimony_and_hearsay_stay_in_the_workspace_until_a_second_witness_corroborates(
    workspace,
):
    interview = workspace.interview()
    concern, opinion = interview.json()["findings"]
    before_corroboration = workspace.report()

    corroborated = post(
        workspace.analyst,
        f"{workspace.base}/findings/{concern['id']}/sources",
        {"source": referee_source(workspace.referees[1].id)},
    )
    hearsay_repeated = post(
        workspace.analyst,
        f"{workspace.base}/findings/{opinion['id']}/sources",
        {"source": referee_source(workspace.referees[1].id, authority="hearsay")},
    )
    listed, report = workspace.findings(), workspace.report()

    assert interview.status_code == 201
    assert (concern["status"], opinion["status"]) == ("unverified", "unverified")
    assert [source["authority"] for source in opinion["sources"]] == ["hearsay"]
    assert before_corroboration["findings"] == []
    assert corroborated.status_code == 201
    assert corroborated.json()["status"] == "corroborated"
    assert hearsay_repeated.status_code == 409  # an opinion stays hearsay: never corroborated
    assert hearsay_repeated.json()["details"]["reason"] == "opinion_not_fact"
    assert {finding["id"]: finding["status"] for finding in listed} == {
        concern["id"]: "corroborated",
        opinion["id"]: "unverified",
    }
    assert [finding["id"] for finding in report["findings"]] == [concern["id"]]
    assert "生活作风" not in json.dumps(report, ensure_ascii=False)


def test_a_retracted_finding_leaves_the_report_and_stays_closed(workspace):
    finding = workspace.recorded()
    url = f"{workspace.base}/findings/{finding['id']}"

    retracted = post(workspace.analyst, f"{url}/retract", {"reason": "wrong_person"})
    again = post(workspace.analyst, f"{url}/retract", {"reason": "duplicate"})
    corroborate = post(workspace.analyst, f"{url}/sources", {"source": registry_source("x:2")})
    unknown_reason = post(workspace.analyst, f"{url}/retract", {"reason": "felt_like_it"})

    assert retracted.status_code == 200
    assert retracted.json()["status"] == "retracted"
    assert retracted.json()["lifecycle"] == "retracted"
    assert (again.status_code, again.json()["code"]) == (409, "finding_closed")
    assert (corroborate.status_code, corroborate.json()["code"]) == (409, "finding_closed")
    assert unknown_reason.status_code == 422
    assert workspace.report()["findings"] == []
    assert [found["status"] for found in workspace.findings()] == ["retracted"]


def test_a_completed_check_keeps_its_findings_and_takes_no_more(workspace):
    finding = workspace.recorded()
    url = f"{workspace.screening_url}/items/dishonest_debtor/complete"

    completed = post(workspace.analyst, url)
    twice = post(workspace.analyst, url)
    later = workspace.record()

    assert completed.status_code == 200
    assert completed.json() == {"code": "dishonest_debtor", "state": "completed"}
    assert twice.json()["details"] == {"reason": "item_completed"}
    assert (later.status_code, later.json()["code"]) == (409, "check_not_recording")
    assert [found["id"] for found in workspace.report()["findings"]] == [finding["id"]]


def test_a_shredded_candidates_findings_read_as_destroyed_not_as_errors(workspace, make_token):
    finding = workspace.recorded()
    dpo = by_token(make_token(workspace.setup.organisation, Role.DPO))
    destroyed = post(
        dpo,
        f"{workspace.base}/candidates/{workspace.candidate.id}/destroy-keys",
        {"reason": "deletion_request"},
    )

    (listed,) = workspace.findings()
    report = workspace.report()

    assert destroyed.status_code == 200, destroyed.content
    assert listed["id"] == finding["id"]
    assert listed["category"] is None
    assert listed["destroyed_at"] is not None
    assert listed["details"] == []
    assert listed["sources"][0]["reference"] is None
    assert report["screening"]["candidate_name"] is None
    assert CASE_NUMBER not in json.dumps([listed, report], ensure_ascii=False)


SECRET = "测试机密值-SECRET-42"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"details": {**DEBTOR, "listed_on": SECRET}}, "listed_on"),
        ({"details": {**DEBTOR, "marital_status": SECRET}}, "marital_status"),
        ({"details": {key: v for key, v in DEBTOR.items() if key != "court"}}, "court"),
        ({"category": "dishonest_debtor.gossip"}, "category"),
        ({"source": {**registry_source(), "kind": "referee"}}, "source.kind"),
        ({"source": {**registry_source(), "origin": "   "}}, "source.origin"),
        ({"source": {**registry_source(), "reference": "   "}}, "source.reference"),
        ({"evidence": {"content_base64": SECRET, "media_type": "text/plain"}}, "evidence"),
        ({"evidence": {"content_base64": "dGVzdA==", "media_type": "text/html"}}, "evidence"),
    ],
)
def test_an_invalid_finding_names_the_fields_never_the_values_and_stores_nothing(
    workspace, body, field
):
    before = stored()

    response = workspace.record(**body)

    assert response.status_code == 422, response.content
    assert response.json()["code"] in {"invalid_finding", "validation_error"}
    assert any(name.startswith(field) for name in response.json()["details"])
    assert SECRET not in response.content.decode()
    assert stored() == before


@pytest.mark.parametrize(
    ("body", "location"),
    [
        ({"details": {**DEBTOR, "listed_on": 20250601}}, "listed_on"),
        ({"source": {**registry_source(), "retrieved_at": "2026-11-20T09:30:00"}}, "retrieved_at"),
        ({"source": {**registry_source(), "authority": SECRET}}, "authority"),
    ],
)
def test_badly_typed_input_is_refused_by_location_and_stores_nothing(workspace, body, location):
    before = stored()

    response = workspace.record(**body)

    fields = response.json()["details"]["fields"]
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert [problem["location"][-1] for problem in fields] == [location]
    assert SECRET not in response.content.decode()
    assert "20250601" not in response.content.decode()
    assert stored() == before


def test_findings_are_recorded_only_for_a_running_consented_check(workspace):
    before = stored()

    refused = workspace.record(item="education")
    unordered = workspace.record(item="credit_report")
    bad_answer = workspace.interview(answers=[{"question": "marital_status", "answer": SECRET}])
    not_a_referee = workspace.interview(third_party_id=str(workspace.screening.id))

    assert refused.json()["details"] == {"reason": "item_refused"}
    assert unordered.json()["details"] == {"reason": "not_ordered"}
    assert {refused.status_code, unordered.status_code} == {409}
    assert bad_answer.status_code == 422
    assert "answers[0].question" in bad_answer.json()["details"]
    assert SECRET not in bad_answer.content.decode()
    assert "third_party" in not_a_referee.json()["details"]
    assert stored() == before


@pytest.mark.parametrize("query", [{}, {"purpose": "curiosity"}])
def test_the_report_needs_a_stated_purpose(workspace, query):
    response = workspace.reviewer.get(f"{workspace.screening_url}/report", query)

    assert response.status_code == 422
    assert response.json()["details"]["fields"][0]["location"][-1] == "purpose"
    assert not Event.objects.filter(event_type="report.viewed").exists()


def test_a_sandbox_run_is_accepted_then_records_its_findings(
    workspace, django_capture_on_commit_callbacks
):
    runs_url = f"{workspace.screening_url}/items/dishonest_debtor/runs"
    with django_capture_on_commit_callbacks(execute=True):
        accepted = post(workspace.analyst, runs_url, {"connector": "sandbox"})
    runs = workspace.analyst.get(runs_url).json()
    listed = workspace.findings()

    assert accepted.status_code == 202
    assert accepted.json()["state"] == "queued"
    assert [(run["id"], run["state"]) for run in runs] == [(accepted.json()["id"], "succeeded")]
    assert runs[0]["attempts"] == 1
    assert runs[0]["findings_recorded"] == 1
    assert runs[0]["last_error_code"] is None
    assert [(found["status"], found["recorded_by"]) for found in listed] == [
        ("verified", "connector:sandbox")
    ]
    assert listed[0]["external_ref"].startswith("sandbox:debtor:")
    assert [found["id"] for found in workspace.report()["findings"]] == [listed[0]["id"]]


@dataclass(frozen=True)
class RefusingProvider:
    """A provider that turns every request down, as a real one may (the only fake allowed)."""

    code: str = "test_refusing"
    items: frozenset[str] = frozenset({"dishonest_debtor"})

    def run(self, request: CheckRequest) -> ConnectorResult:
        raise ConnectorError(
            "provider_rejected", "测试：供应商拒绝 (test refusal)", retryable=False
        )


@pytest.fixture
def refusing_provider():
    register(RefusingProvider())
    yield "test_refusing"
    unregister("test_refusing")


def test_a_failed_run_shows_the_connectors_code_and_message(
    workspace, refusing_provider, django_capture_on_commit_callbacks
):
    runs_url = f"{workspace.screening_url}/items/dishonest_debtor/runs"
    with django_capture_on_commit_callbacks(execute=True):
        post(workspace.analyst, runs_url, {"connector": refusing_provider})

    (run,) = workspace.analyst.get(runs_url).json()

    assert run["state"] == "failed"
    assert run["last_error_code"] == "provider_rejected"
    assert run["last_error_message"] == "测试：供应商拒绝 (test refusal)"
    assert run["finished_at"] is not None
    assert workspace.findings() == []


def test_one_run_at_a_time_and_only_a_connector_that_runs_the_item(workspace):
    runs_url = f"{workspace.screening_url}/items"

    first = post(workspace.analyst, f"{runs_url}/dishonest_debtor/runs", {"connector": "sandbox"})
    second = post(workspace.analyst, f"{runs_url}/dishonest_debtor/runs", {"connector": "sandbox"})
    unknown = post(workspace.analyst, f"{runs_url}/identity/runs", {"connector": "no_such"})
    wrong_item = post(
        workspace.analyst, f"{runs_url}/reference_interview/runs", {"connector": "sandbox"}
    )
    unordered = workspace.analyst.get(f"{runs_url}/credit_report/runs")

    assert first.status_code == 202
    assert (second.status_code, second.json()["code"]) == (409, "run_in_progress")
    assert unknown.json()["details"] == {"connector": "unknown"}
    assert wrong_item.json()["details"] == {"connector": "not for this item"}
    assert {unknown.status_code, wrong_item.status_code} == {422}
    assert unordered.status_code == 404
    assert CheckRun.objects.count() == 1


IMPORT_COLUMNS = [
    "screening",
    "item",
    "external_ref",
    "category",
    "source_kind",
    "source_authority",
    "source_origin",
    "source_reference",
    "source_retrieved_at",
    *(f"detail.{name}" for name in DEBTOR),
]


def results_file(workspace: Workspace, *rows: dict, name: str = "results.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=IMPORT_COLUMNS)
    writer.writeheader()
    for number, overrides in enumerate(rows, start=1):
        source = registry_source("provider:test")
        writer.writerow(
            {
                "screening": str(workspace.screening.id),
                "item": "dishonest_debtor",
                "external_ref": f"test-batch-7:{number}",
                "category": "dishonest_debtor.currently_listed",
                **{f"source_{key}": value for key, value in source.items()},
                **{f"detail.{key}": value for key, value in DEBTOR.items()},
                **overrides,
            }
        )
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


def upload(workspace: Workspace, file, query: str = ""):
    return workspace.analyst.post(f"{workspace.base}/findings/imports{query}", {"file": file})


def test_an_import_dry_run_records_nothing_then_the_file_is_recorded_once(workspace):
    before = stored()
    dry = upload(workspace, results_file(workspace, {}, {}), "?dry_run=true")
    after_dry_run = stored()
    recorded = upload(workspace, results_file(workspace, {}, {}))
    again = upload(workspace, results_file(workspace, {}, {}))

    assert dry.status_code == 200, dry.content
    assert dry.json() == {
        "rows": 2,
        "recorded": 0,
        "duplicates": 0,
        "dry_run": True,
        "problems": [],
    }
    assert after_dry_run == before
    assert (recorded.json()["recorded"], recorded.json()["dry_run"]) == (2, False)
    assert (again.json()["recorded"], again.json()["duplicates"]) == (0, 2)
    assert [found["status"] for found in workspace.findings()] == ["verified", "verified"]


def test_a_json_import_names_its_format(workspace):
    document = {
        "findings": [
            {
                "screening": str(workspace.screening.id),
                "item": "dishonest_debtor",
                "external_ref": "test-json-1",
                "category": "dishonest_debtor.currently_listed",
                "details": DEBTOR,
                "source": registry_source("provider:test"),
            }
        ]
    }
    content = json.dumps(document, ensure_ascii=False).encode()

    response = upload(
        workspace,
        SimpleUploadedFile("export.txt", content, content_type="text/plain"),
        "?format=json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["recorded"] == 1


def test_an_import_with_bad_rows_lists_them_and_records_nothing(workspace):
    before = stored()
    file = results_file(
        workspace,
        {},
        {"detail.listed_on": SECRET},
        {"item": "education"},
        {"source_authority": SECRET},
    )

    response = upload(workspace, file)

    body = response.json()
    assert response.status_code == 422
    assert body["code"] == "import_rejected"
    assert [(problem["row"], problem["field"]) for problem in body["details"]["problems"]] == [
        (2, "detail.listed_on"),
        (3, "item"),
        (4, "source_authority"),
    ]
    assert SECRET not in response.content.decode()
    assert CASE_NUMBER not in response.content.decode()
    assert stored() == before


def test_an_import_needs_a_file_in_a_known_format(workspace):
    content = results_file(workspace, {}).read()

    unnamed = upload(workspace, SimpleUploadedFile("results.xlsx", content))
    missing = workspace.analyst.post(f"{workspace.base}/findings/imports", {})
    unknown = upload(workspace, SimpleUploadedFile("results.csv", content), "?format=xml")

    assert unnamed.status_code == 422
    assert unnamed.json()["details"] == {"format": "csv or json (or name the file *.csv or *.json)"}
    assert missing.status_code == 422
    assert missing.json()["details"]["fields"][0]["location"][-1] == "file"
    assert unknown.status_code == 422
    assert Finding.objects.count() == 0


def endpoint_calls(workspace: Workspace, screening_id, finding_id) -> dict:
    """Every findings endpoint, called on `screening_id` / `finding_id` with a valid body."""
    screening_url = f"{workspace.base}/screenings/{screening_id}"
    finding_url = f"{workspace.base}/findings/{finding_id}"
    finding_body = {
        "category": "dishonest_debtor.currently_listed",
        "details": DEBTOR,
        "source": registry_source(),
    }
    interview = {
        "third_party_id": str(workspace.referees[0].id),
        "interviewed_on": "2026-11-19",
        "answers": [{"question": "duties", "answer": "测试 (test)", "concern": True}],
    }
    return {
        "findings": lambda client: client.get(f"{screening_url}/findings"),
        "record": lambda client: post(
            client, f"{screening_url}/items/dishonest_debtor/findings", finding_body
        ),
        "source": lambda client: post(
            client, f"{finding_url}/sources", {"source": registry_source("registry:second")}
        ),
        "retract": lambda client: post(client, f"{finding_url}/retract", {"reason": "duplicate"}),
        "complete": lambda client: post(client, f"{screening_url}/items/dishonest_debtor/complete"),
        "run": lambda client: post(
            client, f"{screening_url}/items/dishonest_debtor/runs", {"connector": "sandbox"}
        ),
        "runs": lambda client: client.get(f"{screening_url}/items/dishonest_debtor/runs"),
        "interview": lambda client: post(
            client, f"{screening_url}/reference-interviews", interview
        ),
        "import": lambda client: client.post(
            f"{workspace.base}/findings/imports", {"file": results_file(workspace, {})}
        ),
        "report": lambda client: client.get(f"{screening_url}/report", {"purpose": "review"}),
    }


@pytest.mark.parametrize(
    ("role", "action"),
    [
        *((Role.RECRUITER, action) for action in ("findings", "record", "source", "retract")),
        *((Role.REVIEWER, action) for action in ("complete", "run", "runs", "interview")),
        (Role.DPO, "record"),
        (Role.DPO, "import"),
        (Role.APPROVER, "findings"),
        (Role.ANALYST, "report"),
    ],
)
def test_each_endpoint_refuses_a_caller_without_the_role(workspace, make_token, role, action):
    finding = workspace.recorded()
    client = by_token(make_token(workspace.setup.organisation, role))
    before = stored()

    response = endpoint_calls(workspace, workspace.screening.id, finding["id"])[action](client)

    assert response.status_code == 403, response.content
    assert response.json()["code"] == "forbidden"
    assert stored() == before


def test_another_organisations_screenings_and_findings_do_not_exist(workspace, make_token):
    theirs = Workspace(make_token)
    their_finding = theirs.recorded()
    ours_everything = by_token(make_token(workspace.setup.organisation, *Role))
    calls = endpoint_calls(workspace, theirs.screening.id, their_finding["id"])
    before = stored()

    responses = {
        action: call(ours_everything) for action, call in calls.items() if action != "import"
    }
    their_path = ours_everything.get(f"{theirs.screening_url}/findings")
    imported = upload(workspace, results_file(workspace, {"screening": str(theirs.screening.id)}))

    assert {action: r.status_code for action, r in responses.items()} == dict.fromkeys(
        responses, 404
    )
    assert all(response.json()["code"] == "not_found" for response in responses.values())
    assert their_path.status_code == 404
    assert imported.status_code == 422
    assert [problem["field"] for problem in imported.json()["details"]["problems"]] == ["screening"]
    assert stored() == before
    for response in [*responses.values(), their_path, imported]:
        assert str(theirs.candidate.full_name.reveal()) not in response.content.decode()
        assert CASE_NUMBER not in response.content.decode()


def test_evidence_up_to_ten_megabytes_can_be_sent_as_base64(workspace):
    evidence = b"%PDF-1.4 " + b"0" * (3 * 1024 * 1024)
    encoded = base64.b64encode(evidence).decode()

    response = workspace.record(
        evidence={"content_base64": encoded, "media_type": "application/pdf"}
    )

    assert response.status_code == 201


def test_a_body_beyond_the_upload_limit_is_413_not_a_server_error(workspace):
    evidence = b"%PDF-1.4 " + b"0" * (12 * 1024 * 1024)
    encoded = base64.b64encode(evidence).decode()

    response = workspace.record(
        evidence={"content_base64": encoded, "media_type": "application/pdf"}
    )

    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


def test_an_auditor_reads_the_report_for_an_audit_only(workspace, make_token):
    workspace.recorded()
    auditor = by_token(make_token(workspace.setup.organisation, Role.AUDITOR))

    refused = auditor.get(f"{workspace.screening_url}/report", {"purpose": "review"})
    audited = auditor.get(f"{workspace.screening_url}/report", {"purpose": "audit"})

    assert refused.status_code == 422
    assert refused.json()["details"] == {"purpose": "audit"}
    assert audited.status_code == 200
