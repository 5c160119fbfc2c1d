"""Deciding: intent + this turn's tool results + what the conversation was about → next step.

``decide`` is a pure function. A request that names a task by title looks the tasks up first
and acts only on a single whole-word match; anything less certain becomes a question, whose
answer arrives as the next user message. Questions are not remembered anywhere: ``context``
replays the earlier turns of the history through ``decide`` to find the question that was
asked and the task that was last talked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from . import words
from .history import Turn
from .intents import Intent, Status
from .match import Matches, find_matches, names_part, narrow
from .parse import (
    MAX_SPAN,
    REMINDER_WHEN_DUE,
    bulk_of,
    names_only_a_day,
    names_only_a_time,
    numbers_of,
    parse_intent,
)
from .phrasings import ACTION_VERBS, ORDINALS, VERB_KIN
from .results import ToolStep, listed_tasks, read_result
from .text import ref_words

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


@dataclass(frozen=True)
class _Lookup:
    """The result of this turn's list_tasks step, when there is one."""

    tasks: list[dict[str, Any]] = field(default_factory=list)
    total: int | None = None
    next_cursor: str | None = None


_ANSWERS = frozenset({"yes", "no", "choose", "unknown", "thanks", "more"})


def context(past: list[Turn]) -> Context:
    """Replay the earlier turns to learn what is open now. Pure: history in, context out.

    Only the turns from the last request that stands on its own are replayed: an answer
    ("yes", "the second", "the bank one", "delete it") needs the turn it answers, nothing older.
    """
    intents = [parse_intent(turn.request) for turn in past]
    start = 0
    for index in range(len(intents) - 1, -1, -1):
        answer_like = intents[index].kind in _ANSWERS or intents[index].implied
        # "it", "the second one" point back at what an earlier turn showed: from there.
        # "delete #2" right after a list may ask whether the list's second was meant: the
        # list is replayed too.
        acting = intents[index].kind in ("complete", "delete")
        ref = " ".join((intents[index].ref or "").lower().split())
        # … and "delete them" what was listed or added before it.
        # … and "delete the first and third" the places of a list.
        numbered = acting and (intents[index].task_id or _THEM.fullmatch(ref) or _places(ref))
        if (
            not answer_like
            and not intents[index].pronoun
            and intents[index].choice is None
            and not numbered
        ):
            start = index
            break
    state = Context()
    for turn, intent in zip(past[start:], intents[start:], strict=True):
        step = decide(intent, turn.steps, TOOLS, state)
        state = _after(step, turn.steps, state)
    return state


def _after(step: Step, steps: list[ToolStep], before: Context) -> Context:
    last = before.last_task
    changed = [done for done in steps if done.name != "list_tasks"]
    for done in changed:
        data, _ = read_result(done)
        if data is None:
            continue
        # A deleted task is no "it"; after several changes at once, "it" could be any of them:
        # it means none.
        unclear = done.name == "delete_task" or len(changed) > 1
        last = None if unclear else _changed_task(data)
    only = read_result(changed[0])[0] if len(changed) == 1 else None
    change = (changed[0].name, only) if only is not None else None
    added = change is not None and change[0] == "add_task"
    completed = [done for done in changed if done.name == "complete_task"]
    together: tuple[int, ...] = ()
    if len(completed) > 1 and len(completed) == len(changed):
        results = [read_result(done)[0] for done in completed]
        together = tuple(data["task_id"] for data in results if data and "task_id" in data)
    # Several tasks added at once are what "the first one" or "delete them" next means.
    results = [read_result(done)[0] for done in changed]
    many_added: tuple[dict[str, Any], ...] = ()
    if len(changed) > 1 and all(done.name == "add_task" for done in changed) and all(results):
        many_added = tuple(_changed_task(data) for data in results if data)
    if isinstance(step, Reply):
        if step.about is not None:
            last = step.about
        shown = step.shown or (step.question.candidates if step.question else ()) or many_added
        if not shown and _kept_in_view(change, before.shown):
            # "complete the third one", then "delete the last one": still that list's last.
            shown = before.shown
        return Context(
            question=step.question,
            last_task=last,
            shown=shown,
            more=step.more,
            done_together=together,
            added=added and last is not None and step.about in (None, last),
            changed=change,
        )
    return Context(
        last_task=last, done_together=together, added=added and last is not None, changed=change
    )


_PLACE = rf"(?:the\s+)?({'|'.join(ORDINALS)})(?:\s+(?:one|task|item)s?)?"
_PLACES = re.compile(rf"{_PLACE}(?:\s*(?:,|&|\band\b)\s*(?:and\s+)?{_PLACE})+", re.IGNORECASE)


def _places(ref: str) -> list[int]:
    """ "the first and second", "first, third and last ones": the list places named (two or
    more), or none."""
    said = " ".join(ref.lower().split())
    if not _PLACES.fullmatch(said):
        return []
    return [ORDINALS[word] for word in re.findall(_PLACE, said)]


def _to_known_tag(
    intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]
) -> Step:
    """ "move the report to work": the whole list is looked up; with a task tagged "work",
    the task named moves to that tag, else nothing changes and "#work" is asked for."""
    if not steps:
        return Call("list_tasks", {"status": "all", "limit": 200})
    found = _lookup(steps[:1])
    tag = intent.tags[0]
    if isinstance(found, _Lookup) and not any(tag in _own_tags(task) for task in found.tasks):
        return Reply(words.no_such_tag(tag, intent.ref or ""))
    return _by_reference(replace(intent, verb=""), steps, available)


def _kept_in_view(
    change: tuple[str, dict[str, Any]] | None, shown: tuple[dict[str, Any], ...]
) -> bool:
    """Whether a list stays the one "the last one" means after `change`: a task of it was
    completed or changed (a deletion leaves the places unclear)."""
    if change is None or change[0] not in ("complete_task", "update_task"):
        return False
    return any(task.get("id") == change[1].get("task_id") for task in shown)


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


