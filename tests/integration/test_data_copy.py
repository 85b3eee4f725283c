"""The copy of all my data (PIPL Art. 45): everything held about the candidate, nothing
about anyone else — not another candidate, not the staff who handled the file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from fairscreen.accounts.models import User
from fairscreen.core.errors import NotFound
from fairscreen.decisions import services as decisions
from fairscreen.domain.findings import AuthorityLevel
from fairscreen.evidence.models import Event
from fairscreen.portal.data_export import (
    FORMAT,
    SERIALIZERS,
    STAFF_MASK,
    ExportContext,
    data_copy_of,
    evidence_download,
    provide_data_copy,
    readable_copy,
)
from fairscreen.portal.data_export._registry import generic_record
from fairscreen.portal.models import DataRequest
from fairscreen.portal.services import open_dispute
from fairscreen.privacy.models import DestructionReason
from fairscreen.privacy.subjects import personal_data_models
from fairscreen.screenings import services
from fairscreen.screenings.connectors import SourceIn
from fairscreen.screenings.models import Candidate, Screening
from fairscreen.screenings.services import EvidenceIn, ThirdPartyIn
from tests.factories import TEST_PASSWORD, create_candidate, create_consented_screening
from tests.integration.decision_support import LISTED, WHEN, DecisionWorld, decision_world

pytestmark = pytest.mark.django_db

HEARSAY_ANSWER = "听说此人有生活作风问题（测试传闻）(test hearsay remark)"
HEARSAY_STATEMENT = "测试：只是听同事说的 (only heard it from a colleague)"
REFEREE = ThirdPartyIn(
    item="reference_interview",
    name="测试证明人王某 (Test Referee Wang)",
    contact="referee-wang@example.com",
)
INTERVIEW_NOTE = b"test interview note: fictional"
RECEIPT = b"%PDF-1.4 test receipt (fictional)"
RESPONSE = "测试：该债务已于 2025 年 9 月清偿 (paid in September 2025, test)"
DISPUTE = "测试：名单有误，已清偿 (the listing is wrong, test)"
BYSTANDER = {
    "full_name": "测试旁人甲乙丙 (Test Bystander)",
    "phone": "13899990007",
    "email": "bystander-distinct@example.com",
}
BYSTANDER_CASE = "(2025)测旁人专属99号 (bystander only)"


@dataclass(frozen=True)
class RichWorld:
    world: DecisionWorld
    candidate: Candidate
    second: Screening
    bystander: Candidate


def rich_world() -> RichWorld:
    """A candidate with two screenings, a verified and a hearsay finding, a preliminary
    decision with its assessment and the candidate's response, and a dispute; and a
    bystander in the same organisation with distinctive values of their own."""
    world = decision_world()
    setup = world.setup
    candidate = world.screening.candidate
    second = create_consented_screening(
        setup, candidate, items=("identity", "reference_interview"), third_parties=(REFEREE,)
    )
    party = second.third_parties.get()
    services.record_finding(
        access=setup.analyst,
        screening_id=second.id,
        item_code="reference_interview",
        category="reference.workplace_integrity",
        details={
            "question": "工作表现 (work)",
            "answer": HEARSAY_ANSWER,
            "interviewed_on": "2026-11-19",
        },
        source=SourceIn(
            kind="referee",
            authority=AuthorityLevel.HEARSAY,
            origin=f"third_party:{party.id}",
            reference="证明人访谈记录（测试）",
            retrieved_at=WHEN,
            statement=HEARSAY_STATEMENT,
        ),
        evidence=EvidenceIn(content=INTERVIEW_NOTE, media_type="text/plain"),
    )
    approver_name = world.approver.principal.user.display_name
    decision = decisions.open_decision(access=world.reviewer, screening_id=world.screening.id)
    decisions.record_assessment(
        access=world.reviewer,
        decision_id=decision.id,
        findings=[world.finding.id],
        nature_and_gravity="测试：仍在失信名单上 (still listed)",
        time_elapsed="测试：2025 年 6 月列入 (listed June 2025)",
        relevance_to_duties="测试：出纳保管现金 (keeps cash)",
        candidate_statement="测试：候选人尚未说明 (nothing yet)",
    )
    decisions.propose_decision(
        access=world.reviewer,
        decision_id=decision.id,
        outcome="do_not_proceed",
        reasons=f"测试：岗位负责现金，已与{approver_name}商量 (handles cash; discussed)",
    )
    decisions.sign_decision(
        access=world.approver,
        decision_id=decision.id,
        password=TEST_PASSWORD,
        today=date(2026, 3, 2),
    )
    decisions.record_candidate_response(screening_id=world.screening.id, statement=RESPONSE)
    open_dispute(
        screening_id=world.screening.id,
        finding_id=world.finding.id,
        statement=DISPUTE,
        evidence=EvidenceIn(content=RECEIPT, media_type="application/pdf"),
        today=date(2026, 3, 3),
    )
    bystander = create_candidate(setup.organisation, **BYSTANDER)
    other = create_consented_screening(setup, bystander, items=("identity", "dishonest_debtor"))
    services.record_finding(
        access=setup.analyst,
        screening_id=other.id,
        item_code="dishonest_debtor",
        category="dishonest_debtor.currently_listed",
        details={**LISTED, "case_number": BYSTANDER_CASE},
        source=SourceIn(
            kind="court_records",
            authority=AuthorityLevel.AUTHORITATIVE_REGISTRY,
            origin="registry:debtors",
            reference="失信名单（测试旁人）",
            retrieved_at=WHEN,
        ),
    )
    return RichWorld(world=world, candidate=candidate, second=second, bystander=bystander)


@pytest.fixture
def rich() -> RichWorld:
    return rich_world()


def copy_text(rich: RichWorld) -> str:
    return json.dumps(data_copy_of(rich.candidate).document, ensure_ascii=False)


def page_text(rich: RichWorld, language: str = "zh-hans") -> str:
    copy = data_copy_of(rich.candidate)
    with translation.override(language):
        return render_to_string(
            "portal/data_copy.html",
            {
                "copy": copy.document,
                "destroyed": copy.destroyed,
                "readable": readable_copy(copy.document, language=language),
            },
        )


def test_the_copy_holds_every_piece_of_the_candidates_file(rich):
    document = data_copy_of(rich.candidate).document
    records = document["records"]
    text = json.dumps(document, ensure_ascii=False)

    assert document["format"] == FORMAT
    assert document["subject"] == f"candidate:{rich.candidate.id}"
    assert document["destroyed"] is None
    [me] = records["candidate"]
    assert me["full_name"] == rich.candidate.full_name.reveal()
    assert me["id_number"] == rich.candidate.id_number.reveal()
    assert me["email"] == rich.candidate.email.reveal()
    assert {row["id"] for row in records["screenings"]} == {
        str(rich.world.screening.id),
        str(rich.second.id),
    }
    first = next(row for row in records["screenings"] if row["id"] == str(rich.world.screening.id))
    assert {item["code"]: item["state"] for item in first["items"]} == {
        "identity": "completed",
        "dishonest_debtor": "completed",
    }
    assert first["notice_digest"] == rich.world.screening.notice_digest
    assert first["notice"]["items"]
    assert first["disclosure"]
    consent = next(row for row in records["consent_records"] if row["screening"] == first["id"])
    assert consent["signed_name"] == me["full_name"]
    assert consent["signed_at"]
    assert consent["choices"]
    [referee] = records["third_parties"]
    assert (referee["name"], referee["contact"]) == (REFEREE.name, REFEREE.contact)
    statuses = {row["status"] for row in records["findings"]}
    assert statuses >= {"unverified", "disputed"}
    hearsay = next(row for row in records["findings"] if row["status"] == "unverified")
    assert hearsay["details"]["answer"] == HEARSAY_ANSWER
    [source] = hearsay["sources"]
    assert (source["authority"], source["statement"]) == ("hearsay", HEARSAY_STATEMENT)
    assert source["evidence"]["sha256"] == hashlib.sha256(INTERVIEW_NOTE).hexdigest()
    assert LISTED["case_number"] in text
    assert records["ratings"]
    assert all(row["result"] for row in records["ratings"])
    [decision] = records["decisions"]
    assert (decision["outcome"], decision["state"]) == ("do_not_proceed", "preliminary")
    assert decision["assessments"][0]["relevance_to_duties"].startswith("测试：出纳保管现金")
    assert {entry["by"]["kind"] for entry in decision["history"]} == {"staff"}
    [notice] = [row for row in records["notices"] if row["kind"] == "preliminary"]
    assert notice["content"]["report"]["findings"]
    assert notice["responses"][0]["statement"] == RESPONSE
    [dispute] = records["disputes"]
    assert dispute["statement"] == DISPUTE
    assert dispute["evidence"]["sha256"] == hashlib.sha256(RECEIPT).hexdigest()
    assert {row["kind"] for row in records["notifications"]} >= {"decision.preliminary_notice"}
    assert len(document["evidence_files"]) == 2
    assert {row["event_type"] for row in document["processing_record"]} >= {
        "candidate.registered",
        "consent.granted",
        "finding.recorded",
        "dispute.opened",
    }


def test_nothing_about_anyone_else_is_in_the_copy_or_the_page(rich):
    organisation = rich.world.setup.organisation
    staff = list(User.objects.filter(memberships__organisation=organisation))
    texts = {"json": copy_text(rich), "zh": page_text(rich), "en": page_text(rich, "en")}
    forbidden = [
        *BYSTANDER.values(),
        BYSTANDER_CASE,
        rich.bystander.id_number.reveal(),
        str(rich.bystander.id),
        *(user.display_name for user in staff),
        *(user.email for user in staff),
        *(str(user.id) for user in staff),
    ]

    for name, text in texts.items():
        leaked = [value for value in forbidden if value in text]
        assert not leaked, f"{name} copy names someone else: {leaked}"
    assert STAFF_MASK in texts["json"]  # the approver's name in the reasons was masked


def test_the_copy_holds_no_ciphertext_blind_index_or_key(rich):
    text = copy_text(rich)
    candidate = Candidate.objects.get(id=rich.candidate.id)

    assert "fs1:" not in text
    for index in (candidate.id_number_index, candidate.phone_index, candidate.email_index):
        assert index not in text
    assert "wrapped_key" not in text
    assert "kek" not in text.lower()


def test_every_personal_data_model_has_its_own_serializer():
    """A model holding personal data is copied field by field only when someone has written
    what its copy says; the generic dump is a safety net, not a design."""
    missing = [
        model._meta.label_lower
        for model in personal_data_models()
        if model._meta.label_lower not in SERIALIZERS
    ]

    assert not missing, f"add a serializer in portal/data_export for: {missing}"


def test_the_generic_dump_decrypts_and_leaves_out_indexes_and_staff(rich):
    context = ExportContext(
        organisation_id=rich.candidate.organisation_id, candidate_id=rich.candidate.id
    )
    record = generic_record(Candidate.objects.get(id=rich.candidate.id), context)
    entry = rich.world.screening.decisions.get().entries.first()
    dumped_entry = generic_record(entry, context)

    assert record["full_name"] == rich.candidate.full_name.reveal()
    assert not any(key.endswith("_index") for key in record)
    assert "actor_name" not in dumped_entry
    assert dumped_entry["actor"]["kind"] == "staff"


def test_evidence_files_come_decrypted_one_by_one_and_only_the_candidates(rich):
    context = ExportContext(
        organisation_id=rich.candidate.organisation_id, candidate_id=rich.candidate.id
    )
    files = data_copy_of(rich.candidate).document["evidence_files"]
    contents = {evidence_download(context, file_id=row["file"]).content for row in files}

    assert contents == {INTERVIEW_NOTE, RECEIPT}
    stranger = ExportContext(
        organisation_id=rich.bystander.organisation_id, candidate_id=rich.bystander.id
    )
    with pytest.raises(NotFound):
        evidence_download(stranger, file_id=files[0]["file"])


def test_providing_the_copy_is_recorded_as_a_fulfilled_request(rich):
    request, copy = provide_data_copy(screening_id=rich.second.id, copy_format="json")

    assert (request.state, request.kind) == ("fulfilled", "copy")
    assert str(request.id) in {row["id"] for row in copy.document["records"]["data_requests"]}
    event = Event.objects.filter(event_type="data_request.copy_provided").get()
    assert event.subject == f"candidate:{rich.candidate.id}"
    assert b'"format":"json"' in bytes(event.entry)


def test_after_crypto_shredding_the_copy_says_when_the_data_was_destroyed(rich):
    certificate = services.destroy_candidate_keys(
        access=rich.world.setup.dpo,
        candidate_id=rich.candidate.id,
        reason=DestructionReason.DELETION_REQUEST,
    )
    request, copy = provide_data_copy(screening_id=rich.second.id, copy_format="html")
    document = copy.document
    day = certificate.destroyed_at.date().isoformat()

    assert document["destroyed"]["destroyed_at"] == certificate.destroyed_at.isoformat()
    assert day in document["destroyed"]["message"]
    assert document["records"]["candidate"][0]["full_name"] is None
    assert document["records"]["findings"]  # what is still held, without its content
    assert HEARSAY_ANSWER not in json.dumps(document, ensure_ascii=False)
    assert DataRequest.objects.get(id=request.id).text is None
    assert f"已于 {day} 销毁" in page_text(rich)
