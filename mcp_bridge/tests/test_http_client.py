"""An MCP client over HTTP, as the README shows it: the README's Python snippet, run as written
against `runmcp --transport http`, and what a client is told when its token is missing or bad.
"""

from __future__ import annotations

import re
import subprocess
import sys

import httpx2
import pytest

from tests.jwks import hs256_token
from tests.support.processes import (
    JWT_SECRET,
    REPO_ROOT,
    Server,
    copy_database,
    product_env,
)

README = (REPO_ROOT / "README.md").read_text()
README_URL = "http://127.0.0.1:8001/mcp"
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "test", "version": "1"},
    },
}


@pytest.fixture(scope="module")
def mcp_server(migrated_sqlite, tmp_path_factory):
    directory = tmp_path_factory.mktemp("mcp-client")
    database = copy_database(migrated_sqlite, directory)
    with Server.mcp(product_env(database), log_path=directory / "mcp.log") as server:
        yield server


def readme_python_snippet() -> str:
    """The README's Python MCP-over-HTTP client."""
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    [snippet] = [block for block in blocks if "streamable_http_client" in block]
    return snippet


def test_the_readme_python_client_lists_the_tools_and_adds_a_task(mcp_server):
    snippet = readme_python_snippet().replace(README_URL, f"{mcp_server.base_url}/mcp")

    done = subprocess.run(
        [sys.executable, "-c", snippet],
        env={"TOKEN": hs256_token(JWT_SECRET, "alice")},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    tools, added = done.stdout.splitlines()
    assert sorted(eval(tools)) == [  # the snippet prints a Python list
        "add_task",
        "complete_task",
        "delete_task",
        "list_tasks",
        "update_task",
    ]
    assert "'status': 'created'" in added
    assert "'title': 'Water the plants'" in added


def test_the_readme_shows_the_inspector_with_a_bearer_header():
    assert re.search(
        r"npx @modelcontextprotocol/inspector@\S+ --cli --server-url " + re.escape(README_URL),
        README,
    )
    assert '--header "Authorization: Bearer $TOKEN"' in README


@pytest.mark.parametrize(
    ("authorization", "description"),
    [
        (None, "No bearer token: send the header"),
        ("Basic dXNlcjpwYXNz", "No bearer token: send the header"),
        ("Bearer not-a-jwt", "The bearer token was refused:"),
        (
            f"Bearer {hs256_token('another-secret-at-least-32-bytes-long!')}",
            "The bearer token was refused:",
        ),
        (f"Bearer {hs256_token(JWT_SECRET, ttl_s=-3600)}", "The bearer token was refused:"),
    ],
    ids=["missing", "basic-scheme", "malformed", "wrong-signature", "expired"],
)
def test_a_missing_token_and_a_bad_one_are_told_apart(mcp_server, authorization, description):
    headers = {"Accept": "application/json, text/event-stream"}
    if authorization:
        headers["Authorization"] = authorization

    response = httpx2.post(
        f"{mcp_server.base_url}/mcp", json=INITIALIZE, headers=headers, timeout=20
    )

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"
    assert response.json()["error_description"].startswith(description)
    assert f'error_description="{description}' in response.headers["WWW-Authenticate"]