def _resolve(intent: Intent, ctx: Context) -> Intent | Reply:
    """Turn an answer ("yes", "the second", "#4", "the bank one", "it") into a request."""
    question = ctx.question
    if (
        intent.kind == "unknown"
        and question is not None
        and question.kind == "choose"
        and question.intent.kind in ("complete", "delete")
        and _EVERY_ONE.fullmatch(" ".join((intent.text or "").lower().split()))
    ):
        # "both", "all of them" after "which one?": each task named, and a yes acts.
        return _each_asked(question.intent.kind, list(question.candidates), intent.text)
    them = _THEM.fullmatch(" ".join((intent.ref or "").lower().split()))
    if them and (intent.skip is not None or intent.kind in ("update", "reschedule")):
        # "skip them", "push them back a day": one task at a time (skipping is not completing,
        # and a move of several is never a guess).
        return Reply(words.bulk_refused("skip" if intent.skip is not None else intent.kind))
    if intent.kind in ("complete", "delete") and question is None and len(ctx.shown) > 1 and them:
        # "delete them" right after several tasks were listed or added: each named, and a yes
        # acts ("them" was looked up as words of a title).
        return _each_asked(intent.kind, list(ctx.shown), intent.text)
    if (
        intent.kind == "complete"
        and intent.pronoun
        and question is not None
        and question.kind == "confirm"
        and question.intent.kind == "complete"
        and len(question.candidates) == 1
    ):
        # "did that already" after "Do you want to complete …?": a yes.
        intent = Intent("yes", text=intent.text)
    places = _places(intent.ref or "")
    if intent.kind in ("complete", "delete") and question is None and places:
        # "mark the first and second as done" after a list: each named, and a yes acts.
        if not ctx.shown or any(not -len(ctx.shown) <= place < len(ctx.shown) for place in places):
            return Reply(words.which_task(_example(intent, 2)))
        picked = list({ctx.shown[place]["id"]: ctx.shown[place] for place in places}.values())
        return _each_asked(intent.kind, picked, intent.text or intent.ref or "")
    if intent.kind == "yes":
        if question is None:
            return Reply(words.NOTHING_TO_CONFIRM)
        if question.intent.kind == "bulk":
            ids = tuple(task["id"] for task in question.candidates)
            return replace(question.intent, task_ids=ids, chosen=True)
        if len(question.candidates) == 1:
            return question.intent.on(question.candidates[0]["id"])
        return Reply(
            "Which one? Say “the first”, “the second”… or the task number.", question=question
        )
    if intent.kind == "thanks" and question is not None and question.kind == "confirm":
        return Reply(words.SAY_YES, question=question)
    if _takes_back(intent) and question is None and ctx.added and ctx.last_task is not None:
        # "scratch that", "undo" right after a task was added: it is offered for deletion (a
        # yes deletes it) rather than "nothing changed" with the task still there.
        task = ctx.last_task
        return Reply(
            words.undo_added(task),
            question=Question("confirm", Intent("delete", task_id=task["id"]), (task,)),
            about=task,
        )
    if (
        intent.kind == "no"
        and question is None
        and ctx.changed is not None
        and not _REFUSAL.search(intent.text)
    ):
        # "no" right after a change: the change was made, and is said so (not "nothing
        # changed"), with how to take it back.
        return Reply(words.change_stands(*ctx.changed))
    if intent.kind == "no":
        return Reply(words.LEFT_ALONE if question is not None else words.NOTHING_CHANGED)
    if intent.kind == "choose":
        if question is None and ctx.shown:
            return _focus(intent, ctx.shown)
        if question is None or question.intent.kind == "bulk":
            return Intent("unknown", text=intent.text or "that")
        if question.kind == "confirm":
            # "the first one", "2" after "Do you want to delete …?" are not a yes.
            return Reply(words.SAY_YES, question=question)
        if intent.task_id is not None:
            picked = [task for task in question.candidates if task["id"] == intent.task_id]
            if not picked:
                # "2" might mean task #2 or the second one: neither is a safe guess.
                return Reply(words.not_a_candidate(intent.task_id), question=question)
            return _picked(question, picked[0])
        choice = intent.choice if intent.choice is not None else 0
        if -len(question.candidates) <= choice < len(question.candidates):
            return _picked(question, question.candidates[choice])
        return Reply(
            f"There are only {len(question.candidates)} to choose from — which one do you mean?",
            question=question,
        )
    unsure = intent.kind == "unknown" or intent.implied
    if unsure and question is not None and question.kind == "choose":
        picked = narrow(list(question.candidates), intent.text)
        if len(picked) == 1:
            return _picked(question, picked[0])
        if len(picked) > 1:
            narrower = replace(question, candidates=tuple(picked))
            return Reply(
                words.ambiguous(question.intent.kind, intent.text, picked), question=narrower
            )
    if _number_or_place(intent, ctx) and question is None:
        # "delete #2" right after a list without task 2 in it: task 2, or the second one
        # listed? A deletion of a task the list did not show is not for a guess.
        assert intent.task_id is not None
        listed = ctx.shown[intent.task_id - 1]
        unlisted: dict[str, Any] = {"id": intent.task_id, "title": ""}
        return Reply(
            words.number_or_place(intent.kind, listed, intent.task_id),
            question=Question("choose", intent, (unlisted, listed)),
        )
    if intent.choice is not None:
        if not -len(ctx.shown) <= intent.choice < len(ctx.shown):
            return Reply(words.which_task(_example(intent, 2)))
        placed = ctx.shown[intent.choice]
        numbered = [task for task in ctx.shown if task.get("id") == intent.choice + 1]
        if (
            intent.choice >= 0
            and numbered
            and numbered[0] is not placed
            and intent.ordinal_task
            and not intent.chosen
        ):
            # "complete the 2nd task" after a list showing #2 second-last: the second one
            # listed, or task 2? Both are named, and the answer picks.
            both = (placed, numbered[0])
            return Reply(
                words.place_or_number(intent.kind, *both), question=Question("choose", intent, both)
            )
        return _aimed(intent, placed)
    if intent.pronoun:
        if intent.text == "undo" and ctx.done_together:
            # Several were just completed: they are named, to be reopened one at a time.
            return Reply(words.undo_several(ctx.done_together))
        if intent.text == "undo" and (ctx.last_task or {}).get("status") != "completed":
            # "undo" after an add or a change would reopen a task that was never done, and
            # say so: what it should undo is not known.
            return Reply(words.NOTHING_TO_UNDO)
        if ctx.last_task is None:
            return Reply(words.which_task(_example(intent, 2)))
        return _aimed(_same_week(intent, ctx), ctx.last_task)
    return intent


