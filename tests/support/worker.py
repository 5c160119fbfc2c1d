"""Reminders as real processes: `manage.py runworker` workers, a local webhook receiver, and a
database the test and the workers share.

The test writes tasks and reminders through the services (in its own process, committed), a
worker subprocess fires them, and the test watches what a user or a receiver would see: the
notifications, the webhook requests.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connections

from tests.support.processes import REPO_ROOT, STOP_TIMEOUT_S, copy_database, product_env
from tests.support.tcp_proxy import free_port

WEBHOOK_SECRET = "webhook-test-secret"
# How long a test waits for what a worker should have done (generous: shared machines).
WAIT_S = 60


def wait_for(condition: Callable[[], Any], *, timeout: float = WAIT_S, what: str = "") -> Any:
    """Poll `condition` until it returns something truthy (returned); fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.1)


@contextmanager
def shared_database(request: Any, tmp_path: Path) -> Iterator[str]:
    """A database URL that worker subprocesses and this test's ORM both use, committed.

    For tests marked `django_db(transaction=True)`. PostgreSQL: pytest-django's test database
    (emptied afterwards). SQLite: a migrated file of our own; the ORM's default connection
    points at it meanwhile (the test database is in memory, out of a subprocess's reach).
    """
    if connections["default"].settings_dict["ENGINE"].endswith("postgresql"):
        yield postgres_url(connections["default"].settings_dict)
        return
    database = copy_database(request.getfixturevalue("migrated_sqlite"), tmp_path)
    blocker = request.getfixturevalue("django_db_blocker")
    previous = connections["default"]
    ours = type(previous)({**previous.settings_dict, "NAME": str(database)}, "default")
    with blocker.unblock():
        connections["default"] = ours
        try:
            yield f"sqlite:///{database}"
        finally:
            ours.close()
            connections["default"] = previous


def postgres_url(db: dict[str, Any]) -> str:
    user = quote(db["USER"] or "postgres", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{user}{password}@{host}/{db['NAME']}"


def worker_env(database: str, **overrides: str) -> dict[str, str]:
    """A worker's environment: quick polling and sweeping so tests stay short."""
    settings = {
        "WORKER_POLL_INTERVAL_S": "0.1",
        "WORKER_SWEEP_INTERVAL_S": "0.5",
        "WORKER_SWEEP_GRACE_S": "2",
        "REMINDER_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "LOG_LEVEL": "INFO",
    }
    return product_env(database, **{**settings, **overrides})


class WorkerProcess:
    """`manage.py runworker` as a subprocess, its output in `log_path`."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> WorkerProcess:
        self.start()
        try:
            wait_for(self._ready, what=f"the worker to start\n{self.log()}")
        except BaseException:
            self.stop()
            raise
        return self

    def _ready(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"the worker exited with {self.process.returncode}\n{self.log()}")
        return " ready" in self.log()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "runworker"],
                cwd=REPO_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL: the worker dies wherever it is, as on a crash or a lost machine."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT_S)

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class WebhookReceiver:
    """A local HTTP receiver on a fixed port, recording every POST.

    `status` is what it answers; `hold` (an Event) makes it keep requests waiting until set;
    `stop()` / `start()` take it off the network and bring it back on the same port.
    """

    port: int = field(default_factory=free_port)
    status: int = 200
    hold: threading.Event | None = None
    received: list[Received] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def __enter__(self) -> WebhookReceiver:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.hold is not None:
            self.hold.set()
        self.stop()

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.received.append(Received(dict(self.headers.items()), body))
                if receiver.hold is not None:
                    receiver.hold.wait(WAIT_S)
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def of_type(self, kind: str) -> list[Received]:
        return [item for item in self.received if item.json().get("type") == kind]
