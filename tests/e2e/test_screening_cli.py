"""`fairscreen screening ...` as a real process on a fresh SQLite database with the demo.

Nothing outside the position's profile is ever ordered from the console either: the
refusal exits with 2, names the reason, quotes no personal value and creates nothing.
"""

from __future__ import annotations

import hashlib
import re

import pytest

from fairscreen.demo.decisions import DECIDED_CANDIDATES
from fairscreen.demo.findings import SCREENED_CANDIDATES
from tests.e2e.test_profiles_cli import Instance, failed, succeeded

pytestmark = pytest.mark.slow

SCREENING_TABLES = (
    "screenings_screening",
    "screenings_screeningitem",
    "screenings_thirdparty",
    "screenings_invitation",
    "evidence_event",
)
FORMER_EMPLOYER = (
    "name=测试前雇主有限公司 (Test Former Employer Co., Ltd.),contact=hr@former.example.com"
)


@pytest.fixture(scope="module")
def fairscreen(tmp_path_factory: pytest.TempPathFactory) -> Instance:
    return Instance(tmp_path_factory.mktemp("screening-cli"))


def engineer_position(fairscreen: Instance) -> str:
    return fairscreen.query(
        "SELECT p.id FROM positions_position p JOIN positions_riskprofile r ON p.profile_id = r.id"
        " WHERE r.template_key = 'software_engineer'"
    )[0][0]


def a_candidate(fairscreen: Instance) -> str:
    return fairscreen.query("SELECT id FROM screenings_candidate ORDER BY created_at")[0][0]


def screening_in(fairscreen: Instance, status: str) -> str:
    """The oldest demo screening in this status with no refused item."""
    return fairscreen.query(
        "SELECT id FROM screenings_screening s WHERE status = ? AND NOT EXISTS ("
        " SELECT 1 FROM screenings_screeningitem i WHERE i.screening_id = s.id"
        " AND i.state = 'refused') ORDER BY ordered_at",
        status,
    )[0][0]


def order(fairscreen: Instance, *arguments: str, member: str = "recruiter@example.com"):
    return fairscreen(
        "screening",
        "order",
        "--candidate",
        a_candidate(fairscreen),
        "--position",
        engineer_position(fairscreen),
        *arguments,
        "--as",
        member,
    )


def test_readers_list_and_show_screenings(fairscreen) -> None:
    listed = succeeded(fairscreen("screening", "list", "--as", "reviewer@example.com"))
    awaiting = screening_in(fairscreen, "awaiting_consent")

    shown = succeeded(fairscreen("screening", "show", awaiting, "--as", "recruiter@example.com"))

    # the consent states, the two checked candidates and the two decided ones
    assert len(listed.splitlines()) == 5 + len(SCREENED_CANDIDATES) + len(DECIDED_CANDIDATES)
    assert {"awaiting_consent", "active", "declined", "withdrawn"} <= set(listed.split())
    assert "candidate: 测试候选人甲" in shown
    assert re.search(r"notice digest: sha256:[0-9a-f]{64}", shown)
    assert re.search(r"employment_history\s+awaiting_consent", shown)
    assert "former_employer for employment_history: 示例前雇主有限公司" in shown


def test_a_recruiter_orders_the_profiles_items_with_a_former_employer(fairscreen) -> None:
    before = fairscreen.counts(*SCREENING_TABLES)

    ordered = succeeded(
        order(
            fairscreen,
            "--item",
            "identity",
            "employment_history",
            "--item",
            "education",
            "--former-employer",
            FORMER_EMPLOYER,
        )
    )

    screening_id = ordered.split("Screening ordered: ")[1].split()[0].replace("-", "")
    after = fairscreen.counts(*SCREENING_TABLES)
    assert "items: identity, education, employment_history" in ordered
    assert after[:3] == (before[0] + 1, before[1] + 3, before[2] + 1)
    shown = succeeded(
        fairscreen("screening", "show", screening_id, "--as", "recruiter@example.com")
    )
    assert "测试前雇主有限公司 (Test Former Employer Co., Ltd.), hr@former.example.com" in shown


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        (("--item", "identity", "marital_status"), "protected_ground: "),
        (("--item", "identity", "credit_report"), "item_not_in_profile: "),
        (("--item", "horoscope"), "unknown_check_item: "),
        ((), "empty_order: "),
        (("--item", "employment_history"), "items.employment_history: "),
        (
            (
                "--item",
                "employment_history",
                "--former-employer",
                "测试前雇主 contact=hr@x.example.com",
            ),
            "--former-employer: ",
        ),
        (("--item", "identity", "--candidate-name", "测试"), "unrecognized arguments"),
    ],
    ids=lambda value: value if isinstance(value, str) else " ".join(value),
)
def test_nothing_outside_the_profile_can_be_ordered_from_the_console(
    fairscreen, arguments, reason
) -> None:
    before = fairscreen.counts(*SCREENING_TABLES)

    result = order(fairscreen, *arguments)

    assert reason in failed(result, 2)
    assert fairscreen.counts(*SCREENING_TABLES) == before
    assert "测试前雇主" not in result.stderr
    assert "hr@x.example.com" not in result.stderr
    assert "测试候选人" not in result.stderr