_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _same_week(intent: Intent, ctx: Context) -> Intent:
    """ "actually make that thursday" right after a task was moved to Wed 9 Dec: the Thursday
    of that week (Thu 10 Dec) — the day just set is being corrected, not replaced by the
    next Thursday. A day already past is left to the tools' reading."""
    said = " ".join((intent.due or "").lower().split())
    named = re.fullmatch(r"(?:on\s+)?(mon|tue|wed|thu|fri|sat|sun)[a-z]*", said)
    if intent.kind != "reschedule" or named is None or ctx.changed is None:
        return intent
    tool, data = ctx.changed
    item = data.get("task")
    due = item.get("due") if isinstance(item, dict) else None
    if tool != "update_task" or data.get("task_id") != (ctx.last_task or {}).get("id"):
        return intent
    day = _DUE_DAY.match(due) if isinstance(due, str) else None
    now = words.NOW.get()
    if day is None or now is None:
        return intent
    set_day = date.fromisoformat(day[0])
    target = set_day + timedelta(days=_WEEKDAY_NAMES.index(named[1]) - set_day.weekday())
    if target <= now.date():
        return intent
    timed = _DUE_TIME.match(due or "")
    return replace(intent, due=f"{target.isoformat()} at {timed['time']}" if timed else str(target))


# "don't delete the milk task": a change refused, not a "no" to the change just made.
_REFUSAL = re.compile(r"\b(?:don'?t|do\s+not|never)\b", re.IGNORECASE)

# Said right after an add, these take it back; any other "no" only answers a question.
_TAKE_BACK = frozenset(
    {
        "scratch that",
        "scratch it",
        "scratch this",
        "scrap that",
        "cancel that",
        "cancel it",
        "forget that",
        "forget it",
        "forget this",
        "never mind that",
    }
)


# How recent a repeating task's last completion makes completing it again a question.
_LATELY = timedelta(hours=12)


def _done_lately(task: dict[str, Any]) -> bool:
    """Whether `task` repeats and was completed (for an earlier occurrence) in the last hours."""
    value, now = task.get("completed_at"), words.NOW.get()
    if not task.get("recurrence") or not isinstance(value, str) or now is None:
        return False
    try:
        done = datetime.fromisoformat(value)
    except ValueError:
        return False
    return done.tzinfo is not None and now - done < _LATELY


def _each_asked(kind: str, tasks: list[dict[str, Any]], text: str) -> Reply:
    """Completing or deleting each of `tasks`, named first: a yes acts on them all."""
    bulk = Intent(
        "bulk",
        action=kind,  # type: ignore[arg-type]
        task_ids=tuple(task["id"] for task in tasks),
        span=True,
        text=text,
    )
    return Reply(
        words.span_question(kind, tasks, [], []),
        question=Question("confirm", bulk, tuple(tasks)),
    )


def _completed_just_now(intent: Intent, ctx: Context) -> dict[str, Any] | None:
    """The repeating task a completion by number (or "it") names, when the turn before
    completed that very task and moved it on; else None."""
    if intent.kind != "complete" or intent.task_id is None or ctx.changed is None:
        return None
    tool, result = ctx.changed
    if tool != "complete_task" or result.get("task_id") != intent.task_id:
        return None
    if not result.get("next_due"):
        return None
    return {"id": intent.task_id, "title": result.get("title", ""), "due": result["next_due"]}


def _number_or_place(intent: Intent, ctx: Context) -> bool:
    """Whether a completion or deletion of task N follows a list that does not show task N but
    has an N-th line."""
    number = intent.task_id
    return (
        intent.kind in ("complete", "delete")
        and number is not None
        and not intent.chosen
        and not intent.span
        and 1 <= number <= len(ctx.shown)
        and all(task.get("id") != number for task in ctx.shown)
    )


def _takes_back(intent: Intent) -> bool:
    """Whether the message asks to take back what was just done ("undo", "scratch that")."""
    if intent.kind == "reopen" and intent.pronoun and intent.text == "undo":
        return True
    return intent.kind == "no" and intent.text.lower() in _TAKE_BACK


def _aimed(intent: Intent, task: dict[str, Any]) -> Intent | Reply:
    """`intent` aimed at `task` the conversation points to ("it", "the second one"). A task
    known not to be done is not reopened ("reopen it" right after an add): nothing changes."""
    if intent.kind == "reopen" and task.get("completed") is False:
        if intent.text == "undo" and task.get("recurrence") and task.get("previous_due"):
            # Right after a repeating task was completed: back to the day it moved on from, its
            # completion taken back.
            return replace(intent.on(task["id"]), due=str(task["previous_due"]))
        if intent.text == "undo" and task.get("recurrence"):
            return Reply(words.moved_on(task), about=task)
        return Reply(words.not_done_yet(task), about=task)
    if intent.ask:
        # "delete it?": pointed at, not yet confirmed.
        return replace(intent.on(task["id"]), chosen=False)
    return intent.on(task["id"])


def _focus(intent: Intent, shown: tuple[dict[str, Any], ...]) -> Reply:
    """ "the second", "#2" after a list, with no verb: that task becomes the one "delete it" or
    "mark it done" means next; nothing is done to it (what to do was not said)."""
    if intent.task_id is not None:
        task = next((task for task in shown if task["id"] == intent.task_id), None)
        if task is None:
            return Reply(words.not_shown(intent.task_id, len(shown)), shown=shown)
    else:
        choice = intent.choice if intent.choice is not None else 0
        if not -len(shown) <= choice < len(shown):
            return Reply(words.not_shown(0, len(shown)), shown=shown)
        task = shown[choice]
    return Reply(words.focused(task), about=task, shown=shown)


