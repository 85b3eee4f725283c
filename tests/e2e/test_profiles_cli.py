"""`fairscreen profiles ...` as a real process on a fresh SQLite database with the demo.

Bad input exits with 2 and a one-line reason on stderr (never a traceback) and changes
nothing; a refusal by role or state exits with 1.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fairscreen.domain import scope
from tests.e2e.test_cli import FAIRSCREEN, fresh_env, run
from tests.factories import IMPACT_ASSESSMENT

pytestmark = pytest.mark.slow


class Instance:
    """A migrated, demo-seeded instance and a way to run commands and read its database."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.env = fresh_env(directory)
        assert run("migrate", "--no-input", env=self.env).returncode == 0
        seeded = run("demo", env=self.env)
        assert seeded.returncode == 0, seeded.stderr

    def __call__(
        self, *arguments: str, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        if stdin is None:
            return run(*arguments, env=self.env)
        return subprocess.run(
            [*FAIRSCREEN, *arguments],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def query(self, sql: str, *parameters: object) -> list[tuple]:
        with sqlite3.connect(self.directory / "fairscreen.sqlite3") as connection:
            return connection.execute(sql, parameters).fetchall()

    def count(self, table: str) -> int:
        return self.query(f"SELECT count(*) FROM {table}")[0][0]  # noqa: S608 - test tables

    def counts(self, *tables: str) -> tuple[int, ...]:
        return tuple(self.count(table) for table in tables)

    def file(self, name: str, text: str) -> str:
        path = self.directory / name
        path.write_text(text, encoding="utf-8")
        return str(path)


def succeeded(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    assert not result.stderr.strip(), result.stderr
    return result.stdout


def failed(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()
    return result.stderr


@pytest.fixture(scope="module")
def fairscreen(tmp_path_factory: pytest.TempPathFactory) -> Instance:
    return Instance(tmp_path_factory.mktemp("profiles-cli"))


PROFILE_TABLES = ("positions_riskprofile", "positions_profileversion", "evidence_event")


def test_the_catalogue_and_templates_need_no_member(fairscreen) -> None:
    catalogue = succeeded(fairscreen("profiles", "catalogue"))
    templates = succeeded(fairscreen("profiles", "templates", "--language", "en"))

    assert f"version {scope.CATALOGUE.version}" in catalogue
    assert all(code in catalogue for code in scope.CATALOGUE.codes())
    assert "身份核验 [sensitive]" in catalogue
    assert "requires: law_or_job_nature_requires_criminal_check" in catalogue
    assert all(template.key in templates for template in scope.TEMPLATES)
    assert "Cashier" in templates


def test_readers_list_and_show_profiles_with_their_reasons(fairscreen) -> None:
    listed = succeeded(fairscreen("profiles", "list", "--as", "auditor@example.com"))
    cashier_id = fairscreen.query(
        "SELECT id FROM positions_riskprofile WHERE template_key = 'cashier'"
    )[0][0]

    shown = succeeded(
        fairscreen(
            "profiles", "show", cashier_id, "--language", "en", "--as", "auditor@example.com"
        )
    )

    assert len(listed.splitlines()) == 5
    assert "出纳: version 1 (5 items)" in listed
    assert "(template cashier)" in shown
    assert "version 1: approved" in shown
    assert "- credit_report [sensitive]: " in shown
    assert "declares: handles_funds" in shown
    assert "impact assessment: " in shown


def test_a_sensitive_profile_waits_for_the_dpo_who_records_the_assessment(fairscreen) -> None:
    created = succeeded(
        fairscreen(
            "profiles", "create", "--template", "food_safety", "--as", "hr.admin@example.com"
        )
    )
    version_id = created.split("awaits the data protection officer: ")[1].split()[0]
    short = fairscreen.file("short.txt", "looks fine")
    full = fairscreen.file("assessment.txt", IMPACT_ASSESSMENT)

    by_hr = fairscreen(
        "profiles", "approve", version_id, "--assessment-file", full, "--as", "hr.admin@example.com"
    )
    too_short = fairscreen(
        "profiles", "approve", version_id, "--assessment-file", short, "--as", "dpo@example.com"
    )
    approved = fairscreen(
        "profiles",
        "approve",
        version_id,
        "--assessment-file",
        "-",
        "--as",
        "dpo@example.com",
        stdin=IMPACT_ASSESSMENT,
    )
    again = fairscreen(
        "profiles", "approve", version_id, "--assessment-file", full, "--as", "dpo@example.com"
    )

    assert "sensitive items added: identity" in created
    assert "forbidden" in failed(by_hr, 1)
    assert "impact_assessment: at least 40 characters" in failed(too_short, 2)
    assert "approved; it is the scope in force now" in succeeded(approved)
    assert "profile_version_not_pending" in failed(again, 1)
    stored = fairscreen.query(
        "SELECT status, impact_assessment, decided_by FROM positions_profileversion WHERE id = ?",
        version_id.replace("-", ""),
    )
    assert stored[0][0] == "approved"
    assert stored[0][1] == IMPACT_ASSESSMENT
    assert stored[0][2].startswith("user:")


def test_the_dpo_rejects_with_a_note(fairscreen) -> None:
    created = succeeded(
        fairscreen("profiles", "create", "--template", "healthcare", "--as", "hr.admin@example.com")
    )
    version_id = created.split("awaits the data protection officer: ")[1].split()[0]

    rejected = succeeded(
        fairscreen(
            "profiles",
            "reject",
            version_id,
            "--note",
            "必要性说明不足 (necessity not shown)",
            "--as",
            "dpo@example.com",
        )
    )

    assert "rejected" in rejected
    assert fairscreen.query(
        "SELECT status, decision_note FROM positions_profileversion WHERE id = ?",
        version_id.replace("-", ""),
    ) == [("rejected", "必要性说明不足 (necessity not shown)")]


def test_a_spec_file_creates_a_profile_and_an_invalid_one_lists_every_problem(fairscreen) -> None:
    spec = scope.template("software_engineer").spec.to_json()
    good = fairscreen.file("engineer.json", json.dumps(spec, ensure_ascii=False))
    spec["items"] = [
        *spec["items"],
        {"code": "marital_status", "necessity": {"zh": "x", "en": "x"}},
        {"code": "credit_report", "necessity": {"zh": "x", "en": "x"}},
    ]
    bad = fairscreen.file("bad.json", json.dumps(spec, ensure_ascii=False))
    before = fairscreen.counts(*PROFILE_TABLES)

    refused = fairscreen(
        "profiles",
        "create",
        "--spec-file",
        bad,
        "--name",
        "测试工程师",
        "--as",
        "hr.admin@example.com",
    )
    unchanged = fairscreen.counts(*PROFILE_TABLES)
    created = fairscreen(
        "profiles",
        "create",
        "--spec-file",
        good,
        "--name",
        "测试工程师",
        "--as",
        "hr.admin@example.com",
    )

    message = failed(refused, 2)
    assert "invalid_profile" in message
    assert "[protected_ground] marital_status" in message
    assert "[precondition_missing] credit_report" in message
    assert unchanged == before
    assert "Profile 测试工程师 created" in succeeded(created)


@pytest.mark.parametrize(
    "arguments",
    [
        ("profiles", "create", "--template", "astronaut", "--as", "hr.admin@example.com"),
        (
            "profiles",
            "create",
            "--spec-file",
            "/nonexistent/spec.json",
            "--as",
            "hr.admin@example.com",
        ),
        ("profiles", "create", "--template", "sales", "--as", "nobody@example.com"),
        ("profiles", "create", "--template", "sales"),
        ("profiles", "list", "--as", "hr.admin@example.com", "--organisation", "not-a-uuid"),
        (
            "profiles",
            "list",
            "--as",
            "hr.admin@example.com",
            "--organisation",
            "01a20000-0000-7000-8000-000000000000",
        ),
        ("profiles", "show", "01a20000-0000-7000-8000-000000000000", "--as", "dpo@example.com"),
        ("profiles", "approve", "not-a-uuid", "--assessment-file", "-", "--as", "dpo@example.com"),
        ("profiles", "frobnicate"),
    ],
    ids=lambda arguments: " ".join(arguments[:4]),
)
def test_bad_input_exits_2_with_a_reason_and_changes_nothing(fairscreen, arguments) -> None:
    before = fairscreen.counts(*PROFILE_TABLES)

    result = fairscreen(*arguments)

    failed(result, 2)
    assert fairscreen.counts(*PROFILE_TABLES) == before
    assert "nobody@example.com" not in result.stderr


def test_a_member_without_the_role_is_refused_with_exit_code_1(fairscreen) -> None:
    before = fairscreen.counts(*PROFILE_TABLES)

    recruiter = fairscreen(
        "profiles", "create", "--template", "sales", "--as", "recruiter@example.com"
    )
    approver = fairscreen("profiles", "list", "--as", "approver@example.com")

    assert "forbidden" in failed(recruiter, 1)
    assert "forbidden" in failed(approver, 1)
    assert fairscreen.counts(*PROFILE_TABLES) == before


SECOND_MEMBERSHIP = """
import django
django.setup()
from fairscreen.accounts import services
from fairscreen.accounts.models import User
from fairscreen.accounts.roles import Role
organisation = services.create_organisation(
    name="测试第二公司 (Second Test Co.)", domain="second.example.com"
)
user = User.objects.get(email="reviewer@example.com")
services.add_member(organisation=organisation, user=user, roles=frozenset({Role.REVIEWER}))
print(organisation.id)
"""


def test_a_member_of_several_organisations_names_the_one_to_act_in(fairscreen) -> None:
    seeded = subprocess.run(
        [sys.executable, "-c", SECOND_MEMBERSHIP],
        env={**fairscreen.env, "DJANGO_SETTINGS_MODULE": "fairscreen.config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    second = seeded.stdout.strip()
    demo = fairscreen.query("SELECT id FROM accounts_organisation WHERE domain = 'example.com'")[0][
        0
    ]

    ambiguous = fairscreen("profiles", "list", "--as", "reviewer@example.com")
    in_demo = fairscreen("profiles", "list", "--as", "reviewer@example.com", "--organisation", demo)
    in_second = fairscreen(
        "profiles", "list", "--as", "reviewer@example.com", "--organisation", second
    )

    assert seeded.returncode == 0, seeded.stderr
    message = failed(ambiguous, 2)
    assert "--organisation" in message
    assert second in message
    assert len(succeeded(in_demo).splitlines()) >= 5
    assert "No risk profiles yet" in succeeded(in_second)
