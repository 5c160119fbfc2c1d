"""Settings for a benchmark variant: the project's own, minus the middleware that only the admin
uses (sessions, CSRF, Django auth, messages) — the JSON API authenticates bearer tokens in DRF.

`python -m bench --variant lean:DJANGO_SETTINGS_MODULE=bench.lean_settings`
"""

from todochat.settings import *  # noqa: F403
from todochat.settings import MIDDLEWARE

ADMIN_ONLY = {
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
}
MIDDLEWARE = [name for name in MIDDLEWARE if name not in ADMIN_ONLY]
