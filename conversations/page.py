"""The chat page at `/`: one HTML document, its script and styles (shipped in the repo, no
build step), and the development sign-in endpoint.

The page talks only to the JSON API (`/api/{user_id}/…`) with a bearer token it keeps in
memory. Where the token comes from:
- `DEBUG=true`: a sign-in form asks for a user name and `POST /api/dev/token` signs a
  short-lived token with `AUTH_JWT_SECRET` (the endpoint does not exist when `DEBUG=false`);
- otherwise: `AUTH_TOKEN_URL`, the Better Auth JWT plugin's endpoint, fetched with the user's
  session cookie.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.static import serve
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from todochat.errors import ApplicationError
from todochat.tokens import issue_token

ASSETS_DIR = Path(__file__).resolve().parent / "static" / "conversations" / "page"
# Development tokens are short-lived: an expired one shows the sign-in form again.
DEV_TOKEN_TTL_S = 30 * 60
# Names that fit in the API's paths as they are (no slash, no encoding surprises).
# Not "." nor "..": as a path segment a browser would resolve them away (`/api/../chat`).
DEV_USER_NAME = re.compile(r"^(?!\.+$)[A-Za-z0-9._@-]{1,64}$")


def content_security_policy() -> str:
    """The page's policy: its own script and styles only, no inline script, no frames, API
    calls to this origin (and to the auth server that issues tokens, when there is one)."""
    connect = ["'self'"]
    parts = urlsplit(settings.AUTH_TOKEN_URL)
    if parts.netloc:  # a path is on this origin, already allowed
        connect.append(f"{parts.scheme}://{parts.netloc}")
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src {' '.join(connect)}",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
        ]
    )


def chat_page(request: HttpRequest) -> HttpResponse:
    """The chat page: conversations, the conversation, and the task panel."""
    config = {
        "devSignIn": settings.DEBUG,
        "authTokenUrl": settings.AUTH_TOKEN_URL,
        "messageMax": settings.CHAT_MESSAGE_MAX_LENGTH,
        "notificationsPollMs": round(settings.PAGE_NOTIFICATIONS_POLL_S * 1000),
    }
    response = render(request, "conversations/page.html", {"config": config})
    response["Content-Security-Policy"] = content_security_policy()
    # The page is the same for everyone (the token lives in the browser's memory only).
    response["Cache-Control"] = "no-cache"
    return response


def asset(request: HttpRequest, path: str) -> HttpResponseBase:
    """The page's script and styles, served by the app itself (also with `DEBUG=false`), so
    the page works wherever the API does; nothing outside their folder is served."""
    try:
        response = serve(request, path, document_root=str(ASSETS_DIR))
    except (SuspiciousFileOperation, OSError) as exc:
        # OSError: a name no file system takes (over 255 bytes: ENAMETOOLONG) names no asset.
        raise Http404("No such file.") from exc
    response["Cache-Control"] = "no-cache"
    return response


class _UserName(serializers.RegexField):
    """A user name given as text: `123` (a JSON number) is refused, as the chat API refuses a
    message that is no string, not signed as "123"."""

    def to_internal_value(self, data: object) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class DevTokenApi(APIView):
    """`POST /api/dev/token` `{"user_id": "alice"}` → a short-lived token (development only)."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        user_id = _UserName(
            DEV_USER_NAME,
            error_messages={"invalid": "Use 1 to 64 letters, digits, '.', '_', '@' or '-'."},
        )

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        if not settings.DEBUG:
            # Whatever the method, exactly what an unknown path answers: production has no
            # such endpoint.
            raise NotFound(f"No such endpoint: {request.method} {request.path}.")
        super().initial(request, *args, **kwargs)

    @extend_schema(exclude=True)  # absent from production, so absent from the published API
    def post(self, request: Request) -> Response:
        """Sign a token for the user name given (anyone may be anyone: development only)."""
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user_id = serializer.validated_data["user_id"]
        if not settings.AUTH_JWT_SECRET:
            raise ApplicationError(
                "Development sign-in needs AUTH_JWT_SECRET (scripts/run sets one).",
            )
        token = issue_token(user_id, ttl_s=DEV_TOKEN_TTL_S)
        return Response({"token": token, "user_id": user_id, "expires_in": DEV_TOKEN_TTL_S})
