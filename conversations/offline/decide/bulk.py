"""Many tasks at once ("mark all as done", "delete them", "complete 1-4", "the first and
second"): each task is named in a question, and only a yes acts."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .. import words
from ..intents import Intent, Status
from ..match import find_matches
from ..parse import (
    MAX_SPAN,
    numbers_of,
)
from ..phrasings import ORDINALS
from ..results import ToolStep
from .changes import _arguments
from .questions import _filters
from .steps import (
    _TAG_PAGE,
    _TAG_PAGES,
    _TOOL_FOR,
    Call,
    Calls,
    Question,
    Reply,
    Step,
    _lookup,
    _pool,
    _search_call,
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


_EVERY_ONE = re.compile(
    r"both(?:\s+of\s+them)?|all(?:\s+(?:two|three|four|five))?(?:\s+of\s+them)?|each\s+of\s+them"
)


_THEM = re.compile(r"(?:all\s+of\s+)?(?:them|those|these)(?:\s+(?:ones|tasks|three|two))?")


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
