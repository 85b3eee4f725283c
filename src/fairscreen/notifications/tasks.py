"""Jobs of notifications: one send per delivery, and the minute job that retries."""

from uuid import UUID

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from fairscreen.notifications.services import send_delivery, send_due_deliveries


@db_task()  # type: ignore[untyped-decorator]
def deliver(delivery_id: str) -> None:
    """Send as soon as a worker is free (enqueued when the caller's transaction commits)."""
    send_delivery(UUID(delivery_id))


@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def send_due_notifications() -> None:
    """Every minute: retries whose time has come, and what a lost task or a restart left."""
    send_due_deliveries()
