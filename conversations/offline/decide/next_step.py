"""``decide``: the next step for a request, given this turn's tool results so far and what the
conversation left open. Pure."""

from __future__ import annotations

from .. import words
from ..intents import Intent
from ..results import ToolStep
from .adding import _add
from .bulk import _bulk
from .by_name import _by_reference, _to_known_tag
from .changes import _arguments, _confirm_number, _each_priority, _tag_by_number
from .completion import _completed_just_now
from .dates import _keeps_part
from .follow_ups import _resolve
from .questions import _find, _list, _more, _next, _recent, _suggest
from .steps import _TOOL_FOR, Call, Context, Question, Reply, Step, _single


def decide(
    intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str], ctx: Context
) -> Step:
    """Choose the next step for ``intent`` given this turn's tool steps so far."""
    resolved = _resolve(intent, ctx)
    if isinstance(resolved, Reply):
        return resolved
    intent = resolved
    again = _completed_just_now(intent, ctx)
    if again is not None:
        # "task 1 done" said again right after it moved a repeating task on: completing it
        # again would skip the next one, so that is asked first (a yes completes it).
        return Reply(words.done_again(again), question=Question("confirm", intent, (again,)))
    match intent.kind:
        case "greeting":
            return Reply(words.GREETING)
        case "help":
            return Reply(words.HELP)
        case "thanks":
            return Reply(words.THANKS)
        case "others":
            return Reply(words.ONLY_YOURS)
        case "tool_names":
            return Reply(words.TOOL_NAMES)
        case "bye":
            return Reply(words.BYE)
        case "add_missing_title":
            return Reply(words.MISSING_TITLE)
        case "compound":
            first, second = intent.text.split("\n", 1)
            return Reply(words.one_at_a_time(first, second))
        case "add":
            return _add(intent, steps, available)
        case "list" | "count":
            return _list(intent, steps, available)
        case "bulk":
            return _bulk(intent, steps, available)
        case "find":
            return _find(intent, steps, available)
        case "more":
            return _more(ctx, steps, available)
        case "next":
            return _next(steps, available)
        case "suggest":
            return _suggest(steps, available)
        case "recent":
            return _recent(intent, steps, available)
        case "complete" | "delete" | "update" | "reopen" | "reschedule":
            if intent.task_id is not None and intent.task_id < 1:
                # Tasks are numbered from 1: "task 0" is answered as a missing task, not with
                # the tools' validation text.
                return Reply(words.no_task(intent.task_id))
            if intent.priorities:
                return _each_priority(intent, steps, available)
            retags = intent.tags or intent.untags or intent.untag_all
            if intent.kind == "update" and retags and intent.task_id is not None:
                return _tag_by_number(intent, steps, available)
            looked_up = intent.shift or intent.skip is not None
            if (_keeps_part(intent) or looked_up) and intent.task_id is not None:
                # "move task 4 to 9am", "move it to monday": the task's day or time of day is
                # kept, so the task is looked up first.
                return _tag_by_number(intent, steps, available)
            if intent.kind == "reopen" and intent.task_id is not None and not intent.chosen:
                # "reopen task 3": a task that is not done is told so, not "reopened".
                return _tag_by_number(intent, steps, available)
            if intent.snooze and intent.task_id is not None:
                # "snooze task 3 for 10 minutes": counted from its reminder, so it is looked up.
                return _tag_by_number(intent, steps, available)
            if intent.priority_step and intent.task_id is not None:
                # "raise the priority of task 3": one step from the task's own priority.
                return _tag_by_number(intent, steps, available)
            if intent.ask and intent.task_id is not None and not intent.chosen:
                return _confirm_number(intent, steps, available)
            if intent.task_id is not None:
                call = Call(_TOOL_FOR[intent.kind], _arguments(intent, intent.task_id))
                return _single(call, steps, available)
            if intent.verb == "known_tag":
                return _to_known_tag(intent, steps, available)
            return _by_reference(intent, steps, available)
        case _:
            return Reply(words.unknown(intent.text))
