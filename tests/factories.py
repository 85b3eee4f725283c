"""Factories for visibly fictional test data (names like 测试…, domains under example.com).

Argon2 is deliberately slow, so one real hash is computed per test session and reused.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password

from fairscreen.accounts import services
from fairscreen.accounts.models import Membership, Organisation, User
from fairscreen.accounts.principals import OrganisationAccess, Principal
from fairscreen.accounts.roles import Role
from fairscreen.accounts.services import IssuedToken
from fairscreen.config.env import KeyringKind
from fairscreen.privacy.keyring import reset_keyrings
from fairscreen.screenings.identity import check_character
from fairscreen.screenings.models import Candidate
from fairscreen.screenings.services import register_candidate

TEST_PASSWORD = "correct-horse-测试-2026"
_sequence = itertools.count(1)

__all__ = [
    "TEST_PASSWORD",
    "hiring_setup",
    "make_candidate",
    "make_member",
    "make_organisation",
    "make_token",
    "make_user",
    "own_keyring",
]


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


def fictional_id_number(number: int) -> str:
    """Passes the checksum; region 990000 belongs to no province, so it is nobody's."""
    first_seventeen = f"99000019990101{number % 1000:03d}"
    return first_seventeen + check_character(first_seventeen)


def create_candidate(organisation: Organisation, **overrides: str) -> Candidate:
    number = next(_sequence)
    recruiter = create_member(organisation, Role.RECRUITER)
    values = {
        "full_name": f"测试候选人{number}",
        "id_number": fictional_id_number(number),
        "phone": f"1380000{number % 10000:04d}",
        "email": f"candidate{number}@example.com",
        **overrides,
    }
    return register_candidate(access=access_for(recruiter, organisation), **values)


@pytest.fixture
def make_candidate(db: None) -> Callable[..., Candidate]:
    return create_candidate


@pytest.fixture
def own_keyring(tmp_path: Path, settings: object) -> Iterator[Path]:
    """This test's own local key file, so rotating or swapping keys touches no other test."""
    app = settings.APP  # type: ignore[attr-defined]
    path = tmp_path / "keyring.json"
    keyring = dataclasses.replace(app.keyring, kind=KeyringKind.LOCAL, key_file=path)
    settings.APP = dataclasses.replace(app, keyring=keyring)  # type: ignore[attr-defined]
    reset_keyrings()
    yield path
    reset_keyrings()


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


COMPLETE_DISCLOSURE = {
    "legal_name": "测试科技有限公司 (Test Technology Co., Ltd.)",
    "credit_code": "91990000MA00000000",
    "address": "测试市示例区演示路1号 (1 Demo Road, Test City)",
    "licences": "营业执照（测试）",
    "size": "200–500 人",
    "funding_stage": "B 轮",
    "business": "企业软件 (enterprise software)",
    "privacy_contact": "privacy@example.com",
    "report_recipients": "",
}


@dataclasses.dataclass(frozen=True)
class HiringSetup:
    """An organisation ready to screen: staff in each role, an approved profile, a position."""

    organisation: Organisation
    hr_admin: OrganisationAccess
    recruiter: OrganisationAccess
    analyst: OrganisationAccess
    dpo: OrganisationAccess
    profile_id: object
    position_id: object


