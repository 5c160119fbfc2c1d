"""`manage.py runmcp` as a real process: over stdio, over Streamable HTTP, and what it refuses.

The server runs in a subprocess, so it cannot see the test database: it gets a migrated SQLite
file of its own.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters

REPO_ROOT = Path(__file__).resolve().parents[2]
TOOLS = ["add_task", "complete_task", "delete_task", "list_tasks", "update_task"]
STARTUP_TIMEOUT_S = 20


@pytest.fixture(scope="module")
def server_env(tmp_path_factory):
    """Environment for a runmcp subprocess, with a freshly migrated database."""
    database = tmp_path_factory.mktemp("runmcp") / "db.sqlite3"
    env = {
        "SECRET_KEY": "runmcp-test-secret-key",
        "DATABASE_URL": f"sqlite:///{database}",
        "PATH": os.environ.get("PATH", ""),
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        timeout=60,
    )
    return env


def _runmcp(*args: str) -> list[str]:
    return [sys.executable, "manage.py", "runmcp", *args]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _call(client, name, **arguments):
    result = await client.call_tool(name, arguments)
    assert result.is_error is False, result.content
    return result.structured_content


async def test_stdio_server_runs_every_tool(server_env):
    params = StdioServerParameters(
        command=sys.executable, args=_runmcp()[1:], cwd=REPO_ROOT, env=server_env
    )
    with anyio.fail_after(STARTUP_TIMEOUT_S + 10):
        async with Client(params, read_timeout_seconds=10) as client:
            assert sorted(tool.name for tool in (await client.list_tools()).tools) == TOOLS

            added = await _call(client, "add_task", user_id="stdio-user", title="Water plants")
            task_id = added["task_id"]
            listed = await _call(client, "list_tasks", user_id="stdio-user")
            updated = await _call(
                client, "update_task", user_id="stdio-user", task_id=task_id, title="Water ferns"
            )
            completed = await _call(client, "complete_task", user_id="stdio-user", task_id=task_id)
            done = await _call(client, "list_tasks", user_id="stdio-user", status="completed")
            deleted = await _call(client, "delete_task", user_id="stdio-user", task_id=task_id)
            after = await _call(client, "list_tasks", user_id="stdio-user")
            missing = await client.call_tool(
                "complete_task", {"user_id": "stdio-user", "task_id": task_id}
            )

    assert added["status"] == "created"
    assert [task["title"] for task in listed["tasks"]] == ["Water plants"]
    assert updated == {"task_id": task_id, "status": "updated", "title": "Water ferns"}
    assert completed == {"task_id": task_id, "status": "completed", "title": "Water ferns"}
    assert [task["id"] for task in done["tasks"]] == [task_id]
    assert deleted == {"task_id": task_id, "status": "deleted", "title": "Water ferns"}
    assert after == {"tasks": [], "count": 0}
    assert missing.is_error is True
    assert f"Task {task_id} not found" in missing.content[0].text


@pytest.fixture
def http_server_url(server_env, tmp_path):
    """A `runmcp --transport http` process on a free loopback port; killed after the test."""
    port = _free_port()
    log_path = tmp_path / "runmcp.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            _runmcp("--transport", "http", "--port", str(port), "--insecure"),
            cwd=REPO_ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"runmcp exited with {process.returncode}:\n{log_path.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"runmcp did not listen on {port}:\n{log_path.read_text()}")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


async def test_http_server_lists_the_tools_and_runs_them(http_server_url):
    with anyio.fail_after(20):
        async with Client(http_server_url, read_timeout_seconds=10) as client:
            names = sorted(tool.name for tool in (await client.list_tools()).tools)
            added = await _call(client, "add_task", user_id="http-user", title="Pay rent")
            listed = await _call(client, "list_tasks", user_id="http-user")

    assert names == TOOLS
    assert added["status"] == "created"
    assert listed["count"] == 1
    assert listed["tasks"][0]["id"] == added["task_id"]
    assert listed["tasks"][0]["title"] == "Pay rent"


def test_insecure_http_server_refuses_to_listen_beyond_loopback(server_env):
    # With authentication, listening beyond loopback is fine: see test_http_auth.py.
    result = subprocess.run(
        _runmcp(
            "--transport", "http", "--host", "0.0.0.0", "--port", str(_free_port()), "--insecure"
        ),
        cwd=REPO_ROOT,
        env=server_env,
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT_S,
    )

    assert result.returncode != 0
    assert "CommandError" in result.stderr
    assert "loopback" in result.stderr
