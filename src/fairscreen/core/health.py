"""Liveness of the parts the app cannot work without: the database and the job queue."""

from dataclasses import dataclass

from django.db import DatabaseError, connection
from huey.contrib.djhuey import HUEY


@dataclass(frozen=True)
class ComponentHealth:
    name: str
    ok: bool
    detail: str


def check_database() -> ComponentHealth:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return ComponentHealth("database", ok=False, detail=type(error).__name__)
    return ComponentHealth("database", ok=True, detail=connection.vendor)


def check_queue() -> ComponentHealth:
    """Ask the queue storage for its size: that touches the SQLite file or the Redis server."""
    backend = type(HUEY).__name__
    try:
        pending = HUEY.pending_count()
    except Exception as error:  # any storage failure means "down"
        return ComponentHealth("queue", ok=False, detail=f"{backend}: {type(error).__name__}")
    return ComponentHealth("queue", ok=True, detail=f"{backend}, {pending} pending")


def check_all() -> list[ComponentHealth]:
    return [check_database(), check_queue()]
