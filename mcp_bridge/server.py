"""The todochat MCP server: exactly five tools over the task services.

The tools are thin: they validate their arguments through their signatures, call
`tasks.services` / `tasks.selectors` as one database step each, and turn application errors
into MCP tool errors (`isError: true` with a short human message as text, for any client: no
validation dump, no "Error executing tool" prefix). Results are typed, so clients get them as
`structuredContent` and as JSON text.

A task is named by its per-user number (`task_id`, and `id` in lists); the database key never
leaves the server. Dates are shown in the user's zone: the `timezone` argument (which the chat
agent's adapter sets from the request, like `user_id`), else the user's last known zone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo

from django.db import InterfaceError, OperationalError, ProgrammingError
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError, UnexpectedToolError
from mcp.types import ToolAnnotations
from pydantic import BeforeValidator, Field, ValidationError
from typing_extensions import TypedDict

from tasks import reminders, schedule, selectors, services
from tasks.models import (
    DESCRIPTION_MAX_LENGTH,
    RECURRENCE_MAX_LENGTH,
    TAG_MAX_LENGTH,
    TAGS_MAX,
    TIMEZONE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    USER_ID_MAX_LENGTH,
    Task,
)
from tasks.text import quoted
from todochat.db import db_step
from todochat.errors import ApplicationError

from .arguments import true_or_false, whole_number
from .identity import authorize_user
from .recording import current_recording

logger = logging.getLogger("todochat.mcp")

TOOL_NAMES = ("add_task", "list_tasks", "complete_task", "delete_task", "update_task")
# Arguments the chat agent's adapter sets on every call; the model never sees them.
HIDDEN_PARAMS = ("user_id", "timezone", "turn")


UserId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=USER_ID_MAX_LENGTH,
        description="The id of the user whose todo list this is.",
    ),
]
TaskId = Annotated[
    int,
    Field(
        strict=True,
        ge=1,
        description="The task's number in the user's list, as list_tasks shows it.",
    ),
    BeforeValidator(whole_number),
]
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
Due = Annotated[
    str,
    Field(
        max_length=100,
        description="When the task is due: an ISO date ('2026-12-03', all day), an ISO "
        "date-time ('2026-12-03T17:00'), or a phrase such as 'tomorrow 5pm' or 'next friday', "
        "read in the user's timezone. An empty string clears it (update_task).",
    ),
]
Priority = Annotated[
    Literal["none", "low", "medium", "high"],
    Field(description="The task's priority: none, low, medium or high."),
]
Tags = Annotated[
    list[Annotated[str, Field(max_length=100)]],
    Field(
        max_length=50,
        description=f"Tags such as 'work' (at most {TAGS_MAX}, each 1 to {TAG_MAX_LENGTH} "
        "characters; case is ignored). update_task replaces the task's tags; [] removes them.",
    ),
]
Recurrence = Annotated[
    str,
    Field(
        max_length=RECURRENCE_MAX_LENGTH,
        description="How the task repeats: 'daily', 'weekdays', 'every monday', 'every 2 weeks', "
        "'monthly on the 31st' (the last day in shorter months), or an RFC 5545 RRULE "
        "('FREQ=WEEKLY;BYDAY=MO'). An empty string stops it repeating (update_task).",
    ),
]
Reminder = Annotated[
    str,
    Field(
        max_length=100,
        description="When to remind the user: a time ('9pm tonight', 'tomorrow at 9', "
        "'2026-12-03T09:00') or how long before the due date ('1 hour before', 'the day "
        "before at 9'), read in the user's timezone; it must be in the future. An empty string "
        "removes it.",
    ),
]
TimeZone = Annotated[
    str,
    Field(
        max_length=TIMEZONE_MAX_LENGTH,
        description="The user's IANA timezone (e.g. 'Europe/Paris'); defaults to their last one.",
    ),
]
Turn = Annotated[
    str,
    Field(
        max_length=64,
        description="The chat turn making the call: add_task with a title already added in "
        "the same turn returns that task instead of adding it twice.",
    ),
]


class TaskItem(TypedDict):
    id: int
    title: str
    description: str
    completed: bool
    completed_at: str | None
    due: str | None
    priority: str
    tags: list[str]
    recurrence: str | None
    reminder_at: str | None
    created_at: str
    updated_at: str


class TaskChange(TypedDict):
    task_id: int
    status: str
    title: str
    task: TaskItem


class TaskCompleted(TaskChange):
    already_completed: bool
    next_due: str | None
    previous_due: str | None


class TaskDeleted(TypedDict):
    task_id: int
    status: str
    title: str


class TaskList(TypedDict):
    tasks: list[TaskItem]
    count: int
    total: int
    next_cursor: str | None


def task_item(
    task: Task, tz: ZoneInfo, reminder_at: datetime | None, tags: list[str] | None = None
) -> TaskItem:
    """A task as the tools (and the chat page's tasks API) show it, dates in zone `tz`; `tags`
    its tags' names when already read (a page's), else read here."""
    return {
        "id": task.number,
        "title": task.title,
        "description": task.description,
        "completed": task.completed,
        "completed_at": task.completed_at.astimezone(tz).isoformat() if task.completed_at else None,
        "due": schedule.show_due(selectors.task_due(task), tz),
        "priority": task.priority,
        "tags": tags if tags is not None else [tag.name for tag in task.tags.all()],
        "recurrence": task.recurrence or None,
        "reminder_at": reminder_at.astimezone(tz).isoformat() if reminder_at else None,
        "created_at": task.created_at.astimezone(tz).isoformat(),
        "updated_at": task.updated_at.astimezone(tz).isoformat(),
    }


def _change(task: Task, status: str, tz: ZoneInfo) -> TaskChange:
    item = task_item(task, tz, reminders.reminder_at(task))
    return {"task_id": task.number, "status": status, "title": task.title, "task": item}


# --- errors: short and human, at the source ------------------------------------------------------


def _field_name(loc: tuple[Any, ...]) -> str:
    return str(loc[0]) if loc else "argument"


def _validation_message(exc: ValidationError) -> str:
    """The first problem of a call's arguments, in a sentence a person (or a model) can act on."""
    error = exc.errors()[0]
    field = _field_name(error.get("loc", ()))
    kind = error.get("type", "")
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"The {field} is required."
    if kind == "string_too_long" and isinstance(value, str):
        if field == "tags":
            return (
                f"The tag {quoted(value)} is {len(value)} characters; "
                f"the limit is {TAG_MAX_LENGTH}."
            )
        return f"The {field} is {len(value)} characters; the limit is {ctx.get('max_length')}."
    if kind == "string_too_short":
        return f"The {field} must not be empty."
    if kind == "too_long" and isinstance(value, list):
        return f"A task can have at most {TAGS_MAX} {field} (got {len(value)})."
    if kind == "literal_error":
        expected = str(ctx.get("expected", "one of the listed values")).replace("'", "")
        return f"Unknown {field} {quoted(value)}: use {expected}."
    if kind.startswith(("int_", "greater_than")):
        if field == "task_id" or kind.startswith("greater_than"):
            return f"The {field} must be a whole number of at least 1 (got {quoted(value)})."
        return f"The {field} must be a whole number (got {quoted(value)})."
    if kind == "less_than_equal":
        return f"The {field} must be at most {ctx.get('le')} (got {quoted(value)})."
    if kind.startswith("bool"):
        return f"The {field} value must be true or false (got {quoted(value)})."
    if kind.startswith("string"):
        return f"The {field} must be text."
    if kind.startswith("list"):
        return f"The {field} must be a list of text."
    return f"The {field} is not valid."


