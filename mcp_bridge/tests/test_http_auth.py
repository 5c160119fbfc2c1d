"""`runmcp --transport http` behind bearer authentication.

As real processes: one authenticated MCP server (bound to 0.0.0.0, with HS256 and JWKS keys) and
the chat API pointed at it with MCP_SERVER_URL, on one migrated SQLite file. What needs no
server process (refusing to start, insecure mode, the Host/Origin flags) runs in-process, on the
app `runmcp` would serve.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from pathlib import Path

import anyio
import httpx2
import jwt
import pytest
import uvicorn
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from starlette.applications import Starlette

from mcp_bridge.http import build_http_app, transport_security
from tests.jwks import JWKSServer, SigningKey, hs256_token
from tests.support.processes import JWT_SECRET, Server, copy_database, product_env, serving
from todochat.tokens import issue_token

PUBLIC_URL = "https://mcp.example.com/mcp"
METADATA_URL = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp"
APP_ORIGIN = "https://app.example.com"
LOCAL_URL = "http://127.0.0.1:8001"
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
MCP_HEADERS = {"Accept": "application/json, text/event-stream"}
TIMEOUT_S = 20


@dataclass(frozen=True)
class Deployment:
    mcp: Server
    chat_api: Server
    database: Path
    signing_key: SigningKey
    jwks: JWKSServer

    @property
    def mcp_url(self) -> str:
        return f"{self.mcp.base_url}/mcp"

    def tasks(self, user_id: str) -> list[str]:
        with closing(sqlite3.connect(self.database)) as db:
            rows = db.execute("SELECT title FROM tasks_task WHERE user_id = ?", (user_id,))
            return [title for (title,) in rows]


@pytest.fixture(scope="module")
def deployment(migrated_sqlite, tmp_path_factory):
    directory = tmp_path_factory.mktemp("mcp-auth")
    database = copy_database(migrated_sqlite, directory)
    key = SigningKey.generate("EdDSA")
    with JWKSServer(key) as jwks:
        env = product_env(
            database,
            AUTH_JWKS_URL=jwks.url,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CORS_ALLOWED_ORIGINS=APP_ORIGIN,
        )
        mcp = Server.mcp(env, "--host", "0.0.0.0", "--public-url", PUBLIC_URL)
        chat_api = Server.product({**env, "MCP_SERVER_URL": f"{mcp.base_url}/mcp"})
        with serving(mcp, chat_api, log_dir=directory):
            yield Deployment(mcp, chat_api, database, key, jwks)


def mcp_client(url: str, token: str | None) -> Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    http_client = httpx2.AsyncClient(headers=headers, timeout=TIMEOUT_S)
    return Client(streamable_http_client(url, http_client=http_client), read_timeout_seconds=10)


async def test_a_users_token_runs_the_tools_for_that_user(deployment):
    with anyio.fail_after(TIMEOUT_S):
        async with mcp_client(deployment.mcp_url, hs256_token(JWT_SECRET, "alice")) as client:
            names = sorted(tool.name for tool in (await client.list_tools()).tools)
            added = await client.call_tool("add_task", {"user_id": "alice", "title": "Pay rent"})
            listed = await client.call_tool("list_tasks", {"user_id": "alice"})

    assert names == ["add_task", "complete_task", "delete_task", "list_tasks", "update_task"]
    assert added.is_error is False
    assert added.structured_content["status"] == "created"
    assert [task["title"] for task in listed.structured_content["tasks"]] == ["Pay rent"]


async def test_tool_errors_read_the_same_over_http_as_in_process(deployment):
    with anyio.fail_after(TIMEOUT_S):
        async with mcp_client(deployment.mcp_url, hs256_token(JWT_SECRET, "dave")) as client:
            missing = await client.call_tool("complete_task", {"user_id": "dave", "task_id": 9})
            too_long = await client.call_tool("add_task", {"user_id": "dave", "title": "x" * 270})

    assert missing.is_error and missing.content[0].text == "Task 9 not found."
    assert too_long.is_error
    assert too_long.content[0].text == "The title is 270 characters; the limit is 200."


async def test_a_jwks_signed_token_is_verified_the_same_way(deployment):
    token = deployment.signing_key.token("carol")

    with anyio.fail_after(TIMEOUT_S):
        async with mcp_client(deployment.mcp_url, token) as client:
            added = await client.call_tool("add_task", {"user_id": "carol", "title": "Feed cat"})

    assert added.is_error is False
    assert deployment.tasks("carol") == ["Feed cat"]


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("add_task", {"title": "Planted by alice"}),
        ("list_tasks", {}),
        ("delete_task", {"task_id": 1}),
    ],
)
async def test_a_tool_call_for_another_user_is_refused(deployment, tool, arguments):
    with anyio.fail_after(TIMEOUT_S):
        async with mcp_client(deployment.mcp_url, hs256_token(JWT_SECRET, "alice")) as client:
            result = await client.call_tool(tool, {"user_id": "bob", **arguments})

    assert result.is_error is True
    assert "does not match the authenticated user" in result.content[0].text
    assert deployment.tasks("bob") == []


def _post_initialize(url: str, **headers: str) -> httpx2.Response:
    return httpx2.post(url, json=INITIALIZE, headers={**MCP_HEADERS, **headers}, timeout=TIMEOUT_S)


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer not-a-jwt",
        f"Bearer {hs256_token('some-other-secret-at-least-32-bytes-long')}",
        f"Bearer {hs256_token(JWT_SECRET, ttl_s=-3600)}",
        f"Bearer {jwt.encode({'sub': 'alice'}, JWT_SECRET, algorithm='HS256')}",
        f"Basic {hs256_token(JWT_SECRET)}",
    ],
    ids=["none", "malformed", "wrong-signature", "expired", "no-exp", "basic-scheme"],
)
def test_a_request_without_a_valid_token_gets_401(deployment, authorization):
    headers = {"Authorization": authorization} if authorization else {}

    response = _post_initialize(deployment.mcp_url, **headers)

    assert response.status_code == 401
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer ")
    assert f'resource_metadata="{METADATA_URL}"' in challenge


def test_the_protected_resource_metadata_names_the_auth_server(deployment):
    response = httpx2.get(
        f"{deployment.mcp.base_url}/.well-known/oauth-protected-resource/mcp", timeout=TIMEOUT_S
    )

    assert response.status_code == 200
    metadata = response.json()
    assert metadata["resource"] == PUBLIC_URL
    jwks_origin = deployment.jwks.url.removesuffix("/api/auth/jwks")
    assert [url.rstrip("/") for url in metadata["authorization_servers"]] == [jwks_origin]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Host": "evil.example"}, 421),
        ({"Host": "evil.example:8001"}, 421),
        ({"Origin": "https://evil.example"}, 403),
        ({"Origin": APP_ORIGIN}, 200),
        ({"Host": "localhost"}, 200),
    ],
)
def test_host_and_origin_are_checked_beyond_loopback(deployment, headers, status):
    token = hs256_token(JWT_SECRET)

    response = _post_initialize(deployment.mcp_url, Authorization=f"Bearer {token}", **headers)

    assert response.status_code == status


def test_the_chat_agent_reaches_a_remote_mcp_server_with_the_users_token(deployment):
    token = hs256_token(JWT_SECRET, "dave")

    response = httpx2.post(
        f"{deployment.chat_api.base_url}/api/dave/chat",
        json={"message": "Add a task to buy milk"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT_S,
    )

    assert response.status_code == 200, response.text
    [call] = response.json()["tool_calls"]
    assert (call["name"], call["is_error"]) == ("add_task", False)
    assert call["result"]["status"] == "created"
    assert deployment.tasks("dave") == ["Buy milk"]


# --- In-process: the app `runmcp` would serve -------------------------------------------------


@pytest.fixture
def runmcp_app(monkeypatch):
    """`runmcp_app(*flags)`: the ASGI app `runmcp --transport http FLAGS` would hand to uvicorn."""

    def build(*flags: str) -> Starlette:
        served = {}
        monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.update(app=app))
        call_command("runmcp", "--transport", "http", *flags)
        return served["app"]

    return build


@pytest.mark.parametrize(
    ("flags", "problem"),
    [
        (("--port", "99999"), "--port must be 1 to 65535"),
        (("--port", "-1"), "--port must be 1 to 65535"),
        # "Any free port" would be served without saying which: the URL printed said port 0.
        (("--port", "0"), "--port must be 1 to 65535"),
        (("--path", "nopath"), "--path must start with '/'"),
        (("--public-url", "notaurl"), "--public-url must be an http"),
        # With only a shared secret there is no authorization server to name: the metadata
        # named this server, which has no OAuth endpoints.
        (("--public-url", PUBLIC_URL), "none is configured: set AUTH_JWT_ISSUER"),
    ],
)
def test_runmcp_refuses_bad_flags_with_a_clear_error(runmcp_app, flags, problem):
    with pytest.raises(CommandError, match=problem):
        runmcp_app(*flags)


def test_runmcp_names_an_issuer_that_is_no_url(runmcp_app, settings):
    # With only a shared secret, an issuer that is not a URL names no authorization server: the
    # refusal said "none is configured", as if AUTH_JWT_ISSUER had not been set.
    settings.AUTH_JWT_ISSUER = "todochat"
    with pytest.raises(CommandError, match=r"and AUTH_JWT_ISSUER \('todochat'\) is not a URL: set"):
        runmcp_app("--public-url", PUBLIC_URL)


@pytest.mark.parametrize(
    ("url", "said"),
    [
        (
            "notaurl",
            "--public-url must be an http(s) URL such as https://mcp.example.com/mcp "
            "(got 'notaurl').",
        ),
        (
            "ftp://mcp.example.com/mcp",
            "--public-url must be an http(s) URL such as "
            "https://mcp.example.com/mcp (got 'ftp://mcp.example.com/mcp').",
        ),
    ],
)
def test_runmcp_refuses_a_public_url_that_is_no_url_in_one_line(runmcp_app, url, said):
    # The command prints the message as its error: pydantic's report ran over four lines.
    with pytest.raises(CommandError) as refused:
        runmcp_app("--public-url", url)
    assert str(refused.value) == said


@asynccontextmanager
async def asgi_client(app: Starlette) -> AsyncIterator[httpx2.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url=LOCAL_URL) as client:
            yield client


async def test_the_metadata_names_the_tokens_issuer_as_the_auth_server(runmcp_app, settings):
    settings.AUTH_JWT_ISSUER = "https://auth.example.com"
    app = runmcp_app("--public-url", PUBLIC_URL)

    async with asgi_client(app) as client:
        response = await client.get("/.well-known/oauth-protected-resource/mcp")

    assert response.json()["authorization_servers"] == ["https://auth.example.com"]


async def test_insecure_mode_serves_without_a_token_and_says_so_loudly(runmcp_app, caplog):
    app = runmcp_app("--insecure")

    async with asgi_client(app) as client:
        response = await client.post("/mcp", json=INITIALIZE, headers=MCP_HEADERS)

    assert response.status_code == 200
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "WITHOUT AUTHENTICATION" in warning.getMessage()


@pytest.mark.parametrize("flags", [(), ("--insecure",)], ids=["authenticated", "insecure"])
async def test_a_get_of_the_endpoint_is_405_not_a_stream_that_never_ends(runmcp_app, flags):
    app = runmcp_app(*flags)
    token = issue_token("alice")

    with anyio.fail_after(TIMEOUT_S):
        async with asgi_client(app) as client:
            response = await client.get(
                "/mcp",
                headers={"Accept": "text/event-stream", "Authorization": f"Bearer {token}"},
            )

    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert response.json()["error"]["code"] == -32600


@pytest.mark.django_db(transaction=True)
async def test_a_lone_surrogate_in_the_arguments_reads_as_a_replacement_character(runmcp_app):
    app = runmcp_app()
    call = {
        "jsonrpc": "2.0",
        "id": 2,
        "method": "tools/call",
        "params": {"name": "add_task", "arguments": {"user_id": "alice", "title": "Buy SURROGATE"}},
    }
    body = json.dumps(call).replace("SURROGATE", "\\ud800milk").encode()
    headers = {**MCP_HEADERS, "Authorization": f"Bearer {issue_token('alice')}"}

    async with asgi_client(app) as client:
        response = await client.post(
            "/mcp", content=body, headers={**headers, "Content-Type": "application/json"}
        )

    assert response.status_code == 200, response.text
    result = response.json()["result"]
    assert result["isError"] is False
    assert result["structuredContent"]["title"] == "Buy \ufffdmilk"


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_a_body_over_the_limit_is_413_before_it_is_read(runmcp_app, settings, chunked):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    app = runmcp_app()
    call = {
        "jsonrpc": "2.0",
        "id": 2,
        "method": "tools/call",
        "params": {"name": "add_task", "arguments": {"user_id": "alice", "title": "x" * 2000}},
    }
    body = json.dumps(call).encode()
    headers = {**MCP_HEADERS, "Authorization": f"Bearer {issue_token('alice')}"}

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 500):
            yield body[start : start + 500]

    async with asgi_client(app) as client:
        response = await client.post(
            "/mcp",
            content=chunks() if chunked else body,
            headers={**headers, "Content-Type": "application/json"},
        )

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_insecure_mode_is_loopback_only():
    with pytest.raises(ImproperlyConfigured, match="loopback"):
        build_http_app(host="0.0.0.0", insecure=True)


def test_http_without_authentication_configured_refuses_to_start(runmcp_app, settings):
    settings.AUTH_JWT_SECRET = ""

    with pytest.raises(CommandError, match="No authentication configured.*--insecure"):
        runmcp_app()


async def test_allowed_host_and_origin_flags_replace_the_settings(runmcp_app):
    app = runmcp_app(
        "--host", "0.0.0.0", "--allowed-host", "mcp.example.com", "--allowed-origin", APP_ORIGIN
    )
    authorization = {"Authorization": f"Bearer {issue_token('alice')}"}
    cases = [
        ({"Host": "mcp.example.com"}, 200),
        ({"Host": "mcp.example.com:443", "Origin": APP_ORIGIN}, 200),
        ({"Host": "127.0.0.1:8001"}, 421),
        ({"Host": "mcp.example.com", "Origin": "https://evil.example"}, 403),
    ]

    async with asgi_client(app) as client:
        statuses = [
            (
                await client.post(
                    "/mcp", json=INITIALIZE, headers={**MCP_HEADERS, **authorization, **headers}
                )
            ).status_code
            for headers, _ in cases
        ]

    assert statuses == [status for _, status in cases]


def test_django_style_host_patterns_map_to_the_sdks():
    subdomains = transport_security([".example.com"], [APP_ORIGIN])
    anything = transport_security(["*"], [])

    assert subdomains.allowed_hosts == ["example.com", "example.com:*"]
    assert subdomains.allowed_origins == [APP_ORIGIN]
    assert anything.enable_dns_rebinding_protection is False
