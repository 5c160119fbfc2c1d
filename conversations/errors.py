"""One error shape for the whole API: `{"error": {"code", "message", "fields"?}}`."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, DataError, InterfaceError, OperationalError
from django.http import Http404
from redis.exceptions import RedisError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from todochat.errors import ApplicationError, ServiceUnavailableError

logger = logging.getLogger("todochat.api")


class ModelProviderError(ApplicationError):
    """The model provider failed (HTTP error, connection error, nonsense answer).

    `message` is what the user sees; `detail` (for logs and the terminal) says what failed.
    """

    code = "model_error"
    status_code = 502

    def __init__(
        self,
        detail: str = "",
        *,
        message: str = "The assistant is unavailable right now. Try again.",
    ) -> None:
        super().__init__(message)
        self.detail = detail or message

    def __str__(self) -> str:
        return self.detail


class ModelTimeoutError(ModelProviderError):
    """The turn's model time ran past AGENT_TIMEOUT_S."""

    code = "model_timeout"
    status_code = 504

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail, message="The assistant took too long to answer. Try again.")


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def _drf_fields(detail: Any) -> dict[str, Any]:
    if isinstance(detail, dict):
        return {
            name: [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])]
            for name, msgs in detail.items()
        }
    return {
        "non_field_errors": [str(m) for m in (detail if isinstance(detail, list) else [detail])]
    }


_DRF_CODES = {
    status.HTTP_401_UNAUTHORIZED: "not_authenticated",
    status.HTTP_403_FORBIDDEN: "forbidden",
    status.HTTP_404_NOT_FOUND: "not_found",
    status.HTTP_405_METHOD_NOT_ALLOWED: "method_not_allowed",
    status.HTTP_406_NOT_ACCEPTABLE: "not_acceptable",
    status.HTTP_413_REQUEST_ENTITY_TOO_LARGE: "too_large",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
    status.HTTP_429_TOO_MANY_REQUESTS: "rate_limited",
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map domain, DRF and Django errors to the API's error shape and status."""
    if isinstance(exc, ApplicationError):
        if isinstance(exc, ServiceUnavailableError):
            logger.error("database unavailable: %s", exc.message)
        retry = {"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s else None
        return Response(
            error_body(exc.code, exc.message, exc.fields), status=exc.status_code, headers=retry
        )
    if isinstance(exc, DataError):
        # A value the database cannot store (PostgreSQL refuses NUL characters, for one).
        set_rollback()
        return Response(
            error_body("invalid", "The request contains a value that cannot be stored."), status=400
        )
    if isinstance(exc, RedisError):
        logger.error("cache unavailable: %s", type(exc).__name__)
        return Response(
            error_body("service_unavailable", "The service is temporarily unavailable."),
            status=503,
            headers={"Retry-After": "5"},
        )
    if isinstance(exc, (OperationalError, InterfaceError, DatabaseError)):
        logger.error("database unavailable: %s", type(exc).__name__)
        set_rollback()
        return Response(
            error_body("database_unavailable", "The service is temporarily unavailable."),
            status=503,
            headers={"Retry-After": "5"},
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None

    headers: dict[str, str] = {}
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        headers["WWW-Authenticate"] = auth_header
    wait = getattr(exc, "wait", None)
    if wait:
        headers["Retry-After"] = str(int(wait))
    if isinstance(exc, exceptions.ValidationError):
        body = error_body("invalid", "The request is invalid.", _drf_fields(exc.detail))
    elif isinstance(exc, exceptions.ParseError):
        body = error_body("invalid", f"The request body is not valid JSON: {exc.detail}")
    else:
        code = _DRF_CODES.get(exc.status_code, str(exc.default_code))
        body = error_body(code, str(exc.detail))
    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)
