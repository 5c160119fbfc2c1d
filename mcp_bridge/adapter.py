"""The agent's side of MCP: the five tools, offered to an Agents SDK agent, for one user a turn.

`ScopedTools` is an `agents.mcp.MCPServer` whose tools are turned into the SDK's function tools
once per process (`function_tools`): converting them is work the SDK would otherwise repeat on
every model call of every turn. Each call goes, over the MCP protocol, through the session of
the turn that makes it (`ToolScope`, set for the turn by `scoped`). The model never chooses whose
tasks it acts on: `user_id` is removed from the tool schemas the model sees, and set from the
authenticated request on every call, overriding whatever the model sends. The user's timezone
(from the request, else their last one) and the turn's identity (so a title added twice in one
turn is added once) travel the same way. Every call is recorded with the arguments it actually
ran with (the turn's identity aside).
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from agents import FunctionTool, ModelBehaviorError, RunContextWrapper
from agents.mcp import MCPServer as AgentMCPServer
from agents.mcp.util import MCPToolMetaContext, MCPUtil
from agents.tool import default_tool_error_function
from mcp import Client
from mcp.types import CallToolResult, GetPromptResult, ListPromptsResult, Tool

from todochat.storable import sendable, storable, storable_text

from .arguments import as_read
from .model_view import model_result
from .recording import CallRecording, recorded_by

USER_ID_PARAM = "user_id"
TIMEZONE_PARAM = "timezone"
TURN_PARAM = "turn"
# Arguments the adapter sets on every call of a tool that takes them; the model never sees them.
HIDDEN_PARAMS = (USER_ID_PARAM, TIMEZONE_PARAM, TURN_PARAM)
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
    """A copy of `tool` as the model is offered it: its input schema no longer mentions the
    hidden arguments (`user_id`, `timezone`, `turn`), and says the rest in fewer tokens
    (`compact_schema`)."""
    schema = copy.deepcopy(tool.input_schema)
    for name in HIDDEN_PARAMS:
        schema.get("properties", {}).pop(name, None)
    if "required" in schema:
        schema["required"] = [name for name in schema["required"] if name not in HIDDEN_PARAMS]
    return tool.model_copy(update={"input_schema": compact_schema(schema)})


def compact_schema(schema: Any) -> Any:
    """`schema` without what tells a model nothing: the generated `title` of every property and
    of the whole, and the `null` branch of an optional argument (`anyOf: [X, null]` with a
    default becomes X with its description and a non-null default; leaving the argument out
    means the same as null).
    Every model call carries the five schemas, so this is paid for on each one."""
    if isinstance(schema, list):
        return [compact_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    compact: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "properties" and isinstance(value, dict):
            # Argument names are keys here, not keywords: one called "title" stays.
            compact[key] = {name: compact_schema(prop) for name, prop in value.items()}
        elif key != "title":
            compact[key] = compact_schema(value)
    branches = compact.get("anyOf")
    if isinstance(branches, list) and "default" in compact:
        kept = [branch for branch in branches if branch != {"type": "null"}]
        if len(kept) == 1 and isinstance(kept[0], dict):
            # A null default is what leaving the argument out gives; another is said.
            dropped = ("anyOf", "default") if compact["default"] is None else ("anyOf",)
            merged = {k: v for k, v in compact.items() if k not in dropped}
            return {**kept[0], **merged}
    return compact


def hidden_params(tool: Tool) -> tuple[str, ...]:
    """The hidden arguments `tool` takes (as the server lists it)."""
    properties = tool.input_schema.get("properties", {})
    return tuple(name for name in HIDDEN_PARAMS if name in properties)


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


def _storable_result(result: CallToolResult) -> CallToolResult:
    """`result` with text a model client can send and a database can store (a tool may echo
    back a NUL or a lone surrogate the model sent it)."""
    content = [
        block.model_copy(update={"text": storable_text(block.text)})
        if block.type == "text"
        else block
        for block in result.content
    ]
    structured = result.structured_content
    return result.model_copy(
        update={
            "content": content,
            "structured_content": storable(structured) if structured is not None else None,
        }
    )


def _model_facing(result: CallToolResult, record: ToolCallRecord) -> CallToolResult:
    """`result` as the model is given it: a long list bounded (`model_result`); the record
    keeps it whole."""
    if result.is_error or result.structured_content is None:
        return result
    view = model_result(record.result)
    if view is record.result:
        return result
    return result.model_copy(update={"structured_content": view})


def _call_id_meta(context: MCPToolMetaContext) -> dict[str, Any] | None:
    call_id = getattr(context.run_context, "tool_call_id", None)
    return {_CALL_ID_META: call_id} if call_id else None


class ToolObserver(Protocol):
    """Told about each tool call of a turn: before it runs and when it has finished (so the
    turn can record it durably, and relay it to whoever is listening)."""

    async def tool_started(
        self, *, call_id: str, name: str, arguments: dict[str, Any], in_step: bool
    ) -> CallRecording | None:
        """The call is about to run (raising here stops it from running). With `in_step` (the
        tool runs in this process), the observer may return a `CallRecording`: the tool then
        records the call in its own database transaction."""

    async def tool_finished(self, record: ToolCallRecord, *, recorded: bool) -> None:
        """The call ran; `record` is what it ran with and returned, `recorded` whether the
        tool already stored it (through the `CallRecording`)."""


@dataclass
class ToolScope:
    """One turn's tools: the MCP session its calls go through, the user they act for (and their
    timezone), the turn's identity, the calls made so far (by call id), and who is told about
    each call."""

    client: Client
    user_id: str
    timezone: str | None = None
    turn: str = field(default_factory=lambda: uuid.uuid4().hex)
    calls: dict[str, ToolCallRecord] = field(default_factory=dict)
    observer: ToolObserver | None = None
    # The tools run in this process (their calls can be recorded in their own transactions).
    in_process: bool = False

    def enforced(self, params: tuple[str, ...]) -> dict[str, str]:
        """The hidden arguments among `params`, as this turn sets them."""
        values = {USER_ID_PARAM: self.user_id, TIMEZONE_PARAM: self.timezone, TURN_PARAM: self.turn}
        return {name: value for name in params if (value := values[name]) is not None}


# The scope of the running turn: set by `scoped` in the turn's task, seen by the tool calls the
# runner makes for it (in that task or tasks it starts), never by another turn.
_scope: ContextVar[ToolScope] = ContextVar("todochat_tool_scope")


@contextmanager
def scoped(scope: ToolScope) -> Iterator[ToolScope]:
    """Make `scope` the one tool calls in this task (and tasks it starts) run in."""
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def _tool_failure(context: RunContextWrapper[Any], error: Exception) -> str:
    """What the model is told when a call could not run: for arguments that are not a JSON
    object, what to fix (the SDK's own answer, "An error occurred while running the tool",
    gives a model nothing to correct); anything else, the SDK's answer."""
    message = str(error)
    if isinstance(error, ModelBehaviorError) and message.startswith("Invalid JSON input for tool"):
        name = message.removeprefix("Invalid JSON input for tool ").split(":", 1)[0]
        return (
            f"The arguments for {name} were not a JSON object. Call it again with its "
            "arguments as one JSON object, as its schema describes."
        )
    return default_tool_error_function(context, error)


