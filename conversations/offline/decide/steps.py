"""What deciding answers with (a call, several calls, a reply that may ask a question) and
what a conversation leaves open (``Context``); the small steps every kind of request shares:
reading a lookup, searching by name, finding a task by number, telling a change's outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import words
from ..intents import Intent, Status
from ..results import ToolStep, listed_tasks, read_result
from ..text import ref_words

TOOLS = frozenset({"add_task", "list_tasks", "complete_task", "delete_task", "update_task"})


_TOOL_FOR = {
    "complete": "complete_task",
    "delete": "delete_task",
    "update": "update_task",
    "reopen": "update_task",
    "reschedule": "update_task",
}


# Tags are added to a task's own: a task named by number is looked up on pages this long.
_TAG_PAGE = 200


_TAG_PAGES = 3


# Several tasks in one message are added one call at a time (numbers follow the order typed);
# the runner allows a bounded number of model calls per turn.
MAX_TASKS_PER_MESSAGE = 8


@dataclass(frozen=True)
class Call:
    """Next step: call ``name`` with ``arguments``."""

    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class Calls:
    """Next step: several independent calls at once (a confirmed bulk action)."""

    calls: tuple[Call, ...]


@dataclass(frozen=True)
class Question:
    """A question the reply asks: pick one of ``candidates`` ("choose") or say yes ("confirm")
    to ``intent``."""

    kind: str
    intent: Intent
    candidates: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Reply:
    """Next step: answer with ``text`` and end the turn; maybe asking ``question``, maybe about
    one task (``about``) a follow-up like "delete it" refers to."""

    text: str
    question: Question | None = None
    about: dict[str, Any] | None = None
    shown: tuple[dict[str, Any], ...] = ()
    # The list call whose next page "show more" fetches, and that page's cursor.
    more: tuple[dict[str, Any], str] | None = None


Step = Call | Calls | Reply


@dataclass(frozen=True)
class Context:
    """What the conversation so far leaves open: a question, and the task last talked about."""

    question: Question | None = None
    last_task: dict[str, Any] | None = None
    # The tasks the last reply listed, in order: "complete the second one" picks from them.
    shown: tuple[dict[str, Any], ...] = ()
    # The last listing that had more pages: its call and the next page's cursor.
    more: tuple[dict[str, Any], str] | None = None
    # The tasks the last turn completed, when it completed several ("undo" names them).
    done_together: tuple[int, ...] = ()
    # Whether the last turn's one change added `last_task` ("scratch that" offers to delete it).
    added: bool = False
    # The last turn's one change, when it made one: the tool and its result ("no" right after
    # it says the change stands, never "nothing changed").
    changed: tuple[str, dict[str, Any]] | None = None
    # Whether that change moved `last_task`'s due date ("no wait, thursday" corrects it).
    moved: bool = False
    # The words that change's task was found by ("no, the other one" looks them up again).
    acted_ref: str | None = None


@dataclass(frozen=True)
class _Lookup:
    """The result of this turn's list_tasks step, when there is one."""

    tasks: list[dict[str, Any]] = field(default_factory=list)
    total: int | None = None
    next_cursor: str | None = None


def _single(call: Call, steps: list[ToolStep], available: set[str] | frozenset[str]) -> Step:
    if call.name not in available:
        return Reply(words.unavailable(call.name))
    if not steps:
        return call
    return _outcome(steps[-1])


def _outcome(step: ToolStep) -> Reply:
    data, _ = read_result(step)
    about = None
    if data is not None and step.name not in ("list_tasks", "delete_task"):
        about = _changed_task(data)
    return Reply(words.outcome(step), about=about)


def _changed_task(data: dict[str, Any]) -> dict[str, Any]:
    """The task a change result is about, as "it" next means it; whether it is done when the
    result says ("reopen it" right after an add finds it pending)."""
    task = {"id": data["task_id"], "title": data.get("title", ""), "status": data["status"]}
    item = data.get("task")
    if isinstance(item, dict) and isinstance(item.get("completed"), bool):
        task["completed"] = item["completed"]
    if isinstance(item, dict) and item.get("recurrence"):
        # "undo" after it was completed: it moved on from `previous_due`, where it goes back.
        task.update(recurrence=item["recurrence"], due=item.get("due"))
        if data.get("previous_due"):
            task["previous_due"] = data["previous_due"]
    return task


def search_root(ref: str) -> str:
    """The text a name lookup searches for: the longest word of the reference, cut so that every
    title matching it as a whole word (plural or not) contains it ("groceries" → "grocer")."""
    stems = sorted(ref_words(ref), key=len, reverse=True)
    if not stems:
        return ""
    root = stems[0]
    return root[:-1] if root.endswith("y") and len(root) > 3 else root


def _search_call(ref: str, status: Status = "all") -> Call:
    arguments: dict[str, Any] = {"status": status}
    root = search_root(ref)
    if root:
        arguments["search"] = root
    return Call("list_tasks", arguments)


def _lookup(steps: list[ToolStep]) -> _Lookup | str:
    data, error = read_result(steps[0])
    if data is None:
        return words.failure(steps[0], error or "")
    total = data.get("total")
    cursor = data.get("next_cursor")
    return _Lookup(
        listed_tasks(data),
        total if isinstance(total, int) else None,
        cursor if isinstance(cursor, str) and cursor else None,
    )


def _number_lookup(task_id: int, lookups: list[ToolStep]) -> dict[str, Any] | Step:
    """Task `task_id` as list pages show it (one page of 200, following its cursor twice), or
    the step that gets there: the next page, or the reply that it is not found."""
    arguments: dict[str, Any] = {"status": "all", "limit": _TAG_PAGE}
    if not lookups:
        return Call("list_tasks", arguments)
    found = _lookup(lookups[-1:])
    if isinstance(found, str):
        return Reply(found)
    task = next((task for task in found.tasks if task["id"] == task_id), None)
    if task is not None:
        return task
    if found.next_cursor and len(lookups) < _TAG_PAGES:
        return Call("list_tasks", {**arguments, "cursor": found.next_cursor})
    return Reply(words.no_task(task_id))


def _pool(kind: str, tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if kind == "complete":
        return [task for task in tasks if not task.get("completed")]
    if kind == "reopen":
        return [task for task in tasks if task.get("completed")]
    return tasks


def _own_tags(task: dict[str, Any] | None) -> list[str]:
    return [tag for tag in (task or {}).get("tags") or [] if isinstance(tag, str)]


def _example(intent: Intent, task_id: int) -> str:
    if intent.kind == "find":
        asked = {
            "due": "When is task {} due?",
            "done": "Is task {} done?",
            "tags": "What tags does task {} have?",
            "repeat": "Does task {} repeat?",
            "note": "What's the note on task {}?",
        }
        return asked.get(intent.asked or "", "How important is task {}?").format(task_id)
    if intent.kind == "delete":
        return f"Delete task {task_id}"
    if intent.kind == "reopen":
        return f"Reopen task {task_id}"
    if intent.kind == "complete":
        return f"Complete task {task_id}"
    if intent.kind == "reschedule":
        return f"Move task {task_id} to {intent.due or 'tomorrow'}"
    if intent.description is not None:
        return f"Change the description of task {task_id} to {intent.description}"
    return f"Rename task {task_id} to {intent.title or 'Call mom tonight'}"
