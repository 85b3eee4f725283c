"""Periodic evidence jobs (run by `fairscreen serve` or `fairscreen worker`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from fairscreen.evidence.services import create_checkpoint


@db_periodic_task(crontab(minute="*/10"))  # type: ignore[untyped-decorator]
def sign_checkpoint_periodically() -> None:
    """Every 10 minutes: a signed tree head bounds how far back anyone could rewrite."""
    create_checkpoint()
