"""`python manage.py runmcp`: the five todo tools as a standalone MCP server.

stdio (default) is what desktop MCP clients launch; `--transport http` serves Streamable HTTP
(stateless, so any number of workers can serve behind a load balancer), where every request must
carry a bearer JWT whose subject is the `user_id` the tools act on.
"""

from __future__ import annotations

from typing import Any

import anyio
import uvicorn
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mcp_bridge.http import build_http_app
from mcp_bridge.stdio import serve_stdio


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
        parser.add_argument(
            "--public-url",
            help="HTTP only: the endpoint's URL as clients see it (e.g. "
            "https://mcp.example.com/mcp); publishes OAuth protected-resource metadata.",
        )
        parser.add_argument(
            "--allowed-host",
            action="append",
            dest="allowed_hosts",
            help="HTTP only, non-loopback --host: a Host header to accept (repeatable; "
            "default: ALLOWED_HOSTS).",
        )
        parser.add_argument(
            "--allowed-origin",
            action="append",
            dest="allowed_origins",
            help="HTTP only, non-loopback --host: an Origin header to accept (repeatable; "
            "default: CORS_ALLOWED_ORIGINS).",
        )

    def handle(
        self, *args: Any, transport: str, host: str, port: int, path: str, **options: Any
    ) -> None:
        if transport == "stdio":
            # stdout is the protocol channel: nothing else may be printed there.
            anyio.run(serve_stdio)
            return
        if not 1 <= port <= 65535:
            # Not 0 ("any free port"): the address printed for clients would not be the one served.
            raise CommandError("--port must be 1 to 65535.")
        if not path.startswith("/"):
            raise CommandError("--path must start with '/' (e.g. /mcp).")
        try:
            app = build_http_app(
                host=host,
                path=path,
                insecure=options["insecure"],
                public_url=options["public_url"],
                allowed_hosts=options["allowed_hosts"],
                allowed_origins=options["allowed_origins"],
            )
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        except ValueError as exc:  # pydantic's, for a --public-url that is no URL
            # One line naming the value, not pydantic's multi-line validation report.
            raise CommandError(
                f"--public-url must be an http(s) URL such as https://mcp.example.com/mcp "
                f"(got {options['public_url']!r})."
            ) from exc
        self.stderr.write(f"MCP Streamable HTTP on http://{host}:{port}{path}")
        uvicorn.run(app, host=host, port=port, log_level="warning")
