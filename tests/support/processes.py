"""The product as a real process: `uvicorn todochat.asgi:application` on a free local port."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.tcp_proxy import free_port

BASE_DIR = Path(__file__).resolve().parents[2]

# Choices a developer's shell or `.env` may make that must not reach the product under test:
# set here (the environment wins over `.env`, even when empty), `overrides` on top.
_NEUTRAL = {
    "OPENAI_API_KEY": "",
    "OPENAI_BASE_URL": "",
    "AGENT_MODEL_API": "",
    "MCP_SERVER_URL": "",
    "CACHE_URL": "dbcache://todochat_cache",
    "AUTH_JWKS_URL": "",
    "AUTH_JWT_ISSUER": "",
    "AUTH_JWT_AUDIENCE": "",
    "LOG_FORMAT": "text",
    "PYTHONUNBUFFERED": "1",
}


def product_env(**overrides: str) -> dict[str, str]:
    """This process's environment with model, cache and auth choices neutral, plus `overrides`."""
    return {**os.environ, **_NEUTRAL, **overrides}


def manage(*args: str, env: dict[str, str], timeout: float = 120) -> None:
    """`python manage.py ARGS` in a subprocess; its output is shown if it fails."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


class ProductServer:
    """`uvicorn todochat.asgi:application` in a subprocess, its output in `log_path`.

    Started by `with`; left, it is terminated (then killed) whatever happened.
    """

    def __init__(self, env: dict[str, str], log_path: Path, start_timeout: float = 30) -> None:
        self.env = env
        self.log_path = log_path
        self.start_timeout = start_timeout
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> ProductServer:
        command = [sys.executable, "-m", "uvicorn", "todochat.asgi:application"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--no-access-log"]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            self._wait_until_serving()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise AssertionError(f"the server exited at start:\n{self.log()}")
            try:
                if self.request("GET", "/healthz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"the server did not answer in {self.start_timeout} s:\n{self.log()}")

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        timeout: float = 30,
    ) -> Answer:
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
