"""Lists, counts and questions: the filters a list is asked with, the next page, a search,
the answer about one task, what to do next, what was added lately. Nothing here changes a task."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from .. import words
from ..intents import Intent
from ..match import Matches, find_matches
from ..results import ToolStep
from ..text import ref_words
from .changes import _PRIORITIES
from .dates import _reminder_time
from .steps import (
    _TAG_PAGE,
    Call,
    Context,
    Question,
    Reply,
    Step,
    _Lookup,
    _lookup,
    _number_lookup,
    _search_call,
    search_root,
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
    if intent.unread is not None:
        # A filter it cannot read: the list without it would pass for the one asked for.
        return Reply(words.unread_filter(*intent.unread, counted=intent.kind == "count"))
    if intent.topic:
        return _topic_list(intent, intent.topic, steps)
    if intent.reminders:
        return _reminder_list(steps)
    arguments = {"status": intent.status, **_filters(intent)}
    if intent.status == "completed" and not _filters(intent):
        return _completed_list(arguments, steps, counted=intent.kind == "count")
    if not steps:
        return Call("list_tasks", arguments)
    found = _lookup(steps)
    if isinstance(found, str):
        return Reply(found)
    filters = _filters(intent)
    if intent.kind == "count":
        return Reply(words.count(found.tasks, intent.status, found.total, filters))
    return _listed(found, intent.status, filters, arguments)


# A repeating task is pending again once completed: "what have I completed?" looks at this many
# of them, last completed first.
_REPEATED_PAGE = 50
_REPEATED = {"status": "pending", "recurring": True, "sort": "recently_completed"}


def _completed_list(
    arguments: dict[str, Any], steps: list[ToolStep], *, counted: bool = False
) -> Step:
    """ "what have I completed?": the completed tasks, then the repeating tasks completed at
    least once (each moved on to its next due date, so pending again), last completed first.
    ``counted`` ("how many have I completed?"): how many of each, the same tasks."""
    if not steps:
        return Call("list_tasks", arguments)
    found = _lookup(steps[:1])
    if isinstance(found, str):
        return Reply(found)
    if len(steps) == 1:
        return Call("list_tasks", {**_REPEATED, "limit": _REPEATED_PAGE})
    repeated = _lookup(steps[1:2])
    reply = _listed(found, "completed", {}, arguments)
    done = [] if isinstance(repeated, str) else [t for t in repeated.tasks if t.get("completed_at")]
    if counted:
        return Reply(words.count_done(found.total, len(found.tasks), done))
    if isinstance(repeated, str):
        return reply
    if not done:
        return reply
    return replace(
        reply,
        text=words.with_repeats_done(found.tasks, reply.text, done),
        about=None,
        shown=(*found.tasks, *done),
    )


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
