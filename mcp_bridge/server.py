"""The todochat MCP server: exactly five tools over the task services.

The tools are thin: they validate their arguments through their signatures, call
`tasks.services` / `tasks.selectors` as one database step each, and turn application errors
into MCP tool errors (`isError: true` with the message as text). Results are typed, so clients
get them as `structuredContent` and as JSON text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field
from typing_extensions import TypedDict

from tasks import selectors, services
from tasks.models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, USER_ID_MAX_LENGTH, Task
from todochat.db import db_step
from todochat.errors import ApplicationError

from .identity import authorize_user

TOOL_NAMES = ("add_task", "list_tasks", "complete_task", "delete_task", "update_task")

UserId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=USER_ID_MAX_LENGTH,
        description="The id of the user whose todo list this is.",
    ),
]
TaskId = Annotated[int, Field(ge=1, description="The id of the task, as shown by list_tasks.")]
Title = Annotated[
    str,
    Field(
        min_length=1,
        max_length=TITLE_MAX_LENGTH,
        description=f"Short title of the task (1 to {TITLE_MAX_LENGTH} characters).",
    ),
]
Description = Annotated[
    str,
    Field(
        max_length=DESCRIPTION_MAX_LENGTH,
        description=f"Optional longer description (at most {DESCRIPTION_MAX_LENGTH} characters).",
    ),
]
Status = Annotated[
    Literal["all", "pending", "completed"],
    Field(description="Which tasks to list: all (default), pending or completed."),
]


class TaskChange(TypedDict):
    task_id: int
    status: str
    title: str


class TaskItem(TypedDict):
    id: int
    title: str
    description: str
    completed: bool
    created_at: str
    updated_at: str


class TaskList(TypedDict):
    tasks: list[TaskItem]
    count: int


def _change(task: Task, status: str) -> TaskChange:
    return {"task_id": task.id, "status": status, "title": task.title}


def _item(task: Task) -> TaskItem:
    return {
        "id": task.id,
        "title": task.title,
        "description": task.description,
        "completed": task.completed,
        "created_at": task.created_at.isoformat(),
        "updated_at": task.updated_at.isoformat(),
    }


T = TypeVar("T")


async def _call(fn: Callable[..., T], /, **kwargs: Any) -> T:
    """Run a task service for the authorised user; application errors become tool errors."""
    authorize_user(kwargs["user_id"])
    try:
        return await db_step(fn, **kwargs)
    except ApplicationError as exc:
        raise ToolError(exc.message) from exc


def _list_tasks(*, user_id: str, status: Literal["all", "pending", "completed"]) -> TaskList:
    items = [_item(task) for task in selectors.task_list(user_id=user_id, status=status)]
    return {"tasks": items, "count": len(items)}


server = MCPServer(
    name="todochat",
    instructions=(
        "Manage one user's todo list. Every tool takes the user's id first. "
        "Use list_tasks to find a task's id before completing, updating or deleting it by title."
    ),
)


@server.tool(
    title="Add a task",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=False),
)
async def add_task(user_id: UserId, title: Title, description: Description = "") -> TaskChange:
    """Add a new pending task to the user's todo list."""
    task = await _call(services.task_create, user_id=user_id, title=title, description=description)
    return _change(task, "created")


@server.tool(
    title="List tasks",
    annotations=ToolAnnotations(readOnlyHint=True, idempotentHint=True),
)
async def list_tasks(user_id: UserId, status: Status = "all") -> TaskList:
    """List the user's tasks in the order they were added: all of them, or only pending or
    completed ones."""
    return await _call(_list_tasks, user_id=user_id, status=status)


@server.tool(
    title="Complete a task",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=True),
)
async def complete_task(user_id: UserId, task_id: TaskId) -> TaskChange:
    """Mark one of the user's tasks as completed."""
    task = await _call(services.task_complete, user_id=user_id, task_id=task_id)
    return _change(task, "completed")


@server.tool(
    title="Delete a task",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=True, idempotentHint=False),
)
async def delete_task(user_id: UserId, task_id: TaskId) -> TaskChange:
    """Delete one of the user's tasks for good."""
    task = await _call(services.task_delete, user_id=user_id, task_id=task_id)
    return _change(task, "deleted")


@server.tool(
    title="Update a task",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=True),
)
async def update_task(
    user_id: UserId,
    task_id: TaskId,
    title: Title | None = None,
    description: Description | None = None,
) -> TaskChange:
    """Change the title and/or the description of one of the user's tasks (give at least one)."""
    task = await _call(
        services.task_update,
        user_id=user_id,
        task_id=task_id,
        title=title,
        description=description,
    )
    return _change(task, "updated")
