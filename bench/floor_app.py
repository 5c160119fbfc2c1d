"""The floor: the least one HTTP chat turn can cost with the SDKs the product uses.

A bare ASGI app (no Django, no database, no auth). `POST /chat` with `{"message": "..."}` runs
one Agents SDK turn with the same model client kind as the product (`AsyncOpenAI` →
`OpenAIChatCompletionsModel`, or `OpenAIResponsesModel` with `AGENT_MODEL_API=responses`) and
one trivial MCP tool, `list_tasks`, served in-process by an `mcp.server.mcpserver.MCPServer`
and reached through `mcp.Client(server)` wrapped in an `agents.mcp.MCPServer` adapter.

`uvicorn bench.floor_app:app` — configured by the product's variables (`AGENT_MODEL`,
`AGENT_MODEL_API`, `OPENAI_BASE_URL`, `OPENAI_API_KEY`), `FLOOR_TOOLS` (`1`, or `5` for the
product's five tool schemas) and `FLOOR_MCP`:

- `shared` (default; like the product since it keeps one in-process session per event loop):
  one `mcp.Client(server)` for the process, entered and exited by the ASGI lifespan task (a
  long-lived task, as anyio requires), shared by all turns;
- `per_turn` (like the product before that): an `mcp.Client(server)` is connected and closed
  around every turn; the tool list is fetched once per process.

Everything else is made once: the model and its `AsyncOpenAI` client (per event loop, at
start-up), the agent (per MCP session), the run config.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Annotated, Any, Literal

from agents import (
    Agent,
    OpenAIChatCompletionsModel,
    OpenAIResponsesModel,
    RunConfig,
    Runner,
)
from agents.mcp import MCPServer as AgentMCPServer
from agents.models.interface import Model
from mcp import Client
from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, GetPromptResult, ListPromptsResult, Tool
from openai import AsyncOpenAI
from pydantic import Field
from typing_extensions import TypedDict

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

INSTRUCTIONS = "You manage the user's todo list. Use the tools for every question about tasks."


class TaskList(TypedDict):
    tasks: list[dict[str, Any]]
    count: int


tool_server = MCPServer(name="floor")
# MCPServer() turns on INFO logging for everything (logging.basicConfig): back to warnings.
logging.getLogger().setLevel(logging.WARNING)


@tool_server.tool()
async def list_tasks(status: Literal["all", "pending", "completed"] = "all") -> TaskList:
    """List the user's tasks."""
    return {"tasks": [], "count": 0}


class TaskChange(TypedDict):
    task_id: int
    status: str
    title: str


TaskId = Annotated[int, Field(ge=1, description="The id of the task, as shown by list_tasks.")]
Title = Annotated[str, Field(min_length=1, max_length=200, description="Short title (1-200).")]
Text = Annotated[str, Field(max_length=2000, description="Optional longer description.")]


async def add_task(title: Title, description: Text = "") -> TaskChange:
    """Add a new pending task to the user's todo list."""
    return {"task_id": 1, "status": "created", "title": title}


async def complete_task(task_id: TaskId) -> TaskChange:
    """Mark one of the user's tasks as completed."""
    return {"task_id": task_id, "status": "completed", "title": "t"}


async def delete_task(task_id: TaskId) -> TaskChange:
    """Delete one of the user's tasks for good."""
    return {"task_id": task_id, "status": "deleted", "title": "t"}


async def update_task(
    task_id: TaskId, title: Title | None = None, description: Text | None = None
) -> TaskChange:
    """Change the title and/or the description of one of the user's tasks."""
    return {"task_id": task_id, "status": "updated", "title": title or "t"}


# FLOOR_TOOLS=5: the product's other four tools too (same shapes, trivial bodies), so that the
# floor offers the model as many tool schemas as the product does.
if os.environ.get("FLOOR_TOOLS", "1") == "5":
    for extra in (add_task, complete_task, delete_task, update_task):
        tool_server.tool()(extra)


