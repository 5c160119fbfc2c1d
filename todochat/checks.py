"""`manage.py check --deploy` for the security that Django's middleware provides.

The product installs Django's security, clickjacking and CSRF middleware in versions of its own
(`todochat/middleware.py`: the same classes, without thread hops). Django's deploy checks look
for their stock dotted paths, so they reported them missing (security.W001–W003, silenced in
settings) and skipped every check that depends on them (HSTS, HTTPS redirect, secure CSRF
cookie…). Here Django's own middleware checks run on `MIDDLEWARE` named as Django knows it; a
middleware that really is missing is reported under a `todochat.` id, with Django's words.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.checks.security import base, csrf
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.security import SecurityMiddleware
from django.test.utils import override_settings
from django.utils.module_loading import import_string

# Django's middleware, the id its absence is reported under here, and Django's check for it.
_MIDDLEWARE = (
    (SecurityMiddleware, "todochat.W002", base.check_security_middleware),
    (XFrameOptionsMiddleware, "todochat.W003", base.check_xframe_options_middleware),
    (CsrfViewMiddleware, "todochat.W004", csrf.check_csrf_middleware),
)
# Django's deploy checks that run only when it finds that middleware in MIDDLEWARE.
_DEPENDENT_CHECKS = (
    base.check_sts,
    base.check_sts_include_subdomains,
    base.check_sts_preload,
    base.check_content_type_nosniff,
    base.check_ssl_redirect,
    base.check_xframe_deny,
    base.check_referrer_policy,
    base.check_cross_origin_opener_policy,
    csrf.check_csrf_cookie_secure,
)


def _as_django_name(path: str) -> str:
    """`path`, or the dotted path of Django's middleware when it names a version of it."""
    cls = import_string(path)
    for stock, _, _ in _MIDDLEWARE:
        if isinstance(cls, type) and issubclass(cls, stock):
            return f"{stock.__module__}.{stock.__qualname__}"
    return path


def check_security_middleware(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Django's middleware deploy checks, on the middleware as installed."""
    # The checks read settings.MIDDLEWARE itself; nothing else is changed while they run.
    with override_settings(MIDDLEWARE=[_as_django_name(path) for path in settings.MIDDLEWARE]):
        missing = [
            checks.Warning(message.msg, hint=message.hint, id=todochat_id)
            for _, todochat_id, check in _MIDDLEWARE
            for message in check(app_configs)
        ]
        dependent = [message for check in _DEPENDENT_CHECKS for message in check(app_configs)]
    return missing + dependent
