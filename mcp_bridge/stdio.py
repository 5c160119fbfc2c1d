"""The tools over stdio (`manage.py runmcp`), each request line read as the HTTP transport reads
a request body: a lone UTF-16 surrogate escape (`"\\ud800"`, valid JSON that no text can hold)
becomes U+FFFD. The SDK's reader drops such a line without an answer, and the client would
wait on its request forever."""

from __future__ import annotations

import io
import sys
from collections.abc import AsyncIterator

import anyio
from mcp.server.stdio import stdio_server

from .http import without_lone_surrogates
from .server import server


class _CleanLines:
    """The lines of `lines`, each with its lone surrogate escapes replaced."""

    def __init__(self, lines: anyio.AsyncFile[str]) -> None:
        self._lines = lines

    async def __aiter__(self) -> AsyncIterator[str]:
        async for line in self._lines:
            yield without_lone_surrogates(line.encode()).decode()


async def serve_stdio() -> None:
    """Serve the tools on this process's stdin and stdout until stdin ends."""
    # As the SDK reads stdin: UTF-8 whatever the locale says, undecodable bytes as U+FFFD.
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    lines = _CleanLines(anyio.wrap_file(stdin))
    async with stdio_server(stdin=lines) as (read_stream, write_stream):  # type: ignore[arg-type]
        # What `MCPServer.run("stdio")` runs, with the stdin above.
        lowlevel = server._lowlevel_server
        await lowlevel.run(read_stream, write_stream, lowlevel.create_initialization_options())