def test_members_without_the_role_cannot_order_invite_or_withdraw(fairscreen) -> None:
    awaiting = screening_in(fairscreen, "awaiting_consent")
    before = fairscreen.counts(*SCREENING_TABLES)

    refusals = [
        order(fairscreen, "--item", "identity", member="analyst@example.com"),
        fairscreen("screening", "invite", awaiting, "--as", "reviewer@example.com"),
        fairscreen("screening", "withdraw", awaiting, "--as", "analyst@example.com"),
        fairscreen("screening", "list", "--as", "auditor@example.com"),
    ]

    assert all("forbidden" in failed(result, 1) for result in refusals)
    assert fairscreen.counts(*SCREENING_TABLES) == before


def test_the_invitation_link_is_printed_once_and_only_its_hash_is_kept(fairscreen) -> None:
    awaiting = screening_in(fairscreen, "awaiting_consent")

    invited = succeeded(
        fairscreen(
            "screening",
            "invite",
            awaiting,
            "--base-url",
            "https://screening.example.com/",
            "--as",
            "recruiter@example.com",
        )
    )
    bad_url = fairscreen(
        "screening",
        "invite",
        awaiting,
        "--base-url",
        "screening.example.com",
        "--as",
        "recruiter@example.com",
    )
    shown = succeeded(fairscreen("screening", "show", awaiting, "--as", "recruiter@example.com"))

    token = re.search(r"^https://screening\.example\.com/c/invitation/([\w-]+)/$", invited, re.M)
    assert token is not None, invited
    assert "not shown again" in invited
    stored = fairscreen.query(
        "SELECT token_hash FROM screenings_invitation"
        " WHERE screening_id = ? AND revoked_at IS NULL",
        awaiting,
    )
    assert stored == [(hashlib.sha256(token.group(1).encode()).hexdigest(),)]
    assert token.group(1) not in shown
    assert "--base-url" in failed(bad_url, 2)


def test_a_withdrawal_made_by_phone_stops_every_pending_check(fairscreen) -> None:
    active = screening_in(fairscreen, "active")

    withdrawn = succeeded(fairscreen("screening", "withdraw", active, "--as", "dpo@example.com"))
    again = fairscreen("screening", "withdraw", active, "--as", "dpo@example.com")
    states = fairscreen.query(
        "SELECT DISTINCT state FROM screenings_screeningitem WHERE screening_id = ?", active
    )

    assert "stopped: identity, dishonest_debtor, credit_report" in withdrawn
    assert states == [("stopped",)]
    assert fairscreen.query("SELECT status FROM screenings_screening WHERE id = ?", active) == [
        ("withdrawn",)
    ]
    assert "consent_closed" in failed(again, 1)
    assert fairscreen.query(
        "SELECT count(*) FROM evidence_event WHERE event_type = 'consent.withdrawn'"
        " AND actor LIKE 'user:%'"
    ) == [(1,)]


def test_unknown_screenings_and_malformed_ids_are_bad_input(fairscreen) -> None:
    missing = fairscreen(
        "screening", "show", "01a20000-0000-7000-8000-000000000000", "--as", "recruiter@example.com"
    )
    malformed = fairscreen("screening", "withdraw", "12345", "--as", "recruiter@example.com")

    assert "not_found" in failed(missing, 2)
    assert "invalid UUID value" in failed(malformed, 2)
