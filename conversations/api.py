"""The HTTP API: the chat turn, and read-only history for a frontend.

`POST /api/{user_id}/chat`, `GET /api/{user_id}/conversations`,
`GET /api/{user_id}/conversations/{conversation_id}/messages`. The path's `user_id` must be
the bearer token's subject. Contract: `specs/contracts/chat-api.md`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from inspect import iscoroutinefunction
from types import SimpleNamespace
from typing import Any, cast

from adrf.views import APIView as AsyncAPIView
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.template.response import SimpleTemplateResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import NotAcceptable, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle
from rest_framework.utils.mediatypes import _MediaType
from rest_framework.views import APIView

from tasks import schedule
from tasks.models import TIMEZONE_MAX_LENGTH
from todochat.db import db_step
from todochat.errors import ApplicationError
from todochat.rows import BIGINT_MAX
from todochat.storable import storable_text

from . import ratelimit, streaming
from .models import Conversation, Message
from .selectors import conversation_list, conversation_name, message_list
from .services import Idempotency, start_turn


class IsPathUser(BasePermission):
    """The `user_id` in the path is the signed-in user: nobody acts on another's data."""

    # The same words on every path it guards: conversations, tasks, notifications.
    message = "You can only access your own data: the path's user id must be yours."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.user.id == view.kwargs.get("user_id")


# A CHAT_RATE_LIMIT that does not parse stops the server from starting, not a request.
ratelimit.parse_rate(settings.CHAT_RATE_LIMIT)


class ChatRateThrottle(BaseThrottle):
    """Per-user limit on chat turns (`CHAT_RATE_LIMIT`), counted where every replica sees it
    (`conversations.ratelimit`)."""

    def __init__(self) -> None:
        self._wait_s: int | None = None

    def allow_request(self, request: Request, view: APIView) -> bool:
        rate = ratelimit.parse_rate(settings.CHAT_RATE_LIMIT)
        counted = ratelimit.hit(f"chat:{request.user.id}", rate.period_s)
        if counted.count <= rate.limit:
            return True
        self._wait_s = ratelimit.retry_after_s(counted.window_left_s)
        return False

    def wait(self) -> int | None:
        return self._wait_s


class StrictCharField(serializers.CharField):
    """A string, and only a string (no numbers quietly turned into text), whose length limit
    holds once surrounding whitespace is stripped (what is stored): a message of 4,000
    characters with a space before it is 4,000 characters. The OpenAPI schema says so with a
    pattern (`conversations.schema.StrictTextScheme`), not a `maxLength` on the raw string."""

    default_error_messages = {
        "unstorable": "Contains characters that cannot be stored (NUL or unpaired surrogates)."
    }

    def __init__(self, *, max_length: int | None = None, **kwargs: Any) -> None:
        # Not CharField's own max_length: that one would publish a maxLength counting the
        # whitespace the limit leaves out.
        super().__init__(**kwargs)
        self.stripped_max_length = max_length

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        limit = self.stripped_max_length
        if limit is not None and len(data.strip()) > limit:
            self.fail("max_length", max_length=limit)
        if storable_text(data) != data:
            self.fail("unstorable")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """An integer, and only an integer (no "7" strings, floats or booleans)."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


def idempotency_key(request: Request) -> str | None:
    """The request's `Idempotency-Key` header (1 to 255 visible ASCII characters), if any."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not IDEMPOTENCY_KEY.match(key):
        raise ValidationError(
            {"Idempotency-Key": ["Use 1 to 255 visible ASCII characters (e.g. a UUID)."]}
        )
    return key


class ToolCallSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    arguments = serializers.JSONField()
    result = serializers.JSONField()
    is_error = serializers.BooleanField()


ERROR_RESPONSE = inline_serializer(
    "Error",
    {
        "error": inline_serializer(
            "ErrorDetail",
            {
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "fields": serializers.DictField(
                    child=serializers.ListField(child=serializers.CharField()), required=False
                ),
            },
        )
    },
)


