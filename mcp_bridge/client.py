"""Connecting the agent to the MCP server.

In-process (the default), every turn on an event loop shares one MCP session, opened once and
kept by a long-lived task: a session compiles each tool's output-schema validator on first
use, which would otherwise cost every turn more than the tool call itself. Tool calls run in
the calling turn's own task (the in-process transport dispatches directly), so nothing of one
turn leaks into another.

With `MCP_SERVER_URL` set, each turn opens its own Streamable HTTP session carrying the user's
bearer token, so the remote server enforces the same identity.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass

import httpx2
from agents import FunctionTool
from django.conf import settings
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.types import CallToolResult

from todochat.errors import ToolsUnavailableError

from .adapter import ScopedTools, ToolObserver, ToolScope, scoped
from .server import server

IN_PROCESS = "in-process"

# Tool definitions are static for a given server: listed, stripped of `user_id` and made into
# the SDK's function tools once per process and target.
_tool_lists: dict[str, list[FunctionTool]] = {}


@dataclass(frozen=True)
class TurnTools:
    """The tools of one turn: the function tools to give the agent (made once per process and
    server), and the turn's scope (its user, its session, its calls)."""

    tools: list[FunctionTool]
    scope: ToolScope


class _SharedSession:
    """An in-process MCP session held open by its own task for the life of an event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._client: Client | None = None
        self._ready = asyncio.Event()
        # A fresh context: the holder must not carry the state of the turn that started it.
        self._task = loop.create_task(self._hold(), context=contextvars.Context())

    async def _hold(self) -> None:
        try:
            async with Client(server) as client:
                _trust_results(client)
                self._client = client
                self._ready.set()
                await asyncio.get_running_loop().create_future()  # until the loop ends
        finally:
            self._client = None
            self._ready.set()

    @property
    def alive(self) -> bool:
        return not self._task.done()

    async def client(self) -> Client:
        await self._ready.wait()
        if self._client is None:
            raise RuntimeError("The in-process MCP session has closed.")
        return self._client


def _trust_results(client: Client) -> None:
    """Skip the client's second check of each tool result against the tool's output schema.

    The server in this process already checks every result against that schema (its pydantic
    model) before sending it; the client would check the same data again with `jsonschema`,
    which costs ~0.2 ms a task of a listed page — most of the CPU of a turn that lists 50
    tasks. A remote server (`MCP_SERVER_URL`) is still checked."""

    async def checked_by_the_server(name: str, result: CallToolResult) -> None:
        return None

    client.session.validate_tool_result = checked_by_the_server  # type: ignore[method-assign]


_sessions: dict[asyncio.AbstractEventLoop, _SharedSession] = {}


async def _in_process_client() -> Client:
    loop = asyncio.get_running_loop()
    session = _sessions.get(loop)
    if session is None or not session.alive:
        for stale in [other for other in _sessions if other.is_closed()]:
            del _sessions[stale]
        session = _sessions[loop] = _SharedSession(loop)
    return await session.client()


async def _tools(target: str, client: Client) -> list[FunctionTool]:
    tools = _tool_lists.get(target)
    if tools is None:
        listed = (await client.list_tools()).tools
        tools = _tool_lists[target] = ScopedTools(listed).function_tools()
    return tools


@asynccontextmanager
async def user_tools(
    *,
    user_id: str,
    timezone: str | None = None,
    bearer_token: str | None = None,
    observer: ToolObserver | None = None,
) -> AsyncIterator[TurnTools]:
    """The five tools for one user's turn, over a connected MCP session; the tool calls made
    inside the block (in this task and the tasks it starts) run for `user_id`, in `timezone`
    (None: the user's last known zone), and `observer` is told about each."""
    url = settings.MCP_SERVER_URL
    if not url:
        client = await _in_process_client()
        tools = await _tools(IN_PROCESS, client)
        in_process = ToolScope(client, user_id, timezone, observer=observer, in_process=True)
        with scoped(in_process) as scope:
            yield TurnTools(tools, scope)
        return
    async with AsyncExitStack() as stack:
        headers = {"Authorization": f"Bearer {bearer_token}"} if bearer_token else {}
        http_client = await stack.enter_async_context(
            httpx2.AsyncClient(headers=headers, timeout=settings.AGENT_TIMEOUT_S)
        )
        try:
            client = await stack.enter_async_context(
                Client(streamable_http_client(url, http_client=http_client))
            )
            tools = await _tools(url, client)
        except BaseException as exc:
            if _unreachable(exc):
                raise ToolsUnavailableError(
                    "The task tools are unavailable right now. Try again shortly."
                ) from exc
            raise
        with scoped(ToolScope(client, user_id, timezone, observer=observer)) as scope:
            yield TurnTools(tools, scope)


def _unreachable(exc: BaseException) -> bool:
    """Whether `exc` (or, from the session's task group, any exception inside it) says the
    server could not be reached or answered no MCP."""
    if isinstance(exc, BaseExceptionGroup):
        return any(_unreachable(inner) for inner in exc.exceptions)
    return isinstance(exc, (httpx2.TransportError, httpx2.HTTPStatusError, OSError))
