"""The notifications API: reminders that fired, for the chat page (or any frontend) to show.

`GET /api/{user_id}/notifications` (`?after=<id>` for only newer ones, `?unseen=true`,
`?limit=`), `POST /api/{user_id}/notifications/{id}/seen`, `POST /api/{user_id}/notifications/seen`
(all, or up to `up_to`). Same authentication, permission and error shape as the rest of the API.
Contract: `specs/contracts/chat-api.md`.
"""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tasks.notifications import (
    notification_item,
    notification_list,
    notification_mark_all_seen,
    notification_mark_seen,
)

from .api import BIGINT_MAX, IsPathUser, StrictIntegerField, _errors

NOTIFICATIONS_PAGE_MAX = 100


class QueryIntegerField(serializers.IntegerField):
    """A whole number written in a query string: ASCII digits (a "-" before them, for the range
    check to name). DRF's IntegerField reads what Python's int() does, and more: "1_0" as 10,
    "1.0", " 1", "+1", "١" (an Arabic-Indic one) as numbers; each is a 400 here, as a `page`
    that is no plain whole number is on the history endpoints."""

    def to_internal_value(self, data: Any) -> int:
        if not isinstance(data, str) or not _QUERY_INTEGER.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)


_QUERY_INTEGER = re.compile(r"-?[0-9]{1,30}")


class NotificationTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    due = serializers.CharField(allow_null=True)


@extend_schema_serializer(component_name="Notification")
class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    delivery_id = serializers.UUIDField()
    type = serializers.ChoiceField(choices=["reminder"])
    task = NotificationTaskSerializer()
    reminder_at = serializers.DateTimeField()
    fired_at = serializers.DateTimeField()
    seen_at = serializers.DateTimeField(allow_null=True)


class NotificationListApi(APIView):
    permission_classes = [IsAuthenticated, IsPathUser]

    class FilterSerializer(serializers.Serializer):
        after = QueryIntegerField(min_value=0, max_value=BIGINT_MAX, required=False)
        unseen = serializers.BooleanField(required=False, default=False)
        limit = QueryIntegerField(
            min_value=1, max_value=NOTIFICATIONS_PAGE_MAX, required=False, default=50
        )

    @extend_schema_serializer(component_name="NotificationList")
    class OutputSerializer(serializers.Serializer):
        notifications = NotificationSerializer(many=True)
        # Pass it back as `after` to get only what came since.
        last_id = serializers.IntegerField(allow_null=True)

    @extend_schema(
        operation_id="notifications_list",
        parameters=[FilterSerializer],
        responses={200: OutputSerializer, **_errors(400, 401, 403)},
    )
    def get(self, request: Request, user_id: str) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        rows = notification_list(
            user_id=user_id,
            after=filters.validated_data.get("after"),
            unseen=filters.validated_data["unseen"],
        )[: filters.validated_data["limit"]]
        items = [notification_item(row) for row in rows]
        last_id = items[-1]["id"] if items else filters.validated_data.get("after")
        return Response({"notifications": items, "last_id": last_id})


class NotificationSeenApi(APIView):
    permission_classes = [IsAuthenticated, IsPathUser]

    @extend_schema(
        operation_id="notification_seen",
        request=None,
        responses={200: NotificationSerializer, **_errors(401, 403, 404)},
    )
    def post(self, request: Request, user_id: str, notification_id: int) -> Response:
        # It takes no body, but one sent is read as every other endpoint reads it: in a
        # Content-Type other than JSON it is a 415, not quietly ignored.
        request.data  # noqa: B018
        notification = notification_mark_seen(user_id=user_id, notification_id=notification_id)
        return Response(notification_item(notification))


class NotificationAllSeenApi(APIView):
    permission_classes = [IsAuthenticated, IsPathUser]

    class InputSerializer(serializers.Serializer):
        up_to = StrictIntegerField(min_value=1, max_value=BIGINT_MAX, required=False)

    class OutputSerializer(serializers.Serializer):
        marked = serializers.IntegerField()

    @extend_schema(
        operation_id="notifications_seen",
        request=InputSerializer,
        responses={200: OutputSerializer, **_errors(400, 401, 403)},
    )
    def post(self, request: Request, user_id: str) -> Response:
        # No body is `{}`; a JSON `null` is no object, and refused like `[]` or `5`.
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        marked = notification_mark_all_seen(
            user_id=user_id, up_to=serializer.validated_data.get("up_to")
        )
        return Response({"marked": marked})
