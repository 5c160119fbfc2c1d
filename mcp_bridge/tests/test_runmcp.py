"""`manage.py runmcp` as a real process: over stdio, over Streamable HTTP, and what it refuses.

The server runs in a subprocess, so it cannot see the test database: it gets a migrated SQLite
file of its own.
"""

from __future__ import annotations

import ast
import json
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters

from tests.support.processes import (
    REPO_ROOT,
    Server,
    copy_database,
    free_port,
    manage,
    product_env,
)

TOOLS = ["add_task", "complete_task", "delete_task", "list_tasks", "update_task"]
# How long a server process may take to start and answer: generous, for a machine running the
# suite on every core (only a failure waits this long).
STARTUP_TIMEOUT_S = 60


@pytest.fixture(scope="module")
def server_env(migrated_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for a runmcp subprocess, on a migrated database of its own."""
    return product_env(copy_database(migrated_sqlite, tmp_path_factory.mktemp("runmcp")))


async def _call(client: Client, name: str, **arguments: Any) -> Any:
    result = await client.call_tool(name, arguments)
    assert result.is_error is False, result.content
    return result.structured_content


async def _numbers_and_booleans_as_text(client: Client, user_id: str) -> dict[str, Any]:
    """A number and booleans written as JSON text, and a value that is neither, over `client`."""
    await _call(client, "add_task", user_id=user_id, title="Report")
    await _call(client, "add_task", user_id=user_id, title="Bins", recurrence="daily")
    listed = await _call(client, "list_tasks", user_id=user_id, recurring="true", limit="5")
    done = await _call(client, "complete_task", user_id=user_id, task_id="1")
    reopened = await _call(client, "update_task", user_id=user_id, task_id="1", completed="false")
    refused = await client.call_tool("list_tasks", {"user_id": user_id, "recurring": "yes"})
    return {
        "listed": [task["title"] for task in listed["tasks"]],
        "done": (done["task_id"], done["task"]["completed"]),
        "reopened": reopened["task"]["completed"],
        "refused": (refused.is_error, refused.content[0].text),
    }


NUMBERS_AND_BOOLEANS_AS_TEXT = {
    "listed": ["Bins"],
    "done": (1, True),
    "reopened": False,
    "refused": (True, "The recurring value must be true or false (got 'yes')."),
}


def test_the_readmes_tool_listing_runs_with_the_settings_in_the_environment(server_env):
    # With no .env, the server it launched got none of the shell's settings ("Configuration
    # error: SECRET_KEY is not set", then the client's traceback).
    readme = (REPO_ROOT / "README.md").read_text()
    snippet = readme[readme.index("List the tools from a shell") :]
    code = snippet[snippet.index('python -c "\n') + 12 : snippet.index('"\n```')]

    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=server_env,
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT_S * 3,
    )

    assert done.returncode == 0, done.stderr
    assert sorted(ast.literal_eval(done.stdout.strip().splitlines()[-1])) == TOOLS


async def test_stdio_server_runs_every_tool(server_env):
    params = StdioServerParameters(
        command=sys.executable, args=["manage.py", "runmcp"], cwd=REPO_ROOT, env=server_env
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
            as_text = await _numbers_and_booleans_as_text(client, "stdio-text-user")

    assert added["status"] == "created"
    assert [task["title"] for task in listed["tasks"]] == ["Water plants"]
    assert (updated["task_id"], updated["status"], updated["title"]) == (
        task_id,
        "updated",
        "Water ferns",
    )
    assert (completed["task_id"], completed["status"]) == (task_id, "completed")
    assert completed["task"]["completed"] is True
    assert [task["id"] for task in done["tasks"]] == [task_id]
    assert deleted == {"task_id": task_id, "status": "deleted", "title": "Water ferns"}
    assert after == {"tasks": [], "count": 0, "total": 0, "next_cursor": None}
    assert missing.is_error is True
    assert missing.content[0].text == f"Task {task_id} not found."
    assert as_text == NUMBERS_AND_BOOLEANS_AS_TEXT


async def test_stdio_server_on_a_database_never_migrated_says_so(tmp_path):
    # A desktop client's config naming a new SQLite file: every call answered "Error executing
    # tool add_task", with a traceback in the client's log.
    env = product_env(tmp_path / "never-migrated.sqlite3")
    params = StdioServerParameters(
        command=sys.executable, args=["manage.py", "runmcp"], cwd=REPO_ROOT, env=env
    )
    with anyio.fail_after(STARTUP_TIMEOUT_S + 10):
        async with Client(params, read_timeout_seconds=10) as client:
            added = await client.call_tool("add_task", {"user_id": "alice", "title": "Milk"})
            listed = await client.call_tool("list_tasks", {"user_id": "alice"})

    for result in (added, listed):
        assert result.is_error is True
        assert result.content[0].text == (
            "The task database is not set up: run 'manage.py migrate', then try again."
        )


@pytest.fixture
def http_server_url(server_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    """A `runmcp --transport http` process on a free loopback port; stopped after the test."""
    with Server.mcp(server_env, "--insecure", log_path=tmp_path / "runmcp.log") as server:
        yield f"{server.base_url}/mcp"


async def test_http_server_lists_the_tools_and_runs_them(http_server_url):
    with anyio.fail_after(20):
        async with Client(http_server_url, read_timeout_seconds=10) as client:
            names = sorted(tool.name for tool in (await client.list_tools()).tools)
            added = await _call(client, "add_task", user_id="http-user", title="Pay rent")
            listed = await _call(client, "list_tasks", user_id="http-user")
            as_text = await _numbers_and_booleans_as_text(client, "http-text-user")

    assert names == TOOLS
    assert added["status"] == "created"
    assert listed["count"] == 1
    assert listed["tasks"][0]["id"] == added["task_id"]
    assert listed["tasks"][0]["title"] == "Pay rent"
    assert as_text == NUMBERS_AND_BOOLEANS_AS_TEXT


def test_insecure_http_server_refuses_to_listen_beyond_loopback(server_env):
    # With authentication, listening beyond loopback is fine: see test_http_auth.py.
    command = ["runmcp", "--transport", "http", "--host", "0.0.0.0", "--port", str(free_port())]

    result = manage(*command, "--insecure", env=server_env, timeout=STARTUP_TIMEOUT_S, check=False)

    assert result.returncode != 0
    assert "CommandError" in result.stderr
    assert "loopback" in result.stderr


def _stdio_exchange(server_env: dict[str, str], lines: list[str], answers: int) -> list[dict]:
    """Write `lines` to a stdio server, then read `answers` responses (each within
    STARTUP_TIMEOUT_S)."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runmcp"],
        cwd=REPO_ROOT,
        env=server_env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        for line in lines:
            process.stdin.write(line.encode() + b"\n")
        process.stdin.flush()
        received = []
        for _ in range(answers):
            ready, _, _ = select.select([process.stdout], [], [], STARTUP_TIMEOUT_S)
            assert ready, f"no answer after {received}"
            received.append(json.loads(process.stdout.readline()))
        return received
    finally:
        process.kill()
        process.wait()