def _errors(*statuses: int) -> dict[Any, OpenApiResponse]:
    return {code: OpenApiResponse(ERROR_RESPONSE) for code in statuses}


def _json_errors(*statuses: int) -> dict[Any, OpenApiResponse]:
    # Errors are JSON even when the stream was asked for: they happen before it begins.
    return {(code, "application/json"): OpenApiResponse(ERROR_RESPONSE) for code in statuses}


STREAM_DESCRIPTION = (
    "The turn's answer as JSON. With `Accept: text/event-stream`: the same turn as "
    "Server-Sent Events in the AI SDK UI "
    "message stream protocol (v1; header `x-vercel-ai-ui-message-stream: v1`): `start` "
    "(`messageMetadata.conversationId`), `text-start`/`text-delta`/`text-end`, per tool call "
    "`tool-input-available` then `tool-output-available` or `tool-output-error`, then `finish` "
    "— or, when the turn fails after the stream began, `data-error` (`{code, message}`) and "
    "`error` (`errorText`) — then `data: [DONE]`. Comment lines (`: keep-alive`) are "
    "heartbeats. Errors before the stream begins are the JSON error responses."
)
STREAM_EXAMPLE = (
    'data: {"type": "start", "messageId": "msg-…", "messageMetadata": {"conversationId": 7}}\n\n'
    'data: {"type": "tool-input-available", "toolCallId": "call_1", "toolName": "add_task", '
    '"input": {"user_id": "alice", "title": "Buy milk"}}\n\n'
    'data: {"type": "tool-output-available", "toolCallId": "call_1", "output": {"task_id": 1, '
    '"status": "created", "title": "Buy milk"}}\n\n'
    'data: {"type": "text-start", "id": "text-1"}\n\n'
    'data: {"type": "text-delta", "id": "text-1", "delta": "Added "}\n\n'
    'data: {"type": "text-delta", "id": "text-1", "delta": "“Buy milk”."}\n\n'
    'data: {"type": "text-end", "id": "text-1"}\n\n'
    'data: {"type": "finish", "messageMetadata": {"conversationId": 7}}\n\n'
    "data: [DONE]\n\n"
)


def _rendered(response: HttpResponseBase) -> HttpResponseBase:
    """`response` rendered here, as a plain response. Django renders a response that can be
    rendered later (DRF's) in a thread of its own, a hop per request for a JSON body that
    takes microseconds to write."""
    if not isinstance(response, SimpleTemplateResponse):
        return response  # the stream, already a plain response
    response.render()
    plain = HttpResponse(
        response.content, status=response.status_code, reason=response.reason_phrase
    )
    for name, value in response.items():
        plain[name] = value
    return plain


def _quality(media_type: _MediaType) -> float:
    try:
        return float(media_type.params.get("q", 1))
    except (TypeError, ValueError):
        return 1.0


class AcceptHeaderNegotiation(DefaultContentNegotiation):
    """JSON or the event stream by the `Accept` header alone: a `?format=` query parameter
    (DRF's override, which answers 404 to a format it does not know) is ignored.

    The header's qualities decide first (DRF's own negotiation reads only how specific each
    type is, and picks among types alike in no set order): `text/event-stream;q=0` is not the
    stream, `application/json;q=0.5, text/event-stream` is; among types of one quality the more
    specific, then the first said."""

    settings = cast(Any, SimpleNamespace(URL_FORMAT_OVERRIDE=None))

    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, str]:
        offered = [(renderer, _MediaType(renderer.media_type)) for renderer in renderers]
        parsed = [_MediaType(text) for text in self.get_accept_list(request)]
        # Best quality first; among those alike, the more specific ("text/event-stream" before
        # "text/*"), then the order they were said in.
        wanted = sorted(
            (m for m in parsed if _quality(m) > 0),
            key=lambda m: (-_quality(m), -m.precedence),
        )
        for accepted in wanted:
            for renderer, offered_type in offered:
                if offered_type.match(accepted):
                    # "*/*" or "text/*" accepted: the renderer's own type is the answer's.
                    if offered_type.precedence > accepted.precedence:
                        return renderer, renderer.media_type
                    return renderer, accepted.orig
        raise NotAcceptable(available_renderers=[renderer for renderer, _ in offered])


