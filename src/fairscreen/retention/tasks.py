"""The daily retention sweep (PIPL Art. 47: an automatic clean-up, 到期销毁)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from fairscreen.retention.services import sweep_retention


@db_periodic_task(crontab(minute="45", hour="2"))  # type: ignore[untyped-decorator]
def sweep_due_data() -> None:
    """Every night: destroy the data of every candidate whose retention has ended."""
    sweep_retention()