def _human(exc: ToolError) -> str:
    """The message a tool error should carry, without the SDK's "Error executing tool" prefix."""
    cause = exc.__cause__
    if isinstance(cause, ValidationError):
        return _validation_message(cause)
    if isinstance(cause, ToolError):
        return str(cause)
    return str(exc)


class TodoServer(MCPServer):
    """The MCP server, with tool errors phrased for people rather than for developers."""

    async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None) -> Any:
        try:
            return await super().call_tool(name, arguments, context)
        except UnexpectedToolError:
            raise
        except ToolError as exc:
            raise ToolError(_human(exc)) from exc.__cause__


server = TodoServer(
    name="todochat",
    instructions=(
        "Manage one user's todo list. Every tool takes the user's id first. A task is named by "
        "its number in the user's list (task_id), as list_tasks shows it. Use list_tasks to "
        "find a task's number before completing, updating or deleting it by title."
    ),
)

F = TypeVar("F", bound=Callable[..., Any])


def _tool(title: str, annotations: ToolAnnotations) -> Callable[[F], F]:
    """Register a tool whose description is its docstring as plain text (no source indentation)."""

    def register(fn: F) -> F:
        description = " ".join((fn.__doc__ or "").split())
        registered = server.tool(title=title, description=description, annotations=annotations)(fn)
        # The SDK has no public accessor for a registered tool's schema.
        tool = server._tool_manager.get_tool(fn.__name__)
        assert tool is not None
        describe_optional_arguments(tool.parameters)
        return registered

    return register