def create_hiring_setup(
    organisation: Organisation | None = None, *, template_key: str = "finance_manager"
) -> HiringSetup:
    """The finance manager template holds sensitive items: the DPO approves it, as in life."""
    from fairscreen.positions import services as positions

    organisation = organisation or create_organisation()
    accesses = {
        role: access_for(create_member(organisation, role), organisation)
        for role in (Role.HR_ADMIN, Role.RECRUITER, Role.ANALYST, Role.DPO)
    }
    hr_admin = accesses[Role.HR_ADMIN]
    positions.update_organisation_disclosure(
        access=hr_admin, texts=COMPLETE_DISCLOSURE, retention_months=6
    )
    version = positions.create_profile_from_template(access=hr_admin, template_key=template_key)
    if version.status == "pending_approval":
        positions.approve_profile_version(
            access=accesses[Role.DPO],
            version_id=version.id,
            impact_assessment=IMPACT_ASSESSMENT,
        )
    position = positions.create_position(
        access=hr_admin,
        title="测试岗位 (test position)",
        profile_id=version.profile_id,
        disclosure={"team": "测试团队 5 人", "working_hours": "9:00–18:00"},
    )
    for role, member in accesses.items():
        if role in TEAM_ROLES:
            join_team(hr_admin, position.id, member, role)
    return HiringSetup(
        organisation=organisation,
        hr_admin=hr_admin,
        recruiter=accesses[Role.RECRUITER],
        analyst=accesses[Role.ANALYST],
        dpo=accesses[Role.DPO],
        profile_id=version.profile_id,
        position_id=position.id,
    )


def join_team(
    hr_admin: OrganisationAccess, position_id: object, member: OrganisationAccess, role: Role
) -> None:
    """Put a member on the position's hiring team in `role` (reports are the team's only)."""
    from fairscreen.positions import teams

    teams.assign_to_hiring_team(
        access=hr_admin,
        position_id=position_id,
        role=role.value,  # type: ignore[arg-type]
        user_id=member.principal.id,
    )


TEAM_ROLES = frozenset({Role.HR_ADMIN, Role.RECRUITER, Role.ANALYST, Role.REVIEWER, Role.APPROVER})


IMPACT_ASSESSMENT = (
    "测试影响评估：目的、必要性、对个人权益的影响及保护措施均已记录。"
    " (Test impact assessment: purpose, necessity, impact and safeguards recorded.)"
)


@pytest.fixture
def hiring_setup(db: None) -> Callable[..., HiringSetup]:
    return create_hiring_setup


def create_consented_screening(
    setup: HiringSetup,
    candidate: Candidate,
    *,
    items: tuple[str, ...] = ("identity", "education", "civil_litigation", "dishonest_debtor"),
    third_parties: tuple[object, ...] = (),
    refuse: tuple[str, ...] = (),
    start: bool = True,
) -> object:
    """A screening ordered, consented (except `refuse`) and, if `start`, with checks running."""
    from fairscreen.domain import scope
    from fairscreen.screenings import services as screenings
    from fairscreen.screenings.models import ThirdParty

    screening = screenings.order_screening(
        access=setup.recruiter,
        candidate_id=candidate.id,
        position_id=setup.position_id,
        items=list(items),
        third_parties=list(third_parties),  # type: ignore[arg-type]
    )
    issued = screenings.issue_invitation(access=setup.recruiter, screening_id=screening.id)
    screenings.open_invitation(token=issued.token)
    screening.refresh_from_db()
    granted = frozenset(code for code in items if code not in refuse)
    parties = frozenset(ThirdParty.objects.filter(screening=screening).values_list("id", flat=True))
    screenings.record_consent(
        screening_id=screening.id,
        choices=screenings.ConsentChoices(
            granted=granted,
            refused=frozenset(refuse),
            sensitive_confirmed=frozenset(
                code for code in granted if scope.CATALOGUE.item(code).sensitive
            ),
            third_parties_granted=parties,
        ),
        signed_name=candidate.full_name.reveal(),  # type: ignore[union-attr]
        notice_digest=screening.notice_digest,
        language="zh-hans",
    )
    if start:
        for code in sorted(granted):
            screenings.start_check(access=setup.analyst, screening_id=screening.id, code=code)
    screening.refresh_from_db()
    return screening


def create_team_member(setup: HiringSetup, *roles: Role) -> User:
    """A member of the organisation in `roles`, on the setup position's team in each of them
    that is a team role (a DPO or auditor oversees every position without being on a team)."""
    user = create_member(setup.organisation, *roles)
    access = access_for(user, setup.organisation)
    for role in roles:
        if role in TEAM_ROLES:
            join_team(setup.hr_admin, setup.position_id, access, role)
    return user
