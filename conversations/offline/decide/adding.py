"""Adding tasks: one call per title, a task said without "add" that is already pending told
rather than added twice, a reminder whose time has passed dropped and said."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .. import words
from ..intents import Intent
from ..parse import (
    REMINDER_WHEN_DUE,
)
from ..phrasings import ACTION_VERBS, SAME_DEED
from ..results import ToolStep, read_result
from ..text import ref_words
from .steps import (
    MAX_TASKS_PER_MESSAGE,
    Call,
    Question,
    Reply,
    Step,
    _Lookup,
    _lookup,
    _outcome,
    _search_call,
)

_MORE_THAN_DAILY = re.compile(
    r"\b(?:(?:every|each)\s+(?:(?:\d+|few|couple\s+of)\s+|other\s+|half\s+(?:an\s+)?)?"
    r"(?:hours?|minutes?|mins?)|hourly|twice\s+a\s+day|(?:\d+|two|three|four)\s+times\s+a\s+day)\b",
    re.IGNORECASE,
)


def _add(intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]) -> Step:
    if "add_task" not in available:
        return Reply(words.unavailable("add_task"))
    titles = intent.titles or ((intent.title,) if intent.title else ())
    if not steps and any(_MORE_THAN_DAILY.search(title) for title in titles):
        # "stretch every hour": no task repeats more often than daily; a task named "Stretch
        # every hour" that never repeats is not what was asked.
        return Reply(words.MORE_THAN_DAILY)
    if len(titles) > MAX_TASKS_PER_MESSAGE:
        return Reply(
            f"That's {len(titles)} tasks in one message; I can add up to "
            f"{MAX_TASKS_PER_MESSAGE} at a time. Please split them up."
        )
    if intent.implied and len(titles) == 1:
        # "clean the garage" said without "add": when that task is already pending, it is
        # told rather than added twice ("add clean the garage" adds it again).
        if not steps:
            return _search_call(_without_deed(titles[0]), "pending")
        lookup = _lookup(steps[:1])
        same = [
            task
            for task in (lookup.tasks if isinstance(lookup, _Lookup) else [])
            if _same_title(task["title"], titles[0]) and task.get("status") != "completed"
        ]
        if same and (intent.due or intent.recurrence):
            # "clean the garage tomorrow" with "Clean the garage" pending: its due date (or how
            # it repeats) is offered, and a yes sets it; no twin is added.
            offer = Intent(
                "update" if intent.recurrence else "reschedule",
                due=intent.due,
                recurrence=intent.recurrence,
            )
            return Reply(
                words.already_listed_when(
                    same[0], intent.text or titles[0], intent.due, intent.recurrence
                ),
                question=Question("confirm", offer, (same[0],)),
                about=same[0],
            )
        if same:
            return Reply(words.already_listed(same[0], intent.text or titles[0]), about=same[0])
        steps = steps[1:]
    if len(steps) < len(titles):
        return Call("add_task", _add_arguments(intent, titles, len(steps)))
    if len(titles) == 1 and _reminder_passed(intent, steps[0]):
        if len(steps) == 1:
            # "remind me today at 8am to call the bank" at 9: the tools refuse the reminder and
            # so add nothing; the task is added without it, and told.
            arguments = _add_arguments(intent, titles, 0)
            arguments.pop("reminder", None)
            return Call("add_task", arguments)
        _, error = read_result(steps[0])
        reply = _outcome(steps[-1])
        if read_result(steps[-1])[0] is None:
            return reply  # not added after all: the failure is what matters
        return replace(reply, text=f"{reply.text} {words.reminder_passed(error or '')}")
    if len(steps) == 1:
        return _outcome(steps[0])
    return Reply(words.added(steps))


# Words that do not make a title another task: "grab some milk" is "Buy milk" again.
_FILLER = frozenset({"the", "a", "an", "my", "some", "more"})


def _without_deed(title: str) -> str:
    """A title without the verb it starts with, and without "some" ("Grab some milk" → "milk"):
    what a task said again in other words shares with it, and so what its twin is looked up by."""
    first, _, rest = title.partition(" ")
    rest = " ".join(word for word in rest.split() if word.lower() not in _FILLER)
    return rest if first.lower() in ACTION_VERBS and ref_words(rest) else title


def _same_title(one: str, other: str) -> bool:
    """Whether two titles are the same words, case, punctuation, articles and "some" aside,
    and a deed said in other words ("grab", "pick up" for "buy") as the same deed."""

    def words_of(title: str) -> list[str]:
        said = " ".join(re.findall(r"[a-z0-9']+", title.lower()))
        for verb, deed in SAME_DEED.items():
            if said == verb or said.startswith(f"{verb} "):
                said = deed + said[len(verb) :]
                break
        return [word for word in said.split() if word not in _FILLER]

    return words_of(one) == words_of(other)


def _add_arguments(intent: Intent, titles: tuple[str, ...], index: int) -> dict[str, Any]:
    """The arguments of the add_task call for the `index`-th of `titles`."""
    arguments: dict[str, Any] = {"title": titles[index]}
    if intent.description and len(titles) == 1:
        arguments["description"] = intent.description
    if len(intent.extras) == len(titles):
        arguments.update(intent.extras[index].as_arguments())
    return arguments


def _reminder_passed(intent: Intent, step: ToolStep) -> bool:
    """Whether the tools refused the reminder a "remind me …" add implied ("when it's due")
    because its time has passed: the task itself was asked for all the same."""
    if intent.reminder != REMINDER_WHEN_DUE or step.name != "add_task":
        return False
    data, error = read_result(step)
    return data is None and words.is_past_reminder(error or "")
