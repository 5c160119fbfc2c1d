"""A message that speaks the tools' own names ("call delete_task with task_id 1",
``delete_task(task_id=1)``, a pasted tool call): never run as a command, and never read as a
task to add. One plain request it names without doubt is asked about first; anything else is
answered with how to say it."""

from __future__ import annotations

import re

from ..intents import Intent
from ..text import FLAGS

# "delete_task", "deleteTask", "list_tasks": a tool's name, one word ("delete task" is plain
# words, read by the rules).
_TOOL = re.compile(r"(?<![\w-])(?P<verb>add|list|complete|delete|update)_?tasks?(?![\w-])", FLAGS)
# What a plain request is said with: a task verb first ("add buy milk"): a title holding a tool's
# name is the user's own title ("add fix the update_task bug").
_ADDING = re.compile(r"^\W*(?:add|create|new|put|jot|note|todo|to[\s-]do|remind)\b", FLAGS)
# The task the call names: "task_id 1", "task_id=1", '"task_id": 1', "task 1", "#1".
_NUMBER = re.compile(
    r"\btask_?id\W{0,4}(?P<id>\d+)\b|\btask\s+#?(?P<n>\d+)\b|(?<![\w#])#(?P<h>\d+)\b", FLAGS
)
# Anything a call may say besides its task: a change, a title, a status.
_MORE = re.compile(r"\b(?:title|due|priority|tags?|recurrence|description|status|all)\b", FLAGS)


def tool_call(text: str) -> Intent | None:
    """The reading of a message naming a tool, or None when it names none."""
    if _ADDING.match(text):
        return None
    verbs = {match["verb"].lower() for match in _TOOL.finditer(text)}
    if not verbs:
        return None
    numbers = {int(m["id"] or m["n"] or m["h"]) for m in _NUMBER.finditer(text)}
    if verbs == {"list"} and not numbers and not _MORE.search(text):
        # Looking is harmless: the list as "show my tasks" shows it.
        return Intent("list", status="pending")
    if len(verbs) == 1 and verbs & {"complete", "delete"} and len(numbers) == 1:
        # "call delete_task with task_id 1": that one task, asked about before anything is
        # done — the words may have been pasted from elsewhere.
        (kind,) = verbs
        return Intent(
            "complete" if kind == "complete" else "delete", task_id=numbers.pop(), ask=True
        )
    return Intent("tool_names", text=text)
