"""Test helpers: the product as real processes (uvicorn, `manage.py runmcp`) on free loopback
ports, sharing a SQLite file with each other (never with the test's own database)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT_S = 30
STOP_TIMEOUT_S = 5
JWT_SECRET = "subprocess-test-jwt-secret-at-least-32-bytes"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def product_env(database: Path, **overrides: str) -> dict[str, str]:
    """A production-like environment (DEBUG off, HS256 auth, offline model) on `database`.

    Nothing is inherited but PATH, so a developer's environment cannot leak in; `.env` values
    are overridden where they matter.
    """
    env = {
        "PATH": os.environ.get("PATH", ""),
        "SECRET_KEY": "subprocess-test-secret-key",
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{database}",
        "AUTH_JWT_SECRET": JWT_SECRET,
        "AUTH_JWKS_URL": "",
        "AUTH_JWT_ISSUER": "",
        "AUTH_JWT_AUDIENCE": "",
        "AGENT_MODEL": "offline",
        "OPENAI_API_KEY": "",
        "MCP_SERVER_URL": "",
        "CACHE_URL": "dbcache://todochat_cache",
        "LOG_LEVEL": "WARNING",
    }
    env.update(overrides)
    return env


def migrate(database: Path) -> None:
    """Create and migrate a SQLite database file."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=REPO_ROOT,
        env=product_env(database),
        check=True,
        timeout=120,
    )


def copy_database(template: Path, directory: Path) -> Path:
    """A private copy of a migrated database file, in `directory`."""
    database = directory / "db.sqlite3"
    shutil.copyfile(template, database)
    return database


def manage(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `python manage.py ARGS` to completion, capturing its output."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@dataclass
class Server:
    """A server process to start: `python ARGS` listening on `port` on 127.0.0.1."""

    args: list[str]
    env: dict[str, str]
    port: int
    log: Path | None = field(default=None, init=False)

    @classmethod
    def product(cls, env: dict[str, str]) -> Server:
        """The chat API under uvicorn."""
        port = free_port()
        args = ["-m", "uvicorn", "todochat.asgi:application", "--port", str(port)]
        return cls([*args, "--no-access-log"], env, port)

    @classmethod
    def mcp(cls, env: dict[str, str], *flags: str) -> Server:
        """`manage.py runmcp --transport http` (add `--host` etc. through `flags`)."""
        port = free_port()
        args = ["manage.py", "runmcp", "--transport", "http", "--port", str(port)]
        return cls([*args, *flags], env, port)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log else ""


@contextmanager
def serving(*servers: Server, log_dir: Path) -> Iterator[tuple[Server, ...]]:
    """Start the servers together, wait until each listens, and stop them all afterwards."""
    with ExitStack() as stack:
        processes = []
        for index, server in enumerate(servers):
            server.log = log_dir / f"server-{index}-{server.port}.log"
            log = stack.enter_context(server.log.open("wb"))
            process = subprocess.Popen(
                [sys.executable, *server.args],
                cwd=REPO_ROOT,
                env=server.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            stack.callback(_stop, process)
            processes.append(process)
        for server, process in zip(servers, processes, strict=True):
            _wait_until_listening(server, process)
        yield servers


def _wait_until_listening(server: Server, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        if process.poll() is not None:
            code = process.returncode
            raise RuntimeError(f"{server.args} exited with {code}:\n{server.output()}")
        try:
            socket.create_connection(("127.0.0.1", server.port), timeout=0.5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{server.args} did not listen:\n{server.output()}") from None
            time.sleep(0.05)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)
