"""The positions API through HTTP: catalogue, templates, profiles and their approval,
positions and the employer's disclosure — with roles, tenancy and whole-profile refusals."""

from __future__ import annotations

import copy

import pytest
from django.test import Client

from fairscreen.accounts.roles import Role
from fairscreen.domain import scope
from fairscreen.evidence.models import Event
from fairscreen.positions import services as positions
from fairscreen.positions.models import (
    OrganisationDisclosure,
    Position,
    ProfileVersion,
    RiskProfile,
)
from tests.factories import COMPLETE_DISCLOSURE, IMPACT_ASSESSMENT, access_for

pytestmark = pytest.mark.django_db


def by_token(token) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token.plaintext}")


def post(client: Client, url: str, body: dict):
    return client.post(url, body, content_type="application/json")


def events(event_type: str) -> int:
    return Event.objects.filter(event_type=event_type).count()


@pytest.fixture
def organisation(make_organisation):
    return make_organisation()


@pytest.fixture
def hr(organisation, make_token) -> Client:
    return by_token(make_token(organisation, Role.HR_ADMIN))


@pytest.fixture
def dpo(organisation, make_token) -> Client:
    return by_token(make_token(organisation, Role.DPO))


def base(organisation) -> str:
    return f"/api/v1/orgs/{organisation.id}"


def engineer_spec() -> dict:
    return copy.deepcopy(scope.template("software_engineer").spec.to_json())


def test_the_catalogue_describes_every_item_and_no_protected_ground(hr) -> None:
    response = hr.get("/api/v1/catalogue")

    body = response.json()
    codes = [item["code"] for item in body["items"]]
    criminal = next(item for item in body["items"] if item["code"] == "criminal_record")
    assert response.status_code == 200
    assert body["version"] == scope.CATALOGUE.version
    assert codes == list(scope.CATALOGUE.codes())
    assert not set(codes) & scope.PROTECTED_GROUNDS
    assert criminal["sensitive"] is True
    assert criminal["preconditions"] == ["law_or_job_nature_requires_criminal_check"]
    assert criminal["name"]["zh"]
    assert criminal["name"]["en"]
    assert criminal["data_categories"]
    assert criminal["source_kinds"]
    assert "default_lookback_months" in criminal


def test_the_templates_carry_a_necessity_for_every_item(hr) -> None:
    templates = hr.get("/api/v1/profile-templates").json()

    keys = [template["key"] for template in templates]
    cashier = next(template for template in templates if template["key"] == "cashier")
    assert keys == [template.key for template in scope.TEMPLATES]
    assert len(keys) >= 14
    assert cashier["tier"] == "L2"
    assert "credit_report" in [item["code"] for item in cashier["items"]]
    assert all(item["necessity"]["zh"] and item["necessity"]["en"] for item in cashier["items"])
    assert scope.ProfileSpec.from_json(cashier["spec"]) == scope.template("cashier").spec


def test_a_sensitive_profile_waits_for_the_dpo_who_records_the_assessment(
    organisation, hr, dpo
) -> None:
    created = post(hr, f"{base(organisation)}/profiles", {"template": "cashier"})
    profile = created.json()
    version_id = profile["pending"]["id"]
    too_short = post(
        dpo,
        f"{base(organisation)}/profile-versions/{version_id}/approve",
        {"impact_assessment": "looks fine"},
    )
    by_hr = post(
        hr,
        f"{base(organisation)}/profile-versions/{version_id}/approve",
        {"impact_assessment": IMPACT_ASSESSMENT},
    )
    still_pending = hr.get(f"{base(organisation)}/profiles/{profile['id']}").json()
    approved = post(
        dpo,
        f"{base(organisation)}/profile-versions/{version_id}/approve",
        {"impact_assessment": IMPACT_ASSESSMENT},
    )
    again = post(
        dpo,
        f"{base(organisation)}/profile-versions/{version_id}/approve",
        {"impact_assessment": IMPACT_ASSESSMENT},
    )
    after = hr.get(f"{base(organisation)}/profiles/{profile['id']}").json()

    assert created.status_code == 201
    assert profile["current"] is None
    assert profile["name"] == scope.template("cashier").name.zh
    assert set(profile["pending"]["sensitive_added"]) == {"identity", "credit_report"}
    assert too_short.status_code == 422
    assert "impact_assessment" in too_short.json()["details"]
    assert by_hr.status_code == 403
    assert still_pending["current"] is None
    assert still_pending["pending"]["id"] == version_id
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert approved.json()["impact_assessment"] == IMPACT_ASSESSMENT
    assert approved.json()["decided_by"].startswith("api_token:")
    assert again.status_code == 409
    assert again.json()["code"] == "profile_version_not_pending"
    assert after["current"]["id"] == version_id
    assert after["pending"] is None
    assert events("profile.version_approved") == 1


