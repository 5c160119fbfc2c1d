"""The MCP server as a Streamable HTTP (ASGI) application."""

from __future__ import annotations

from starlette.applications import Starlette

from .server import server

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def build_http_app(*, host: str, path: str = "/mcp", insecure: bool = False) -> Starlette:
    """A stateless Streamable HTTP app serving the five tools at `path`."""
    if host not in LOOPBACK_HOSTS:
        raise ValueError("The MCP HTTP transport binds to a loopback host only.")
    return server.streamable_http_app(
        streamable_http_path=path, stateless_http=True, json_response=True, host=host
    )
