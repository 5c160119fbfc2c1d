"""Running Django ORM work from async code.

Each database step runs on a small pool of worker threads shared by every request
(`DB_THREADS`), and, on a pooled backend, hands its connection back to the pool when it ends: a
turn that then waits seconds on the model holds neither a thread nor a connection. When
synchronous code is waiting on the coroutine (a management command, a test calling the API
through `async_to_sync`), the step runs on that caller's thread instead, inside whatever
transaction it has open.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from asgiref.sync import AsyncToSync, sync_to_async
from django.conf import settings
from django.db import connection

from todochat.errors import ServiceUnavailableError

P = ParamSpec("P")
R = TypeVar("R")


def release_connection() -> None:
    """Hand this thread's database connection back to the pool (when there is a pool)."""
    # Inside an atomic block (a test's transaction, a caller's transaction) the connection
    # must stay; outside it, closing a pooled connection returns it to the pool.
    if getattr(connection, "pool", None) is not None and not connection.in_atomic_block:
        connection.close()


def relax_commit() -> None:
    """Let the transaction this is called in commit without waiting for its WAL to reach the
    disk (PostgreSQL; elsewhere nothing).

    For writes the user is not told of before a later, fully durable commit of the same turn
    (its reply, or the record of a turn that failed): PostgreSQL writes its log in order, so
    that later commit makes these durable too. Only a crash of the database server itself in
    between can lose them — all of them after the lost one, with the turn, which then answers
    with an error. Each such commit saves one disk flush (about 3 ms on an fsync-bound disk).
    Only in the outermost transaction: inside a caller's, it would relax the caller's commit.
    """
    if connection.vendor != "postgresql" or len(connection.atomic_blocks) != 1:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('synchronous_commit', 'off', true)")


def _step(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    try:
        return fn(*args, **kwargs)
    finally:
        release_connection()


_executor_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def _db_executor() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(
                max_workers=settings.DB_THREADS, thread_name_prefix="todochat-db"
            )
        return _executor


def _sync_caller_waiting() -> bool:
    # Set by `async_to_sync` for the coroutines it runs (and cleared by Django's ASGI handler
    # for each request): the thread that called it is blocked, waiting to run sync work.
    return getattr(AsyncToSync.executors, "current", None) is not None


async def db_step(fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
    """Run `fn(*args, **kwargs)` (synchronous ORM code) from async code, as one database step.

    Raises `ServiceUnavailableError` when the step has not ended after `DB_STEP_TIMEOUT_S`
    (waiting for a thread and a connection included): a database that stops answering is a
    503, not a request that hangs. The step itself cannot be interrupted; each of its waits on
    the server is bounded too (`DB_QUERY_TIMEOUT_S`), so its thread comes back.
    """
    step: Awaitable[R]
    if _sync_caller_waiting():
        step = sync_to_async(_step, thread_sensitive=True)(fn, *args, **kwargs)
    else:
        # Straight onto the pool, in a copy of the caller's context: asgiref's general-purpose
        # wrapper costs more per step than the step's own statement on a busy server.
        context = contextvars.copy_context()
        step = asyncio.get_running_loop().run_in_executor(
            _executor or _db_executor(),
            # mypy cannot carry the ParamSpec through partial(context.run, ...).
            functools.partial(context.run, _step, fn, *args, **kwargs),  # type: ignore[arg-type]
        )
    bound = settings.DB_STEP_TIMEOUT_S
    if not bound:
        return await step
    try:
        # A deadline on this task, not a task of its own per step (as `wait_for` makes).
        async with asyncio.timeout(bound):
            return await step
    except TimeoutError:
        raise ServiceUnavailableError(
            f"The database did not answer within {bound:g} s. Try again shortly."
        ) from None
