"""The API's one error shape, checked the way a client relies on it."""

from __future__ import annotations

from typing import Any


def assert_error_shape(body: Any) -> dict[str, Any]:
    """`{"error": {"code": str, "message": str, "fields"?: {name: [str, ...]}}}`, nothing else;
    returns the inner `error` object."""
    assert isinstance(body, dict) and set(body) == {"error"}, body
    error = body["error"]
    assert isinstance(error, dict), body
    assert set(error) <= {"code", "message", "fields"}, body
    assert isinstance(error.get("code"), str) and error["code"], body
    assert isinstance(error.get("message"), str) and error["message"], body
    if "fields" in error:
        fields = error["fields"]
        assert isinstance(fields, dict) and fields, body
        for messages in fields.values():
            assert isinstance(messages, list) and messages, body
            assert all(isinstance(m, str) for m in messages), body
    assert "Traceback" not in repr(body), body
    return error
