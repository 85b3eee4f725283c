"""Several worker processes sending the same delivery at once: one e-mail leaves.

Each database gets its own throw-away store (a SQLite file; a PostgreSQL database when
FAIRSCREEN_TEST_DATABASE_URL names a server), migrated by the real CLI; the processes are
real OS processes configured by `FAIRSCREEN_SMTP_URL`, racing for the claim while the
local SMTP server answers slowly.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.support.smtp_server import Fault, SmtpTestServer

WORKERS = 4
POSTGRES_URL = os.environ.get("FAIRSCREEN_TEST_DATABASE_URL", "")
VENDORS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]
REPOSITORY = Path(__file__).resolve().parents[2]

QUEUE = """
import django
django.setup()
from django.db import transaction
from fairscreen.notifications.messages import ChannelName
from fairscreen.notifications.services import notify
from tests.factories import create_candidate, create_organisation
from tests.unit.notifications.support import message, recipient_for
candidate = create_candidate(create_organisation(), email="test.candidate@example.com")
with transaction.atomic():
    queued = notify(recipient=recipient_for(candidate), message=message(), channels=["email"])
print(queued.deliveries[ChannelName.EMAIL])
"""

SEND = """
import sys, uuid
import django
django.setup()
from fairscreen.notifications.services import send_delivery
print(send_delivery(uuid.UUID(sys.argv[1])).state)
"""

CHECK = """
import sys, uuid
import django
django.setup()
from fairscreen.evidence.models import Event
from fairscreen.notifications.models import Delivery
delivery = Delivery.objects.get(id=uuid.UUID(sys.argv[1]))
sent = Event.objects.filter(event_type="notification.sent").count()
print(delivery.state, delivery.attempts, sent)
"""


@pytest.fixture(params=VENDORS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'notifications.sqlite3'}"
        return
    name = f"fairscreen_notifications_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(arguments: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        arguments, env=env, capture_output=True, text=True, timeout=300, cwd=REPOSITORY
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.slow
def test_workers_racing_for_one_delivery_send_it_once(database_url: str, tmp_path: Path) -> None:
    with SmtpTestServer() as smtp:
        smtp.fail_next_sessions(Fault("greeting", delay=1.0))  # the winner's send is slow
        env = {k: v for k, v in os.environ.items() if not k.startswith("FAIRSCREEN_")}
        env.update(
            DATABASE_URL=database_url,
            FAIRSCREEN_VAR_DIR=str(tmp_path / "var"),
            FAIRSCREEN_SMTP_URL=f"smtp://127.0.0.1:{smtp.port}?timeout=5",
            DJANGO_SETTINGS_MODULE="fairscreen.config.settings",
        )
        run([sys.executable, "-m", "fairscreen", "migrate", "--no-input"], env)
        delivery_id = run([sys.executable, "-c", QUEUE], env).splitlines()[-1]

        workers = [
            subprocess.Popen(
                [sys.executable, "-c", SEND, delivery_id],
                env=env,
                cwd=REPOSITORY,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(WORKERS)
        ]
        for worker in workers:
            _stdout, stderr = worker.communicate(timeout=300)
            assert worker.returncode == 0, stderr

        assert len(smtp.received) == 1
        assert smtp.sessions == 1
    assert run([sys.executable, "-c", CHECK, delivery_id], env).splitlines()[-1] == "sent 1 1"
