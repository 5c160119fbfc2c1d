"""`POST /api/chatkit`: the ChatKit protocol, for the bearer token's user.

Authentication, the rate limit and the error shape are the chat API's own: the user is the
token's subject (the path names nobody), a turn (`threads.create`, `threads.add_user_message`,
`threads.retry_after_item`) counts against `CHAT_RATE_LIMIT` with the chat API's turns, and what
can be refused before a stream starts (a bad body, a missing thread, an unsupported request) is
refused with the chat API's status and error body. Streaming requests are answered as
`text/event-stream`, the others as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from adrf.views import APIView as AsyncAPIView
from chatkit.server import StreamingResult
from chatkit.types import (
    AttachmentsCreateReq,
    AttachmentsDeleteReq,
    ChatKitReq,
    InputTranscribeReq,
    ItemsFeedbackReq,
    ItemsListReq,
    ThreadsAddClientToolOutputReq,
    ThreadsAddStructuredInputReq,
    ThreadsAddUserMessageReq,
    ThreadsCreateReq,
    ThreadsCustomActionReq,
    ThreadsListReq,
    ThreadsRetryAfterItemReq,
    ThreadsSyncCustomActionReq,
    UserMessageInput,
)
from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle

from tasks import schedule
from todochat.db import db_step
from todochat.errors import ApplicationError
from todochat.storable import storable

from ..api import ERROR_RESPONSE, ChatApi, ChatRateThrottle
from ..models import Message
from . import ids, selectors, services
from .items import user_text
from .server import chatkit_server
from .store import RequestContext

TIMEZONE_HEADER = "X-Timezone"

_REQUEST: TypeAdapter[ChatKitReq] = TypeAdapter(ChatKitReq)
# Requests that run a chat turn, and so count against CHAT_RATE_LIMIT.
TURN_REQUESTS = (ThreadsCreateReq, ThreadsAddUserMessageReq, ThreadsRetryAfterItemReq)
# What this server does not offer: attachments, dictation, widget actions, client tools.
UNSUPPORTED_REQUESTS = (
    AttachmentsCreateReq,
    AttachmentsDeleteReq,
    InputTranscribeReq,
    ThreadsCustomActionReq,
    ThreadsSyncCustomActionReq,
    ThreadsAddClientToolOutputReq,
    ThreadsAddStructuredInputReq,
)


class EventStreamRenderer(BaseRenderer):
    """Lets a client that accepts only `text/event-stream` (as ChatKit's does) past content
    negotiation; the stream itself is written by the view."""

    media_type = "text/event-stream"
    format = "event-stream"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        return json.dumps(data).encode()


def _parse(data: Any) -> ChatKitReq:
    try:
        return _REQUEST.validate_python(data)
    except PydanticValidationError as exc:
        raise ValidationError(
            {
                ".".join(str(part) for part in error["loc"]) or "body": [error["msg"]]
                for error in exc.errors()[:10]
            }
        ) from exc


def _check_message(message: UserMessageInput) -> None:
    """The chat API's rules for a message (not blank, at most CHAT_MESSAGE_MAX_LENGTH)."""
    if message.attachments:
        raise ValidationError({"input.attachments": ["Attachments are not supported."]})
    serializer = ChatApi.InputSerializer(data={"message": user_text(message)})
    serializer.is_valid(raise_exception=True)


def request_timezone(request: Request) -> str | None:
    """The IANA zone a ChatKit client sends in `X-Timezone` (its browser's, so "tomorrow 5pm"
    is the user's tomorrow); absent or blank: the user's last one. An unknown zone is a 400."""
    value = request.headers.get(TIMEZONE_HEADER, "").strip()
    if not value:
        return None
    try:
        schedule.zone(value)
    except ApplicationError as exc:
        raise ValidationError({"timezone": [exc.message]}) from None
    return value


@dataclass(frozen=True)
class Admitted:
    """What admitting a request settled: the conversation a `threads.create` made (its id
    becomes the thread's), or the turn a `threads.retry_after_item` asks again."""

    new_conversation_id: int | None = None
    retried_turn: int | None = None


def _admit(*, user_id: str, request: ChatKitReq) -> Admitted:
    """Refuse before any stream starts what can be refused, and settle what the request needs
    (`Admitted`)."""
    if isinstance(request, UNSUPPORTED_REQUESTS):
        raise ApplicationError(f"{request.type} is not supported by this server.")
    if isinstance(request, ThreadsListReq | ItemsListReq):
        limit = request.params.limit
        if limit is not None and not 1 <= limit <= selectors.MAX_PAGE_SIZE:
            raise ApplicationError(
                f"limit must be 1 to {selectors.MAX_PAGE_SIZE} (got {limit}).",
                fields={"params.limit": [f"1 to {selectors.MAX_PAGE_SIZE}."]},
            )
    if isinstance(request, ItemsFeedbackReq):
        count = len(set(request.params.item_ids))
        if count > selectors.MAX_PAGE_SIZE:
            raise ApplicationError(
                f"Feedback is for at most {selectors.MAX_PAGE_SIZE} items (got {count}).",
                fields={"params.item_ids": [f"At most {selectors.MAX_PAGE_SIZE} items."]},
            )
    if isinstance(request, ThreadsCreateReq):
        _check_message(request.params.input)
        return Admitted(new_conversation_id=services.thread_create(user_id=user_id))
    if isinstance(request, ThreadsAddUserMessageReq):
        _check_message(request.params.input)
        selectors.thread_get(
            user_id=user_id, conversation_id=ids.conversation_id(request.params.thread_id)
        )
    if isinstance(request, ThreadsRetryAfterItemReq):
        conversation_id = ids.conversation_id(request.params.thread_id)
        selectors.thread_get(user_id=user_id, conversation_id=conversation_id)
        message, tool_index = selectors.message_find(
            user_id=user_id, conversation_id=conversation_id, item_id=request.params.item_id
        )
        if tool_index is not None or message.role != Message.Role.USER or message.item_type:
            raise ApplicationError(
                f"Item {ids.shown(request.params.item_id)} is not a user message.",
                fields={"params.item_id": ["Retry after a user message."]},
            )
        return Admitted(retried_turn=message.turn or message.id)
    return Admitted()


_ANSWER = (
    "JSON for a non-streaming request; for a streaming one (threads.create, "
    "threads.add_user_message, threads.retry_after_item) ChatKit events as `data: {json}` frames."
)


class ChatKitApi(AsyncAPIView):
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer, EventStreamRenderer]

    # The chat API's dispatch (authentication, permissions and the rate limit as one database
    # step) and its synchronous throttle check.
    async_dispatch = ChatApi.async_dispatch
    check_throttles = ChatApi.check_throttles

    def chatkit_request(self) -> ChatKitReq:
        """The request body as a ChatKit request (400 if it is not one)."""
        if not hasattr(self, "_chatkit_request"):
            self._chatkit_request = _parse(self.request.data)
        return self._chatkit_request

    def get_throttles(self) -> list[BaseThrottle]:
        # Only a POST carries a ChatKit request; any other method is answered 405 after this.
        if self.request.method == "POST" and isinstance(self.chatkit_request(), TURN_REQUESTS):
            return [ChatRateThrottle()]
        return []

    def finalize_response(
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if isinstance(response, Response):
            # Errors are JSON, whatever the client said it accepts.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    @extend_schema(
        operation_id="chatkit",
        request=OpenApiTypes.OBJECT,
        parameters=[
            OpenApiParameter(
                TIMEZONE_HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="The user's IANA timezone, e.g. 'Europe/Paris' (the browser's); "
                "absent: their last one. An unknown zone is a 400.",
            )
        ],
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description=_ANSWER),
            (200, "text/event-stream"): OpenApiResponse(OpenApiTypes.STR, description=_ANSWER),
            # Errors are always JSON.
            **{
                (status, "application/json"): OpenApiResponse(ERROR_RESPONSE)
                for status in (400, 401, 404, 429, 503)
            },
        },
        description="The ChatKit protocol (openai-chatkit 1.6.5) for the bearer token's user.",
    )
    async def post(self, request: Request) -> HttpResponseBase:
        chatkit_request = self.chatkit_request()
        timezone = request_timezone(request)
        user_id = cast(str, request.user.id)
        admitted = await db_step(_admit, user_id=user_id, request=chatkit_request)
        context = RequestContext(
            user_id=user_id,
            bearer_token=request.auth.token if request.auth else None,  # type: ignore[union-attr]
            new_conversation_id=admitted.new_conversation_id,
            timezone=timezone,
            retried_turn=admitted.retried_turn,
        )
        # The SDK reads the request again from JSON, where a lone surrogate is refused (and a
        # NUL cannot be stored or looked up): a title or an id carrying one reads as U+FFFD.
        result = await chatkit_server.process(json.dumps(storable(request.data)), context)
        if isinstance(result, StreamingResult):
            return StreamingHttpResponse(
                result,
                content_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        return HttpResponse(result.json, content_type="application/json")
