"""Login, logout, CSRF, tenancy and roles through real HTTP requests to the app."""

import re

import pytest
from django.test import Client

from fairscreen.accounts.roles import Role
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def login(client: Client, email: str, password: str = TEST_PASSWORD):
    page = client.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token, "the login form carries a CSRF token"
    return client.post(
        "/accounts/login/",
        {"username": email, "password": password, "csrfmiddlewaretoken": token.group(1)},
    )


def test_anonymous_visitors_are_sent_to_the_login_page(client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_member_logs_in_by_email_and_lands_on_the_dashboard(make_organisation, make_member):
    organisation = make_organisation()
    user = make_member(organisation, Role.RECRUITER)
    client = Client(enforce_csrf_checks=True)

    response = login(client, user.email.upper())
    dashboard = client.get(response["Location"], follow=True)

    assert dashboard.status_code == 200
    assert organisation.name in dashboard.content.decode()
    assert str(Role.RECRUITER.label) in dashboard.content.decode() or "招聘" in (
        dashboard.content.decode()
    )


def test_a_wrong_password_is_refused_with_a_message_next_to_the_form(
    make_organisation, make_member
):
    user = make_member(make_organisation(), Role.RECRUITER)
    client = Client(enforce_csrf_checks=True)

    response = login(client, user.email, "not-the-password")

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_without_the_csrf_token_is_refused(make_organisation, make_member) -> None:
    user = make_member(make_organisation(), Role.RECRUITER)
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": user.email, "password": TEST_PASSWORD})

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_with_csrf_and_ends_the_session(make_organisation, make_member):
    organisation = make_organisation()
    user = make_member(organisation, Role.RECRUITER)
    client = Client(enforce_csrf_checks=True)
    login(client, user.email)

    assert client.post("/accounts/logout/").status_code == 403  # no CSRF token
    token = client.cookies["csrftoken"].value
    response = client.post("/accounts/logout/", HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 302
    assert client.get(f"/o/{organisation.id}/").status_code == 302  # back to login


def test_another_organisations_pages_do_not_exist_for_you(make_organisation, make_member):
    ours, theirs = make_organisation(), make_organisation()
    user = make_member(ours, Role.HR_ADMIN)
    make_member(theirs, Role.HR_ADMIN)
    client = Client()
    client.force_login(user)

    for path in ("/o/{}/", "/o/{}/members/", "/o/{}/tokens/"):
        assert client.get(path.format(ours.id)).status_code == 200
        response = client.get(path.format(theirs.id))
        assert response.status_code == 404
        assert theirs.name not in response.content.decode()


def test_pages_check_roles(make_organisation, make_member) -> None:
    organisation = make_organisation()
    recruiter = make_member(organisation, Role.RECRUITER)
    auditor = make_member(organisation, Role.AUDITOR)
    client = Client()

    client.force_login(recruiter)
    assert client.get(f"/o/{organisation.id}/members/").status_code == 403
    assert client.get(f"/o/{organisation.id}/tokens/").status_code == 403
    client.force_login(auditor)
    assert client.get(f"/o/{organisation.id}/members/").status_code == 200
    assert client.get(f"/o/{organisation.id}/tokens/").status_code == 403


def test_an_hr_admin_issues_and_revokes_a_token_in_the_console(make_organisation, make_member):
    organisation = make_organisation()
    admin = make_member(organisation, Role.HR_ADMIN)
    client = Client()
    client.force_login(admin)

    empty = client.post(f"/o/{organisation.id}/tokens/", {"name": ""})
    issued = client.post(
        f"/o/{organisation.id}/tokens/", {"name": "测试ATS", "roles": ["recruiter"]}
    )
    plaintext = re.search(r'id="issued-token">(fs_[0-9a-f_]+)<', issued.content.decode())

    assert empty.status_code == 422
    assert organisation.api_tokens.count() == 1
    assert plaintext, "the token is shown once"
    api = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext.group(1)}")
    assert api.get(f"/api/v1/orgs/{organisation.id}").status_code == 200

    token = organisation.api_tokens.get()
    client.post(f"/o/{organisation.id}/tokens/{token.id}/revoke/")
    assert api.get(f"/api/v1/orgs/{organisation.id}").status_code == 401


def test_the_interface_is_chinese_by_default_and_switches_to_english(client: Client) -> None:
    chinese = client.get("/accounts/login/")
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    english = client.get("/accounts/login/")

    assert '<html lang="zh-hans">' in chinese.content.decode()
    assert "登录" in chinese.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert "Sign in" in english.content.decode()
