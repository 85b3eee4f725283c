"""`fairscreen ledger ...` as a real process on a fresh SQLite database.

The scenario is the regulator's: the operator signs and publishes a checkpoint, hands over
the verifier key and an export, and the auditor verifies them offline -- with no database
at all -- and sees any edit to the export named by its sequence number.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.test_cli import fresh_env, run

pytestmark = pytest.mark.slow

EVENTS = 12
SEED = f"""
import django
django.setup()
from django.db import transaction
from fairscreen.evidence.services import record_event
with transaction.atomic():
    for number in range({EVENTS}):
        record_event(event_type="test.cli_recorded", actor="user:test-hr",
                     subject=f"screening:test-{{number}}", payload={{"step": number}})
"""
UNREACHABLE_DATABASE = "postgresql://postgres@127.0.0.1:1/unused"


def ledger(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run("ledger", *arguments, env=env)


def succeeded(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path]:
    """A fresh instance with events, a published checkpoint, its key and an export."""
    directory = tmp_path_factory.mktemp("ledger-cli")
    env = fresh_env(directory)
    succeeded(run("migrate", "--no-input", env=env))
    seeded = subprocess.run(
        [sys.executable, "-c", SEED],
        env={**env, "DJANGO_SETTINGS_MODULE": "fairscreen.config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert seeded.returncode == 0, seeded.stderr
    succeeded(ledger("checkpoint", "--publish", str(directory / "checkpoint.txt"), env=env))
    (directory / "verifier.key").write_text(succeeded(ledger("key", env=env)))
    succeeded(ledger("export", "--out", str(directory / "events.jsonl"), env=env))
    return env, directory


def verify(
    directory: Path, *, events: str = "events.jsonl", key: str | None = None, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return ledger(
        "verify",
        "--checkpoint",
        str(directory / "checkpoint.txt"),
        "--key",
        key or str(directory / "verifier.key"),
        "--events",
        str(directory / events),
        env=env,
    )


def offline(directory: Path) -> dict[str, str]:
    """An environment whose database cannot be reached: verify must not need one."""
    return fresh_env(directory / "elsewhere", DATABASE_URL=UNREACHABLE_DATABASE)


def test_checkpoint_prints_size_and_root_and_publishes_the_note(
    published: tuple[dict[str, str], Path],
) -> None:
    env, directory = published

    output = succeeded(ledger("checkpoint", env=env))

    note = (directory / "checkpoint.txt").read_text()
    origin, size, root = note.splitlines()[:3]
    assert f"size {EVENTS}, root {root}" in output
    assert size == str(EVENTS)
    assert (directory / "verifier.key").read_text().startswith(origin + "+")


def test_an_untouched_export_verifies_offline_without_a_database(
    published: tuple[dict[str, str], Path],
) -> None:
    _, directory = published

    result = verify(directory, env=offline(directory))

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(
        f"OK: {EVENTS} events verified against checkpoint of size {EVENTS}, root "
    )


def test_the_key_may_be_given_as_text(published: tuple[dict[str, str], Path]) -> None:
    _, directory = published
    key_text = (directory / "verifier.key").read_text().strip()

    result = verify(directory, key=key_text, env=offline(directory))

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_flipped_payload_byte_in_the_export_is_named_by_sequence(
    published: tuple[dict[str, str], Path],
) -> None:
    _, directory = published
    lines = (directory / "events.jsonl").read_text().splitlines()
    record = json.loads(lines[5])
    entry = base64.b64decode(record["entry"])
    position = entry.index(b'"step":5') + len(b'"step":')
    record["entry"] = base64.b64encode(entry[:position] + b"6" + entry[position + 1 :]).decode()
    lines[5] = json.dumps(record)
    (directory / "tampered.jsonl").write_text("\n".join(lines) + "\n")

    result = verify(directory, events="tampered.jsonl", env=offline(directory))

    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED" in result.stdout
    assert "sequence 5 [altered]" in result.stdout
    assert '"step"' not in result.stdout + result.stderr


def test_a_missing_line_in_the_export_is_named_by_sequence(
    published: tuple[dict[str, str], Path],
) -> None:
    _, directory = published
    lines = (directory / "events.jsonl").read_text().splitlines()
    (directory / "shortened.jsonl").write_text("\n".join(lines[:3] + lines[4:]) + "\n")

    result = verify(directory, events="shortened.jsonl", env=offline(directory))

    assert result.returncode == 1
    assert "sequence 3 [missing]" in result.stdout


def test_the_database_audit_passes(published: tuple[dict[str, str], Path]) -> None:
    env, _ = published

    output = succeeded(ledger("audit-db", env=env))

    assert output.startswith(f"OK: {EVENTS} events verified")


def test_a_checkpoint_under_another_key_fails_clearly(
    published: tuple[dict[str, str], Path],
) -> None:
    env, directory = published
    origin = (directory / "checkpoint.txt").read_text().splitlines()[0]
    other_key_file = directory / "other-signer.key"
    generated = ledger("key", "--generate", str(other_key_file), "--origin", origin, env=env)
    other_verifier = succeeded(generated).strip()

    result = verify(directory, key=other_verifier, env=offline(directory))

    assert result.returncode == 1
    assert "does not verify with the given key" in result.stdout
    assert "Traceback" not in result.stderr
    assert other_key_file.read_text().startswith(f"PRIVATE+KEY+{origin}+")


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"key": "not-a-key"}, "NAME+KEYID+BASE64"),
        ({"events": "no-such-export.jsonl"}, "cannot read"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    published: tuple[dict[str, str], Path], arguments: dict[str, str], expected: str
) -> None:
    _, directory = published

    result = verify(directory, env=offline(directory), **arguments)

    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_generating_a_key_never_overwrites_one(published: tuple[dict[str, str], Path]) -> None:
    env, directory = published
    existing = directory / "verifier.key"
    before = existing.read_text()

    result = ledger("key", "--generate", str(existing), env=env)

    assert result.returncode == 2
    assert "refusing to overwrite" in result.stderr
    assert existing.read_text() == before


class StubLedgerApi(BaseHTTPRequestHandler):
    """Serves a checkpoint and an export the way the ledger API does, five events a page."""

    note = ""
    records: ClassVar[list[dict[str, object]]] = []
    authorizations: ClassVar[list[str | None]] = []
    token = "fsr_test_stub-secret"

    def do_GET(self) -> None:
        self.authorizations.append(self.headers.get("Authorization"))
        url = urlsplit(self.path)
        if self.headers.get("Authorization") != f"Bearer {self.token}":
            self.answer(401, b'{"code": "unauthenticated"}')
        elif url.path == "/api/v1/ledger/checkpoint":
            self.answer(200, self.note.encode())
        elif url.path == "/api/v1/ledger/events":
            start = int(parse_qs(url.query)["start"][0])
            following = start + 5 if start + 5 < len(self.records) else None
            page = {"events": self.records[start : start + 5], "next": following}
            self.answer(200, json.dumps(page).encode())
        else:
            self.answer(404, b"{}")

    def answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *arguments: object) -> None:  # noqa: A002
        """Quiet: the test reads what it needs from `authorizations`."""


@pytest.fixture
def stub_api(published: tuple[dict[str, str], Path]) -> Iterator[str]:
    _, directory = published
    StubLedgerApi.note = (directory / "checkpoint.txt").read_text()
    lines = (directory / "events.jsonl").read_text().splitlines()
    StubLedgerApi.records = [json.loads(line) for line in lines]
    StubLedgerApi.authorizations = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), StubLedgerApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_checkpoint_and_events_can_be_fetched_from_the_api_with_a_token(
    published: tuple[dict[str, str], Path], stub_api: str
) -> None:
    _, directory = published
    arguments = [
        "verify",
        "--checkpoint",
        f"{stub_api}/api/v1/ledger/checkpoint",
        "--key",
        str(directory / "verifier.key"),
        "--events",
        stub_api,
    ]

    result = ledger(*arguments, "--token", StubLedgerApi.token, env=offline(directory))
    pages = len(StubLedgerApi.authorizations) - 1
    refused = ledger(*arguments, env=offline(directory))

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"OK: {EVENTS} events verified")
    assert pages == -(-EVENTS // 5)  # every page was fetched, following `next`
    assert StubLedgerApi.authorizations[: pages + 1] == [f"Bearer {StubLedgerApi.token}"] * (
        pages + 1
    )
    assert refused.returncode == 2
    assert "HTTP 401" in refused.stderr
    assert StubLedgerApi.token not in refused.stderr
