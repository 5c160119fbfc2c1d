"""ASGI entry point: `uvicorn todochat.asgi:application`."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "todochat.settings")

django_application = get_asgi_application()

from todochat.edge import BodyLimit  # noqa: E402
from todochat.tokens import ensure_auth_configured  # noqa: E402

# Oversized bodies are refused before Django reads them (todochat/edge.py).
application = BodyLimit(django_application)

# A production deployment with no way to verify tokens must not start.
ensure_auth_configured()

# Import the URLconf (and with it the API and the agent) at start-up, not on the first request.
import todochat.urls  # noqa: E402, F401