def _picked(question: Question, task: dict[str, Any]) -> Intent | Reply:
    """The request aimed at the task an answer to "which one?" picked. Picking a task is not
    saying yes to a deletion that asks first ("never mind the meeting", "cancel my gym
    membership" for "Cancel gym membership"): that is asked next."""
    if question.kind == "choose" and _asks_first(question.intent, task):
        return Reply(
            words.confirm("delete", task), question=Question("confirm", question.intent, (task,))
        )
    return question.intent.on(task["id"])


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


def _snoozed(intent: Intent, task: dict[str, Any] | None) -> str | None:
    """ "snooze the oven for 10 minutes" while its reminder is still to come: that reminder's
    time plus the span, as the tools read an instant ("in 10 minutes" would bring it forward)."""
    if not intent.snooze or task is None:
        return None
    pending = _reminder_time(task)
    now = words.NOW.get()
    if pending is None or (now is not None and pending <= now):
        return None
    return (pending + timedelta(minutes=intent.snooze)).isoformat(timespec="minutes")


# A due date-time as list_tasks shows it, in the user's zone: "2026-12-03T15:00:00+01:00".
_DUE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT(?P<time>\d\d:\d\d)")
_DUE_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
_AT = re.compile(r"^at\s+", re.IGNORECASE)


def _keeps_part(intent: Intent) -> bool:
    """Whether a move names a time alone or a day alone: the task's other part is kept."""
    due = intent.due or ""
    return intent.kind == "reschedule" and (names_only_a_time(due) or names_only_a_day(due))


_EVERY_ONE = re.compile(
    r"both(?:\s+of\s+them)?|all(?:\s+(?:two|three|four|five))?(?:\s+of\s+them)?|each\s+of\s+them"
)
_THEM = re.compile(r"(?:all\s+of\s+)?(?:them|those|these)(?:\s+(?:ones|tasks|three|two))?")
_PART_OF_THE_DAY = re.compile(r"in\s+the\s+(morning|afternoon|evening)", re.IGNORECASE)


def _keeping_time(when: str, task: dict[str, Any] | None) -> str:
    """ "push the plumber to friday" for a task due tomorrow at 3 pm: "friday at 15:00" — a day
    alone moves the task, not its time of day; "move the meeting to 9am" for a task due friday:
    "2026-12-11 at 9am" — a time alone keeps its day (the tools would read "9am" as the next
    one). Only a task looked up has its due date here."""
    due = (task or {}).get("due")
    day = _DUE_DAY.match(due) if isinstance(due, str) else None
    if day is not None and names_only_a_time(when):
        return f"{day[0]} at {_AT.sub('', when.strip())}"
    part = _PART_OF_THE_DAY.fullmatch(when.strip())
    if day is not None and part is not None:
        # "change the meeting to the morning" for a task due friday: friday morning.
        return f"{day[0]} {part[1]}"
    timed = _DUE_TIME.match(due) if isinstance(due, str) else None
    if timed is None or not names_only_a_day(when):
        return when
    return f"{when} at {timed['time']}"


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
            return _search_call(titles[0], "pending")
        lookup = _lookup(steps[:1])
        same = [
            task
            for task in (lookup.tasks if isinstance(lookup, _Lookup) else [])
            if _same_title(task["title"], titles[0]) and task.get("status") != "completed"
        ]
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


def _same_title(one: str, other: str) -> bool:
    """Whether two titles are the same words, case, punctuation and articles aside."""

    def words_of(title: str) -> list[str]:
        said = re.findall(r"[a-z0-9']+", title.lower())
        return [word for word in said if word not in ("the", "a", "an", "my")]

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


def _filters(intent: Intent) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    if intent.due_filter in words.DUE_SPANS:
        filters.update(words.DUE_SPANS[intent.due_filter][0])
    elif intent.due_filter:
        filters["due"] = intent.due_filter
    if intent.due_before:
        filters["due_before"] = intent.due_before
    if intent.due_after:
        filters["due_after"] = intent.due_after
    if intent.sort:
        filters["sort"] = intent.sort
    if intent.tags:
        filters["tag"] = intent.tags[0]
    if intent.priority:
        filters["priority"] = intent.priority
    if intent.recurring is not None:
        filters["recurring"] = intent.recurring
    if intent.completed_since:
        filters["completed_since"] = intent.completed_since
        filters.setdefault("sort", "recently_completed")
    return filters


def _list(intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]) -> Step:
    if "list_tasks" not in available:
        return Reply(words.unavailable("list_tasks"))
    if intent.topic:
        return _topic_list(intent, intent.topic, steps)
    if intent.reminders:
        return _reminder_list(steps)
    arguments = {"status": intent.status, **_filters(intent)}
    if not steps:
        return Call("list_tasks", arguments)
    found = _lookup(steps)
    if isinstance(found, str):
        return Reply(found)
    filters = _filters(intent)
    if intent.kind == "count":
        return Reply(words.count(found.tasks, intent.status, found.total, filters))
    return _listed(found, intent.status, filters, arguments)


# How many pending tasks a reminder list looks through (the tools' largest page).
_REMINDER_PAGE = 200


def _reminder_list(steps: list[ToolStep]) -> Step:
    """ "what reminders do I have?": the pending tasks that have a reminder set, soonest first.
    The tools cannot filter by reminder, so one large page of pending tasks is narrowed; when
    there are more pending tasks than it holds, the reply says the list may be incomplete."""
    if not steps:
        return Call("list_tasks", {"status": "pending", "limit": _REMINDER_PAGE})
    found = _lookup(steps)
    if isinstance(found, str):
        return Reply(found)
    tasks = sorted(
        (task for task in found.tasks if _reminder_time(task) is not None),
        key=lambda task: _reminder_time(task) or datetime.min,
    )
    partial = found.next_cursor is not None or (found.total or 0) > len(found.tasks)
    return Reply(
        words.reminders(tasks, looked=len(found.tasks) if partial else None),
        about=tasks[0] if len(tasks) == 1 else None,
        shown=tuple(tasks),
    )


