"""The ASGI application's outer edge, before Django reads anything.

- Lifespan: Django's ASGI handler has none, and ASGI servers log "lifespan protocol appears
  unsupported" on every start when an app refuses it. The edge accepts startup and shutdown
  (there is nothing to set up: the URLconf is imported when `todochat.asgi` loads).
- Static files (the admin's and Swagger UI's CSS and JS), when `DEBUG` is off, from
  `STATIC_ROOT` as `collectstatic` filled it, and a file it lacks (`collectstatic` not run,
  or not since an upgrade) from the apps' own, where `collectstatic` would have copied it from:
  never a 500 for a step left out. They are served here, asynchronously, rather than
  by a synchronous middleware in front of every request: such a middleware runs each request
  through a thread, and turns that go on after their response has begun then lose their thread.
  With `DEBUG` on, Django's staticfiles app serves them from the apps (no `collectstatic`).
  They follow the site's HTTPS settings as every Django page does (`SecureStatic`): a plain-HTTP
  request is redirected with `SECURE_SSL_REDIRECT`, and an answer carries HSTS and the other
  security headers. Only static requests pay for it: the API's path is unchanged.
- Request bodies: one over `MAX_REQUEST_BODY_BYTES` is answered 413, in the API's error shape,
  on every route and before authentication: by its `Content-Length` without reading a byte of
  it, and a body of unknown length (chunked) as soon as what arrived passes the limit. Nothing
  is spooled to disk.
- Slow bodies: a body that has not all arrived within `REQUEST_BODY_TIMEOUT_S` (a client that
  declares more than it sends, or trickles it) is answered 408 and the connection closed.
"""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse, HttpResponseBase
from django.middleware.security import SecurityMiddleware
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
            files = _StaticDirectories([static_root, *app_static_directories()])
            self.static = SecureStatic(
                Starlette(routes=[Mount(self.static_prefix.rstrip("/"), app=files)])
            )

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


def app_static_directories() -> list[Path]:
    """The directories Django's static file finders read (each app's `static/`, and
    `STATICFILES_DIRS` without a prefix), in their order: what `collectstatic` copies."""
    directories: list[Path] = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location and not getattr(storage, "prefix", None):
                directories.append(Path(location))
    return directories


class _StaticDirectories(StaticFiles):
    """Starlette's static files from several directories, the first that has the file winning;
    a directory that does not exist holds nothing (Starlette's own check would make every
    request a 500)."""

    def __init__(self, directories: list[Path]) -> None:
        self._directories = directories
        super().__init__(check_dir=False)

    def get_directories(self, directory: Any = None, packages: Any = None) -> list[Any]:
        return list(self._directories)


def _no_response(request: Any) -> HttpResponse:
    raise AssertionError("only the middleware's request and response hooks are called")


class SecureStatic:
    """`app` (the static files) under the HTTPS rules of the rest of the site, decided by
    Django's own `SecurityMiddleware` with the same settings: with `SECURE_SSL_REDIRECT`, a
    plain-HTTP request gets the same 301 to HTTPS (or 400 for a host not in `ALLOWED_HOSTS`),
    and an answer gets the same headers (`Strict-Transport-Security` over HTTPS with
    `SECURE_HSTS_SECONDS`, `X-Content-Type-Options`, `Referrer-Policy`,
    `Cross-Origin-Opener-Policy`). Served in front of Django, they had none of them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.security = SecurityMiddleware(_no_response)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = ASGIRequest(scope, io.BytesIO())
        try:
            redirect = self.security.process_request(request)
        except DisallowedHost:
            await _send_whole(send, HttpResponse("Bad Request", status=400))
            return
        if redirect is not None:
            await _send_whole(send, redirect)
            return
        added = self.security.process_response(request, HttpResponse()).headers
        extra = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in added.items()
            if name.lower() != "content-type"
        ]

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in extra if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_secured)


async def _send_whole(send: Send, response: HttpResponseBase) -> None:
    body = getattr(response, "content", b"")
    headers = [
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in response.items()
    ]
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def send_error(send: Send, status: int, code: str, message: str) -> None:
    """Answer with the API's error shape (and close: the rest of the body is never read)."""
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _too_large(limit: int) -> str:
    return f"The request body is larger than the limit of {limit} bytes."


class BodyLimit:
    """ASGI middleware: refuse request bodies over `MAX_REQUEST_BODY_BYTES` with 413."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = settings.MAX_REQUEST_BODY_BYTES
        lengths = [value for name, value in scope.get("headers", []) if name == b"content-length"]
        if lengths:
            try:
                length = int(lengths[0])
            except ValueError:
                return await send_error(send, 400, "invalid", "Content-Length is not a number.")
            if length > limit:
                return await send_error(send, 413, "too_large", _too_large(limit))
        # Read the body (up to the limit) before anything else, within REQUEST_BODY_TIMEOUT_S: a
        # client that declares more than it sends, or trickles it, is answered 408 instead of
        # holding the connection (and a request's place) for as long as it likes.
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(settings.REQUEST_BODY_TIMEOUT_S):
                while True:
                    message = await receive()
                    if message["type"] != "http.request":
                        return None  # the client left before its body was complete
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > limit:
                        return await send_error(send, 413, "too_large", _too_large(limit))
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            return await send_error(
                send,
                408,
                "request_timeout",
                f"The request body did not arrive within {settings.REQUEST_BODY_TIMEOUT_S:g} s.",
            )
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()  # after the body: the disconnect, when it comes

        if not lengths:
            # Downstream reads a body by its declared length: declare the one that arrived.
            headers = [
                (name, value)
                for name, value in scope.get("headers", [])
                if name not in (b"transfer-encoding", b"content-length")
            ]
            scope = {**scope, "headers": [*headers, (b"content-length", str(size).encode())]}
        return await self.app(scope, replay, send)
