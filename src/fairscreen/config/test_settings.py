"""Settings for the test suite: the ordinary settings with `FAIRSCREEN_ENV=test` defaults.

Test defaults keep the developer's `./var` untouched (`var/test/`) and run queued jobs
immediately in memory, unless a test sets `FAIRSCREEN_QUEUE_URL` itself.
`FAIRSCREEN_TEST_DATABASE_URL`, when set, replaces `DATABASE_URL` so the same suite runs on
PostgreSQL.
"""

import os

os.environ.setdefault("FAIRSCREEN_ENV", "test")
if os.environ.get("FAIRSCREEN_TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["FAIRSCREEN_TEST_DATABASE_URL"]

from fairscreen.config.settings import *  # noqa: F403