def _reminder_time(task: dict[str, Any]) -> datetime | None:
    """When the task's pending reminder fires (the tools show it with an offset), or None."""
    value = task.get("reminder_at")
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _topic_list(intent: Intent, topic: str, steps: list[ToolStep]) -> Step:
    """ "show my work tasks": the tasks tagged "work" when there are any; otherwise those whose
    titles hold the word (whole words, as a name lookup reads them). Only lists."""
    filters = _filters(intent)
    tagged = {"status": intent.status, **filters, "tag": topic}
    if not steps:
        return Call("list_tasks", tagged)
    found = _lookup(steps[:1])
    if isinstance(found, str):
        return Reply(found)
    if found.tasks:
        return _listed(found, intent.status, {**filters, "tag": topic}, tagged)
    if len(steps) == 1:
        return Call(
            "list_tasks", {"status": intent.status, **filters, "search": search_root(topic)}
        )
    searched = _lookup(steps[1:2])
    if isinstance(searched, str):
        return Reply(searched)
    tasks = find_matches(searched.tasks, topic).exact
    return Reply(
        words.about_topic(topic, tasks, filters),
        about=tasks[0] if len(tasks) == 1 else None,
        shown=tuple(tasks),
    )


def _listed(
    found: _Lookup, status: str, filters: dict[str, Any], arguments: dict[str, Any]
) -> Reply:
    about = found.tasks[0] if len(found.tasks) == 1 else None
    return Reply(
        words.listing(found.tasks, status, found.total, filters),
        about=about,
        shown=tuple(found.tasks),
        more=(arguments, found.next_cursor) if found.next_cursor else None,
    )


def _more(ctx: Context, steps: list[ToolStep], available: set[str] | frozenset[str]) -> Step:
    """ "show more": the next page of the last listing."""
    if "list_tasks" not in available:
        return Reply(words.unavailable("list_tasks"))
    if ctx.more is None:
        return Reply(words.NOTHING_MORE)
    arguments, cursor = ctx.more
    if not steps:
        return Call("list_tasks", {**arguments, "cursor": cursor})
    found = _lookup(steps)
    if isinstance(found, str):
        return Reply(found)
    shown = len(found.tasks)
    reply = _listed(found, str(arguments.get("status", "all")), {}, arguments)
    text = words.next_page(found.tasks, found.total, shown, bool(found.next_cursor))
    return replace(reply, text=text)


def _find(intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]) -> Step:
    """Show the tasks a reference matches (whole words first, then with a typo), or the task
    of a number ("show task 3": looked up in list pages, as tagging does)."""
    if "list_tasks" not in available:
        return Reply(words.unavailable("list_tasks"))
    if intent.task_id is not None and intent.task_id < 1:
        return Reply(words.no_task(intent.task_id))
    if intent.task_id is not None:
        return _show_number(intent, steps)
    ref = intent.ref or ""
    if not ref_words(ref):
        return Reply("What should I look for? For example: “find dentist”.")
    if not steps:
        return _search_call(ref)
    found = _lookup(steps)
    if isinstance(found, str):
        return Reply(found)
    matches = find_matches(found.tasks, ref)
    if not matches.exact and len(steps) == 1:
        # Nothing by whole words: look at the list itself for a title with a typo.
        return Call("list_tasks", {"status": "all"})
    if len(steps) > 1:
        fallback = _lookup(steps[1:])
        if isinstance(fallback, str):
            return Reply(fallback)
        matches = find_matches(fallback.tasks, ref)
    if intent.asked:
        return _answer(intent, ref, matches)
    tasks = matches.exact or matches.fuzzy
    about = tasks[0] if len(tasks) == 1 else None
    return Reply(words.found(ref, tasks), about=about, shown=tuple(tasks))


def _answer(intent: Intent, ref: str, matches: Matches) -> Reply:
    """A question about one task by name: answered for a single whole-word match; several
    matches ask which one, a match with a typo asks whether it is the one meant."""
    if len(matches.exact) == 1:
        task = matches.exact[0]
        return Reply(words.answer(intent.asked or "", task), about=task)
    if matches.exact and intent.asked == "kept":
        # "did I delete the rent task?": whichever was meant, each match is still listed.
        return Reply(words.still_listed(ref, matches.exact), shown=tuple(matches.exact))
    if matches.exact:
        return Reply(
            words.ambiguous(intent.kind, ref, matches.exact),
            question=Question("choose", intent, tuple(matches.exact)),
        )
    if len(matches.fuzzy) == 1:
        return Reply(
            words.did_you_mean_asked(matches.fuzzy[0]),
            question=Question("confirm", intent, tuple(matches.fuzzy)),
        )
    if matches.fuzzy:
        return Reply(
            words.ambiguous(intent.kind, ref, matches.fuzzy),
            question=Question("choose", intent, tuple(matches.fuzzy)),
        )
    if intent.asked == "kept":
        return Reply(words.not_listed(ref))
    return Reply(words.no_match(ref, "all"))


def _show_number(intent: Intent, steps: list[ToolStep]) -> Step:
    assert intent.task_id is not None
    found = _number_lookup(intent.task_id, steps)
    if isinstance(found, dict):
        if intent.asked:
            return Reply(words.answer(intent.asked, found), about=found)
        return Reply(words.details(found), about=found, shown=(found,))
    return found


# "when's my next task?": the pending tasks due soonest (tasks without a due date come last).
_NEXT_PAGE = 5


