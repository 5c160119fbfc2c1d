"""WSGI entry point (the chat API is async: serve it with the ASGI application)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "todochat.settings")

application = get_wsgi_application()
