"""The agent's in-process MCP session: one per event loop, results checked once (by the server)."""

import pytest
from mcp import Client
from mcp.types import CallToolResult

from mcp_bridge.client import _in_process_client
from mcp_bridge.server import server

NOT_A_LIST = CallToolResult(content=[], structured_content={"not": "a task list"})


async def test_the_agent_session_leaves_checking_results_to_the_server():
    # The server checks each result against the tool's output schema before sending it (the
    # tool tests call it through a plain client, which checks every result once more).
    agent_session = (await _in_process_client()).session
    await agent_session.validate_tool_result("list_tasks", NOT_A_LIST)

    async with Client(server) as plain:
        await plain.list_tools()
        with pytest.raises(RuntimeError, match="Invalid structured content"):
            await plain.session.validate_tool_result("list_tasks", NOT_A_LIST)


async def test_one_session_serves_every_turn_on_a_loop():
    assert await _in_process_client() is await _in_process_client()