def _next(steps: list[ToolStep], available: set[str] | frozenset[str]) -> Step:
    """The pending task due soonest, and any due at the same time."""
    if "list_tasks" not in available:
        return Reply(words.unavailable("list_tasks"))
    if not steps:
        return Call("list_tasks", {"status": "pending", "sort": "due", "limit": _NEXT_PAGE})
    found = _lookup(steps)
    if isinstance(found, str):
        return Reply(found)
    dated = [task for task in found.tasks if task.get("due")]
    soonest = [task for task in dated if task["due"] == dated[0]["due"]] if dated else []
    about = soonest[0] if len(soonest) == 1 else None
    return Reply(words.next_due(soonest, bool(found.tasks)), about=about, shown=tuple(soonest))


# "what should I do next?": this many of the most pressing pending tasks, read off one page
# sorted by due date (the tools' largest).
_SUGGESTED = 3
_SUGGEST_PAGE = 200
# Due within this many days (as "anything due soon?" reads it), a task comes before the
# undated and later ones whatever their priority.
_SOON_DAYS = 7


def _suggest(steps: list[ToolStep], available: set[str] | frozenset[str]) -> Step:
    """The most pressing few pending tasks: overdue and due within a week first, soonest
    first; then the rest by priority, those due sooner first."""
    if "list_tasks" not in available:
        return Reply(words.unavailable("list_tasks"))
    if not steps:
        return Call("list_tasks", {"status": "pending", "sort": "due", "limit": _SUGGEST_PAGE})
    found = _lookup(steps)
    if isinstance(found, str):
        return Reply(found)
    now = words.NOW.get()
    today = now.date() if now is not None else None
    ranked = sorted(found.tasks, key=lambda task: _pressing(task, today))
    shown = ranked[:_SUGGESTED]
    total = max(found.total or 0, len(found.tasks))
    text = words.suggested(shown, total)
    if any("due" not in task for task in found.tasks):
        # An earlier turn's list, replayed without due dates and priorities: the order it was
        # shown in is not known, so "the first one" points at nothing rather than a guess.
        return Reply(text)
    about = shown[0] if len(shown) == 1 else None
    return Reply(text, about=about, shown=tuple(shown))


def _pressing(task: dict[str, Any], today: date | None) -> tuple[Any, ...]:
    """How pressing a pending task is, as a sort key (smallest first)."""
    due = words.due_day(task)
    level = _PRIORITIES.index(task["priority"]) if task.get("priority") in _PRIORITIES else 0
    soon = due is not None and (today is None or due <= today + timedelta(days=_SOON_DAYS))
    if soon:
        return (0, due, -level, task["id"])
    return (1, -level, due is None, due or date.max, task["id"])


# "what did I add recently?": this many of the newest tasks.
_RECENT = 5


def _recent(intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]) -> Step:
    """The tasks added last, newest first: those added today ("what did I add today?"), or
    the newest few."""
    if "list_tasks" not in available:
        return Reply(words.unavailable("list_tasks"))
    today = intent.asked == "today"
    if not steps:
        arguments: dict[str, Any] = {"status": "all", "sort": "newest"}
        if today:
            arguments.update(created_since="today", limit=_TAG_PAGE)
        else:
            arguments["limit"] = _RECENT
        return Call("list_tasks", arguments)
    found = _lookup(steps)
    if isinstance(found, str):
        return Reply(found)
    if today:
        return Reply(words.added_today(found.tasks, found.total), shown=tuple(found.tasks))
    total = max(found.total or 0, len(found.tasks))
    return Reply(words.recently_added(found.tasks, total), shown=tuple(found.tasks))


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


