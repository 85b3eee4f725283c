"""The retention sweep as a real process, killed half-way with SIGKILL: nothing is
half-destroyed, and the next run finishes the list. On SQLite (the embedded default); the
same per-candidate transactions hold on PostgreSQL (tests/integration/test_retention.py)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.test_cli import FAIRSCREEN, fresh_env, run

CANDIDATES = 600

SEED = f"""
import django
django.setup()
from datetime import timedelta
from django.utils import timezone
from fairscreen.accounts import services
from fairscreen.accounts.principals import OrganisationAccess, Principal
from fairscreen.accounts.roles import Role
from fairscreen.screenings.models import Candidate
from fairscreen.screenings.identity import check_character
from fairscreen.screenings.services import register_candidate
organisation = services.create_organisation(name="测试保留期公司 (Retention Test Co.)",
                                            domain="retention.example.com")
user = services.create_user(email="recruiter@retention.example.com", display_name="测试招聘",
                            password="fictional-password-2026")
services.add_member(organisation=organisation, user=user, roles=frozenset({{Role.RECRUITER}}))
access = OrganisationAccess(principal=Principal.for_user(user), organisation=organisation,
                            roles=frozenset({{Role.RECRUITER}}))
for number in range({CANDIDATES}):
    first = f"99000019800101{{number:03d}}"
    register_candidate(access=access, full_name=f"测试候选人{{number}}",
                       id_number=first + check_character(first),
                       phone=f"139{{number:08d}}", email=f"c{{number}}@retention.example.com")
Candidate.objects.update(created_at=timezone.now() - timedelta(days=60))
"""


def counts(database: Path) -> tuple[int, int, int]:
    """(destroyed keys, live keys, destroyed keys whose candidate still has a blind index).

    The join is checked to find every destroyed key's candidate (a positive control: a
    join that matched nothing would make the last count trivially zero).
    """
    with sqlite3.connect(database) as connection:
        destroyed = connection.execute(
            "SELECT count(*) FROM privacy_subjectkey WHERE destroyed_at IS NOT NULL"
        ).fetchone()[0]
        live = connection.execute(
            "SELECT count(*) FROM privacy_subjectkey WHERE destroyed_at IS NULL"
            " AND wrapped_key != ''"
        ).fetchone()[0]
        half = connection.execute(
            "SELECT count(*) FROM privacy_subjectkey k JOIN screenings_candidate c"
            " ON k.subject = 'candidate:' || replace(c.id, '-', '')"
            " OR k.subject = 'candidate:' || c.id"
            " WHERE k.destroyed_at IS NOT NULL AND c.id_number_index IS NOT NULL"
        ).fetchone()[0]
    return destroyed, live, half


@pytest.mark.slow
def test_a_sweep_killed_half_way_leaves_nothing_half_destroyed(tmp_path: Path) -> None:
    env = fresh_env(tmp_path, DJANGO_SETTINGS_MODULE="fairscreen.config.settings")
    assert run("migrate", "--no-input", env=env).returncode == 0
    seeded = subprocess.run(
        [sys.executable, "-c", SEED], env=env, capture_output=True, text=True, timeout=600
    )
    assert seeded.returncode == 0, seeded.stderr
    database = tmp_path / "fairscreen.sqlite3"

    sweep = subprocess.Popen(
        [*FAIRSCREEN, "retention", "sweep"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while counts(database)[0] < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    sweep.send_signal(signal.SIGKILL)
    sweep.wait(timeout=30)

    destroyed, live, half = counts(database)
    assert 0 < destroyed < CANDIDATES, "the kill must land half-way for this test to mean much"
    assert destroyed + live == CANDIDATES  # every key is either whole or gone
    assert half == 0  # no destroyed key left a blind index behind

    rerun = run("retention", "sweep", env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{CANDIDATES - destroyed} destroyed" in rerun.stdout
    assert counts(database) == (CANDIDATES, 0, 0)