class ScopedTools(AgentMCPServer):
    """The todo tools, calling through the scope of whichever turn calls them."""

    def __init__(self, tools: list[Tool]) -> None:
        """`tools`: the server's tools as it lists them; the model sees them without the hidden
        arguments (`model_facing_tool`)."""
        super().__init__(use_structured_content=True, tool_meta_resolver=_call_id_meta)
        self._hidden = {tool.name: hidden_params(tool) for tool in tools}
        self._properties = {tool.name: tool.input_schema.get("properties", {}) for tool in tools}
        self._tools = [model_facing_tool(tool) for tool in tools]

    @property
    def name(self) -> str:
        return "todochat"

    def function_tools(self) -> list[FunctionTool]:
        """The tools as the SDK's function tools (the schemas as they are, like an agent's
        `mcp_servers` would offer them), calling `call_tool` through the SDK's MCP layer."""
        return [
            MCPUtil.to_function_tool(
                tool, self, convert_schemas_to_strict=False, failure_error_function=_tool_failure
            )
            for tool in self._tools
        ]

    async def connect(self) -> None:
        """Sessions are connected and closed by whoever owns each turn's `mcp.Client`."""

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
        try:
            scope = _scope.get()
        except LookupError:
            raise RuntimeError("A tool was called outside a chat turn.") from None
        meta = dict(meta or {})
        call_id = meta.pop(_CALL_ID_META, None) or f"call_{len(scope.calls) + 1}"
        # Whatever the model wrote for the hidden arguments, the call runs for the requesting
        # user, in their timezone, as part of this turn. A lone surrogate cannot travel as UTF-8
        # (JSON-RPC): the tool gets U+FFFD instead.
        # A number or a boolean written as text ("3", "true") is recorded as the tool reads it.
        properties = self._properties.get(tool_name, {})
        given = {
            k: as_read(v, properties.get(k))
            for k, v in sendable(arguments or {}).items()
            if k not in HIDDEN_PARAMS
        }
        hidden = self._hidden.get(tool_name, (USER_ID_PARAM,))
        enforced = {**given, **scope.enforced(hidden)}
        recorded = {k: v for k, v in enforced.items() if k != TURN_PARAM}
        recording = None
        if scope.observer is not None:
            recording = await scope.observer.tool_started(
                call_id=call_id,
                name=tool_name,
                arguments=recorded,
                # A call id the model reuses within the turn is recorded apart (its record is
                # replaced, not added).
                in_step=scope.in_process and call_id not in scope.calls,
            )
        with recorded_by(recording):
            result = _storable_result(
                await scope.client.call_tool(tool_name, enforced, meta=cast(Any, meta or None))
            )
        record = scope.calls[call_id] = ToolCallRecord(
            id=call_id,
            name=tool_name,
            arguments=recorded,
            result=result_payload(result),
            is_error=bool(result.is_error),
        )
        if scope.observer is not None:
            stored = recording is not None and recording.written and not record.is_error
            await scope.observer.tool_finished(record, recorded=stored)
        return _model_facing(result, record)

    async def list_prompts(self) -> ListPromptsResult:
        return ListPromptsResult(prompts=[])

    async def get_prompt(
        self, name: str, arguments: dict[str, Any] | None = None
    ) -> GetPromptResult:
        raise KeyError(f"No prompt named {name!r}")