def describe_optional_arguments(schema: dict[str, Any]) -> None:
    """Each optional argument's description said on the argument itself, where MCP clients
    (and the models they serve) read it, not inside the non-null branch of its `anyOf`, where
    pydantic puts it."""
    for prop in schema.get("properties", {}).values():
        branches = [branch for branch in prop.get("anyOf", []) if branch != {"type": "null"}]
        if len(branches) == 1 and "description" in branches[0] and "description" not in prop:
            prop["description"] = branches[0].pop("description")


async def _call(fn: Callable[..., Any], /, **kwargs: Any) -> Any:
    """Run a task step for the authorised user; application errors become tool errors. A chat
    turn's call is recorded in the step's own transaction when the turn asks for it."""
    return await _step(fn, kwargs, reads_only=False)


async def _read(fn: Callable[..., Any], /, **kwargs: Any) -> Any:
    """`_call` for a step that changes nothing (`CallRecording.run_read`)."""
    return await _step(fn, kwargs, reads_only=True)


async def _step(fn: Callable[..., Any], kwargs: dict[str, Any], *, reads_only: bool) -> Any:
    authorize_user(kwargs["user_id"])
    recording = current_recording()
    try:
        if recording is not None:
            run = recording.run_read if reads_only else recording.run
            return await db_step(run, fn, **kwargs)
        return await db_step(fn, **kwargs)
    except ApplicationError as exc:
        raise ToolError(exc.message) from exc
    except (OperationalError, InterfaceError, ProgrammingError) as exc:
        # A tool error in a sentence, as every other one: the SDK answered "Error executing tool
        # add_task" (a database that is down, or one never migrated, such as a new SQLite file
        # named in a desktop client's config).
        if isinstance(exc, ProgrammingError) and not _no_table(exc):
            raise  # a statement the code got wrong: the SDK's unexpected error, with its trace
        first_line = next(iter(str(exc).splitlines()), "")
        logger.warning("tool database error: %s: %s", type(exc).__name__, first_line)
        raise ToolError(_database_problem(exc)) from exc


# How each database says a table is missing: SQLite's "no such table", PostgreSQL's "relation …
# does not exist" (not its 'database "x" does not exist', which migrating would not cure).
_NO_TABLE = re.compile(r'no such table|relation "[^"]*" does not exist')


def _no_table(exc: Exception) -> bool:
    return _NO_TABLE.search(str(exc)) is not None


def _database_problem(exc: Exception) -> str:
    """What a tool tells its caller about a database failure (never the statement or its data)."""
    if _no_table(exc):
        return "The task database is not set up: run 'manage.py migrate', then try again."
    return "The task database is unavailable right now. Try again shortly."


