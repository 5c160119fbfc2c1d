"""The ASGI edge: what is refused before Django (or anything else) reads a request.

A body over `MAX_REQUEST_BODY_BYTES` is answered 413, in the API's error shape, on every route
and before authentication: by its `Content-Length` without reading a byte of it, and a body of
unknown length (chunked) as soon as what arrived passes the limit. Nothing is spooled to disk.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from django.conf import settings

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


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
            return await self.app(scope, receive, send)
        # No length given (chunked): read up to the limit, then hand Django what was read.
        chunks: list[bytes] = []
        size = 0
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
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()  # after the body: the disconnect, when it comes

        # Downstream reads a body by its declared length: declare the one that arrived.
        headers = [
            (name, value)
            for name, value in scope.get("headers", [])
            if name not in (b"transfer-encoding", b"content-length")
        ]
        scope = {**scope, "headers": [*headers, (b"content-length", str(size).encode())]}
        return await self.app(scope, replay, send)
