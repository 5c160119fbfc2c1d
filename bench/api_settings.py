"""Settings for a benchmark variant: the project's own, with the middleware of
`bench/api_middleware.py` (no thread hops for the API's middleware).

`python -m bench --variant api:DJANGO_SETTINGS_MODULE=bench.api_settings`
"""

from todochat.settings import *  # noqa: F403
from todochat.settings import MIDDLEWARE

REPLACEMENTS = {
    "django.middleware.security.SecurityMiddleware": "InlineSecurityMiddleware",
    "django.middleware.common.CommonMiddleware": "InlineCommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware": "InlineXFrameOptionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware": "AdminOnlySessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware": "AdminOnlyCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware": "AdminOnlyAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware": "AdminOnlyMessageMiddleware",
}
MIDDLEWARE = [
    f"bench.api_middleware.{REPLACEMENTS[name]}" if name in REPLACEMENTS else name
    for name in MIDDLEWARE
]
