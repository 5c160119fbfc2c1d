"""Wording of every reply: what people read. No tool names, no validation internals."""

from __future__ import annotations

import re
from typing import Any

from .results import ToolStep, read_result

HELP = (
    "Here's what I can do with your to-do list:\n"
    "- Add: “Add a task to buy groceries”, “todo: fix bike”, “add pay rent, water plants and "
    "book flights”\n"
    "- List: “Show my tasks”, “What's pending?”, “How many tasks are left?”\n"
    "- Complete: “Complete task 3”, “I finished the report”, “I bought the eggs”\n"
    "- Change: “Rename task 1 to Call mom tonight”, “edit task 4: call dad instead”\n"
    "- Delete: “Delete task 2” or “Delete the meeting task”"
)
GREETING = (
    "Hello! I'm your to-do assistant. I can add, list, complete, change and delete tasks — "
    "try “Add a task to buy groceries” or say “help”."
)
THANKS = "You're welcome! Anything else on your list?"
BYE = "Bye! Your tasks are saved — come back any time."
MISSING_TITLE = "What should the task say? For example: “Add a task to buy groceries”."
NOTHING_TO_CONFIRM = "There's nothing waiting for a yes right now — what would you like to do?"
LEFT_ALONE = "OK, I've left your tasks as they were."

_ABILITY = {
    "add_task": "add tasks",
    "list_tasks": "look up your tasks",
    "complete_task": "complete tasks",
    "delete_task": "delete tasks",
    "update_task": "change tasks",
}
_VERB = {
    "complete": "complete",
    "delete": "delete",
    "reopen": "reopen",
    "update": "change",
    "reschedule": "move",
}
_STATUS_NOUN = {"pending": "pending task", "completed": "completed task", "all": "task"}
# Signs that an error text is an internal dump rather than a sentence for people.
_INTERNALS = re.compile(
    r"validation error|error executing|traceback|pydantic|input_value|input_type|type=|"
    r"field required|user_id|\w+_task\b|list_tasks|[{}\[\]]",
    re.IGNORECASE,
)
_NOT_FOUND = re.compile(r"task\s+#?(\d+)\s+(?:was\s+)?not\s+found", re.IGNORECASE)
_TOO_LONG = re.compile(r"(title|description)\b.*?(?:at most|limit is)\s+([\d,]+)", re.IGNORECASE)


def unavailable(tool: str) -> str:
    """The reply when a tool the request needs is not offered."""
    return f"Sorry, I can't {_ABILITY.get(tool, 'do that')} right now."


def unknown(text: str) -> str:
    """The reply to a message no rule understands."""
    shown = text if len(text) <= 80 else text[:77] + "..."
    prefix = f"Sorry, I didn't understand “{shown}”." if shown else "Sorry, I didn't understand."
    return f"{prefix} {HELP}"


def which_task(example: str) -> str:
    """Ask for a task when the request named none."""
    return f"Which task do you mean? Tell me its number or part of its title, e.g. “{example}”."


def task_line(task: dict[str, Any]) -> str:
    """One task as a list line: number, title, state and description."""
    line = f"#{task.get('id')} {task.get('title', '')}"
    if task.get("completed"):
        line += " (done)"
    if task.get("description"):
        line += f" — {task['description']}"
    return line


def _lines(tasks: list[dict[str, Any]]) -> str:
    return "\n".join(f"- {task_line(task)}" for task in tasks)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def listing(tasks: list[dict[str, Any]], status: str, total: int | None = None) -> str:
    """The reply to a list request."""
    if not tasks:
        return {
            "pending": "You have no pending tasks.",
            "completed": "You have no completed tasks.",
        }.get(status, "You have no tasks yet. Try “Add a task to buy groceries”.")
    heading = {
        "pending": "Here are your pending tasks:",
        "completed": "Here are your completed tasks:",
    }.get(status, "Here are all your tasks:")
    text = f"{heading}\n{_lines(tasks)}"
    if total is not None and total > len(tasks):
        text += f"\n…and {total - len(tasks)} more."
    return text


def found(ref: str, tasks: list[dict[str, Any]]) -> str:
    """The reply to "find X"."""
    if not tasks:
        return f"No task matches “{ref}”."
    return f"Tasks matching “{ref}”:\n{_lines(tasks)}"


def count(tasks: list[dict[str, Any]], status: str, total: int | None = None) -> str:
    """The reply to "how many tasks…?"."""
    number = total if total is not None else len(tasks)
    if status == "all":
        done = sum(1 for task in tasks if task.get("completed"))
        if number == len(tasks) and tasks:
            return f"You have {_plural(number, 'task')}: {len(tasks) - done} pending, {done} done."
        return f"You have {_plural(number, 'task')}."
    if number == 0:
        return f"You have no {status} tasks."
    return f"You have {_plural(number, _STATUS_NOUN[status])}."


def ambiguous(intent_kind: str, ref: str, candidates: list[dict[str, Any]]) -> str:
    """Ask which of several matching tasks is meant."""
    return (
        f"Several tasks match “{ref}” — which one do you mean?\n{_lines(candidates)}\n"
        "Say “the first”, “the second”… or the task number."
    )


def did_you_mean(intent_kind: str, task: dict[str, Any]) -> str:
    """Ask before acting on a task that matched only with a typo."""
    return f"Did you mean “{task['title']}” (#{task['id']})? Say yes to {_VERB[intent_kind]} it."


def no_due_dates(when: str) -> str:
    """A request to move a task to another day, before tasks have due dates."""
    return f"I can't set due dates yet, so I haven't moved anything to “{when}”."


