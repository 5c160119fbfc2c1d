"""The ASGI application's outer edge, before Django: the lifespan protocol and static files.

- Lifespan: Django's ASGI handler has none, and ASGI servers log "lifespan protocol appears
  unsupported" on every start when an app refuses it. The edge accepts startup and shutdown
  (there is nothing to set up: the URLconf is imported when `todochat.asgi` loads).
- Static files (the admin's and Swagger UI's CSS and JS), when `DEBUG` is off, from
  `STATIC_ROOT` as `collectstatic` filled it. They are served here, asynchronously, rather than
  by a synchronous middleware in front of every request: such a middleware runs each request
  through a thread, and turns that go on after their response has begun then lose their thread.
  With `DEBUG` on, Django's staticfiles app serves them from the apps (no `collectstatic`).
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class Edge:
    """`app` behind lifespan support and, given `static_root`, static files at `static_url`."""

    def __init__(self, app: ASGIApp, *, static_url: str, static_root: Path | None) -> None:
        self.app = app
        self.static_prefix = "/" + static_url.strip("/") + "/"
        self.static: ASGIApp | None = None
        if static_root is not None:
            files = StaticFiles(directory=static_root, check_dir=False)
            self.static = Starlette(routes=[Mount(self.static_prefix.rstrip("/"), app=files)])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif self.static is not None and scope.get("path", "").startswith(self.static_prefix):
            await self.static(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    @staticmethod
    async def _lifespan(receive: Receive, send: Send) -> None:
        while True:
            message: Message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
