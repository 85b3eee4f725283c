"""The analyst workspace and the employer report through HTTP: only verified facts reach it.

A finding an analyst types in from one non-authoritative source stays unverified and out of
the report; a registry, or an independent second source, puts it there. Bad input shows its
problems next to the fields and records nothing; other organisations' screenings are 404.
"""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fairscreen.accounts.roles import Role
from fairscreen.domain.findings import VerificationStatus
from fairscreen.evidence.models import Event
from fairscreen.screenings import services
from fairscreen.screenings.models import CheckRun, Finding, FindingSource, ScreeningItem
from fairscreen.screenings.services import ThirdPartyIn
from tests.factories import (
    create_candidate,
    create_consented_screening,
    create_hiring_setup,
    create_member,
    create_team_member,
    fictional_id_number,
)

pytestmark = pytest.mark.django_db

DEGREE = "测试大学 (Test University) 学士"
DEBTOR_CASE = "(2025)测0101执321号"
REFEREE = ThirdPartyIn(
    item="reference_interview", name="测试证明人 (test referee)", contact="ref@example.com"
)


def client_for(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def setup():
    return create_hiring_setup()


@pytest.fixture
def screening(setup):
    candidate = create_candidate(setup.organisation)
    return create_consented_screening(
        setup,
        candidate,
        items=("identity", "education", "dishonest_debtor", "reference_interview"),
        third_parties=(REFEREE,),
    )


@pytest.fixture
def analyst(setup) -> Client:
    return client_for(setup.analyst.principal.user)


@pytest.fixture
def reviewer(setup) -> Client:
    return client_for(create_team_member(setup, Role.REVIEWER))


def workspace_url(setup, screening, tail: str = "") -> str:
    return f"/o/{setup.organisation.id}/screenings/{screening.id}/workspace/{tail}"


def report_url(setup, screening, purpose: str = "review") -> str:
    query = f"?purpose={purpose}" if purpose else ""
    return f"/o/{setup.organisation.id}/screenings/{screening.id}/report/{query}"


def source_fields(prefix: str, **overrides: str) -> dict[str, str]:
    fields = {
        "kind": "candidate_document",
        "authority": "official_document",
        "origin": "candidate:diploma",
        "reference": "学位证书复印件（测试）",
        "retrieved_at": "2026-11-20T09:30",
        "statement": "",
        **overrides,
    }
    return {f"{prefix}-{name}": value for name, value in fields.items()}


def education_finding(**overrides: str) -> dict[str, str]:
    return {
        "record-education-category": "education.degree_mismatch",
        "record-education-detail_institution": DEGREE,
        "record-education-detail_degree": "学士 (Bachelor)",
        "record-education-detail_summary": "证书与申报学历不一致（测试）",
        **source_fields("record-education"),
        **overrides,
    }


def debtor_finding() -> dict[str, str]:
    return {
        "record-dishonest_debtor-category": "dishonest_debtor.currently_listed",
        "record-dishonest_debtor-detail_case_number": DEBTOR_CASE,
        "record-dishonest_debtor-detail_court": "测试市示例区人民法院 (Test Court)",
        "record-dishonest_debtor-detail_listed_on": "2025-06-01",
        "record-dishonest_debtor-detail_summary": "测试：失信名单 (test listing)",
        **source_fields(
            "record-dishonest_debtor",
            kind="court_records",
            authority="authoritative_registry",
            origin="registry:court-enforcement",
            reference="失信被执行人名单查询（测试）",
        ),
    }


def text_of(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ANALYST, (200, 200, 403, 200)),
        (Role.DPO, (200, 200, 200, 403)),
        (Role.RECRUITER, (403, 403, 200, 403)),
        (Role.REVIEWER, (403, 403, 200, 403)),
        (Role.APPROVER, (403, 403, 200, 403)),
        (Role.HR_ADMIN, (403, 403, 200, 403)),
        (Role.AUDITOR, (403, 403, 422, 403)),  # the report, for an audit only
    ],
)
def test_the_pages_check_roles(setup, screening, role, expected) -> None:
    """Queue, workspace, report and import, in that order."""
    client = client_for(create_team_member(setup, role))
    base = f"/o/{setup.organisation.id}"

    statuses = (
        client.get(f"{base}/checks/").status_code,
        client.get(workspace_url(setup, screening)).status_code,
        client.get(report_url(setup, screening)).status_code,
        client.get(f"{base}/checks/import/").status_code,
    )

    assert statuses == expected