def test_the_dpo_rejects_with_a_note(organisation, hr, dpo) -> None:
    profile = post(hr, f"{base(organisation)}/profiles", {"template": "healthcare"}).json()
    version_id = profile["pending"]["id"]

    blank = post(dpo, f"{base(organisation)}/profile-versions/{version_id}/reject", {"note": "  "})
    rejected = post(
        dpo,
        f"{base(organisation)}/profile-versions/{version_id}/reject",
        {"note": "身份核验的必要性说明不足 (identity necessity not shown)"},
    )

    assert blank.status_code == 422
    assert blank.json()["details"] == {"note": "required"}
    assert rejected.status_code == 200
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["decision_note"].startswith("身份核验")
    assert ProfileVersion.objects.get(id=version_id).status == "rejected"


def test_an_invalid_spec_is_refused_whole_with_every_problem(organisation, hr) -> None:
    spec = engineer_spec()
    spec["items"] += [
        {"code": "marital_status", "necessity": {"zh": "x", "en": "x"}},
        {"code": "horoscope", "necessity": {"zh": "x", "en": "x"}},
        {"code": "credit_report", "necessity": {"zh": "", "en": ""}},
    ]
    spec["relevance"].append("made.up_category")
    before = (RiskProfile.objects.count(), ProfileVersion.objects.count(), Event.objects.count())

    response = post(hr, f"{base(organisation)}/profiles", {"name": "测试岗位画像", "spec": spec})
    malformed = post(
        hr, f"{base(organisation)}/profiles", {"name": "测试岗位画像", "spec": {"tier": "L9"}}
    )

    body = response.json()
    problems = {(problem["code"], problem["item"]) for problem in body["details"]["problems"]}
    assert response.status_code == 422
    assert body["code"] == "invalid_profile"
    assert problems == {
        ("protected_ground", "marital_status"),
        ("unknown_item", "horoscope"),
        ("blank_necessity", "credit_report"),
        ("precondition_missing", "credit_report"),
        ("unknown_finding_category", None),
    }
    assert all(problem["message"] for problem in body["details"]["problems"])
    assert malformed.status_code == 422
    assert malformed.json()["code"] == "invalid_profile"
    assert {problem["code"] for problem in malformed.json()["details"]["problems"]} == {"malformed"}
    after = (RiskProfile.objects.count(), ProfileVersion.objects.count(), Event.objects.count())
    assert after == before


def test_a_profile_needs_exactly_one_of_template_and_spec(organisation, hr) -> None:
    both = post(
        hr,
        f"{base(organisation)}/profiles",
        {"template": "sales", "name": "测试", "spec": engineer_spec()},
    )
    neither = post(hr, f"{base(organisation)}/profiles", {"name": "测试"})
    unknown = post(hr, f"{base(organisation)}/profiles", {"template": "astronaut"})

    assert both.status_code == 422
    assert neither.status_code == 422
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "unknown_template"
    assert not RiskProfile.objects.exists()


def test_narrowing_needs_no_approval_and_versions_are_listed_newest_first(
    organisation, hr, dpo
) -> None:
    spec = engineer_spec()
    profile = post(hr, f"{base(organisation)}/profiles", {"name": "测试工程师", "spec": spec})
    profile_id = profile.json()["id"]
    post(
        dpo,
        f"{base(organisation)}/profile-versions/{profile.json()['pending']['id']}/approve",
        {"impact_assessment": IMPACT_ASSESSMENT},
    )
    spec["items"] = [item for item in spec["items"] if item["code"] != "reference_interview"]

    narrowed = post(
        hr,
        f"{base(organisation)}/profiles/{profile_id}/versions",
        {"spec": spec, "change_note": "不再做证明人访谈 (no reference interviews)"},
    )
    listed = hr.get(f"{base(organisation)}/profiles").json()
    detail = hr.get(f"{base(organisation)}/profiles/{profile_id}").json()

    assert profile.status_code == 201
    assert narrowed.status_code == 201
    assert narrowed.json()["status"] == "approved"
    assert narrowed.json()["number"] == 2
    assert narrowed.json()["sensitive_added"] == []
    assert [entry["id"] for entry in listed] == [profile_id]
    assert listed[0]["current"]["number"] == 2
    assert [version["number"] for version in detail["versions"]] == [2, 1]
    current_codes = [item["code"] for item in detail["current"]["spec"]["items"]]
    assert "reference_interview" not in current_codes


