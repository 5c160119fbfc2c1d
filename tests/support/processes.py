"""The product as real processes: `uvicorn todochat.asgi:application` (the chat API) and
`manage.py runmcp --transport http` (the MCP server) on free loopback ports, and `manage.py`
commands run to completion.

A subprocess cannot see the test's own database: it gets a database of its own, a migrated
SQLite file (`migrate`, then `copy_database` per test) or a URL.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.tcp_proxy import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
# Generous: the suite runs on every core, and a loaded machine starts a server in tens of seconds
# (only a failure waits this long).
STARTUP_TIMEOUT_S = 60
STOP_TIMEOUT_S = 10
JWT_SECRET = "subprocess-test-jwt-secret-at-least-32-bytes"


def product_env(database: Path | str, **overrides: str) -> dict[str, str]:
    """A production-like environment (DEBUG off, HS256 auth, offline model) on `database` (a
    SQLite file, or a database URL), `overrides` on top.

    Nothing is inherited but PATH, so a developer's environment cannot leak in, and every choice
    a `.env` file could make that matters here is set (the environment wins over `.env`).
    """
    url = f"sqlite:///{database}" if isinstance(database, Path) else database
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONUNBUFFERED": "1",
        "SECRET_KEY": "subprocess-test-secret-key",
        "DEBUG": "false",
        "DATABASE_URL": url,
        "AUTH_JWT_SECRET": JWT_SECRET,
        "AUTH_JWKS_URL": "",
        "AUTH_JWT_ISSUER": "",
        "AUTH_JWT_AUDIENCE": "",
        "AGENT_MODEL": "offline",
        "AGENT_MODEL_API": "",
        "OPENAI_API_KEY": "",
        "OPENAI_BASE_URL": "",
        "MCP_SERVER_URL": "",
        "CACHE_URL": "dbcache://todochat_cache",
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "text",
    }
    return {**env, **overrides}


def manage(
    *args: str, env: dict[str, str], timeout: float = 120, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run `python manage.py ARGS` to completion, capturing its output; with `check`, a failure
    is an error that shows that output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and done.returncode != 0:
        command = " ".join(args)
        raise AssertionError(f"manage.py {command} failed:\n{done.stdout}{done.stderr}")
    return done


def migrate(database: Path | str) -> None:
    """Create and migrate `database` (a SQLite file, or a database URL)."""
    manage("migrate", "--no-input", "-v", "0", env=product_env(database))


def copy_database(template: Path, directory: Path) -> Path:
    """A private copy of a migrated SQLite file, in `directory`."""
    database = directory / "db.sqlite3"
    shutil.copyfile(template, database)
    return database


@dataclass
class Answer:
    """An HTTP response, read to the end."""

    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


class Server:
    """A server process, `python ARGS`, listening on 127.0.0.1:`port`, its output appended to
    `log_path`.

    Ready once it answers `ready_path` with a 200 (without one: once its port listens). Started
    by `with` (or together with others by `serving`); left, it is terminated (then killed)
    whatever happened.
    """

    def __init__(
        self,
        args: list[str],
        env: dict[str, str],
        port: int,
        *,
        log_path: Path | None = None,
        ready_path: str | None = None,
        start_timeout: float = STARTUP_TIMEOUT_S,
    ) -> None:
        self.args = args
        self.env = env
        self.port = port
        self.log_path = log_path
        self.ready_path = ready_path
        self.start_timeout = start_timeout
        self.process: subprocess.Popen[bytes] | None = None

    @classmethod
    def product(cls, env: dict[str, str], log_path: Path | None = None) -> Server:
        """The chat API under uvicorn; ready once `/healthz` answers."""
        port = free_port()
        args = ["-m", "uvicorn", "todochat.asgi:application", "--host", "127.0.0.1"]
        args += ["--port", str(port), "--no-access-log"]
        return cls(args, env, port, log_path=log_path, ready_path="/healthz")

    @classmethod
    def mcp(cls, env: dict[str, str], *flags: str, log_path: Path | None = None) -> Server:
        """`manage.py runmcp --transport http` (add `--host` etc. through `flags`)."""
        port = free_port()
        args = ["manage.py", "runmcp", "--transport", "http", "--port", str(port), *flags]
        return cls(args, env, port, log_path=log_path)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log(self) -> str:
        """What the process has written so far."""
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")

    def __enter__(self) -> Server:
        self.start()
        try:
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        """Start the process, without waiting for it to be ready."""
        if self.log_path is None:
            raise ValueError(f"{self.args}: no log_path to write the output to")
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, *self.args],
                cwd=REPO_ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_ready(self) -> None:
        """Return once the process is ready; raise if it exits or is not ready in time."""
        deadline = time.monotonic() + self.start_timeout
        while not self._ready():
            if not self.running:
                code = self.process.returncode if self.process else None
                raise RuntimeError(f"{self.args} exited with {code}:\n{self.log()}")
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{self.args} was not ready in {self.start_timeout} s:\n{self.log()}"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        """Terminate the process (kill it if it lingers); nothing if it is not running."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        timeout: float = 30,
    ) -> Answer:
        """One HTTP request, with `body` as JSON and `token` as a bearer token if given."""
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            payload = json.dumps(body) if body is not None else None
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            return Answer(response.status, dict(response.getheaders()), text)
        finally:
            connection.close()

    def _ready(self) -> bool:
        try:
            if self.ready_path is not None:
                return self.request("GET", self.ready_path, timeout=2).status == 200
            socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
            return True
        except OSError:
            return False


@contextmanager
def serving(*servers: Server, log_dir: Path) -> Iterator[tuple[Server, ...]]:
    """Start the servers together (output in `log_dir` unless a server has its own `log_path`),
    wait until each is ready, and stop them all afterwards."""
    with ExitStack() as stack:
        for index, server in enumerate(servers):
            if server.log_path is None:
                server.log_path = log_dir / f"server-{index}-{server.port}.log"
            stack.callback(server.stop)
            server.start()
        for server in servers:
            server.wait_until_ready()
        yield servers
