"""The one application error type, shared by the services, the MCP tools and the API."""

from __future__ import annotations


class ApplicationError(Exception):
    """A failure the caller can understand and act on: bad input, a missing object.

    `code` is machine-readable (`invalid`, `not_found`, …); `message` is meant for people;
    `fields` maps input field names to their problems where there are any.
    """

    code = "invalid"
    status_code = 400
    # Seconds the client should wait before trying again (sent as `Retry-After`), if any.
    retry_after_s: int | None = None

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class NotFoundError(ApplicationError):
    """The object does not exist for this user (whether it belongs to someone else or nobody)."""

    code = "not_found"
    status_code = 404


class ConflictError(ApplicationError):
    """The request conflicts with one still being processed."""

    code = "conflict"
    status_code = 409


class UnprocessableError(ApplicationError):
    """The request is well-formed but cannot be honoured as it stands."""

    code = "unprocessable"
    status_code = 422


class ServiceUnavailableError(ApplicationError):
    """A dependency (the database) did not answer within its bound: try again shortly."""

    code = "database_unavailable"
    status_code = 503
    retry_after_s = 5


class ToolsUnavailableError(ServiceUnavailableError):
    """The remote MCP server (`MCP_SERVER_URL`) could not be reached: the model was never asked,
    so the turn is not the model's failure."""

    code = "service_unavailable"
