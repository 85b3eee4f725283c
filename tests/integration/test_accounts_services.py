"""Accounts use cases against the real database: validation, tenancy, roles and tokens."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fairscreen.accounts import selectors, services
from fairscreen.accounts.models import ApiToken, Organisation, RoleAssignment, User
from fairscreen.accounts.principals import Principal
from fairscreen.accounts.roles import Role
from fairscreen.core.errors import InvalidInput, NotFound, PermissionDenied
from tests.factories import access_for

pytestmark = pytest.mark.django_db


def test_an_organisation_with_an_unknown_time_zone_is_refused_and_nothing_is_saved() -> None:
    with pytest.raises(InvalidInput) as raised:
        services.create_organisation(name="测试公司 (Test Co.)", time_zone="Mars/Base")

    assert "time_zone" in raised.value.details
    assert not Organisation.objects.exists()


def test_organisations_default_to_shanghai_time_and_simplified_chinese(make_organisation):
    organisation = make_organisation()

    assert organisation.time_zone == "Asia/Shanghai"
    assert organisation.locale == "zh-hans"


def test_a_second_account_with_the_same_email_in_other_case_is_refused(make_user) -> None:
    services.create_user(email="Dup@Example.com", display_name="测试甲", password=None)

    with pytest.raises(services.EmailTaken):
        services.create_user(email="dup@example.com", display_name="测试乙", password=None)
    assert User.objects.filter(email="dup@example.com").count() == 1


def test_weak_passwords_are_refused_with_reasons() -> None:
    with pytest.raises(InvalidInput) as raised:
        services.create_user(email="weak@example.com", display_name="测试", password="12345678")

    assert raised.value.details["password"]
    assert not User.objects.filter(email="weak@example.com").exists()


def test_a_non_member_cannot_tell_that_an_organisation_exists(make_organisation, make_member):
    ours, theirs = make_organisation(), make_organisation()
    user = make_member(ours, Role.HR_ADMIN)

    with pytest.raises(NotFound):
        selectors.organisation_access(principal=Principal.for_user(user), organisation_id=theirs.id)


def test_a_member_without_the_role_is_refused(make_organisation, make_member) -> None:
    organisation = make_organisation()
    recruiter = make_member(organisation, Role.RECRUITER)

    with pytest.raises(PermissionDenied):
        selectors.organisation_access(
            principal=Principal.for_user(recruiter),
            organisation_id=organisation.id,
            required=frozenset({Role.HR_ADMIN}),
        )


def test_the_last_hr_admin_cannot_lose_the_role(make_organisation, make_member) -> None:
    organisation = make_organisation()
    admin = make_member(organisation, Role.HR_ADMIN)
    access = access_for(admin, organisation)
    membership = admin.memberships.get()

    with pytest.raises(services.LastHrAdmin):
        services.set_member_roles(
            access=access, membership=membership, roles=frozenset({Role.AUDITOR})
        )
    assert list(membership.roles.values_list("role", flat=True)) == [Role.HR_ADMIN]


def test_with_a_second_hr_admin_roles_can_change(make_organisation, make_member) -> None:
    organisation = make_organisation()
    admin = make_member(organisation, Role.HR_ADMIN)
    make_member(organisation, Role.HR_ADMIN)

    services.set_member_roles(
        access=access_for(admin, organisation),
        membership=admin.memberships.get(),
        roles=frozenset({Role.AUDITOR, Role.DPO}),
    )

    assert set(
        RoleAssignment.objects.filter(membership__user=admin).values_list("role", flat=True)
    ) == {Role.AUDITOR, Role.DPO}


def test_tokens_are_stored_only_as_digests_and_authenticate(make_organisation, make_token):
    organisation = make_organisation()
    issued = make_token(organisation, Role.RECRUITER)

    stored = ApiToken.objects.get(id=issued.token.id)
    secret = issued.plaintext.split("_", 2)[2]
    assert secret not in stored.secret_digest
    assert services.authenticate_api_token(issued.plaintext) == stored
    altered = issued.plaintext[:-1] + ("1" if issued.plaintext[-1] != "1" else "2")
    assert services.authenticate_api_token(altered) is None
    assert services.authenticate_api_token(issued.plaintext + "x") is None
    assert services.authenticate_api_token("fs_unknown_secret") is None
    assert services.authenticate_api_token("Bearer nonsense") is None


def test_token_use_is_recorded_at_most_once_a_minute(make_organisation, make_token) -> None:
    issued = make_token(make_organisation(), Role.AUDITOR)
    start = timezone.now()

    services.authenticate_api_token(issued.plaintext, now=start)
    services.authenticate_api_token(issued.plaintext, now=start + timedelta(seconds=30))
    first = ApiToken.objects.get(id=issued.token.id).last_used_at
    services.authenticate_api_token(issued.plaintext, now=start + timedelta(minutes=2))
    later = ApiToken.objects.get(id=issued.token.id).last_used_at

    assert first == start
    assert later == start + timedelta(minutes=2)


def test_revoked_and_expired_tokens_stop_working(make_organisation, make_member) -> None:
    organisation = make_organisation()
    access = access_for(make_member(organisation, Role.HR_ADMIN), organisation)
    revoked = services.issue_api_token(access=access, name="old", roles=frozenset({Role.AUDITOR}))
    expiring = services.issue_api_token(
        access=access, name="short", roles=frozenset({Role.AUDITOR}), expires_in_days=1
    )

    services.revoke_api_token(access=access, token=revoked.token)

    assert services.authenticate_api_token(revoked.plaintext) is None
    assert services.authenticate_api_token(expiring.plaintext) is not None
    assert (
        services.authenticate_api_token(expiring.plaintext, now=timezone.now() + timedelta(days=2))
        is None
    )
    with pytest.raises(services.TokenAlreadyRevoked):
        services.revoke_api_token(access=access, token=revoked.token)


def test_a_token_cannot_issue_tokens(make_organisation, make_token) -> None:
    organisation = make_organisation()
    issued = make_token(organisation, Role.HR_ADMIN)
    token_access = selectors.organisation_access(
        principal=Principal.for_token(issued.token), organisation_id=organisation.id
    )

    with pytest.raises(PermissionDenied):
        services.issue_api_token(
            access=token_access, name="escalation", roles=frozenset({Role.HR_ADMIN})
        )
