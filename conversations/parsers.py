"""Request parsing with a size limit (kept apart from the views: DRF imports it from settings)."""

from io import BytesIO
from typing import Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError, UnsupportedMediaType
from rest_framework.parsers import JSONParser


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class LimitedJSONParser(JSONParser):
    """JSON bodies up to `MAX_REQUEST_BODY_BYTES`; larger ones are refused unread (the ASGI
    edge refuses them first, by their declared length)."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        # A compressed body would be read as if it were plain JSON: gzip's bytes as a baffling
        # "not valid JSON", or a body merely labelled `br` as its plain text. RFC 9110 §8.4.1:
        # a content coding the server does not take is a 415.
        request = (parser_context or {}).get("request")
        coding = request.headers.get("Content-Encoding", "") if request is not None else ""
        if coding.strip().lower() not in ("", "identity"):
            raise UnsupportedMediaType(
                media_type,
                detail=f"Content-Encoding '{coding[:40]}' is not supported: send the body "
                "uncompressed.",
            )
        limit = settings.MAX_REQUEST_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(f"The request body is larger than the limit of {limit} bytes.")
        try:
            return super().parse(BytesIO(raw), media_type, parser_context)
        except RecursionError:
            # Thousands of nested brackets fit in a small body; the parser's recursion does not.
            raise ParseError("it is nested too deeply.") from None