class ChatApi(AsyncAPIView):
    permission_classes = [IsAuthenticated, IsPathUser]
    throttle_classes = [ChatRateThrottle]
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, streaming.EventStreamRenderer]
    content_negotiation_class = AcceptHeaderNegotiation

    @extend_schema_serializer(component_name="ChatRequest")
    class InputSerializer(serializers.Serializer):
        message = StrictCharField(
            max_length=settings.CHAT_MESSAGE_MAX_LENGTH,
            help_text=f"Not blank, at most {settings.CHAT_MESSAGE_MAX_LENGTH:,} characters once "
            "surrounding whitespace is stripped (it is neither counted nor stored).",
        )
        conversation_id = StrictIntegerField(
            min_value=1, max_value=BIGINT_MAX, required=False, allow_null=True
        )
        timezone = StrictCharField(
            max_length=TIMEZONE_MAX_LENGTH,
            required=False,
            allow_null=True,
            help_text="The user's IANA timezone, e.g. 'Europe/Paris'; absent: their last one.",
        )

        def validate_timezone(self, value: str | None) -> str | None:
            if value is None:
                return None
            try:
                schedule.zone(value)
            except ApplicationError as exc:
                raise serializers.ValidationError(exc.message) from None
            return value

    @extend_schema_serializer(component_name="ChatResponse")
    class OutputSerializer(serializers.Serializer):
        conversation_id = serializers.IntegerField()
        response = serializers.CharField()
        tool_calls = ToolCallSerializer(many=True)

    async def async_dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """adrf's dispatch, with `initial` (authentication, permissions, rate limit: it may read
        the JWKS and the shared cache) run as one step on the database threads, where it also
        hands back its connection, instead of on a thread of its own per request."""
        self.args = args
        self.kwargs = kwargs
        request = self.initialize_request(request, *args, **kwargs)
        self.request = request
        self.headers = self.default_response_headers
        try:
            await db_step(self.initial, request, *args, **kwargs)
            handler = getattr(self, request.method.lower(), None)
            if request.method.lower() not in self.http_method_names or handler is None:
                handler = self.http_method_not_allowed
            if iscoroutinefunction(handler):
                response = await handler(request, *args, **kwargs)
            else:
                response = handler(request, *args, **kwargs)
        except Exception as exc:
            response = self.handle_exception(exc)
        self.response = _rendered(self.finalize_response(request, response, *args, **kwargs))
        return self.response

    def finalize_response(
        self, request: Request, response: Any, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if isinstance(response, Response) and self._streams(request):
            # Not the stream (an error before it began): the ordinary JSON answer.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    @staticmethod
    def _streams(request: Request) -> bool:
        return isinstance(
            getattr(request, "accepted_renderer", None), streaming.EventStreamRenderer
        )

    def check_throttles(self, request: Request) -> None:
        # The throttles are synchronous: DRF's own check, without adrf's detour through the
        # event loop for (absent) asynchronous ones.
        APIView.check_throttles(self, request)

    @extend_schema(
        operation_id="chat",
        request=InputSerializer,
        parameters=[
            OpenApiParameter("format", exclude=True),
            OpenApiParameter(
                "Idempotency-Key",
                {"type": "string", "pattern": IDEMPOTENCY_KEY.pattern},
                OpenApiParameter.HEADER,
                description="Retrying with the same key returns the first answer; "
                "no tool runs twice.",
            ),
        ],
        responses={
            (200, "application/json"): OpenApiResponse(
                OutputSerializer, description=STREAM_DESCRIPTION
            ),
            (200, streaming.MEDIA_TYPE): OpenApiResponse(
                response=OpenApiTypes.STR,
                description=STREAM_DESCRIPTION,
                examples=[
                    OpenApiExample(
                        "A one-tool turn",
                        value=STREAM_EXAMPLE,
                        media_type=streaming.MEDIA_TYPE,
                        response_only=True,
                    )
                ],
            ),
            **_json_errors(400, 401, 403, 404, 409, 413, 422, 429, 502, 503, 504),
        },
    )
    async def post(self, request: Request, user_id: str) -> HttpResponseBase:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = serializer.validated_data["message"]
        conversation_id = serializer.validated_data.get("conversation_id")
        timezone = serializer.validated_data.get("timezone")
        key = idempotency_key(request)
        streams = self._streams(request)
        running = await start_turn(
            user_id=user_id,
            message=message,
            conversation_id=conversation_id,
            timezone=timezone,
            bearer_token=request.auth.token if request.auth else None,  # type: ignore[union-attr]
            idempotency=(
                Idempotency.for_request(
                    key=key, message=message, conversation_id=conversation_id, timezone=timezone
                )
                if key
                else None
            ),
            stream_text=streams,
        )
        # Errors so far (validation, 404, 409, 422, …) were raised before any event: JSON.
        replayed = running.done and (await running.result()).replayed
        headers = {"Idempotent-Replayed": "true"} if replayed else {}
        if streams:
            return StreamingHttpResponse(
                streaming.event_stream(running, heartbeat_s=settings.CHAT_STREAM_HEARTBEAT_S),
                content_type=streaming.MEDIA_TYPE,
                headers={**streaming.HEADERS, **headers},
            )
        result = await running.result()
        # Already the contract's shape (`OutputSerializer` documents it).
        return Response(result.as_dict(), headers=headers or None)


class HistoryPagination(PageNumberPagination):
    """`?page=N&page_size=M` (default 50, at most 200). A page or page size that is not a
    positive whole number is a 400, not silently read as something else; a page past the end
    is a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    @staticmethod
    def _whole_number(request: Request, name: str) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
            raise ValidationError({name: ["Use a whole number from 1."]})
        return int(raw)

    def get_page_size(self, request: Request) -> int:
        size = self._whole_number(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def get_page_number(self, request: Request, paginator: Any) -> int:
        return self._whole_number(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """Both parameters as the contract has them: whole numbers from 1 (a larger page size
        is read as 200)."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {**parameter.get("schema", {}), "minimum": 1}
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = "Results per page: default 50, at most 200."
        return parameters


class ConversationListApi(ListAPIView):
    permission_classes = [IsAuthenticated, IsPathUser]
    pagination_class = HistoryPagination

    @extend_schema_serializer(component_name="Conversation")
    class OutputSerializer(serializers.ModelSerializer):
        title = serializers.SerializerMethodField(
            help_text="The conversation's title if one was set (through ChatKit), else its "
            "first message on one line, at most 80 characters ('' if it has none)."
        )

        class Meta:
            model = Conversation
            fields = ["id", "title", "created_at", "updated_at"]

        def get_title(self, conversation: Conversation) -> str:
            return conversation_name(conversation)

    serializer_class = OutputSerializer

    def get_queryset(self) -> QuerySet[Conversation]:
        return conversation_list(user_id=self.kwargs["user_id"])

    @extend_schema(
        operation_id="conversations_list",
        responses={200: OutputSerializer(many=True), **_errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ConversationMessagesApi(ListAPIView):
    permission_classes = [IsAuthenticated, IsPathUser]
    pagination_class = HistoryPagination

    @extend_schema_serializer(component_name="Message")
    class OutputSerializer(serializers.ModelSerializer):
        tool_calls = ToolCallSerializer(many=True, allow_null=True)

        class Meta:
            model = Message
            fields = ["id", "role", "content", "tool_calls", "created_at"]

    serializer_class = OutputSerializer

    def get_queryset(self) -> QuerySet[Message]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request user
            return Message.objects.none()
        return message_list(
            user_id=self.kwargs["user_id"], conversation_id=self.kwargs["conversation_id"]
        )

    @extend_schema(
        operation_id="conversation_messages",
        responses={200: OutputSerializer(many=True), **_errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
