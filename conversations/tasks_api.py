"""`GET /api/{user_id}/tasks`: the user's tasks, read-only, for the chat page's task panel.

Tasks change only through the assistant's MCP tools; this endpoint only reads, through the
selector `list_tasks` uses (`tasks.selectors.task_page`: the same filters and sorts), shows
each task as the tools do (`mcp_bridge.server.task_item`), and has the history endpoints'
authentication, isolation, error shape and numbered pages.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from mcp_bridge.server import task_item
from tasks import reminders
from tasks.models import Task
from tasks.selectors import (
    DUE_FILTERS,
    OFFSET_MAX,
    SORTS,
    TASK_STATUSES,
    offset_cursor,
    task_page,
    user_zone,
)
from tasks.text import quoted
from todochat.errors import ApplicationError

from .api import HistoryPagination, IsPathUser, _errors


@extend_schema_serializer(component_name="Task")
class TaskSerializer(serializers.Serializer):
    """The task item of `list_tasks` (specs/contracts/mcp-tools.md), documented."""

    id = serializers.IntegerField(help_text="The user's task number.")
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    completed = serializers.BooleanField()
    completed_at = serializers.DateTimeField(allow_null=True)
    due = serializers.CharField(
        allow_null=True, help_text="A date (all-day) or a date-time with the user's offset."
    )
    priority = serializers.ChoiceField(choices=Task.Priority.values)
    tags = serializers.ListField(child=serializers.CharField())
    recurrence = serializers.CharField(allow_null=True, help_text="An RFC 5545 RRULE.")
    reminder_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


PAGE = inline_serializer(
    "PaginatedTaskList",
    {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": TaskSerializer(many=True),
    },
)


def _flag(value: str | None, field: str) -> bool | None:
    """A true/false query parameter (absent or empty: no filter), refused as `list_tasks`
    refuses it."""
    if not value:
        return None
    answer = {"true": True, "false": False}.get(value.strip().lower())
    if answer is None:
        raise ApplicationError(
            f"The {field} value must be true or false (got {quoted(value)}).",
            fields={field: ["Must be true or false."]},
        )
    return answer


def _parameter(name: str, description: str, enum: tuple[str, ...] | None = None) -> Any:
    return OpenApiParameter(name, str, enum=list(enum) if enum else None, description=description)


class TaskListApi(APIView):
    permission_classes = [IsAuthenticated, IsPathUser]

    @extend_schema(
        operation_id="tasks_list",
        parameters=[
            _parameter("status", "all (default), pending or completed.", TASK_STATUSES),
            _parameter("search", "Words in the title or description."),
            _parameter("tag", "Only tasks with this tag."),
            _parameter("priority", "Only tasks of this priority.", tuple(Task.Priority.values)),
            _parameter(
                "due", "today, overdue, this_week or none (days in the user's zone).", DUE_FILTERS
            ),
            _parameter("due_before", "Due before, not on (a date, a date-time or a phrase)."),
            _parameter("due_after", "Due after, not on (a date, a date-time or a phrase)."),
            OpenApiParameter(
                "recurring", bool, description="true: only tasks that repeat; false: one-off ones."
            ),
            _parameter("created_since", "Added on or after (a date, a date-time or a phrase)."),
            _parameter(
                "completed_since", "Completed on or after (a date, a date-time or a phrase)."
            ),
            _parameter(
                "sort",
                "created (default), newest, due, priority, title or recently_completed.",
                SORTS,
            ),
            _parameter("timezone", "IANA zone for dates (default: the user's last one)."),
            OpenApiParameter("page", {"type": "integer", "minimum": 1}, description="From 1."),
            OpenApiParameter(
                "page_size",
                {"type": "integer", "minimum": 1},
                description="Default 50, at most 200.",
            ),
        ],
        responses={200: PAGE, **_errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, user_id: str) -> Response:
        """One page of the user's tasks, filtered and sorted as `list_tasks` does."""
        pages = HistoryPagination()
        size = pages.get_page_size(request)
        number = pages.get_page_number(request, None)
        if (number - 1) * size > OFFSET_MAX:
            # Past any list a user can have: the page past the last one, as for any other.
            raise NotFound("Invalid page.")
        query = request.query_params
        # Read as the chat request reads it: surrounding spaces are not part of a zone name.
        tz = user_zone(user_id=user_id, timezone=query.get("timezone", "").strip() or None)
        page = task_page(
            user_id=user_id,
            tz=tz,
            status=query.get("status", "all"),
            search=query.get("search"),
            tag=query.get("tag"),
            priority=query.get("priority"),
            due=query.get("due"),
            due_before=query.get("due_before"),
            due_after=query.get("due_after"),
            recurring=_flag(query.get("recurring"), "recurring"),
            created_since=query.get("created_since"),
            completed_since=query.get("completed_since"),
            sort=query.get("sort", "created"),
            limit=size,
            cursor=offset_cursor((number - 1) * size) if number > 1 else None,
        )
        armed = reminders.reminders_at(page.tasks)
        if number > 1 and not page.tasks:
            raise NotFound("Invalid page.")
        url = request.build_absolute_uri()
        previous = None
        if number == 2:
            previous = remove_query_param(url, "page")
        elif number > 2:
            previous = replace_query_param(url, "page", number - 1)
        return Response(
            {
                "count": page.total,
                "next": replace_query_param(url, "page", number + 1) if page.next_cursor else None,
                "previous": previous,
                "results": [
                    task_item(task, tz, armed.get(task.pk), page.tags.get(task.pk, []))
                    for task in page.tasks
                ],
            }
        )
