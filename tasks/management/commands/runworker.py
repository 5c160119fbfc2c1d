"""`manage.py runworker`: a background worker — fires reminders, sends webhook deliveries.

The job loop is django-tasks' database worker (`django_tasks_db`): it claims one due job at a
time (on PostgreSQL with SELECT … FOR UPDATE SKIP LOCKED, so any number of workers on any
number of machines share the queue without running a job twice) and sleeps
`WORKER_POLL_INTERVAL_S` when there is none. Beside it, a thread sweeps for work whose job a
dead worker left behind (`tasks.sweep`), at start and every `WORKER_SWEEP_INTERVAL_S`, and
deletes finished work older than `WORKER_KEEP_FINISHED_DAYS` (`tasks.retention`) every hour.
SIGTERM/SIGINT stop it after the job in hand. While the database is unreachable it waits and
tries again (`WORKER_DATABASE_RETRY_S`) instead of exiting.
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
from argparse import ArgumentParser
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from tasks.retention import prune
from tasks.sweep import sweep

logger = logging.getLogger("todochat.worker")


# How often a worker deletes finished work: the rows it looks for grow by the day, not by the
# second, and the query need not run with every sweep.
PRUNE_INTERVAL_S = 3600.0


def _sweep_forever(interval_s: float, stop: threading.Event) -> None:
    next_prune = time.monotonic()
    while not stop.wait(interval_s):
        try:
            sweep()
            if time.monotonic() >= next_prune:
                next_prune = time.monotonic() + PRUNE_INTERVAL_S
                prune()
        except Exception:
            # A database blip must not end the sweeping; the next round tries again.
            logger.exception("recovery sweep failed")
        finally:
            close_old_connections()
            connection.close()


def _until_the_database_answers(step: Callable[[], object]) -> None:
    """Run `step`; when the database fails under it, wait and run it again."""
    while True:
        try:
            step()
            return
        except DatabaseError as exc:
            # Jobs and reminders are safe to retry; the rows they change are the truth.
            logger.warning(
                "database unavailable (%s); trying again in %s s",
                exc,
                settings.WORKER_DATABASE_RETRY_S,
            )
            with contextlib.suppress(DatabaseError):
                connection.close()
            time.sleep(settings.WORKER_DATABASE_RETRY_S)


class Command(BaseCommand):
    help = "Run a background worker: fires reminders and sends webhook deliveries."
    # The system checks would import the whole web stack (URLs, views, the agent) for nothing.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=settings.WORKER_POLL_INTERVAL_S,
            help="Seconds between looks for due jobs when idle (default: %(default)s).",
        )
        parser.add_argument(
            "--sweep-interval",
            type=float,
            default=settings.WORKER_SWEEP_INTERVAL_S,
            help="Seconds between recovery sweeps (default: %(default)s).",
        )
        parser.add_argument(
            "--worker-id",
            default=None,
            help="A name unique among the workers (default: random).",
        )

    def handle(self, *args: Any, interval: float, sweep_interval: float, **options: Any) -> None:
        for name, value in (("--interval", interval), ("--sweep-interval", sweep_interval)):
            if not math.isfinite(value) or not 0 < value <= 86400:
                raise CommandError(f"{name} must be a number of seconds above 0, at most 86400.")
        worker_id = options["worker_id"] or get_random_string(32)
        logger.info("worker %s starting", worker_id)
        # What a worker that was down missed and that no job will bring back.
        _until_the_database_answers(sweep)
        close_old_connections()
        stop = threading.Event()
        threading.Thread(
            target=_sweep_forever, args=(sweep_interval, stop), name="sweep", daemon=True
        ).start()
        worker = Worker(
            queue_names=["default"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        logger.info("worker %s ready", worker_id)
        try:
            _until_the_database_answers(worker.run)
        finally:
            stop.set()