def test_recording_needs_the_analyst_role_even_by_a_direct_post(setup, screening):
    recruiter = client_for(setup.recruiter.principal.user)

    response = recruiter.post(
        workspace_url(setup, screening, "education/findings/"), education_finding()
    )

    assert response.status_code == 403
    assert not Finding.objects.exists()


def test_a_finding_from_one_document_is_unverified_and_stays_out_of_the_report(
    setup, screening, analyst, reviewer
):
    response = analyst.post(
        workspace_url(setup, screening, "education/findings/"), education_finding()
    )

    finding = Finding.objects.get()
    assert finding.status == VerificationStatus.UNVERIFIED
    assert response.status_code == 302
    assert re.fullmatch(rf".*/workspace/#finding-{finding.id}", response["Location"])
    page = text_of(analyst.get(workspace_url(setup, screening)))
    assert "未核实" in page
    assert "不在用人单位的报告中" in page
    assert DEGREE in page
    report = text_of(reviewer.get(report_url(setup, screening)))
    assert DEGREE not in report
    assert "data-finding=" not in report


def test_a_registry_finding_is_verified_and_the_reviewer_reads_it_for_a_purpose(
    setup, screening, analyst, reviewer
):
    analyst.post(workspace_url(setup, screening, "dishonest_debtor/findings/"), debtor_finding())
    assert Finding.objects.get().status == VerificationStatus.VERIFIED

    response = reviewer.get(report_url(setup, screening, "decision"))

    assert response.status_code == 200
    assert DEBTOR_CASE in text_of(response)
    assert "已核实" in text_of(response)
    assert Event.objects.filter(event_type="report.viewed").count() == 1


def test_the_report_opens_only_once_a_purpose_is_chosen(setup, screening, analyst, reviewer):
    analyst.post(workspace_url(setup, screening, "dishonest_debtor/findings/"), debtor_finding())

    asking = reviewer.get(report_url(setup, screening, purpose=""))
    refused = reviewer.get(report_url(setup, screening, purpose="curiosity"))

    assert asking.status_code == 200
    assert 'name="purpose"' in text_of(asking)
    assert DEBTOR_CASE not in text_of(asking)
    assert refused.status_code == 422
    assert not Event.objects.filter(event_type="report.viewed").exists()


def test_an_independent_second_source_corroborates_and_the_finding_reaches_the_report(
    setup, screening, analyst, reviewer
):
    analyst.post(workspace_url(setup, screening, "education/findings/"), education_finding())
    finding = Finding.objects.get()
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 test letter", "application/pdf")
    second = source_fields(
        f"source-{finding.id}",
        origin="candidate:transcript",
        reference="成绩单（测试）",
    )

    response = analyst.post(
        workspace_url(setup, screening, f"findings/{finding.id}/sources/"),
        {**second, f"source-{finding.id}-evidence": letter},
    )

    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == VerificationStatus.CORROBORATED
    assert FindingSource.objects.filter(evidence_media_type="application/pdf").count() == 1
    assert DEGREE in text_of(reviewer.get(report_url(setup, screening)))


def test_an_invalid_finding_shows_each_problem_next_to_its_field_and_records_nothing(
    setup, screening, analyst
):
    posted = education_finding(
        **{
            "record-education-detail_degree": "",
            "record-education-authority": "authoritative_registry",
        }
    )

    response = analyst.post(workspace_url(setup, screening, "education/findings/"), posted)

    assert response.status_code == 422
    page = text_of(response)
    degree_field = page.index('name="record-education-detail_degree"')
    assert "必填" in page[degree_field : degree_field + 400]
    authority_field = page.index('name="record-education-authority"')
    assert "权威等级最高为" in page[authority_field : authority_field + 1500]
    assert "未记录任何内容" in page
    assert DEGREE in page  # the form comes back as it was sent
    assert not Finding.objects.exists()
    assert not Event.objects.filter(event_type__startswith="finding.").exists()


def test_a_retracted_finding_leaves_the_report(setup, screening, analyst, reviewer):
    analyst.post(workspace_url(setup, screening, "dishonest_debtor/findings/"), debtor_finding())
    finding = Finding.objects.get()

    response = analyst.post(
        workspace_url(setup, screening, f"findings/{finding.id}/retraction/"),
        {
            f"retract-{finding.id}-reason": "wrong_person",
            f"retract-{finding.id}-note": "同名（测试）",
        },
    )

    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == VerificationStatus.RETRACTED
    assert DEBTOR_CASE not in text_of(reviewer.get(report_url(setup, screening)))


