"""The API's contract through HTTP: OpenAPI, one error shape, auth and roles on every endpoint.

The per-endpoint checks enumerate the API's own operations, so a new endpoint is covered
the day it is added (and fails here if it forgets `auth=`).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from openapi_spec_validator import validate

from fairscreen.accounts.auth import SessionAuth, TokenAuth
from fairscreen.accounts.roles import Role
from fairscreen.core.api import api
from fairscreen.evidence.api import RegulatorAuth

pytestmark = pytest.mark.django_db
ERROR_KEYS = {"code", "message", "details"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    roles: frozenset[Role]
    principal_kind: str = "staff"

    def url(self, organisation_id: uuid.UUID) -> str:
        filled = self.path.replace("{org_id}", str(organisation_id))
        return "/api/v1" + re.sub(r"\{[a-z_]+\}", str(uuid.uuid4()), filled)

    @property
    def is_organisation_scoped(self) -> bool:
        return "{org_id}" in self.path

    @property
    def is_regulator(self) -> bool:
        return self.principal_kind == RegulatorAuth.principal_kind


def endpoints() -> Iterator[Endpoint]:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - importing the URLconf registers the routers
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                roles = {
                    role
                    for callback in operation.auth_callbacks
                    if isinstance(callback, TokenAuth | SessionAuth)
                    for role in callback.roles
                }
                kinds = {
                    callback.principal_kind
                    for callback in operation.auth_callbacks
                    if isinstance(callback, RegulatorAuth)
                }
                kind = kinds.pop() if kinds else "staff"
                for method in operation.methods:
                    yield Endpoint(method, prefix.rstrip("/") + path, frozenset(roles), kind)


ENDPOINTS = sorted(set(endpoints()), key=lambda e: (e.path, e.method))


def call(client: Client, endpoint: Endpoint, organisation_id: uuid.UUID):
    return client.generic(
        endpoint.method, endpoint.url(organisation_id), data="{}", content_type="application/json"
    )


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert isinstance(body["message"], str)
    assert body["message"]
    if code is not None:
        assert body["code"] == code
    return body


def test_the_api_enumeration_found_the_endpoints() -> None:
    assert len(ENDPOINTS) >= 8
    assert any(endpoint.is_regulator for endpoint in ENDPOINTS)


def test_every_endpoint_requires_authentication_and_declares_roles() -> None:
    for endpoint in ENDPOINTS:
        if endpoint.is_regulator:
            assert not endpoint.roles, f"{endpoint.method} {endpoint.path} mixes in staff auth"
        else:
            assert endpoint.roles, f"{endpoint.method} {endpoint.path} has no staff() auth"


def test_openapi_document_is_valid_openapi_3(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")

    spec = response.json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/orgs/{org_id}/tokens" in spec["paths"]
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method} {e.path}")
def test_every_endpoint_refuses_an_anonymous_caller(endpoint: Endpoint, make_organisation):
    organisation = make_organisation()

    assert_error(call(Client(), endpoint, organisation.id), 401, "not_authenticated")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method} {e.path}")
def test_every_endpoint_refuses_a_caller_without_the_role(
    endpoint: Endpoint, make_organisation, make_member, make_token
) -> None:
    organisation, elsewhere = make_organisation(), make_organisation()
    other_roles = set(Role) - endpoint.roles
    if endpoint.is_regulator:
        # Regulator endpoints refuse staff, whatever roles they hold.
        token = make_token(organisation, *Role)
        user = make_member(organisation, *Role)
        expected = (403, "forbidden")
        target = organisation.id
    elif endpoint.is_organisation_scoped and other_roles:
        token = make_token(organisation, *other_roles)
        user = make_member(organisation, *other_roles)
        expected = (403, "forbidden")
        target = organisation.id
    else:
        # Open to any member: "without the role" means not a member of that organisation.
        token = make_token(elsewhere, *Role)
        user = make_member(elsewhere, *Role)
        expected = (404, "not_found") if endpoint.is_organisation_scoped else (200, None)
        target = organisation.id
    by_token = Client(HTTP_AUTHORIZATION=f"Bearer {token.plaintext}")
    by_session = Client()
    by_session.force_login(user)

    for client in (by_token, by_session):
        response = call(client, endpoint, target)
        if expected[0] == 200:
            assert organisation.name not in response.content.decode()
        else:
            assert_error(response, *expected)


def test_a_token_never_reaches_another_organisation(make_organisation, make_token) -> None:
    ours, theirs = make_organisation(), make_organisation()
    token = make_token(ours, *Role)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token.plaintext}")

    members = client.get(f"/api/v1/orgs/{ours.id}/members").json()
    assert_error(client.get(f"/api/v1/orgs/{theirs.id}"), 404, "not_found")
    assert_error(client.get(f"/api/v1/orgs/{theirs.id}/members"), 404, "not_found")
    me = client.get("/api/v1/me").json()

    assert {m["organisation"]["id"] for m in me["memberships"]} == {str(ours.id)}
    assert all(member["email"].endswith("@example.com") for member in members)
    assert len(members) == ours.memberships.count()


def test_session_writes_need_the_csrf_token(make_organisation, make_member) -> None:
    organisation = make_organisation()
    admin = make_member(organisation, Role.HR_ADMIN)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    client.get(f"/o/{organisation.id}/")  # sets the csrftoken cookie
    body = json.dumps({"name": "测试ATS", "roles": ["recruiter"]})
    url = f"/api/v1/orgs/{organisation.id}/tokens"

    refused = client.post(url, body, content_type="application/json")
    accepted = client.post(
        url,
        body,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )

    assert_error(refused, 403, "csrf_failed")
    assert accepted.status_code == 201
    assert accepted.json()["token"].startswith("fs_")
    assert organisation.api_tokens.count() == 1


def test_bad_input_gets_specific_errors_and_changes_nothing(make_organisation, make_token):
    organisation = make_organisation()
    client = Client(
        HTTP_AUTHORIZATION=f"Bearer {make_token(organisation, Role.HR_ADMIN).plaintext}"
    )
    url = f"/api/v1/orgs/{organisation.id}"

    malformed = client.patch(url, "{not json", content_type="application/json")
    bad_zone = client.patch(url, {"time_zone": "Mars/Base"}, content_type="application/json")
    bad_locale = client.patch(url, {"locale": "klingon"}, content_type="application/json")
    organisation.refresh_from_db()

    assert_error(malformed, 400, "bad_request")
    assert "time_zone" in assert_error(bad_zone, 422, "validation_error")["details"]
    fields = assert_error(bad_locale, 422, "validation_error")["details"]["fields"]
    assert fields[0]["location"][-1] == "locale"
    assert "klingon" not in bad_locale.content.decode(), "submitted values are not echoed"
    assert organisation.time_zone == "Asia/Shanghai"


def test_unknown_roles_are_refused_by_name(make_organisation, make_member) -> None:
    organisation = make_organisation()
    admin = make_member(organisation, Role.HR_ADMIN)
    client = Client()
    client.force_login(admin)

    response = client.post(
        f"/api/v1/orgs/{organisation.id}/tokens",
        {"name": "x", "roles": ["recruiter", "superuser"]},
        content_type="application/json",
    )

    assert "superuser" in assert_error(response, 422, "validation_error")["details"]["roles"]
    assert organisation.api_tokens.count() == 0


def test_conflicts_have_machine_readable_codes(make_organisation, make_member) -> None:
    organisation = make_organisation()
    admin = make_member(organisation, Role.HR_ADMIN)
    client = Client()
    client.force_login(admin)
    membership = admin.memberships.get()
    created = client.post(
        f"/api/v1/orgs/{organisation.id}/tokens",
        {"name": "测试ATS", "roles": ["auditor"]},
        content_type="application/json",
    ).json()

    demote = client.put(
        f"/api/v1/orgs/{organisation.id}/members/{membership.id}/roles",
        {"roles": ["auditor"]},
        content_type="application/json",
    )
    first = client.delete(f"/api/v1/orgs/{organisation.id}/tokens/{created['id']}")
    second = client.delete(f"/api/v1/orgs/{organisation.id}/tokens/{created['id']}")

    assert_error(demote, 409, "last_hr_admin")
    assert first.status_code == 200
    assert first.json()["revoked_at"] is not None
    assert_error(second, 409, "token_already_revoked")


def test_unknown_api_paths_answer_in_the_error_shape(client: Client) -> None:
    assert_error(client.get("/api/v1/no/such/thing"), 404, "not_found")


def test_an_hr_admin_changes_the_organisation_time_zone(make_organisation, make_token) -> None:
    organisation = make_organisation()
    client = Client(
        HTTP_AUTHORIZATION=f"Bearer {make_token(organisation, Role.HR_ADMIN).plaintext}"
    )

    response = client.patch(
        f"/api/v1/orgs/{organisation.id}",
        {"time_zone": "Asia/Urumqi"},
        content_type="application/json",
    )
    organisation.refresh_from_db()

    assert response.status_code == 200
    assert response.json()["time_zone"] == "Asia/Urumqi"
    assert organisation.time_zone == "Asia/Urumqi"
