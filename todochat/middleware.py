"""Middleware for the JSON API that costs no thread hops under ASGI.

Under ASGI, each of Django's `MiddlewareMixin` middlewares runs its `process_request` and
`process_response` through `sync_to_async` — a thread hop each, about a dozen per request with
the project's stack, before the view's own hops. Two changes, no behaviour change for the API:

- middleware that does no I/O (security headers, common, X-Frame-Options) runs its hooks
  inline on the event loop (`_inline`);
- middleware only the admin needs (sessions, CSRF, Django auth, messages) steps aside for
  `/api/` paths, which authenticate bearer tokens in DRF and are CSRF-exempt (`_admin_only`);
  the admin keeps them exactly as before.
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import markcoroutinefunction, sync_to_async
from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.security import SecurityMiddleware
from django.utils.deprecation import MiddlewareMixin

API_PREFIX = "/api/"
HEALTH_PATHS = ("/healthz", "/readyz")


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


class _CommonMiddleware(CommonMiddleware):
    def should_redirect_with_slash(self, request: HttpRequest) -> bool:
        # Only a GET or HEAD can be redirected to the slashed path; for any other method
        # Django (with DEBUG) raises instead of answering: let it be the 404 it is.
        if request.method not in ("GET", "HEAD"):
            return False
        return super().should_redirect_with_slash(request)


_ERROR_CODES = {
    400: ("invalid", "The request could not be understood."),
    403: ("forbidden", "Forbidden."),
    404: ("not_found", "No such endpoint."),
    405: ("method_not_allowed", "Method not allowed."),
    413: ("too_large", "The request body is too large."),
}
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class JsonErrorsMiddleware:
    """Every error under `/api/` and on the health endpoints in the API's one JSON shape:
    Django's own answers (a foreign Host header, a malformed request, its DEBUG pages) are
    HTML otherwise. Outermost, so it sees the responses Django makes of exceptions below it."""

    sync_capable = False
    async_capable = True

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response
        markcoroutinefunction(self)

    async def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = await self.get_response(request)
        if response.status_code < 400 or response.streaming:
            return response
        if not (request.path.startswith(API_PREFIX) or request.path in HEALTH_PATHS):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        code, message = _ERROR_CODES.get(
            response.status_code,
            ("server_error", "Something went wrong on our side.")
            if response.status_code >= 500
            else ("invalid", "The request could not be handled."),
        )
        if (
            response.status_code == 400
            and _declared_length(request) > settings.MAX_REQUEST_BODY_BYTES
        ):
            code, message = _ERROR_CODES[413]
            response.status_code = 413
        elif response.status_code == 400:
            try:
                request.get_host()
            except DisallowedHost:
                message = "This server does not answer to that Host header."
        answer = JsonResponse(
            {"error": {"code": code, "message": message}}, status=response.status_code
        )
        for header in _KEPT_HEADERS:
            if header in response:
                answer[header] = response[header]
        return answer


InlineSecurityMiddleware = _inline(SecurityMiddleware)
InlineCommonMiddleware = _inline(_CommonMiddleware)
InlineXFrameOptionsMiddleware = _inline(XFrameOptionsMiddleware)
AdminOnlySessionMiddleware = _admin_only(SessionMiddleware)
AdminOnlyCsrfViewMiddleware = _admin_only(CsrfViewMiddleware)
AdminOnlyAuthenticationMiddleware = _admin_only(AuthenticationMiddleware)
AdminOnlyMessageMiddleware = _admin_only(MessageMiddleware)