def test_positions_show_what_may_be_ordered_and_take_a_disclosure(
    organisation, hr, make_token, hiring_setup
) -> None:
    setup = hiring_setup(organisation, template_key="cashier")
    recruiter = by_token(make_token(organisation, Role.RECRUITER))

    created = post(
        hr,
        f"{base(organisation)}/positions",
        {
            "title": "测试出纳 (test cashier)",
            "profile_id": str(setup.profile_id),
            "department": "财务部",
            "disclosure": {"team": "财务部 5 人", "kpis": "账实相符"},
        },
    )
    position_id = created.json()["id"]
    patched = hr.patch(
        f"{base(organisation)}/positions/{position_id}/disclosure",
        {"working_hours": "9:00–18:00", "kpis": ""},
        content_type="application/json",
    )
    unknown_field = hr.patch(
        f"{base(organisation)}/positions/{position_id}/disclosure",
        {"salary_history": "x"},
        content_type="application/json",
    )
    by_recruiter = recruiter.get(f"{base(organisation)}/positions/{position_id}")
    listed = recruiter.get(f"{base(organisation)}/positions").json()

    assert created.status_code == 201
    body = by_recruiter.json()
    assert body["profile_version"] == 1
    assert [item["code"] for item in body["items"]] == list(scope.template("cashier").spec.codes())
    assert body["disclosure"]["team"] == "财务部 5 人"
    assert body["disclosure"]["working_hours"] == "9:00–18:00"
    assert body["disclosure"]["kpis"] == ""
    assert patched.status_code == 200
    assert unknown_field.status_code == 422
    assert {position["id"] for position in listed} == {position_id, str(setup.position_id)}
    assert events("disclosure.position_updated") == 1


def test_the_organisation_disclosure_is_replaced_whole_and_checked(organisation, hr) -> None:
    url = f"{base(organisation)}/disclosure"
    empty = hr.get(url).json()

    saved = hr.put(
        url, {**COMPLETE_DISCLOSURE, "retention_months": 12}, content_type="application/json"
    )
    out_of_range = hr.put(
        url,
        {**COMPLETE_DISCLOSURE, "legal_name": "改名 (renamed)", "retention_months": 121},
        content_type="application/json",
    )
    partial = hr.put(
        url, {"legal_name": "改名", "retention_months": 6}, content_type="application/json"
    )
    stored = OrganisationDisclosure.objects.get(organisation=organisation)

    assert set(empty["missing"]) == {"legal_name", "privacy_contact", "retention_months"}
    assert saved.status_code == 200
    assert saved.json()["missing"] == []
    assert saved.json()["retention_months"] == 12
    assert saved.json()["texts"]["privacy_contact"] == "privacy@example.com"
    assert out_of_range.status_code == 422
    assert "retention_months" in out_of_range.json()["details"]
    assert partial.status_code == 422
    assert stored.legal_name == COMPLETE_DISCLOSURE["legal_name"]
    assert stored.retention_months == 12


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.HR_ADMIN, (200, 201, 403)),
        (Role.RECRUITER, (200, 403, 403)),
        (Role.DPO, (200, 403, 422)),  # allowed, but the assessment is too short
        (Role.AUDITOR, (200, 403, 403)),
        (Role.ANALYST, (200, 403, 403)),
        (Role.APPROVER, (403, 403, 403)),
    ],
)
def test_roles_decide_who_reads_writes_and_approves(
    organisation, make_token, make_member, role, expected
) -> None:
    admin = access_for(make_member(organisation, Role.HR_ADMIN), organisation)
    pending = positions.create_profile_from_template(access=admin, template_key="cashier")
    client = by_token(make_token(organisation, role))

    read = client.get(f"{base(organisation)}/profiles")
    write = post(client, f"{base(organisation)}/profiles", {"template": "sales"})
    approve = post(
        client,
        f"{base(organisation)}/profile-versions/{pending.id}/approve",
        {"impact_assessment": "short"},
    )

    assert (read.status_code, write.status_code, approve.status_code) == expected
    pending.refresh_from_db()
    assert pending.status == "pending_approval"


def test_another_organisations_profiles_and_positions_do_not_exist(
    organisation, hr, dpo, hiring_setup
) -> None:
    theirs = hiring_setup(template_key="cashier")
    their_version = ProfileVersion.objects.get(profile_id=theirs.profile_id)
    ours = base(organisation)

    responses = [
        hr.get(f"{ours}/profiles/{theirs.profile_id}"),
        hr.get(f"{ours}/positions/{theirs.position_id}"),
        hr.patch(
            f"{ours}/positions/{theirs.position_id}/disclosure",
            {"team": "x"},
            content_type="application/json",
        ),
        post(hr, f"{ours}/profiles/{theirs.profile_id}/versions", {"spec": engineer_spec()}),
        post(hr, f"{ours}/positions", {"title": "测试", "profile_id": str(theirs.profile_id)}),
        post(dpo, f"{ours}/profile-versions/{their_version.id}/reject", {"note": "不行"}),
        hr.get(f"{base(theirs.organisation)}/profiles"),
    ]

    assert [response.status_code for response in responses] == [404] * len(responses)
    assert all(response.json()["code"] == "not_found" for response in responses)
    assert ProfileVersion.objects.filter(profile_id=theirs.profile_id).count() == 1
    assert Position.objects.filter(organisation=organisation).count() == 0
