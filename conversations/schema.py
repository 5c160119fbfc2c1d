"""OpenAPI descriptions drf-spectacular cannot infer: the bearer authentication, text whose
length counts once stripped, and the errors every operation can answer."""

from typing import Any

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "conversations.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


class StrictTextScheme(OpenApiSerializerFieldExtension):
    """Text that is not blank and whose limit counts what is left once surrounding whitespace is
    stripped: a pattern says exactly that ("x" * 4000 + "  " fits, "x" * 4001 does not), where a
    `maxLength` would count the whitespace too."""

    target_class = "conversations.api.StrictCharField"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        limit = self.target.stripped_max_length
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if limit is not None:
            middle = "" if limit < 2 else rf"(?:[\s\S]{{0,{limit - 2}}}\S)?"
            schema["pattern"] = rf"^\s*\S{middle}\s*$"
        return schema


# What any API operation may answer besides its own statuses (specs/contracts/chat-api.md's
# error table): an `Accept` it cannot meet; and, for a request with a body, one too large, too
# slow to arrive, not JSON, or not parseable.
_EVERY_OPERATION = {"406": "No acceptable answer for the `Accept` header (`not_acceptable`)."}
_WITH_A_BODY = {
    "400": "Invalid request (`invalid`).",
    "408": "The body did not all arrive within `REQUEST_BODY_TIMEOUT_S` (`request_timeout`).",
    "413": "The body is over `MAX_REQUEST_BODY_BYTES` (`too_large`).",
    "415": "The body is not `application/json` (`unsupported_media_type`).",
}


def common_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Add the statuses every `/api/` operation can answer to each, in the API's error shape
    (a drf-spectacular postprocessing hook)."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            statuses = dict(_EVERY_OPERATION)
            if method in ("post", "put", "patch"):
                statuses.update(_WITH_A_BODY)
            responses = operation.setdefault("responses", {})
            for status, description in statuses.items():
                responses.setdefault(status, {"description": description, "content": error})
    return result
