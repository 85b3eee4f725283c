"""The `fairscreen` console script, run as a real process on a fresh SQLite database."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import fairscreen

FAIRSCREEN = [sys.executable, "-m", "fairscreen"]


def fresh_env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FAIRSCREEN_")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update({"FAIRSCREEN_VAR_DIR": str(var_dir), **extra})
    return env


def run(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FAIRSCREEN, *arguments], env=env, capture_output=True, text=True, timeout=120
    )


def test_version() -> None:
    result = run("--version", env=dict(os.environ))

    assert result.stdout.strip() == f"fairscreen {fairscreen.__version__}"


def test_migrate_creates_a_wal_mode_sqlite_database_under_var(tmp_path: Path) -> None:
    result = run("migrate", "--no-input", env=fresh_env(tmp_path))

    database = tmp_path / "fairscreen.sqlite3"
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_demo_seeds_once_and_prints_the_logins(tmp_path: Path) -> None:
    env = fresh_env(tmp_path)
    run("migrate", "--no-input", env=env)

    first = run("demo", env=env)
    second = run("demo", env=env)

    assert "created" in first.stdout
    assert "already present" in second.stdout
    assert "hr.admin@example.com" in second.stdout
    with sqlite3.connect(tmp_path / "fairscreen.sqlite3") as connection:
        organisations = connection.execute("SELECT count(*) FROM accounts_organisation").fetchone()
        users = connection.execute("SELECT email FROM accounts_user").fetchall()
    assert organisations == (1,)
    assert len(users) == 7
    assert all(email.endswith("@example.com") for (email,) in users)


def test_demo_prints_a_fresh_single_use_invitation_each_run(tmp_path: Path) -> None:
    env = fresh_env(tmp_path)
    run("migrate", "--no-input", env=env)

    links = [_invitation_link(run("demo", env=env).stdout) for _ in range(2)]

    assert links[0] != links[1]
    with sqlite3.connect(tmp_path / "fairscreen.sqlite3") as connection:
        rows = connection.execute(
            "SELECT token_hash, revoked_at IS NOT NULL FROM screenings_invitation"
            " ORDER BY created_at DESC LIMIT 2"
        ).fetchall()
    tokens = [link.rstrip("/").rsplit("/", 1)[1] for link in links]
    assert [revoked for _hash, revoked in rows] == [0, 1]
    assert rows[0][0] == hashlib.sha256(tokens[1].encode()).hexdigest()


def _invitation_link(stdout: str) -> str:
    [link] = [line.strip() for line in stdout.splitlines() if "/c/invitation/" in line]
    assert link.startswith("http://127.0.0.1:8000/c/invitation/")
    return link


def test_production_refuses_to_start_naming_what_to_fix(tmp_path: Path) -> None:
    result = run("check", env=fresh_env(tmp_path, FAIRSCREEN_ENV="production"))

    assert result.returncode == 2
    assert "FAIRSCREEN_SECRET_KEY" in result.stderr
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_is_refused_in_production(tmp_path: Path) -> None:
    env = fresh_env(
        tmp_path,
        FAIRSCREEN_ENV="production",
        FAIRSCREEN_SECRET_KEY="p" * 64,
        DATABASE_URL="postgresql://postgres@127.0.0.1:1/unused",
        FAIRSCREEN_ALLOWED_HOSTS="screening.example.com",
    )

    result = run("demo", env=env)

    assert result.returncode != 0
    assert "production" in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_serve_runs_web_and_worker_and_one_interrupt_stops_both(tmp_path: Path) -> None:
    env = fresh_env(tmp_path)
    run("migrate", "--no-input", env=env)
    port = free_port()
    process = subprocess.Popen(
        [*FAIRSCREEN, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = wait_for_health(port)
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()

    assert body["status"] == "ok"
    assert "SqliteHuey" in body["queue"]["detail"]
    assert process.returncode == 0
    assert f"http://127.0.0.1:{port}/" in output
    assert "Huey consumer started" in output
    with pytest.raises(OSError, match=r"refused|reset|closed"):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)


def wait_for_health(port: int) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
                return json.loads(reply.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