def _by_reference(
    intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]
) -> Step:
    """Look the task up, then act on a single whole-word match; otherwise ask."""
    tool = _TOOL_FOR[intent.kind]
    for needed in ("list_tasks", tool):
        if needed not in available:
            return Reply(words.unavailable(tool))
    ref = intent.ref or ""
    if not ref_words(ref):
        return Reply(words.which_task(_example(intent, 2)))
    if intent.kind in ("update", "reschedule") and _every_task(ref):
        # "move all my tasks to tomorrow": one change at a time, never a guess at which.
        return Reply(words.bulk_refused(intent.kind))
    lookups = [step for step in steps if step.name == "list_tasks"]
    acted = [step for step in steps if step.name != "list_tasks"]
    if intent.otherwise is not None and any(step.name == "add_task" for step in acted):
        return _add(intent.otherwise, acted, available)
    if acted:
        return _told(intent, acted[-1])
    if not lookups:
        return _search_call(ref)
    found = _lookup(lookups[:1])
    if isinstance(found, str):
        return Reply(found)
    pool = _pool(intent.kind, found.tasks)
    matches = find_matches(pool, ref)
    if found.next_cursor and matches.exact:
        # More tasks mention it than one page holds: one match here may not be the only one.
        return Reply(words.too_many_matches(ref, found.total))
    if intent.deed and len(matches.exact) > 1:
        # "I called the plumber" with "Call the plumber" and "Pay the plumber" pending: the
        # one whose deed it is.
        same = [task for task in matches.exact if not _another_deed(intent.deed, task)]
        if len(same) == 1:
            matches = Matches(exact=same)
    if len(matches.exact) == 1:
        task = matches.exact[0]
        if intent.deed and _another_deed(intent.deed, task):
            # "I walked the dog" for "Buy dog food": the words name the task, the deed does not.
            done = [
                other
                for other in find_matches([t for t in found.tasks if t not in pool], ref).exact
                if not _another_deed(intent.deed, other)
            ]
            if len(done) == 1:
                # "I called the plumber" after "Call the plumber" was done: that one.
                return Reply(words.already_done(done[0]), about=done[0])
            return Reply(
                words.confirm(intent.kind, task),
                question=Question("confirm", intent, tuple(matches.exact)),
            )
        if intent.kind == "delete" and intent.corrected:
            # The command itself was a guess: a deletion asks before acting on it.
            return Reply(
                words.did_you_mean(intent.kind, task),
                question=Question("confirm", intent, tuple(matches.exact)),
            )
        if intent.verb == "cancelled" and _says_its_title("cancel", task):
            # "netflix is cancelled" for "Cancel netflix subscription": the task is done, most
            # likely; that is asked (a yes completes it), never a deletion.
            finished = replace(intent, kind="complete", verb="")
            return Reply(
                words.confirm("complete", task),
                question=Question("confirm", finished, tuple(matches.exact)),
            )
        if _asks_first(intent, task):
            # "cancel my gym membership" for "Cancel gym membership": the user may be saying
            # the task itself (cancelling the membership), not asking to delete it; "never mind
            # the gym" may be news rather than a request; "make the dentist thursday" a new task.
            return Reply(
                words.confirm(intent.kind, task, to=intent.due or ""),
                question=Question("confirm", intent, tuple(matches.exact)),
            )
        if intent.kind == "complete" and not intent.chosen and _done_lately(task):
            # "I paid the rent" said again after a repeating task was completed: completing it
            # again skips an occurrence (February's rent); that is asked first.
            return Reply(
                words.done_again(task),
                question=Question("confirm", intent, tuple(matches.exact)),
            )
        if intent.kind in ("complete", "delete") and names_part(task, ref):
            # "done with eggs" for "Buy eggs, bread and butter": maybe only that part is done.
            return Reply(
                words.confirm_whole(intent.kind, task, ref),
                question=Question("confirm", intent, tuple(matches.exact)),
            )
        return _call_on(tool, intent, task)
    if len(matches.exact) > 1:
        return Reply(
            words.ambiguous(intent.kind, ref, matches.exact),
            question=Question("choose", intent, tuple(matches.exact)),
        )
    others = [task for task in found.tasks if task not in pool]
    elsewhere = find_matches(others, ref).exact
    if len(elsewhere) == 1 and intent.kind == "complete":
        return Reply(words.already_done(elsewhere[0]), about=elsewhere[0])
    if len(elsewhere) == 1 and intent.kind == "reopen":
        return Reply(words.not_done_yet(elsewhere[0]), about=elsewhere[0])
    if len(lookups) == 1:
        # Nothing by whole words: look at the list itself for a title with a typo.
        return Call("list_tasks", {"status": "all"})
    listed = _lookup(lookups[1:])
    if isinstance(listed, str):
        return Reply(listed)
    several = _each_named(ref, _pool(intent.kind, listed.tasks))
    if several and intent.kind in ("complete", "delete"):
        # "complete milk and rent": each name finds one task; they are named, and a yes acts.
        return _each_asked(intent.kind, several, intent.text)
    fuzzy = find_matches(_pool(intent.kind, listed.tasks), ref).fuzzy
    if len(fuzzy) == 1:
        return Reply(
            words.did_you_mean(intent.kind, fuzzy[0]),
            question=Question("confirm", intent, tuple(fuzzy)),
        )
    if fuzzy:
        return Reply(
            words.ambiguous(intent.kind, ref, fuzzy),
            question=Question("choose", intent, tuple(fuzzy)),
        )
    if intent.otherwise is not None:
        # "remind me about groceries tomorrow at 9" with no such task: that task, reminded.
        return _add(intent.otherwise, [], available)
    status = {"complete": "pending", "reopen": "completed"}.get(intent.kind, "all")
    return Reply(words.no_match(ref, status))


def _every_task(ref: str) -> bool:
    """Whether a reference means many tasks and names none ("all my tasks", "everything")."""
    bulk = bulk_of(ref, "delete")
    return bulk is not None and not bulk.ref and not bulk.keep


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


def _own_tags(task: dict[str, Any] | None) -> list[str]:
    return [tag for tag in (task or {}).get("tags") or [] if isinstance(tag, str)]


_PRIORITIES = ("none", "low", "medium", "high")


def _call_on(tool: str, intent: Intent, task: dict[str, Any]) -> Step:
    """The call acting on `task`; a tag to take off that the task does not have, or a priority
    to raise or lower past the end of the scale, is said instead."""
    missing = [tag for tag in intent.untags if tag not in _own_tags(task)]
    if missing:
        return Reply(words.not_tagged(task, missing))
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


def _not_skipped(period: str, task: dict[str, Any]) -> str:
    """Why "skip this week's gym" leaves `task` alone ("" when it may be skipped): it does not
    repeat, or its next occurrence is after the period said."""
    if not task.get("recurrence"):
        return words.not_repeating(task)
    day = words.due_day(task)
    now = words.NOW.get()
    if not period or day is None or now is None:
        return ""
    today = now.date()
    last = {
        "today": today,
        "tomorrow": today + timedelta(days=1),
        "week": today + timedelta(days=6 - today.weekday()),
    }[period]
    if day > last:
        return words.not_due_then(task, period)
    return ""


