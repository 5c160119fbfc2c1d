"""Running Django ORM work from async code.

Each database step runs in a worker thread and, on a pooled backend, hands its connection back
to the pool when it ends: a turn that then waits seconds on the model holds no connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.db import connection

P = ParamSpec("P")
R = TypeVar("R")


def release_connection() -> None:
    """Hand this thread's database connection back to the pool (when there is a pool)."""
    # Inside an atomic block (a test's transaction, a caller's transaction) the connection
    # must stay; outside it, closing a pooled connection returns it to the pool.
    if getattr(connection, "pool", None) is not None and not connection.in_atomic_block:
        connection.close()


def _step(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    try:
        return fn(*args, **kwargs)
    finally:
        release_connection()


async def db_step(fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
    """Run `fn(*args, **kwargs)` (synchronous ORM code) from async code, as one database step."""
    return await sync_to_async(_step, thread_sensitive=True)(fn, *args, **kwargs)