def test_stdio_reads_a_lone_surrogate_in_the_arguments_as_a_replacement_character(server_env):
    # Valid JSON, but no text can hold it: the call is answered like any other (over HTTP too).
    call = {
        "jsonrpc": "2.0",
        "id": 2,
        "method": "tools/call",
        "params": {"name": "add_task", "arguments": {"user_id": "u", "title": "Buy SURROGATE"}},
    }
    lines = [*_initialize(), json.dumps(call).replace("SURROGATE", "\\ud800milk")]

    initialized, answer = _stdio_exchange(server_env, lines, answers=2)

    assert initialized["id"] == 1
    assert answer["id"] == 2
    assert answer["result"]["isError"] is False
    assert answer["result"]["structuredContent"]["title"] == "Buy \ufffdmilk"


def _initialize() -> list[str]:
    return [
        json.dumps(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {
                    "protocolVersion": "2025-06-18",
                    "capabilities": {},
                    "clientInfo": {"name": "raw", "version": "1"},
                },
            }
        ),
        json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}),
    ]


def _list_call(request_id: int | str, arguments: str) -> str:
    return (
        f'{{"jsonrpc": "2.0", "id": {json.dumps(request_id)}, "method": "tools/call", '
        f'"params": {{"name": "list_tasks", "arguments": {arguments}}}}}'
    )


UNREADABLE_LINES = [
    # (line, its id, the error code): what the SDK cannot read, answered rather than dropped.
    (_list_call(2, '{"user_id": "u", "limit": ' + "9" * 5000 + "}"), 2, -32700),
    (_list_call("b", '{"user_id": "u", "x": ' + "[" * 300 + "]" * 300 + "}"), "b", -32700),
    (_list_call(3, '{"user_id": "u", "x": ' + "[" * 5000 + "]" * 5000 + "}"), 3, -32700),
    ('{"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": []}', 4, -32600),
]


@pytest.mark.parametrize(
    ("line", "request_id", "code"),
    UNREADABLE_LINES,
    ids=["5000-digit-number", "nested-300-deep", "nested-5000-deep", "params-not-an-object"],
)
def test_stdio_answers_a_request_it_cannot_read_instead_of_leaving_it_waiting(
    server_env, line, request_id, code
):
    # Over HTTP such a request gets an error answer; over stdio the SDK dropped the line and
    # the client waited for its answer forever. The server goes on serving.
    after = _list_call(5, '{"user_id": "u"}')

    initialized, refused, answered = _stdio_exchange(
        server_env, [*_initialize(), line, "not json at all", after], answers=3
    )

    assert initialized["id"] == 1
    assert refused["id"] == request_id
    assert refused["error"]["code"] == code
    assert answered["id"] == 5
    assert answered["result"]["isError"] is False