def test_an_interview_files_concerns_as_unverified_and_opinions_as_hearsay(
    setup, screening, analyst, reviewer
):
    referee = screening.third_parties.get()
    response = analyst.post(
        workspace_url(setup, screening, "interview/"),
        {
            "interview-third_party": str(referee.id),
            "interview-interviewed_on": "2026-11-18",
            "interview-answer_dates_and_title": "2021-2024 任测试工程师（测试）",
            "interview-answer_documented_incidents": "曾因泄露测试数据被书面警告（测试）",
            "interview-concern_documented_incidents": "on",
            "interview-opinion": "性格孤僻（测试意见）",
        },
    )

    assert response.status_code == 302
    statuses = sorted(Finding.objects.values_list("status", flat=True))
    assert statuses == ["unverified", "unverified"]
    assert FindingSource.objects.filter(authority="hearsay").count() == 1
    page = text_of(analyst.get(workspace_url(setup, screening)))
    assert "传闻" in page
    report = text_of(reviewer.get(report_url(setup, screening)))
    assert "性格孤僻" not in report
    assert "书面警告" not in report


def test_an_interview_concern_without_an_answer_is_refused_at_the_answer(setup, screening, analyst):
    referee = screening.third_parties.get()

    response = analyst.post(
        workspace_url(setup, screening, "interview/"),
        {
            "interview-third_party": str(referee.id),
            "interview-interviewed_on": "2026-11-18",
            "interview-concern_duties": "on",
        },
    )

    assert response.status_code == 422
    assert "请先写下回答" in text_of(response)
    assert not Finding.objects.exists()


def test_the_sandbox_connector_runs_after_the_check_starts(
    setup, analyst, django_capture_on_commit_callbacks
):
    debtor = create_candidate(setup.organisation, id_number=fictional_id_number(4))
    screening = create_consented_screening(setup, debtor, items=("dishonest_debtor",), start=False)

    started = analyst.post(workspace_url(setup, screening, "dishonest_debtor/start/"))
    with django_capture_on_commit_callbacks(execute=True):
        ran = analyst.post(
            workspace_url(setup, screening, "dishonest_debtor/run/"), {"connector": "sandbox"}
        )

    assert (started.status_code, ran.status_code) == (302, 302)
    assert ScreeningItem.objects.get(screening=screening).state == "running"
    assert CheckRun.objects.get().state == "succeeded"
    assert Finding.objects.get().status == VerificationStatus.VERIFIED
    page = text_of(analyst.get(workspace_url(setup, screening)))
    assert "sandbox" in page
    assert re.search(r"data-run=\"[^\"]+\" data-state=\"succeeded\"", page)


def test_the_queue_lists_running_checks_and_filters_the_unverified(setup, screening, analyst):
    analyst.post(workspace_url(setup, screening, "education/findings/"), education_finding())
    queue = f"/o/{setup.organisation.id}/checks/"

    everything = text_of(analyst.get(queue))
    unverified = text_of(analyst.get(f"{queue}?unverified=1"))

    assert everything.count("<tr data-screening=") == 4
    assert unverified.count("<tr data-screening=") == 1
    assert 'data-item="education"' in unverified


def test_an_import_with_a_bad_row_shows_the_report_and_records_nothing(setup, screening, analyst):
    header = (
        "screening,item,external_ref,category,source_kind,source_authority,source_origin,"
        "source_reference,source_retrieved_at,detail.case_number,detail.court,"
        "detail.listed_on,detail.summary\n"
    )
    good = (
        f"{screening.id},dishonest_debtor,prov-1,dishonest_debtor.currently_listed,"
        "court_records,authoritative_registry,provider:test,ref-1,2026-11-20T09:30:00+08:00,"
        f"{DEBTOR_CASE},测试法院,2025-06-01,测试\n"
    )
    bad = good.replace("prov-1", "prov-2").replace("2025-06-01", "2025-13-45")
    upload = SimpleUploadedFile("results.csv", (header + good + bad).encode(), "text/csv")

    response = analyst.post(f"/o/{setup.organisation.id}/checks/import/", {"file": upload})

    assert response.status_code == 422
    page = text_of(response)
    assert "未记录任何内容" in page
    assert re.search(r"<td class=\"number\">2</td><td><code>detail.listed_on</code>", page)
    assert not Finding.objects.exists()

    accepted = SimpleUploadedFile("results.csv", (header + good).encode(), "text/csv")
    response = analyst.post(f"/o/{setup.organisation.id}/checks/import/", {"file": accepted})
    assert response.status_code == 200
    assert re.search(r'id="import-recorded">1<', text_of(response))
    assert Finding.objects.get().status == VerificationStatus.VERIFIED


