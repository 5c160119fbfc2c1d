"""`python manage.py runmcp`: the five todo tools as a standalone MCP server.

stdio (default) is what desktop MCP clients launch; `--transport http` serves Streamable HTTP
(stateless, so any number of workers can serve behind a load balancer).
"""

from __future__ import annotations

import logging

import uvicorn
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mcp_bridge.http import LOOPBACK_HOSTS, build_http_app
from mcp_bridge.server import server

logger = logging.getLogger("todochat.mcp")


class Command(BaseCommand):
    help = "Serve the todo tools over MCP (stdio by default, or Streamable HTTP)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--transport", choices=["stdio", "http"], default="stdio")
        parser.add_argument("--host", default="127.0.0.1", help="HTTP only (default 127.0.0.1).")
        parser.add_argument("--port", type=int, default=8001, help="HTTP only (default 8001).")
        parser.add_argument("--path", default="/mcp", help="HTTP only: endpoint path.")
        parser.add_argument(
            "--insecure",
            action="store_true",
            help="HTTP only, loopback only: serve without bearer authentication (experiments).",
        )

    def handle(
        self, *args, transport: str, host: str, port: int, path: str, insecure: bool, **options
    ) -> None:
        if transport == "stdio":
            # stdout is the protocol channel: nothing else may be printed there.
            server.run("stdio")
            return
        if insecure and host not in LOOPBACK_HOSTS:
            raise CommandError(
                "--insecure serves only on a loopback host (127.0.0.1, localhost, ::1)."
            )
        try:
            app = build_http_app(host=host, path=path, insecure=insecure)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(f"MCP Streamable HTTP on http://{host}:{port}{path}")
        uvicorn.run(app, host=host, port=port, log_level="warning")
