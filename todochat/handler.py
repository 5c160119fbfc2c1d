"""Django's ASGI handler, without a thread per API request.

Django runs each request in a `ThreadSensitiveContext`, a thread pool of its own whose thread is
started for the request's synchronous steps and ends with it, and sends `request_started` and
`request_finished` from that thread (their receivers close the thread's database connections).
The API is asynchronous end to end: its database work runs on the shared `DB_THREADS` pool
(`todochat.db`), which hands connections back itself, so the event loop's thread never holds
one. On `/api/` the signals are therefore sent right on the event loop (their receivers find no
connection there, and return at once), and the response is closed there too: no thread is
started or woken for an API request (a 200-turn burst used to start 200). Other paths (the
admin and the pages, whose views are synchronous) are served exactly as Django serves them.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.urls import set_script_prefix

API_PREFIX = "/api/"


class Handler(ASGIHandler):
    """`ASGIHandler` serving `/api/` requests on the event loop alone."""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("path", "").startswith(API_PREFIX):
            await self._handle_api(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)

    async def _handle_api(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        # Django's `handle`, with the signals sent and the response closed on the loop.
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        set_script_prefix(get_script_prefix(scope))
        signals.request_started.send(sender=self.__class__, scope=scope)
        request, error_response = self.create_request(scope, body_file)
        if request is None:
            body_file.close()
            assert error_response is not None  # Django gives one when it gives no request
            await self.send_response(error_response, send)
            error_response.close()
            return

        async def process_request() -> Any:
            response = await self.run_get_response(request)
            with contextlib.suppress(asyncio.CancelledError):  # the client left meanwhile
                await self.send_response(response, send)
            return response

        tasks = [
            asyncio.create_task(self.listen_for_disconnect(receive)),
            asyncio.create_task(process_request()),
        ]
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            if task.done():
                try:
                    task.result()
                except RequestAborted:
                    pass  # the client left
                except AssertionError:
                    body_file.close()
                    raise
            else:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        try:
            response = tasks[1].result()
        except asyncio.CancelledError:
            signals.request_finished.send(sender=self.__class__)
        else:
            response.close()  # sends request_finished
        body_file.close()