def test_another_organisations_screening_is_not_found(setup, screening):
    other = create_hiring_setup()
    stranger = client_for(other.analyst.principal.user)
    stranger_reviewer = client_for(create_member(other.organisation, Role.REVIEWER))
    foreign = f"/o/{other.organisation.id}/screenings/{screening.id}"

    assert stranger.get(f"{foreign}/workspace/").status_code == 404
    assert (
        stranger.post(f"{foreign}/workspace/education/findings/", education_finding()).status_code
        == 404
    )
    assert stranger_reviewer.get(f"{foreign}/report/?purpose=review").status_code == 404
    assert stranger_reviewer.get(f"{foreign}/report/").status_code == 404
    assert not Finding.objects.exists()


def test_the_screening_page_links_each_role_to_its_page(setup, screening, analyst, reviewer):
    page = f"/o/{setup.organisation.id}/screenings/{screening.id}/"

    for_analyst = text_of(analyst.get(page))
    for_reviewer = text_of(reviewer.get(page))

    assert 'id="open-workspace"' in for_analyst
    assert 'id="open-report"' not in for_analyst
    assert 'id="open-report"' in for_reviewer
    assert 'id="open-workspace"' not in for_reviewer


def test_the_pages_render_in_english(setup, screening):
    analyst = client_for(setup.analyst.principal.user, "en")
    analyst.post(workspace_url(setup, screening, "education/findings/"), education_finding())

    page = text_of(analyst.get(workspace_url(setup, screening)))

    assert "not in the employer's report" in page
    assert "Record a finding manually" in page
    assert "Recorded as hearsay — never reaches the employer." in page


def test_the_data_protection_officer_reads_the_workspace_without_forms(setup, screening, analyst):
    analyst.post(workspace_url(setup, screening, "education/findings/"), education_finding())
    dpo = client_for(setup.dpo.principal.user)

    page = text_of(dpo.get(workspace_url(setup, screening)))

    assert DEGREE in page
    assert "只有背调分析师可以记录发现" in page
    assert "<form" not in page.split("<main>")[1].split("</main>")[0]


def test_a_get_to_an_action_goes_back_to_the_workspace(setup, screening, analyst):
    """The language switch returns to a refused post's address with a GET."""
    response = analyst.get(workspace_url(setup, screening, "education/findings/"))

    assert response.status_code == 302
    assert response["Location"] == workspace_url(setup, screening)
    assert not Finding.objects.exists()


def test_polling_the_runs_reads_no_finding_and_records_nothing(
    setup, analyst, django_capture_on_commit_callbacks
):
    debtor = create_candidate(setup.organisation, id_number=fictional_id_number(12))
    screening = create_consented_screening(setup, debtor, items=("dishonest_debtor",))
    with django_capture_on_commit_callbacks(execute=True):
        analyst.post(
            workspace_url(setup, screening, "dishonest_debtor/run/"), {"connector": "sandbox"}
        )
    events = Event.objects.count()

    response = analyst.get(
        workspace_url(setup, screening, "dishonest_debtor/runs/"), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert 'data-state="succeeded"' in text_of(response)
    assert "运行已结束" in text_of(response)
    assert "(2025)沙0101执500号" not in text_of(response)
    assert Event.objects.count() == events


def test_a_check_closed_meanwhile_refuses_the_finding_with_the_reason(setup, screening, analyst):
    services.complete_check(access=setup.analyst, screening_id=screening.id, code="education")

    response = analyst.post(
        workspace_url(setup, screening, "education/findings/"), education_finding(), follow=True
    )

    assert response.redirect_chain[-1][1] == 302
    assert "现在不能记录发现：该核查已完成。" in text_of(response)
    assert not Finding.objects.exists()


def test_the_report_shows_the_light_each_findings_rule_and_links_the_rulebook_version(
    setup, screening, analyst, reviewer
):
    analyst.post(workspace_url(setup, screening, "dishonest_debtor/findings/"), debtor_finding())

    page = text_of(reviewer.get(report_url(setup, screening)))

    assert 'id="light"' in page
    assert 'data-light="red"' in page
    assert 'href="/rulebook/2026.1"' in page
    assert "计入评级" in page
    assert "仅供参考" in page
