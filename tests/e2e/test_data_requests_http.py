"""Data requests through HTTP: the candidate's "My data" pages (a portal session, only the
session's own candidate) and the DPO's console (the DPO only; another organisation 404)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from uuid import uuid4

import pytest
from django.test import Client

from fairscreen.accounts.roles import Role
from fairscreen.domain import scope
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.evidence.models import Event
from fairscreen.portal import services as portal
from fairscreen.portal.models import DataRequest
from fairscreen.privacy.models import SubjectKey
from fairscreen.screenings import services
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.models import Candidate, Screening
from fairscreen.screenings.services import ConsentChoices, EvidenceIn
from tests.factories import HiringSetup, create_candidate, create_hiring_setup, create_member
from tests.integration.decision_support import LISTED, WHEN

pytestmark = pytest.mark.django_db

ITEMS = ("identity", "dishonest_debtor")
RECORD = b"%PDF-1.4 fictional court record (test)"


@dataclass(frozen=True)
class InPortal:
    candidate: Candidate
    screening: Screening
    client: Client


def in_portal(setup: HiringSetup, **values: str) -> InPortal:
    """A candidate whose invitation link opened this client's portal session, consented,
    with one finding that keeps an evidence file."""
    candidate = create_candidate(setup.organisation, **values)
    screening = services.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=list(ITEMS),
    )
    issued = services.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    client = Client()
    assert client.get(f"/c/invitation/{issued.token}/").status_code == 302
    screening.refresh_from_db()
    services.record_consent(
        screening_id=screening.id,
        choices=ConsentChoices(
            granted=frozenset(ITEMS),
            refused=frozenset(),
            sensitive_confirmed=frozenset(
                code for code in ITEMS if scope.CATALOGUE.item(code).sensitive
            ),
            third_parties_granted=frozenset(),
        ),
        signed_name=candidate.full_name.reveal(),
        notice_digest=screening.notice_digest,
        language="zh-hans",
    )
    services.start_check(access=setup.analyst, screening_id=screening.id, code="dishonest_debtor")
    services.record_finding(
        access=setup.analyst,
        screening_id=screening.id,
        item_code="dishonest_debtor",
        category="dishonest_debtor.currently_listed",
        details=LISTED,
        source=SourceIn(
            kind="court_records",
            authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
            origin="registry:debtors",
            reference="失信名单（测试）",
            retrieved_at=WHEN,
        ),
        evidence=EvidenceIn(content=RECORD, media_type="application/pdf"),
    )
    return InPortal(candidate=candidate, screening=screening, client=client)


def signed_in(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def setup() -> HiringSetup:
    return create_hiring_setup(template_key="cashier")


def data_request(case: InPortal, kind: str = "correction", text: str = "测试：请更正 (test)"):
    return portal.submit_data_request(screening_id=case.screening.id, kind=kind, text=text)


def test_the_data_pages_need_a_portal_session(setup):
    in_portal(setup)
    client = Client()

    for path in ("/c/my-data/", "/c/my-data/copy.json", "/c/my-data/copy/"):
        assert client.get(path).status_code == 403, path
    assert client.get(f"/c/my-data/files/{uuid4()}/").status_code == 403
    assert client.post("/c/my-data/requests/", {"kind": "deletion"}).status_code == 403
    assert not DataRequest.objects.exists()
    assert not Event.objects.filter(event_type__startswith="data_request.").exists()


def test_each_session_sees_only_its_own_candidates_data(setup):
    mine = in_portal(setup, full_name="测试候选人甲 (Test Candidate A)")
    theirs = in_portal(setup, full_name="测试候选人乙 (Test Candidate B)")

    copy = mine.client.get("/c/my-data/copy.json")
    page = mine.client.get("/c/my-data/copy/").content.decode()
    home = mine.client.get("/c/my-data/").content.decode()

    assert copy.status_code == 200
    assert copy["Content-Type"].startswith("application/json")
    assert copy["Content-Disposition"].startswith("attachment;")
    document = json.loads(copy.content)
    assert document["subject"] == f"candidate:{mine.candidate.id}"
    for text in (copy.content.decode(), page):
        assert "测试候选人甲" in text
    for text in (copy.content.decode(), page, home):
        assert "测试候选人乙" not in text
        assert str(theirs.candidate.id) not in text
    assert Event.objects.filter(event_type="data_request.copy_provided").count() == 2


def test_evidence_files_download_decrypted_and_only_the_candidates_own(setup):
    mine = in_portal(setup)
    theirs = in_portal(setup)
    [own] = json.loads(mine.client.get("/c/my-data/copy.json").content)["evidence_files"]
    [other] = json.loads(theirs.client.get("/c/my-data/copy.json").content)["evidence_files"]

    download = mine.client.get(f"/c/my-data/files/{own['file']}/")
    refused = mine.client.get(f"/c/my-data/files/{other['file']}/")

    assert download.status_code == 200
    assert download.content == RECORD
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert refused.status_code == 404
    assert RECORD not in refused.content


def test_the_candidate_asks_for_a_correction_and_a_deletion_and_sees_them(setup):
    case = in_portal(setup)

    empty = case.client.post("/c/my-data/requests/", {"kind": "correction", "text": " "})
    asked = case.client.post(
        "/c/my-data/requests/",
        {"kind": "correction", "text": "测试：电话号码有误 (wrong phone, test)"},
    )
    deleted = case.client.post("/c/my-data/requests/", {"kind": "deletion", "text": ""})
    again = case.client.post("/c/my-data/requests/", {"kind": "deletion", "text": ""})
    unknown = case.client.post("/c/my-data/requests/", {"kind": "everything"})

    assert empty.status_code == 422
    assert unknown.status_code == 422
    assert asked["Location"] == deleted["Location"] == again["Location"] == "/c/my-data/"
    assert sorted(DataRequest.objects.values_list("kind", flat=True)) == ["correction", "deletion"]
    page = case.client.get("/c/my-data/").content.decode()
    assert "测试：电话号码有误" in page
    assert page.count('data-state="received"') == 2


def test_a_correction_names_only_the_candidates_own_findings(setup):
    case = in_portal(setup)
    other = in_portal(setup)
    stranger = other.screening.findings.get()

    response = case.client.post(
        "/c/my-data/requests/",
        {"kind": "correction", "text": "测试 (test)", "finding": str(stranger.id)},
    )

    assert response.status_code == 404
    assert not DataRequest.objects.exists()


def test_the_dpo_console_lists_requests_and_only_the_dpo_opens_it(setup):
    case = in_portal(setup)
    request = data_request(case)
    queue = f"/o/{setup.organisation.id}/data-requests/"
    detail = f"{queue}{request.id}/"
    dpo = signed_in(setup.dpo.principal.user)

    listed = dpo.get(queue)
    page = dpo.get(detail)

    assert listed.status_code == 200
    assert str(request.id) in listed.content.decode()
    assert case.candidate.full_name.reveal() in listed.content.decode()
    assert page.status_code == 200
    assert "测试：请更正" in page.content.decode()
    assert 'id="start-form"' in page.content.decode()
    assert f'href="{queue}"' in dpo.get(f"/o/{setup.organisation.id}/").content.decode()
    for role in (Role.ANALYST, Role.HR_ADMIN, Role.RECRUITER, Role.REVIEWER):
        other = signed_in(create_member(setup.organisation, role))
        assert other.get(queue).status_code == 403, role
        assert other.get(detail).status_code == 403, role
        assert other.post(f"{detail}start/").status_code == 403, role
    assert Client().get(queue).status_code == 302  # to the sign-in page
    assert DataRequest.objects.get(id=request.id).state == "received"


def test_another_organisations_dpo_gets_404(setup):
    case = in_portal(setup)
    request = data_request(case)
    elsewhere = create_hiring_setup()
    stranger = signed_in(elsewhere.dpo.principal.user)

    assert stranger.get(f"/o/{setup.organisation.id}/data-requests/").status_code == 404
    own_org = f"/o/{elsewhere.organisation.id}/data-requests/{request.id}/"
    assert stranger.get(own_org).status_code == 404
    assert stranger.post(f"{own_org}refusal/", {"reasons": "测试"}).status_code == 404
    assert DataRequest.objects.get(id=request.id).state == "received"


def test_the_dpo_refuses_only_with_reasons_and_deletes_only_once_confirmed(setup):
    case = in_portal(setup)
    correction = data_request(case)
    deletion = data_request(case, kind="deletion", text="")
    dpo = signed_in(setup.dpo.principal.user)
    base = f"/o/{setup.organisation.id}/data-requests/"

    no_reasons = dpo.post(f"{base}{correction.id}/refusal/", {"reasons": ""})
    refused = dpo.post(f"{base}{correction.id}/refusal/", {"reasons": "测试：法定保存义务 (test)"})
    started = dpo.post(f"{base}{deletion.id}/start/")
    unconfirmed = dpo.post(f"{base}{deletion.id}/fulfilment/", {"kind": "deletion"})
    confirmed = dpo.post(f"{base}{deletion.id}/fulfilment/", {"kind": "deletion", "confirm": "yes"})

    assert no_reasons.status_code == 422
    assert refused.status_code == started.status_code == confirmed.status_code == 302
    assert unconfirmed.status_code == 422
    assert DataRequest.objects.get(id=correction.id).state == "refused"
    assert DataRequest.objects.get(id=deletion.id).state == "fulfilled"
    key = SubjectKey.objects.get(subject=f"candidate:{case.candidate.id}")
    assert key.destroyed_at is not None
    page = dpo.get(f"{base}{deletion.id}/").content.decode()
    assert 'id="destruction-certificate"' in page
    copy = json.loads(case.client.get("/c/my-data/copy.json").content)
    assert copy["destroyed"]["destroyed_at"] == key.destroyed_at.isoformat()
    assert "已于" in case.client.get("/c/my-data/copy/").content.decode()


def test_a_request_without_a_counted_deadline_shows_to_be_set_in_the_queue(setup):
    case = in_portal(setup)
    undated = portal.submit_data_request(
        screening_id=case.screening.id, kind="deletion", today=date(2026, 12, 20)
    )
    dpo = signed_in(setup.dpo.principal.user, language="en")

    page = dpo.get(f"/o/{setup.organisation.id}/data-requests/").content.decode()
    detail = dpo.get(f"/o/{setup.organisation.id}/data-requests/{undated.id}/").content.decode()

    assert "to be set" in page
    assert "No working-day calendar for that year" in detail
    assert 'id="start-form"' in detail
    assert 'id="fulfil-form"' not in detail  # a deletion is started (and told) first