def _shifted(task: dict[str, Any], minutes: int) -> str | None:
    """The task's due date moved by ``minutes``, as the tools read it: whole days keep its time
    of day ("2026-12-04 at 15:00") or stay all-day ("2026-12-04"); hours and minutes need a time
    of day (an instant). None when there is nothing to move."""
    due = task.get("due")
    if not isinstance(due, str) or not _DUE_DAY.match(due):
        return None
    timed = _DUE_TIME.match(due)
    if minutes % (24 * 60) == 0:
        day = date.fromisoformat(due[:10]) + timedelta(days=minutes // (24 * 60))
        return f"{day.isoformat()} at {timed['time']}" if timed else day.isoformat()
    if timed is None:
        return None
    moment = datetime.fromisoformat(due) + timedelta(minutes=minutes)
    return moment.isoformat(timespec="minutes")


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


def _bulk(intent: Intent, steps: list[ToolStep], available: set[str] | frozenset[str]) -> Step:
    """Bulk actions: list, ask for a yes; after the yes, one call per confirmed task."""
    action = intent.action or "complete"
    tool = _TOOL_FOR[action]
    for needed in ("list_tasks", tool):
        if needed not in available:
            return Reply(words.unavailable(tool))
    if intent.span and not intent.task_ids:
        return Reply(words.span_too_long(action, MAX_SPAN))
    if intent.task_ids:
        # "complete 0 and 2": tasks are numbered from 1, so 0 is told missing without a call.
        missing = [words.no_task(task_id) for task_id in intent.task_ids if task_id < 1]
        ids = [task_id for task_id in intent.task_ids if task_id >= 1]
        if not ids:
            return Reply("\n".join(missing))
        if intent.span and not intent.chosen:
            return _span_question(intent, action, ids, steps)
        if not intent.chosen:
            # "delete 2 and 3?": asked as a question, so asked about first.
            numbered = tuple({"id": task_id} for task_id in ids)
            return Reply(
                words.confirm_numbers(action, ids), question=Question("confirm", intent, numbered)
            )
        if not steps:
            return Calls(tuple(Call(tool, _arguments(Intent(action), task_id)) for task_id in ids))
        return Reply("\n".join([words.bulk_outcome(steps), *missing]))
    status: Status = intent.status
    # "mark all work tasks done": the tasks tagged "work" when there are any, else those
    # whose words say it (it told there were none to act on).
    topic = _bulk_topic(intent)
    if not steps and topic:
        return Call("list_tasks", {"status": status, "tag": topic, **_filters(intent)})
    tagged = bool(steps) and topic is not None and steps[0].arguments.get("tag") == topic
    if tagged and len(steps) == 1:
        first = _lookup(steps)
        if not isinstance(first, str) and not first.tasks:
            steps = []
            tagged = False
    if not steps:
        call = (
            _search_call(intent.ref, status)
            if intent.ref
            else Call("list_tasks", {"status": status})
        )
        return replace(call, arguments={**call.arguments, **_filters(intent)})
    found = _lookup(steps[-1:])
    if isinstance(found, str):
        return Reply(found)
    if found.total is not None and found.total > len(found.tasks):
        return Reply(words.bulk_too_many(found.total, len(found.tasks)))
    tasks = _pool(action, found.tasks)
    if intent.ref and not tagged:
        tasks = find_matches(tasks, intent.ref).exact
    kept: list[dict[str, Any]] = []
    for said in intent.keep:
        named = _named_in(said, found.tasks)
        if named is None:
            # A task to leave out that can't be found: acting on the rest could touch it.
            return Reply(words.keep_not_found(said, status))
        kept += [task for task in named if task in tasks and task not in kept]
    tasks = [task for task in tasks if task not in kept]
    if not tasks:
        return Reply(words.bulk_nothing(action, status, kept))
    return Reply(
        words.bulk_question(action, status, tasks, kept),
        question=Question("confirm", intent, tuple(tasks)),
    )


def _bulk_topic(intent: Intent) -> str | None:
    """The one word a bulk action names its tasks by ("work" in "all work tasks"), which may be
    a tag; None when it names them otherwise."""
    ref = (intent.ref or "").strip().lower()
    if intent.tags or intent.keep or not re.fullmatch(r"[^\W\d_][\w-]{0,29}", ref):
        return None
    return ref


# Names said one after another: "milk and rent", "the eggs, the milk". To leave tasks out, "or"
# joins them too ("except milk or rent"); to act on them it does not (either is not both).
_AND_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+", re.IGNORECASE)
_OR_SPLIT = re.compile(rf"{_AND_SPLIT.pattern}|\s+or\s+", re.IGNORECASE)


def _named_in(said: str, tasks: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """The tasks of ``tasks`` that ``said`` names: by number ("3", "tasks 2 and 5"; a number not
    listed names none), else by name as a whole (every whole-word match), else part by part
    ("milk and rent"); None when a name matches nothing."""
    numbers = numbers_of(said)
    if numbers is not None and not numbers.too_many:
        return [task for task in tasks if task["id"] in numbers.ids]
    exact = find_matches(tasks, said).exact
    if exact:
        return exact
    parts = [part for part in _OR_SPLIT.split(said) if part]
    if len(parts) < 2:
        return None
    named: list[dict[str, Any]] = []
    for part in parts:
        found = _named_in(part, tasks)
        if found is None:
            return None
        named += [task for task in found if task not in named]
    return named


def _each_named(ref: str, tasks: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """ "milk and rent", "the milk, the rent": the tasks ``ref`` names one by one, when it names
    two or more and each name finds exactly one task of ``tasks`` (a different one); else None."""
    parts = [part for part in _AND_SPLIT.split(ref) if part]
    if len(parts) < 2:
        return None
    named: list[dict[str, Any]] = []
    for part in parts:
        exact = find_matches(tasks, part).exact
        if len(exact) != 1 or exact[0] in named:
            return None
        named.append(exact[0])
    return named


def _span_question(intent: Intent, action: str, ids: list[int], steps: list[ToolStep]) -> Step:
    """ "delete tasks 1-4": the tasks of the range are looked up (list pages of 200, following
    the cursor twice) and named in a question; only a yes acts. Numbers not on the list, and
    tasks the action can't change (a done task to complete), are told."""
    listed: dict[int, dict[str, Any]] = {}
    cursor = None
    for step in steps:
        page = _lookup([step])
        if isinstance(page, str):
            return Reply(page)
        listed |= {task["id"]: task for task in page.tasks}
        cursor = page.next_cursor
    unseen = any(task_id not in listed for task_id in ids)
    if not steps or (unseen and cursor and len(steps) < _TAG_PAGES):
        arguments: dict[str, Any] = {"status": "all", "limit": _TAG_PAGE}
        return Call("list_tasks", {**arguments, "cursor": cursor} if cursor else arguments)
    tasks = [listed[task_id] for task_id in ids if task_id in listed]
    pool = _pool(action, tasks)
    absent = [task_id for task_id in ids if task_id not in listed]
    skipped = [task for task in tasks if task not in pool]
    text = words.span_question(action, pool, absent, skipped)
    if not pool:
        return Reply(text)
    return Reply(text, question=Question("confirm", intent, tuple(pool)))


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
