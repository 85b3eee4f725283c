"""Candidates through HTTP: the console page, the API, roles, tenancy and crypto-shredding."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from fairscreen.accounts.roles import Role
from fairscreen.privacy.models import SubjectKey
from fairscreen.screenings.models import Candidate

pytestmark = pytest.mark.django_db

VALUES = {
    "full_name": "测试候选人丙",
    "id_number": "99000020000303048X",
    "phone": "13800000003",
    "email": "candidate.bing@example.com",
}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def by_token(token) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token.plaintext}")


def test_the_page_lists_names_and_masked_id_numbers(make_organisation, make_member, make_candidate):
    organisation = make_organisation()
    make_candidate(organisation, **VALUES)
    client = signed_in(make_member(organisation, Role.REVIEWER))

    page = client.get(f"/o/{organisation.id}/candidates/").content.decode()
    dashboard = client.get(f"/o/{organisation.id}/").content.decode()

    assert "测试候选人丙" in page
    assert "990000********048X" in page
    assert VALUES["id_number"] not in page
    assert VALUES["phone"] not in page
    assert "登记候选人" not in page  # reviewers only read
    assert f"/o/{organisation.id}/candidates/" in dashboard


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.RECRUITER, 200),
        (Role.HR_ADMIN, 200),
        (Role.REVIEWER, 200),
        (Role.DPO, 200),
        (Role.ANALYST, 403),
        (Role.APPROVER, 403),
        (Role.AUDITOR, 403),
    ],
)
def test_the_page_checks_roles(make_organisation, make_member, role, status) -> None:
    organisation = make_organisation()
    client = signed_in(make_member(organisation, role))

    assert client.get(f"/o/{organisation.id}/candidates/").status_code == status


def test_another_organisations_candidates_do_not_exist_for_you(
    make_organisation, make_member, make_candidate, make_token
) -> None:
    ours, theirs = make_organisation(), make_organisation()
    candidate = make_candidate(theirs, **VALUES)
    dpo = make_member(ours, Role.DPO, Role.HR_ADMIN)
    client = signed_in(dpo)
    token_client = by_token(make_token(ours, Role.DPO))

    page = client.get(f"/o/{theirs.id}/candidates/")
    destroy_page = client.post(
        f"/o/{ours.id}/candidates/{candidate.id}/destroy-keys/", {"reason": "deletion_request"}
    )
    destroy_api = token_client.post(
        f"/api/v1/orgs/{ours.id}/candidates/{candidate.id}/destroy-keys",
        {"reason": "deletion_request"},
        content_type="application/json",
    )
    listed = client.get(f"/api/v1/orgs/{ours.id}/candidates").json()

    assert page.status_code == 404
    assert destroy_page.status_code == 404
    assert destroy_api.status_code == 404
    assert destroy_api.json()["code"] == "not_found"
    assert listed == []
    assert SubjectKey.objects.get(subject=f"candidate:{candidate.id}").destroyed_at is None


def test_a_recruiter_registers_in_the_console_and_errors_do_not_echo(
    make_organisation, make_member
):
    organisation = make_organisation()
    client = signed_in(make_member(organisation, Role.RECRUITER))
    url = f"/o/{organisation.id}/candidates/"

    refused = client.post(url, {**VALUES, "id_number": "990000200003030481", "phone": "1380000"})
    accepted = client.post(url, VALUES, follow=True)

    body = refused.content.decode()
    assert refused.status_code == 422
    assert "990000200003030481" not in body
    assert 'value="1380000"' not in body
    assert re.search(r'class="errorlist', body)
    assert accepted.status_code == 200
    assert "测试候选人丙" in accepted.content.decode()
    assert Candidate.objects.filter(organisation=organisation).count() == 1


def test_readers_who_may_not_register_cannot_post(make_organisation, make_member) -> None:
    organisation = make_organisation()
    client = signed_in(make_member(organisation, Role.REVIEWER, Role.DPO))

    response = client.post(f"/o/{organisation.id}/candidates/", VALUES)

    assert response.status_code == 403
    assert not Candidate.objects.exists()


def test_the_dpo_destroys_keys_and_every_view_says_when(
    make_organisation, make_member, make_candidate
) -> None:
    organisation = make_organisation()
    candidate = make_candidate(organisation, **VALUES)
    kept = make_candidate(organisation)
    client = signed_in(make_member(organisation, Role.DPO))

    recruiter = signed_in(make_member(organisation, Role.RECRUITER))
    refused = recruiter.post(
        f"/o/{organisation.id}/candidates/{candidate.id}/destroy-keys/",
        {"reason": "deletion_request"},
    )
    done = client.post(
        f"/o/{organisation.id}/candidates/{candidate.id}/destroy-keys/",
        {"reason": "deletion_request"},
        follow=True,
    )
    english = signed_in(make_member(organisation, Role.HR_ADMIN))
    english.cookies["django_language"] = "en"
    english_page = english.get(f"/o/{organisation.id}/candidates/").content.decode()
    api = client.get(f"/api/v1/orgs/{organisation.id}/candidates").json()

    page = done.content.decode()
    day = SubjectKey.objects.get(subject=f"candidate:{candidate.id}").destroyed_at
    assert refused.status_code == 403
    assert done.status_code == 200
    assert "测试候选人丙" not in page
    assert re.search(r"已于 \d{4}-\d{2}-\d{2} 销毁", page)
    assert re.search(r"destroyed on \d{4}-\d{2}-\d{2}", english_page)
    assert "测试候选人丙" not in english_page
    shredded = next(item for item in api if item["id"] == str(candidate.id))
    assert shredded["full_name"] is None
    assert shredded["id_number_masked"] is None
    assert shredded["phone"] is None
    assert shredded["email"] is None
    assert shredded["destroyed_at"] is not None
    assert day is not None
    unaffected = next(item for item in api if item["id"] == str(kept.id))
    assert unaffected["full_name"].startswith("测试候选人")
    assert unaffected["destroyed_at"] is None


def test_the_api_registers_lists_and_destroys(make_organisation, make_token) -> None:
    organisation = make_organisation()
    recruiter = by_token(make_token(organisation, Role.RECRUITER))
    dpo = by_token(make_token(organisation, Role.DPO))
    base = f"/api/v1/orgs/{organisation.id}/candidates"

    created = recruiter.post(base, VALUES, content_type="application/json")
    duplicate = recruiter.post(base, VALUES, content_type="application/json")
    candidate_id = created.json()["id"]
    destroyed = dpo.post(
        f"{base}/{candidate_id}/destroy-keys",
        {"reason": "consent_withdrawn"},
        content_type="application/json",
    )
    again = dpo.post(
        f"{base}/{candidate_id}/destroy-keys",
        {"reason": "consent_withdrawn"},
        content_type="application/json",
    )
    listed = recruiter.get(base).json()

    assert created.status_code == 201
    assert created.json()["full_name"] == "测试候选人丙"
    assert created.json()["id_number_masked"] == "990000********048X"
    assert "id_number" not in created.json()
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "candidate_already_registered"
    assert destroyed.status_code == 200
    certificate = destroyed.json()
    assert certificate["subject"] == f"candidate:{candidate_id}"
    assert certificate["reason"] == "consent_withdrawn"
    assert certificate["kek_id"].startswith(("local-", "vault-transit:"))
    assert again.status_code == 409
    assert again.json()["code"] == "subject_key_already_destroyed"
    assert listed[0]["full_name"] is None


def test_api_validation_errors_name_fields_without_values(make_organisation, make_token) -> None:
    organisation = make_organisation()
    client = by_token(make_token(organisation, Role.HR_ADMIN))
    base = f"/api/v1/orgs/{organisation.id}/candidates"

    ours = client.post(
        base,
        {**VALUES, "id_number": "990000200003030481", "phone": "23800000003"},
        content_type="application/json",
    )
    schema = client.post(base, {**VALUES, "id_number": "9" * 41}, content_type="application/json")
    reason = client.post(
        f"{base}/{Candidate._meta.pk.default()}/destroy-keys",
        {"reason": "because 测试候选人丙 asked"},
        content_type="application/json",
    )

    assert ours.status_code == 422
    assert set(ours.json()["details"]) == {"id_number", "phone"}
    assert "990000200003030481" not in ours.content.decode()
    assert "23800000003" not in ours.content.decode()
    assert schema.status_code == 422
    assert "9" * 41 not in schema.content.decode()
    assert reason.status_code == 403  # an HR admin token is refused before the body is read
    assert not Candidate.objects.exists()
