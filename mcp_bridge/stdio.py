"""The tools over stdio (`manage.py runmcp`), each request line read as the HTTP transport reads
a request body: a lone UTF-16 surrogate escape (`"\\ud800"`, valid JSON that no text can hold)
becomes U+FFFD. The SDK's reader drops such a line without an answer, and the client would
wait on its request forever.

So it does any line it cannot read as a JSON-RPC message: an integer of more than 4,300 digits,
arrays nested some 200 deep, `"params": []`. Over HTTP such a request gets an error answer; here
a line that still names its request's id gets one too (parse error or invalid request), so the
client's call fails at once instead of hanging. A line with no id to answer (not JSON at all, a
notification) is dropped, as before."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import AsyncIterator
from typing import Any

import anyio
import mcp_types as types
from anyio.streams.memory import MemoryObjectSendStream
from mcp.server.stdio import stdio_server
from mcp.shared.message import SessionMessage
from pydantic import ValidationError

from .http import without_lone_surrogates
from .server import server

# A request's id where clients write it, before its method and params: what is left to answer
# by when the line does not parse as JSON even for Python (nested beyond its recursion limit).
_LEADING_ID = re.compile(
    r'^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*(-?[0-9]{1,18}|"(?:[^"\\]|\\.){0,200}")'
)
_REASON_MAX_CHARS = 200


def _request_id(line: str) -> types.RequestId | None:
    """The id of the request `line` holds, when one can be told; else None."""
    try:
        # An integer too long for Python's int() (more than 4,300 digits) cannot be the id.
        message: Any = json.loads(line, parse_int=lambda d: int(d) if len(d) <= 4300 else None)
    except (ValueError, RecursionError):
        found = _LEADING_ID.match(line)
        return json.loads(found.group(1)) if found else None
    if not isinstance(message, dict) or not isinstance(message.get("method"), str):
        return None
    request_id = message.get("id")
    if isinstance(request_id, bool) or not isinstance(request_id, (int, str)):
        return None
    return request_id


def _refusal(line: str) -> types.JSONRPCError | None:
    """The error answer to `line` when the SDK cannot read it as a message and it names its
    request; None when it reads (or names nothing to answer)."""
    try:
        types.jsonrpc_message_adapter.validate_json(line, by_name=False)
        return None
    except ValidationError as exc:
        errors = exc.errors()
        unreadable = bool(errors) and errors[0]["type"] == "json_invalid"
        reason = str(errors[0]["msg"]) if errors else str(exc)
    except ValueError as exc:
        unreadable, reason = True, str(exc)
    request_id = _request_id(line)
    if request_id is None:
        return None
    code, kind = (
        (types.PARSE_ERROR, "Parse error")
        if unreadable
        else (types.INVALID_REQUEST, "Invalid request")
    )
    return types.JSONRPCError(
        jsonrpc="2.0",
        id=request_id,
        error=types.ErrorData(code=code, message=f"{kind}: {reason[:_REASON_MAX_CHARS]}"),
    )


class _CleanLines:
    """The lines of `lines`, each with its lone surrogate escapes replaced; a line the SDK could
    not read is answered here (once `answer_on` gave the way out) instead of passed on."""

    def __init__(self, lines: anyio.AsyncFile[str]) -> None:
        self._lines = lines
        self._answers: MemoryObjectSendStream[SessionMessage] | None = None
        self._ready = anyio.Event()

    def answer_on(self, answers: MemoryObjectSendStream[SessionMessage]) -> None:
        self._answers = answers
        self._ready.set()

    async def __aiter__(self) -> AsyncIterator[str]:
        await self._ready.wait()
        async for raw in self._lines:
            line = without_lone_surrogates(raw.encode()).decode()
            refusal = _refusal(line) if line.strip() else None
            if refusal is None:
                yield line
            elif self._answers is not None:
                await self._answers.send(SessionMessage(refusal))


async def serve_stdio() -> None:
    """Serve the tools on this process's stdin and stdout until stdin ends."""
    # As the SDK reads stdin: UTF-8 whatever the locale says, undecodable bytes as U+FFFD.
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    lines = _CleanLines(anyio.wrap_file(stdin))
    async with stdio_server(stdin=lines) as (read_stream, write_stream):  # type: ignore[arg-type]
        lines.answer_on(write_stream)
        # What `MCPServer.run("stdio")` runs, with the stdin above.
        lowlevel = server._lowlevel_server
        await lowlevel.run(read_stream, write_stream, lowlevel.create_initialization_options())