def not_a_candidate(task_id: int) -> str:
    """A number in answer to "which one?" that is none of the tasks offered."""
    return (
        f"Task {task_id} isn't one of those. Say “the first”, “the second”… or one of the "
        "numbers shown."
    )


def no_match(ref: str, status: str) -> str:
    """Nothing matched a reference."""
    noun = _STATUS_NOUN.get(status, "task")
    return f"I couldn't find a {noun} matching “{ref}”. Say “show my tasks” to see them."


def already_done(task: dict[str, Any]) -> str:
    """Completing a task that is already complete."""
    return f"“{task['title']}” (#{task['id']}) is already done."


def not_done_yet(task: dict[str, Any]) -> str:
    """Reopening a task that is still pending."""
    return f"“{task['title']}” (#{task['id']}) isn't done yet, so there's nothing to reopen."


_BULK_QUESTION = {
    ("complete", "pending"): "Complete all {n}?",
    ("delete", "completed"): "Delete all {n}?",
    ("delete", "pending"): "Delete all {n}?",
    ("delete", "all"): "Delete all {n}? This can't be undone.",
    ("reopen", "completed"): "Reopen all {n}?",
}


def bulk_question(action: str, status: str, tasks: list[dict[str, Any]]) -> str:
    """Ask for confirmation before a bulk action, listing the tasks it would touch."""
    noun = _plural(len(tasks), _STATUS_NOUN[status])
    question = _BULK_QUESTION.get((action, status), f"{_VERB[action].capitalize()} all {{n}}?")
    return f"{question.format(n=noun)} Say yes to confirm.\n{_lines(tasks)}"


def bulk_nothing(action: str, status: str) -> str:
    """A bulk action with nothing to act on."""
    return f"You have no {_STATUS_NOUN[status]}s to {_VERB[action]}."


def bulk_too_many(total: int, shown: int) -> str:
    """Refuse a bulk action over more tasks than one page shows."""
    return (
        f"That would touch {total} tasks, more than the {shown} I can see at once, so I haven't "
        "changed anything. Narrow it down, e.g. “delete all meeting tasks”."
    )


def bulk_refused(action: str) -> str:
    """A bulk action the offline assistant does not do."""
    return f"I can't {_VERB[action]} several tasks at once like that; tell me which task to change."


_DONE_VERB = {
    "complete_task": "Completed",
    "delete_task": "Deleted",
    "update_task": "Reopened",
}


def bulk_outcome(steps: list[ToolStep]) -> str:
    """The reply after a confirmed bulk action: what was done, and what failed."""
    done: list[str] = []
    failed: list[str] = []
    for step in steps:
        data, error = read_result(step)
        if data is None:
            failed.append(failure(step, error or ""))
        else:
            done.append(f"“{data.get('title', '')}”")
    parts = []
    if done:
        verb = _DONE_VERB.get(steps[0].name, "Changed")
        parts.append(f"{verb} {_plural(len(done), 'task')}: {', '.join(done)}.")
    parts.extend(failed)
    return "\n".join(parts)


def added(steps: list[ToolStep]) -> str:
    """The reply after one or several add_task calls."""
    if len(steps) == 1:
        return outcome(steps[0])
    lines: list[str] = []
    good = []
    for step in steps:
        data, error = read_result(step)
        if data is None:
            lines.append(failure(step, error or ""))
        else:
            good.append(f"“{data.get('title', '')}” (#{data['task_id']})")
    if good:
        lines.insert(0, f"Added {_plural(len(good), 'task')}: {', '.join(good)}.")
    return "\n".join(lines)


def outcome(step: ToolStep) -> str:
    """The reply after one change: success built from its result, or the failure in words."""
    data, error = read_result(step)
    if data is None:
        return failure(step, error or "")
    title = data.get("title", "")
    task_id = data["task_id"]
    if step.name == "add_task":
        if data.get("status") == "exists":
            return f"“{title}” is already on your list (#{task_id})."
        description = step.arguments.get("description")
        suffix = f" with the description “{description}”" if description else ""
        return f"Added “{title}” (task #{task_id}){suffix}."
    if step.name == "complete_task":
        if data.get("already_completed"):
            return f"“{title}” (#{task_id}) was already done."
        return f"Marked “{title}” as complete."
    if step.name == "delete_task":
        return f"Deleted “{title}” (task #{task_id})."
    if step.arguments.get("completed") is False:
        return f"Reopened “{title}” (#{task_id}) — it's pending again."
    if "title" not in step.arguments:
        return f"Updated the description of task #{task_id} (“{title}”)."
    return f"Updated task #{task_id}: “{title}”."


def failure(step: ToolStep, error: str) -> str:
    """A failed tool call in plain words: never a tool name nor a validation dump."""
    task_id = step.arguments.get("task_id")
    not_found = _NOT_FOUND.search(error)
    if not_found:
        return f"There's no task {not_found.group(1)} on your list."
    what = {
        "add_task": f"add “{step.arguments.get('title', 'that task')}”",
        "list_tasks": "load your tasks",
        "complete_task": f"mark task {task_id} as complete",
        "delete_task": f"delete task {task_id}",
        "update_task": f"change task {task_id}",
    }.get(step.name, "do that")
    too_long = _TOO_LONG.search(error)
    if too_long:
        field, limit = too_long.group(1).lower(), too_long.group(2)
        return f"I couldn't {what}: the {field} is too long (at most {limit} characters)."
    text = " ".join(error.split())
    if not text:
        return f"I couldn't {what}: I got no answer. Please try again."
    if _INTERNALS.search(text) or len(text) > 200:
        return f"I couldn't {what}: something went wrong on my side. Please try again."
    return f"I couldn't {what}: {text if text.endswith(('.', '!', '?')) else text + '.'}"
