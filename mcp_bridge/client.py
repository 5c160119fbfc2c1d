"""Connecting the agent to the MCP server: in-process by default, Streamable HTTP when
`MCP_SERVER_URL` is set (forwarding the user's bearer token, so the remote server enforces the
same identity)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import httpx2
from django.conf import settings
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.types import Tool

from .adapter import UserScopedTools
from .server import server

# Tool definitions are static for a given server: listed once per process and target.
_tool_lists: dict[str, list[Tool]] = {}


async def _tools(target: str, client: Client) -> list[Tool]:
    tools = _tool_lists.get(target)
    if tools is None:
        tools = _tool_lists[target] = (await client.list_tools()).tools
    return tools


@asynccontextmanager
async def user_tools(
    *, user_id: str, bearer_token: str | None = None
) -> AsyncIterator[UserScopedTools]:
    """The five tools for one user's turn, over a connected MCP session."""
    url = settings.MCP_SERVER_URL
    async with AsyncExitStack() as stack:
        if url:
            headers = {"Authorization": f"Bearer {bearer_token}"} if bearer_token else {}
            http_client = await stack.enter_async_context(
                httpx2.AsyncClient(headers=headers, timeout=settings.AGENT_TIMEOUT_S)
            )
            client = Client(streamable_http_client(url, http_client=http_client))
        else:
            client = Client(server)
        await stack.enter_async_context(client)
        yield UserScopedTools(
            client, user_id=user_id, tools=await _tools(url or "in-process", client)
        )
