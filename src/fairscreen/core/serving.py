"""Serving the web app and the job worker, together (one machine) or apart (scaled out).

On one machine `fairscreen serve` runs waitress in a background thread and the huey
consumer in the main thread, so one Ctrl-C (SIGINT) stops both: the consumer finishes the
job in hand, then the web server closes. Beyond one machine, run `fairscreen serve
--no-worker` behind a load balancer and as many `fairscreen worker` processes as needed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from huey.contrib.djhuey import HUEY
from waitress import create_server

logger = logging.getLogger(__name__)


def run_worker(*, workers: int = 2) -> None:
    """Consume jobs until SIGINT/SIGTERM; periodic jobs (timers, sweeps) run here too."""
    consumer = HUEY.create_consumer(workers=workers, worker_type="thread", periodic=True)
    consumer.run()


def serve(
    *,
    host: str,
    port: int,
    with_worker: bool,
    threads: int = 8,
    announce: Callable[[str], None] = print,
) -> None:
    from fairscreen.config.wsgi import application  # noqa: PLC0415 - after Django setup

    server = create_server(application, host=host, port=port, threads=threads)
    url = f"http://{host}:{port}/"
    if not with_worker or HUEY.immediate:
        announce(f"fairscreen is serving {url} (Ctrl-C stops it)")
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
        return
    web = threading.Thread(target=server.run, name="fairscreen-web", daemon=True)
    web.start()
    announce(f"fairscreen is serving {url} with its job worker (Ctrl-C stops both)")
    try:
        run_worker()
    finally:
        server.close()
        web.join(timeout=5)
