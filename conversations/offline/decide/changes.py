"""Changing one task the request names: the tool's arguments (tags added to its own, a
retitle in place, a priority one step along), the tasks asked about first, the changes by
number that look the task up before acting."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .. import words
from ..intents import Intent
from ..phrasings import ACTION_VERBS, VERB_KIN
from ..results import ToolStep
from .dates import _keeping_time, _not_skipped, _shifted, _snoozed
from .steps import (
    _TOOL_FOR,
    Call,
    Calls,
    Question,
    Reply,
    Step,
    _number_lookup,
    _outcome,
    _own_tags,
)


def _arguments(intent: Intent, task_id: int, task: dict[str, Any] | None = None) -> dict[str, Any]:
    arguments: dict[str, Any] = {"task_id": task_id}
    if intent.kind == "reopen":
        arguments["completed"] = False
    if intent.title is not None:
        arguments["title"] = intent.title
        if intent.in_title and intent.ref and task is not None:
            arguments["title"] = _retitled(str(task.get("title", "")), intent)
    if intent.description is not None:
        arguments["description"] = intent.description
        notes = str((task or {}).get("description") or "").strip()
        if intent.appends and notes and intent.description and intent.description not in notes:
            arguments["description"] = f"{notes}\n{intent.description}"
    if intent.due is not None:
        arguments["due"] = (
            _keeping_time(intent.due, task) if intent.kind == "reschedule" else intent.due
        )
    if intent.priority is not None:
        arguments["priority"] = intent.priority
    if intent.tags:
        # Tags are added to the task's own: the tool replaces the whole set.
        arguments["tags"] = list(dict.fromkeys([*_own_tags(task), *intent.tags]))
    if intent.retag:
        arguments["tags"] = list(intent.tags)
    if intent.untags or intent.untag_all:
        kept = [tag for tag in _own_tags(task) if tag not in intent.untags]
        arguments["tags"] = [] if intent.untag_all else kept
    if intent.recurrence is not None:
        arguments["recurrence"] = intent.recurrence
    if intent.reminder is not None:
        arguments["reminder"] = _snoozed(intent, task) or intent.reminder
    return arguments


def _confirm_number(
    intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]
) -> Step:
    """ "task 3 is no longer needed", "delete task 3?": the task is looked up so that the
    question names it."""
    assert intent.task_id is not None
    tool = _TOOL_FOR[intent.kind]
    for needed in ("list_tasks", tool):
        if needed not in available:
            return Reply(words.unavailable(tool))
    found = _number_lookup(intent.task_id, steps)
    if not isinstance(found, dict):
        return found
    return Reply(words.confirm(intent.kind, found), question=Question("confirm", intent, (found,)))


def _asks_first(intent: Intent, task: dict[str, Any]) -> bool:
    """Whether acting on `task` for `intent` waits for a yes: the request may be a question
    ("complete the report?"), news ("never mind the gym") or, for a deletion, the task itself
    said aloud ("cancel my gym membership")."""
    if intent.kind in ("complete", "reschedule"):
        return intent.ask
    return intent.kind == "delete" and (intent.ask or _says_its_title(intent.verb, task))


_NOT_NAMING = frozenset({"the", "my", "a", "an", "task", "todo", "one", "item"})


def _retitled(title: str, intent: Intent) -> str:
    """ "change the milk to oat milk" for "Buy milk": "Buy oat milk" — the words naming the task
    replaced in its title, the rest kept. A new title said whole (it starts with a deed, "buy
    oat milk"), or words that are the whole title or not found in it as said, replace it."""
    assert intent.title is not None and intent.ref is not None
    named = [word for word in intent.ref.split() if word.lower() not in _NOT_NAMING]
    first = intent.in_title.split()[0].lower() if intent.in_title.split() else ""
    if not named or first in ACTION_VERBS:
        return intent.title
    # "the electrician" for "the plumber" takes the title's article along with its words.
    article = r"(?:(?:the|my|a|an)\s+)?" if first in ("the", "my", "a", "an") else ""
    found = re.search(
        rf"(?<!\w){article}" + r"\s+".join(re.escape(word) for word in named) + r"(?!\w)",
        title,
        re.I,
    )
    if found is None or (found.start() == 0 and found.end() == len(title)):
        return intent.title
    new = title[: found.start()] + intent.in_title + title[found.end() :]
    return new[:1].upper() + new[1:]


def _another_deed(deed: str, task: dict[str, Any]) -> bool:
    """Whether `task`'s title starts with a deed other than `deed` ("Pay the plumber" for
    "call"); a title that starts with no verb ("Quarterly report") names no deed."""
    first = next(iter(str(task.get("title", "")).lower().split()), "").strip(".,;:!?")
    if first not in ACTION_VERBS or first == deed:
        return False
    return not any(deed in kin and first in kin for kin in VERB_KIN)


def _says_its_title(verb: str, task: dict[str, Any]) -> bool:
    """Whether the task's own title starts with the deletion's verb ("Cancel gym membership"
    for "cancel …")."""
    title = " ".join(str(task.get("title", "")).lower().split())
    return bool(verb) and (title == verb or title.startswith(f"{verb} "))


_PRIORITIES = ("none", "low", "medium", "high")


def _call_on(tool: str, intent: Intent, task: dict[str, Any]) -> Step:
    """The call acting on `task`; a tag to take off that the task does not have, or a priority
    to raise or lower past the end of the scale, is said instead."""
    missing = [tag for tag in intent.untags if tag not in _own_tags(task)]
    if missing:
        return Reply(words.not_tagged(task, missing))
    if intent.verb == "one_tag" and len(_own_tags(task)) > 1:
        # "remove the tag" from a task with several: which one is not for a guess.
        return Reply(words.which_tag(task, _own_tags(task)), about=task)
    if intent.priority_step:
        own = task.get("priority")
        level = _PRIORITIES.index(own) if own in _PRIORITIES else 0
        stepped = level + intent.priority_step
        if not 0 <= stepped < len(_PRIORITIES):
            return Reply(words.priority_at_end(task, intent.priority_step), about=task)
        intent = replace(intent, priority=_PRIORITIES[stepped], priority_step=0)
    if intent.skip is not None:
        refused = _not_skipped(intent.skip, task)
        if refused:
            return Reply(refused, about=task)
    if intent.shift:
        moved = _shifted(task, intent.shift)
        if moved is None:
            return Reply(words.cannot_shift(task, intent.shift), about=task)
        intent = replace(intent, kind="update", due=moved, shift=0)
    return Call(tool, _arguments(intent, task["id"], task))


def _each_priority(
    intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]
) -> Step:
    """ "set task 1 to high and task 2 to low": one change per number, each told."""
    if "update_task" not in available:
        return Reply(words.unavailable("update_task"))
    if not steps:
        numbered = [(task_id, level) for task_id, level in intent.priorities if task_id >= 1]
        missing = [words.no_task(task_id) for task_id, _ in intent.priorities if task_id < 1]
        if missing:
            return Reply("\n".join(missing))
        return Calls(
            tuple(
                Call("update_task", {"task_id": task_id, "priority": level})
                for task_id, level in numbered
            )
        )
    return Reply("\n".join(words.outcome(step) for step in steps))


def _tag_by_number(
    intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]
) -> Step:
    """ "tag task 3 with work", "remove the work tag from task 3": the task's own tags are kept,
    so it is looked up first (as is its due date for "move task 3 to friday", and whether it is
    done for "reopen task 3")."""
    assert intent.task_id is not None
    tool = _TOOL_FOR[intent.kind]
    for needed in ("list_tasks", tool):
        if needed not in available:
            return Reply(words.unavailable(tool))
    lookups = [step for step in steps if step.name == "list_tasks"]
    acted = [step for step in steps if step.name != "list_tasks"]
    if acted:
        return _told(intent, acted[-1])
    found = _number_lookup(intent.task_id, lookups)
    if not isinstance(found, dict):
        return found
    if intent.kind == "reopen" and not found.get("completed"):
        return Reply(words.not_done_yet(found), about=found)
    return _call_on(tool, intent, found)


def _told(intent: Intent, step: ToolStep) -> Reply:
    """The reply to a change: a skipped occurrence is said to be skipped, not done."""
    reply = _outcome(step)
    if intent.skip is not None and reply.text.startswith("Done — next one"):
        return replace(
            reply, text="Skipped — next one" + reply.text.removeprefix("Done — next one")
        )
    return reply
