"""The agent's side of MCP: the five tools, offered to an Agents SDK agent for one user.

`UserScopedTools` is an `agents.mcp.MCPServer` over an `mcp.Client` session (in-process, or
Streamable HTTP). The model never chooses whose tasks it acts on: `user_id` is removed from the
tool schemas the model sees, and set from the authenticated request on every call, overriding
whatever the model sends. Every call is recorded with the arguments it actually ran with.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from agents.mcp import MCPServer as AgentMCPServer
from agents.mcp.util import MCPToolMetaContext
from mcp import Client
from mcp.types import CallToolResult, GetPromptResult, ListPromptsResult, Tool

USER_ID_PARAM = "user_id"
# Carries the model's call id from the runner to `call_tool` (which otherwise never sees it);
# removed before the request leaves the adapter.
_CALL_ID_META = "todochat/call_id"


@dataclass(frozen=True)
class ToolCallRecord:
    """One tool call as it ran: the contract's `tool_calls` entry."""

    id: str
    name: str
    arguments: dict[str, Any]
    result: Any
    is_error: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "arguments": self.arguments,
            "result": self.result,
            "is_error": self.is_error,
        }


def model_facing_tool(tool: Tool) -> Tool:
    """A copy of `tool` whose input schema no longer mentions `user_id`."""
    schema = copy.deepcopy(tool.input_schema)
    schema.get("properties", {}).pop(USER_ID_PARAM, None)
    if USER_ID_PARAM in schema.get("required", []):
        schema["required"] = [name for name in schema["required"] if name != USER_ID_PARAM]
    return tool.model_copy(update={"input_schema": schema})


def result_payload(result: CallToolResult) -> Any:
    """What a tool call returned, as JSON-ready data: structured content, else its text."""
    if result.structured_content is not None and not result.is_error:
        return result.structured_content
    text = "\n".join(block.text for block in result.content if block.type == "text")
    if result.is_error:
        return {"error": text}
    try:
        return json.loads(text)
    except ValueError:
        return text


def _call_id_meta(context: MCPToolMetaContext) -> dict[str, Any] | None:
    call_id = getattr(context.run_context, "tool_call_id", None)
    return {_CALL_ID_META: call_id} if call_id else None


class UserScopedTools(AgentMCPServer):
    """The todo tools for one user's turn, over an already connected `mcp.Client`."""

    def __init__(self, client: Client, *, user_id: str, tools: list[Tool]) -> None:
        """`tools`: the server's tools as the model may see them (`model_facing_tool`)."""
        super().__init__(use_structured_content=True, tool_meta_resolver=_call_id_meta)
        self._client = client
        self._user_id = user_id
        self._tools = tools
        self.calls: dict[str, ToolCallRecord] = {}

    @property
    def name(self) -> str:
        return "todochat"

    async def connect(self) -> None:
        """The session is connected and closed by whoever owns the `mcp.Client`."""

    async def cleanup(self) -> None:
        """See `connect`."""

    async def list_tools(self, run_context: Any = None, agent: Any = None) -> list[Tool]:
        return self._tools

    async def call_tool(
        self,
        tool_name: str,
        arguments: dict[str, Any] | None,
        meta: dict[str, Any] | None = None,
    ) -> CallToolResult:
        meta = dict(meta or {})
        call_id = meta.pop(_CALL_ID_META, None) or f"call_{len(self.calls) + 1}"
        # Whatever the model wrote for user_id, the call runs for the requesting user.
        enforced = {**(arguments or {}), USER_ID_PARAM: self._user_id}
        result = await self._client.call_tool(tool_name, enforced, meta=meta or None)
        self.calls[call_id] = ToolCallRecord(
            id=call_id,
            name=tool_name,
            arguments=enforced,
            result=result_payload(result),
            is_error=bool(result.is_error),
        )
        return result

    async def list_prompts(self) -> ListPromptsResult:
        return ListPromptsResult(prompts=[])

    async def get_prompt(
        self, name: str, arguments: dict[str, Any] | None = None
    ) -> GetPromptResult:
        raise KeyError(f"No prompt named {name!r}")