def _zone(user_id: str, timezone: str | None) -> ZoneInfo:
    return selectors.user_zone(user_id=user_id, timezone=timezone)


def _add(*, user_id: str, timezone: str | None, **fields: Any) -> TaskChange:
    tz = _zone(user_id, timezone)
    added = services.task_add(user_id=user_id, tz=tz, **fields)
    return _change(added.task, "exists" if added.existed else "created", tz)


def _update(*, user_id: str, timezone: str | None, **fields: Any) -> TaskChange:
    tz = _zone(user_id, timezone)
    task = services.task_update(user_id=user_id, tz=tz, **fields)
    return _change(task, "updated", tz)


def _complete(*, user_id: str, task_id: int, timezone: str | None) -> TaskCompleted:
    tz = _zone(user_id, timezone)
    done = services.task_complete(user_id=user_id, task_id=task_id, tz=tz)
    change = _change(done.task, "completed", tz)
    return {
        **change,
        "already_completed": done.already_completed,
        "next_due": schedule.show_due(done.next_due, tz) if done.next_due else None,
        "previous_due": schedule.show_due(done.previous_due, tz) if done.previous_due else None,
    }


def _delete(*, user_id: str, task_id: int) -> TaskDeleted:
    task = services.task_delete(user_id=user_id, task_id=task_id)
    return {"task_id": task.number, "status": "deleted", "title": task.title}


def _list(*, user_id: str, timezone: str | None, **filters: Any) -> TaskList:
    tz = _zone(user_id, timezone)
    page = selectors.task_page(user_id=user_id, tz=tz, **filters)
    armed = reminders.reminders_at(page.tasks)
    items = [
        task_item(task, tz, armed.get(task.pk), page.tags.get(task.pk, [])) for task in page.tasks
    ]
    return {
        "tasks": items,
        "count": len(items),
        "total": page.total,
        "next_cursor": page.next_cursor,
    }


@_tool(
    "Add a task",
    ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=False),
)
async def add_task(
    user_id: UserId,
    title: Title,
    # null, as models that must send every parameter say "not given", is the default.
    description: Description | None = "",
    due: Due | None = None,
    priority: Priority | None = None,
    tags: Tags | None = None,
    recurrence: Recurrence | None = None,
    reminder: Reminder | None = None,
    timezone: TimeZone | None = None,
    turn: Turn | None = None,
) -> TaskChange:
    """Add a new pending task to the user's todo list, optionally with a due date, a priority,
    tags, a recurrence and a reminder. Returns the task with its number (status "created"), or
    the task already added with the same title in this conversation turn (status "exists")."""
    return await _call(
        _add,
        user_id=user_id,
        title=title,
        description=description or "",
        due=due,
        priority=priority,
        tags=tags,
        recurrence=recurrence,
        reminder=reminder,
        timezone=timezone,
        turn=turn or "",
    )


