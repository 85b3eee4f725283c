"""`fairscreen keyring ...` as a real process: create, status, rotate, and production's refusal."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from fairscreen.demo.decisions import DECIDED_CANDIDATES
from fairscreen.demo.findings import SCREENED_CANDIDATES
from fairscreen.demo.seed import DEMO_CANDIDATES
from tests.e2e.test_cli import fresh_env, run


def test_create_makes_a_private_key_file_and_never_replaces_one(tmp_path: Path) -> None:
    env = fresh_env(tmp_path)
    path = tmp_path / "keys" / "keyring.json"
    path.parent.mkdir()

    created = run("keyring", "create", str(path), env=env)
    again = run("keyring", "create", str(path), env=env)

    assert created.returncode == 0, created.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["format"] == "fairscreen-local-keyring"
    assert again.returncode != 0
    assert "refusing to replace" in again.stderr


@pytest.mark.slow
def test_rotate_rewraps_the_demo_candidates_keys(tmp_path: Path) -> None:
    env = fresh_env(tmp_path)
    assert run("migrate", "--no-input", env=env).returncode == 0
    assert run("demo", env=env).returncode == 0

    before = run("keyring", "status", env=env)
    rotated = run("keyring", "rotate", env=env)
    after = run("keyring", "status", env=env)

    assert rotated.returncode == 0, rotated.stderr
    candidates = len(DEMO_CANDIDATES) + len(SCREENED_CANDIDATES) + len(DECIDED_CANDIDATES)
    assert f"{candidates} rewrapped, 0 already current" in rotated.stdout
    assert f"-v1: {candidates} live data keys" in before.stdout
    assert f"-v2: {candidates} live data keys" in after.stdout
    assert "-v1:" not in after.stdout


def test_production_refuses_to_start_without_an_explicit_keyring(tmp_path: Path) -> None:
    env = fresh_env(
        tmp_path,
        FAIRSCREEN_ENV="production",
        FAIRSCREEN_SECRET_KEY="p" * 64,
        DATABASE_URL="postgresql://postgres@127.0.0.1:1/unused",
        FAIRSCREEN_ALLOWED_HOSTS="screening.example.com",
        FAIRSCREEN_LEDGER_KEY_FILE=str(tmp_path / "ledger.key"),
    )

    result = run("check", env=env)

    assert result.returncode == 2
    assert "FAIRSCREEN_KEYRING" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "keyring.json").exists()
