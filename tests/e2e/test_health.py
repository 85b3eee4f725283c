"""/healthz tells a load balancer whether the database and the queue answer."""

import os
import subprocess
import sys

import pytest
from django.test import Client
from huey import RedisHuey

from fairscreen.core import health


@pytest.mark.django_db
def test_healthy_when_database_and_queue_answer(client: Client) -> None:
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["queue"]["ok"] is True


@pytest.mark.django_db
def test_unavailable_when_the_queue_is_down(client: Client, monkeypatch) -> None:
    unreachable = RedisHuey("fairscreen-health-test", url="redis://127.0.0.1:1/0")
    monkeypatch.setattr(health, "HUEY", unreachable)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["queue"]["ok"] is False
    assert response.json()["database"]["ok"] is True


def test_unavailable_when_the_database_is_down(tmp_path) -> None:
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "response = Client().get('/healthz');"
        "print(response.status_code, response.json()['database']['ok'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fairscreen.config.settings",
        "FAIRSCREEN_ENV": "test",
        "FAIRSCREEN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": "postgresql://postgres@127.0.0.1:1/nothing-listens-here",
    }
    env.pop("FAIRSCREEN_TEST_DATABASE_URL", None)

    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )

    assert result.stdout.split() == ["503", "False"], result.stderr
