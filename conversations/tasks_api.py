"""`GET /api/{user_id}/tasks`: the user's tasks, read-only, for the chat page's task panel.

Tasks change only through the assistant's MCP tools; this endpoint only reads, through
`tasks.selectors`, with the history endpoints' authentication, isolation, error shape and pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from tasks.models import Task
from tasks.selectors import TASK_STATUSES, task_list

from .api import HistoryPagination, IsPathUser, _errors

# Fields of the task item (specs/contracts/mcp-tools.md) that a task carries once the task
# features exist on the model; until then they are left out rather than invented.
OPTIONAL_FIELDS = ("due", "priority", "tags", "recurrence")


class TaskListApi(ListAPIView):
    permission_classes = [IsAuthenticated, IsPathUser]
    pagination_class = HistoryPagination

    @extend_schema_serializer(component_name="Task")
    class OutputSerializer(serializers.ModelSerializer):
        id = serializers.SerializerMethodField(
            help_text="The user's own task number: what the assistant and the user call it."
        )

        class Meta:
            model = Task
            fields = ["id", "title", "description", "completed", "created_at", "updated_at"]

        def get_id(self, task: Task) -> int:
            # The per-user number when tasks have one; the tools name tasks by `id` until then.
            return getattr(task, "number", None) or task.id

        def to_representation(self, task: Task) -> dict[str, Any]:
            item = super().to_representation(task)
            for name in OPTIONAL_FIELDS:
                value = getattr(task, name, None)
                # Plain values only: a relation (a manager) is not one, and is left out.
                if value is not None and not hasattr(value, "all"):
                    item[name] = _plain(value)
            return item

    serializer_class = OutputSerializer

    def get_queryset(self) -> QuerySet[Task]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request user
            return Task.objects.none()
        status = self.request.query_params.get("status", "all")
        if status not in TASK_STATUSES:
            raise ValidationError({"status": [f"Use one of {', '.join(TASK_STATUSES)}."]})
        return task_list(user_id=self.kwargs["user_id"], status=status)

    @extend_schema(
        operation_id="tasks_list",
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=list(TASK_STATUSES),
                default="all",
                description="Only the pending or the completed tasks.",
            )
        ],
        responses={200: OutputSerializer(many=True), **_errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The user's tasks, one page at a time, in the order `list_tasks` gives them."""
        return super().get(request, *args, **kwargs)


def _plain(value: Any) -> Any:
    """A model value as JSON: dates and date-times as ISO 8601, lists as lists."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return list(value)
    return value
