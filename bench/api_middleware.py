"""A candidate middleware stack for the JSON API, measured as a benchmark variant.

Under ASGI, each of Django's `MiddlewareMixin` middlewares runs its `process_request` and
`process_response` through `sync_to_async` — a thread hop each, about a dozen per request with
the project's stack, before the view's own hops. Two changes, no behaviour change for the API:

- middleware that does no I/O (security headers, common, X-Frame-Options) runs its hooks
  inline on the event loop (`_inline`);
- middleware only the admin needs (sessions, CSRF, Django auth, messages) steps aside for
  `/api/` paths, which authenticate bearer tokens in DRF and are CSRF-exempt (`_admin_only`);
  the admin keeps them exactly as before.

`python -m bench --variant api:DJANGO_SETTINGS_MODULE=bench.api_settings`
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils.deprecation import MiddlewareMixin

API_PREFIX = "/api/"


def _inline(cls: type[MiddlewareMixin]) -> type[MiddlewareMixin]:
    """`cls` with its (non-blocking) hooks called on the event loop instead of a thread."""

    class Inline(cls):  # type: ignore[misc, valid-type]
        async def __acall__(self, request: HttpRequest) -> Any:
            response = None
            if hasattr(self, "process_request"):
                response = self.process_request(request)
            response = response or await self.get_response(request)
            if hasattr(self, "process_response"):
                response = self.process_response(request, response)
            return response

    Inline.__name__ = Inline.__qualname__ = f"Inline{cls.__name__}"
    return Inline


def _admin_only(cls: type[MiddlewareMixin]) -> type[MiddlewareMixin]:
    """`cls`, skipped for API paths (its `process_view` too, without a thread hop)."""

    async def __acall__(self: Any, request: HttpRequest) -> Any:
        if request.path.startswith(API_PREFIX):
            return await self.get_response(request)
        return await cls.__acall__(self, request)

    async def process_view(self: Any, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.path.startswith(API_PREFIX):
            return None
        return await sync_to_async(cls.process_view, thread_sensitive=True)(  # type: ignore[attr-defined]
            self, request, *args, **kwargs
        )

    namespace: dict[str, Any] = {"__acall__": __acall__}
    if hasattr(cls, "process_view"):
        namespace["process_view"] = process_view
    return type(f"AdminOnly{cls.__name__}", (cls,), namespace)


InlineSecurityMiddleware = _inline(SecurityMiddleware)
InlineCommonMiddleware = _inline(CommonMiddleware)
InlineXFrameOptionsMiddleware = _inline(XFrameOptionsMiddleware)
AdminOnlySessionMiddleware = _admin_only(SessionMiddleware)
AdminOnlyCsrfViewMiddleware = _admin_only(CsrfViewMiddleware)
AdminOnlyAuthenticationMiddleware = _admin_only(AuthenticationMiddleware)
AdminOnlyMessageMiddleware = _admin_only(MessageMiddleware)
