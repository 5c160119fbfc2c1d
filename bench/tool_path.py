"""MCP `tools/call` latency of `list_tasks`: in-process vs Streamable HTTP.

`python -m bench.tool_path --url http://127.0.0.1:P/mcp --user U --calls 300` (with the project's
environment; `runmcp --transport http --insecure` must serve `--url`) prints JSON medians (ms):

- `direct_ms`: the tool's Python function called directly (its database step; no MCP);
- `inprocess_ms`: `tools/call` over one held `mcp.Client(server)` session;
- `inprocess_connect_ms`: connect `mcp.Client(server)` + one call + close (the product's per-turn
  pattern); `inprocess_connect_close_ms`: connect + close alone (the rest of the difference is the
  fresh session's first call: it re-lists the tools and compiles the output-schema validator);
- `http_ms`: `tools/call` over one held Streamable HTTP session;
- `http_connect_ms`: new `httpx2.AsyncClient` + session + one call + close (the product's
  per-turn pattern with `MCP_SERVER_URL`); `http_connect_shared_client_ms`: the same with one
  `httpx2.AsyncClient` kept for all sessions (its connection pool and SSL context reused).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from bench.seed import setup_django

TOOL = "list_tasks"


async def _median_ms(call: Callable[[], Awaitable[Any]], calls: int, warmup: int = 10) -> float:
    for _ in range(warmup):
        await call()
    durations = []
    for _ in range(calls):
        started = time.perf_counter()
        await call()
        durations.append(time.perf_counter() - started)
    return round(statistics.median(durations) * 1000, 3)


def _check(result: Any) -> None:
    if result.is_error:
        raise RuntimeError(f"{TOOL} failed: {result.content}")


async def measure(url: str, user_id: str, calls: int) -> dict[str, float]:
    """The five medians described in the module docstring."""
    from mcp_bridge import server as tools

    arguments = {"user_id": user_id}
    out: dict[str, float] = {}
    out["direct_ms"] = await _median_ms(lambda: tools.list_tasks(user_id=user_id), calls)

    async with Client(tools.server) as client:

        async def held() -> None:
            _check(await client.call_tool(TOOL, arguments))

        out["inprocess_ms"] = await _median_ms(held, calls)

    async def connect_inprocess() -> None:
        async with Client(tools.server) as client:
            _check(await client.call_tool(TOOL, arguments))

    out["inprocess_connect_ms"] = await _median_ms(connect_inprocess, calls)

    async def connect_only() -> None:
        async with Client(tools.server):
            pass

    out["inprocess_connect_close_ms"] = await _median_ms(connect_only, calls)

    async with (
        httpx2.AsyncClient(timeout=30) as http,
        Client(streamable_http_client(url, http_client=http)) as client,
    ):

        async def held_http() -> None:
            _check(await client.call_tool(TOOL, arguments))

        out["http_ms"] = await _median_ms(held_http, calls)

    async def connect_http() -> None:
        async with (
            httpx2.AsyncClient(timeout=30) as http,
            Client(streamable_http_client(url, http_client=http)) as client,
        ):
            _check(await client.call_tool(TOOL, arguments))

    out["http_connect_ms"] = await _median_ms(connect_http, max(calls // 3, 10))

    async with httpx2.AsyncClient(timeout=30) as shared_http:

        async def connect_http_shared_client() -> None:
            async with Client(streamable_http_client(url, http_client=shared_http)) as client:
                _check(await client.call_tool(TOOL, arguments))

        out["http_connect_shared_client_ms"] = await _median_ms(
            connect_http_shared_client, max(calls // 3, 10)
        )
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.tool_path")
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args(argv)
    setup_django()
    print(json.dumps(asyncio.run(measure(args.url, args.user, args.calls))))


if __name__ == "__main__":
    main()
