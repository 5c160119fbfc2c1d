"""Settings for a benchmark variant: the project's own, with database steps run on the event
loop's bounded default executor (`sync_to_async(thread_sensitive=False)`) instead of each
request's own thread — a candidate one-line change to `todochat/db.py`, patched in here (this
module is imported before any app module, so they all get the patched `db_step`).

`python -m bench --variant api_threads:DJANGO_SETTINGS_MODULE=bench.api_threads_settings`
"""

from collections.abc import Callable
from typing import Any

from asgiref.sync import sync_to_async

import todochat.db
from todochat.settings import *  # noqa: F403


async def db_step(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """`todochat.db.db_step`, on the shared executor: each step is self-contained (it opens,
    uses and hands back its connection), so it needs no particular thread."""
    return await sync_to_async(todochat.db._step, thread_sensitive=False)(fn, *args, **kwargs)


todochat.db.db_step = db_step