class FloorTools(AgentMCPServer):
    """The one tool, over an already connected `mcp.Client`."""

    def __init__(self, client: Client, tools: list[Tool]) -> None:
        super().__init__(use_structured_content=True)
        self._client = client
        self._tools = tools

    @property
    def name(self) -> str:
        return "floor"

    async def connect(self) -> None:
        """Connected by whoever owns the client."""

    async def cleanup(self) -> None:
        """See `connect`."""

    async def list_tools(self, run_context: Any = None, agent: Any = None) -> list[Tool]:
        return self._tools

    async def call_tool(
        self, tool_name: str, arguments: dict[str, Any] | None, meta: dict[str, Any] | None = None
    ) -> CallToolResult:
        return await self._client.call_tool(tool_name, arguments or {}, meta=meta)

    async def list_prompts(self) -> ListPromptsResult:
        return ListPromptsResult(prompts=[])

    async def get_prompt(
        self, name: str, arguments: dict[str, Any] | None = None
    ) -> GetPromptResult:
        raise KeyError(name)


def build_model() -> Model:
    """The model the product would build from the same environment variables."""
    client = AsyncOpenAI(
        api_key=os.environ.get("OPENAI_API_KEY") or "unused",
        base_url=os.environ.get("OPENAI_BASE_URL") or None,
    )
    name = os.environ.get("AGENT_MODEL", "gpt-4.1-mini")
    if os.environ.get("AGENT_MODEL_API", "chat_completions") == "responses":
        return OpenAIResponsesModel(model=name, openai_client=client)
    return OpenAIChatCompletionsModel(model=name, openai_client=client)


class Floor:
    """Process state: the model, the run config, the tool list, the shared MCP session."""

    def __init__(self) -> None:
        self.mode = os.environ.get("FLOOR_MCP", "shared")
        self.run_config = RunConfig(tracing_disabled=True)
        self.model: Model | None = None
        self.tools: list[Tool] | None = None
        self.shared_agent: Agent[Any] | None = None
        self._stack = AsyncExitStack()

    async def start(self) -> None:
        """Made once, on the serving event loop: the model client, and the shared session."""
        self.model = build_model()
        if self.mode == "shared":
            client = await self._stack.enter_async_context(Client(tool_server))
            self.shared_agent = self._agent(client, (await client.list_tools()).tools)

    async def stop(self) -> None:
        await self._stack.aclose()

    def _agent(self, client: Client, tools: list[Tool]) -> Agent[Any]:
        self.tools = tools
        return Agent(
            name="floor",
            instructions=INSTRUCTIONS,
            model=self.model,
            mcp_servers=[FloorTools(client, tools)],
        )

    async def turn(self, message: str) -> dict[str, Any]:
        """One agent turn; returns the answer and how many tool calls it made."""
        if self.shared_agent is not None:
            return await self._run(self.shared_agent, message)
        async with Client(tool_server) as client:
            tools = self.tools or (await client.list_tools()).tools
            return await self._run(self._agent(client, tools), message)

    async def _run(self, agent: Agent[Any], message: str) -> dict[str, Any]:
        result = await Runner.run(agent, message, run_config=self.run_config)
        calls = sum(1 for item in result.new_items if item.type == "tool_call_item")
        return {"response": str(result.final_output), "tool_calls": calls}


floor = Floor()


async def _read_body(receive: Receive) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            return body


async def _respond(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await floor.start()
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await floor.stop()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    """The ASGI application: `POST /chat`, `GET /healthz`, and the lifespan."""
    if scope["type"] == "lifespan":
        await _lifespan(receive, send)
        return
    if scope["type"] != "http":
        return
    if scope["path"] == "/healthz":
        await _respond(send, 200, {"status": "ok", "mcp": floor.mode})
        return
    if scope["path"] != "/chat" or scope["method"] != "POST":
        await _respond(send, 404, {"error": "not found"})
        return
    try:
        message = json.loads(await _read_body(receive))["message"]
    except (ValueError, KeyError, TypeError):
        await _respond(send, 400, {"error": 'expected {"message": str}'})
        return
    await _respond(send, 200, await floor.turn(message))