@_tool("List tasks", ToolAnnotations(readOnlyHint=True, idempotentHint=True))
async def list_tasks(
    user_id: UserId,
    # null, as models that must send every parameter say "not given", is the default (here and
    # for sort and limit).
    status: Status | None = "all",
    search: Annotated[
        str, Field(max_length=200, description="Words to find in the title or description.")
    ]
    | None = None,
    tag: Annotated[str, Field(max_length=100, description="Only tasks with this tag.")]
    | None = None,
    priority: Priority | None = None,
    due: Annotated[
        Literal["today", "overdue", "this_week", "none"],
        Field(
            description="Only tasks due today, overdue (pending and past due), this week "
            "(Monday to Sunday), or without a due date — in the user's timezone."
        ),
    ]
    | None = None,
    due_before: Annotated[
        str, Field(max_length=100, description="Only tasks due before this date or date-time.")
    ]
    | None = None,
    due_after: Annotated[
        str, Field(max_length=100, description="Only tasks due after this date or date-time.")
    ]
    | None = None,
    recurring: Annotated[
        bool,
        Field(strict=True, description="true: only tasks that repeat; false: only one-off tasks."),
        BeforeValidator(true_or_false),
    ]
    | None = None,
    created_since: Annotated[
        str,
        Field(
            max_length=100,
            description="Only tasks added on or after this day or date-time ('today', "
            "'monday', '2026-12-01').",
        ),
    ]
    | None = None,
    completed_since: Annotated[
        str,
        Field(
            max_length=100,
            description="Only tasks completed on or after this day or date-time ('today', "
            "'monday'); a repeating task counts by its last completion.",
        ),
    ]
    | None = None,
    sort: Annotated[
        Literal["created", "newest", "due", "priority", "title", "recently_completed"],
        Field(
            description="Order: created (oldest first, default), newest (newest first), due "
            "(soonest first), priority, title, recently_completed (last completed first)."
        ),
    ]
    | None = "created",
    limit: Annotated[
        int,
        Field(
            strict=True,
            ge=1,
            le=selectors.PAGE_MAX,
            description=f"Tasks per page (default {selectors.PAGE_DEFAULT}, "
            f"at most {selectors.PAGE_MAX}).",
        ),
        BeforeValidator(whole_number),
    ]
    | None = selectors.PAGE_DEFAULT,
    cursor: Annotated[str, Field(max_length=200, description="next_cursor of the previous page.")]
    | None = None,
    timezone: TimeZone | None = None,
) -> TaskList:
    """List the user's tasks, one page at a time: all of them, or only those matching the
    given filters. `total` counts every matching task; `next_cursor` (null on the last page)
    fetches the next page."""
    return await _read(
        _list,
        user_id=user_id,
        status=status or "all",
        search=search,
        tag=tag,
        priority=priority,
        due=due,
        due_before=due_before,
        due_after=due_after,
        recurring=recurring,
        created_since=created_since,
        completed_since=completed_since,
        sort=sort or "created",
        limit=selectors.PAGE_DEFAULT if limit is None else limit,
        cursor=cursor,
        timezone=timezone,
    )


@_tool(
    "Complete a task",
    # Not idempotent: a repeating task moves on to its next occurrence at each completion.
    ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=False),
)
async def complete_task(
    user_id: UserId, task_id: TaskId, timezone: TimeZone | None = None
) -> TaskCompleted:
    """Mark one of the user's tasks as completed. A recurring task records the completion and
    moves to its next occurrence (next_due); it stays on the list."""
    return await _call(_complete, user_id=user_id, task_id=task_id, timezone=timezone)


@_tool(
    "Delete a task",
    ToolAnnotations(readOnlyHint=False, destructiveHint=True, idempotentHint=False),
)
async def delete_task(user_id: UserId, task_id: TaskId) -> TaskDeleted:
    """Delete one of the user's tasks for good (a recurring task with its whole series)."""
    return await _call(_delete, user_id=user_id, task_id=task_id)


@_tool(
    "Update a task",
    # Not idempotent: a repeating task moves on to its next occurrence at each completion.
    ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=False),
)
async def update_task(
    user_id: UserId,
    task_id: TaskId,
    title: Title | None = None,
    description: Description | None = None,
    due: Due | None = None,
    priority: Priority | None = None,
    tags: Tags | None = None,
    recurrence: Recurrence | None = None,
    completed: Annotated[
        bool,
        Field(strict=True, description="false reopens a completed task; true completes it."),
        BeforeValidator(true_or_false),
    ]
    | None = None,
    reminder: Reminder | None = None,
    timezone: TimeZone | None = None,
) -> TaskChange:
    """Change one of the user's tasks: any of its title, description, due date, priority, tags,
    recurrence or reminder (give at least one). An empty due, recurrence or reminder clears it;
    tags replace the task's tags. Changing the due date keeps the recurrence and moves a
    reminder set as "… before"."""
    return await _call(
        _update,
        user_id=user_id,
        task_id=task_id,
        title=title,
        description=description,
        due=due,
        priority=priority,
        tags=tags,
        recurrence=recurrence,
        completed=completed,
        reminder=reminder,
        timezone=timezone,
    )
