"""Factories for visibly fictional test data (names like 测试…, domains under example.com).

Argon2 is deliberately slow, so one real hash is computed per test session and reused.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import cache

import pytest
from django.contrib.auth.hashers import make_password

from fairscreen.accounts import services
from fairscreen.accounts.models import Membership, Organisation, User
from fairscreen.accounts.principals import OrganisationAccess, Principal
from fairscreen.accounts.roles import Role
from fairscreen.accounts.services import IssuedToken

TEST_PASSWORD = "correct-horse-测试-2026"
_sequence = itertools.count(1)

__all__ = ["TEST_PASSWORD", "make_member", "make_organisation", "make_token", "make_user"]


@cache
def _password_hash() -> str:
    return make_password(TEST_PASSWORD)


def create_organisation(name: str | None = None) -> Organisation:
    number = next(_sequence)
    return services.create_organisation(
        name=name or f"测试公司{number} (Test Co. {number})", domain=f"org{number}.example.com"
    )


def create_user(display_name: str | None = None) -> User:
    number = next(_sequence)
    return User.objects.create(
        email=f"staff{number}@example.com",
        display_name=display_name or f"测试员工{number}",
        password=_password_hash(),
    )


def create_member(organisation: Organisation, *roles: Role) -> User:
    user = create_user()
    services.add_member(organisation=organisation, user=user, roles=frozenset(roles))
    return user


def access_for(user: User, organisation: Organisation) -> OrganisationAccess:
    membership = Membership.objects.get(user=user, organisation=organisation)
    roles = frozenset(Role(value) for value in membership.roles.values_list("role", flat=True))
    return OrganisationAccess(
        principal=Principal.for_user(user), organisation=organisation, roles=roles
    )


def create_token(organisation: Organisation, *roles: Role) -> IssuedToken:
    admin = create_member(organisation, Role.HR_ADMIN)
    return services.issue_api_token(
        access=access_for(admin, organisation),
        name="测试集成 (test integration)",
        roles=frozenset(roles),
    )


@pytest.fixture
def make_organisation(db: None) -> Callable[..., Organisation]:
    return create_organisation


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    return create_user


@pytest.fixture
def make_member(db: None) -> Callable[..., User]:
    return create_member


@pytest.fixture
def make_token(db: None) -> Callable[..., IssuedToken]:
    return create_token
