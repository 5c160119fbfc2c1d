"""ASGI entry point: `uvicorn todochat.asgi:application`."""

import gc
import os
import sys
from collections.abc import Callable
from typing import cast

import django
from django.core.exceptions import ImproperlyConfigured


def _configured(step: Callable[[], object]) -> None:
    """Run a start-up step; a missing or wrong setting stops the server in one line, as every
    `manage.py` command says it, not with a traceback."""
    try:
        step()
    except ImproperlyConfigured as exc:
        sys.exit(f"Configuration error: {exc}")


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "todochat.settings")
_configured(lambda: django.setup(set_prefix=False))

from todochat.handler import Handler  # noqa: E402

# Django's ASGI handler, without a thread per API request (todochat/handler.py).
django_application = Handler()

from django.conf import settings  # noqa: E402
from starlette.types import ASGIApp  # noqa: E402

from todochat.edge import BodyLimit, Edge  # noqa: E402

# Lifespan support, static files when DEBUG is off, and oversized bodies refused before Django
# reads them (todochat/edge.py).
application = Edge(
    BodyLimit(cast(ASGIApp, django_application)),
    static_url=settings.STATIC_URL,
    static_root=None if settings.DEBUG else settings.STATIC_ROOT,
)

from todochat.tokens import ensure_auth_configured  # noqa: E402

# A production deployment with no way to verify tokens must not start.
_configured(ensure_auth_configured)

# Import the URLconf (and with it the API and the agent) at start-up, not on the first request.
_configured(lambda: __import__("todochat.urls"))

# What start-up loaded (Django, the Agents SDK, the openai and mcp types: ~300,000 objects)
# lives as long as the process; moved out of the cyclic collector's reach, each full collection
# no longer walks all of it (~100 ms of CPU each, several a minute at steady load; CPU per turn
# at steady load fell by about a seventh, `python -m bench --scenarios steady_cpu`).
gc.freeze()

# The youngest generation collected every 10,000 net new container objects, not Python's 700:
# at 700 it ran about once a chat turn, each time walking the structures of the turns in
# flight (the SDK's items, requests and answers), ~0.5 ms of CPU a turn at steady load; at
# 10,000, ~0.1 ms a turn, in pauses of a few ms every few dozen turns
# (`python -m bench --scenarios steady_cpu`).
YOUNG_COLLECTION_THRESHOLD = 10_000
gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])
