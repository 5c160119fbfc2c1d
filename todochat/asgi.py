"""ASGI entry point: `uvicorn todochat.asgi:application`."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "todochat.settings")

application = get_asgi_application()

# Import the URLconf (and with it the API and the agent) at start-up, not on the first request.
import todochat.urls  # noqa: E402, F401
