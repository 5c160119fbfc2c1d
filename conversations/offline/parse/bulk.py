"""Many tasks at once: a bulk action's reference ("everything", "the completed ones", "all
urgent tasks") and task numbers and ranges ("2, 3 and 5", "tasks 1-4")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..intents import Action, Intent, Status
from ..phrasings import BULK_NOUNS, BULK_STARTS, BULK_WORDS
from ..text import FLAGS
from .listing import _filtered
from .patterns import Builder

_DEFAULT_BULK_STATUS: dict[str, Status] = {
    "complete": "pending",
    "delete": "all",
    "reopen": "completed",
}


# The words of a list filter (tag, priority, due, recurrence), left out of a bulk action's
# reference.
_FILTER_WORDS = (
    "tagged", "tag", "with", "as", "due", "today", "tomorrow", "overdue", "late", "this", "week",
    "priority", "high", "medium", "low", "top", "urgent", "important", "asap", "recurring",
    "repeating", "one-off", "one-time", "non-recurring", "non-repeating", "next", "soon", "on",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "without",
    "no", "a", "date", "dates", "deadline", "deadlines",
)  # fmt: skip


# "everything I've completed", "all the tasks that are done", "the ones I finished": the done
# ones, said as a clause.
_DONE_CLAUSE = re.compile(
    r"\s+(?:(?:that|which)\s+)?(?:i(?:'?ve|\s+have)?|(?:that|which)(?:'s|\s+is|\s+are|\s+were)"
    r"|(?:is|are))\s+(?:already\s+)?(?:completed|complete|done|finished|did|checked\s+off"
    r"|ticked\s+off)\b",
    FLAGS,
)


# How to do it, not which tasks: "now", "without asking", "please". Such words never skip the
# question a bulk action asks, nor name a task.
_MANNER = re.compile(
    r"(?:[\s,]+(?:(?:right\s+)?now|please|immediately|at\s+once|(?:right|straight)\s+away"
    r"|without\s+(?:asking|confirm(?:ation|ing)?|a\s+prompt|prompting)(?:\s+me)?"
    r"|no\s+questions\s+asked|for\s+me))+[\s.!]*$",
    FLAGS,
)


def bulk_of(ref: str, action: Action) -> Intent | None:
    """The bulk intent a reference stands for ("all", "everything", "completed ones"), if any."""
    lowered = re.sub(r"^(?:the|my)\s+", "", _MANNER.sub("", ref.strip().lower()))
    lowered = _DONE_CLAUSE.sub(" completed", lowered)
    tokens = lowered.split()
    if not tokens:
        return None
    starts_bulk = any(lowered == start or lowered.startswith(f"{start} ") for start in BULK_STARTS)
    kind_words = [token for token in tokens if token in BULK_WORDS]
    plain_kind = (
        len(tokens) <= 3
        and bool(kind_words)
        and all(token in BULK_WORDS or token in BULK_NOUNS or token == "my" for token in tokens)
    )
    if not (starts_bulk or plain_kind or lowered in {"my list", "the list", "list"}):
        return None
    status: Status = BULK_WORDS[kind_words[0]] if kind_words else _DEFAULT_BULK_STATUS[action]  # type: ignore[assignment]
    # "all tasks tagged work", "every urgent task", "all overdue tasks": the tools filter, as
    # they do for a list asking the same; those words name no task.
    filters = _filtered("list", lowered)
    spent = set(_FILTER_WORDS) | set(filters.tags)
    skip = {"all", "every", "everything", "each", "the", "rest", "of", "them", "my", "both"}
    skip |= set(BULK_NOUNS) | set(BULK_WORDS) | {"task", "todo", "item", "one", "thing"}
    if filters.tags or filters.priority or filters.due_filter or filters.recurring is not None:
        skip |= spent
    left = " ".join(token for token in tokens if token.lstrip("#") not in skip)
    return Intent(
        "bulk",
        action=action,
        status=status,
        ref=left or None,
        tags=filters.tags,
        due_filter=filters.due_filter,
        priority=filters.priority,
        recurring=filters.recurring,
    )


# A task number, or a range of them: "3", "#3", "1-4", "1–4", "2 to 5", "3 through 6".
_NUMBER = r"#?\d+(?:\s*(?:-|–|—|to|through|thru|till|until)\s*(?:task\s+)?#?\d+(?!\s*[-/.:]\s*\d))?"
_NUMBER_LIST = rf"{_NUMBER}(?:\s*(?:,|and|&|,\s*and)\s*(?:task\s+)?{_NUMBER})*"
_NUMBERS = rf"(?:tasks?\s+)?(?:(?:numbers?|nos?\.?)\s+)?(?P<ids>{_NUMBER_LIST})"
_RANGE = re.compile(
    r"(?P<low>\d+)\s*(?:-|–|—|to|through|thru|till|until)\s*(?:task\s+)?#?(?P<high>\d+)", FLAGS
)
# A range names at most this many tasks ("delete tasks 1-100" is refused, not looked up).
MAX_SPAN = 20


@dataclass(frozen=True)
class Numbers:
    """Task numbers said in a message: in order, without repeats; ``span`` when a range
    ("1-4") gave some of them; ``too_many`` when the ranges name more than ``MAX_SPAN``."""

    ids: tuple[int, ...]
    span: bool = False
    too_many: bool = False


def numbers_of(said: str) -> Numbers | None:
    """ "2, 3 and 5", "tasks 1-4", "4-1", "task 3": the task numbers ``said`` is made of, or None
    when it holds anything else. A reversed range is the same range."""
    found = re.fullmatch(rf"(?:the\s+)?{_NUMBERS}", said.strip(), FLAGS)
    if found is None:
        return None
    ids: list[int] = []
    span = False
    for part in re.split(r"\s*(?:,\s*and|,|and|&)\s*(?:task\s+)?", found["ids"], flags=FLAGS):
        ranged = _RANGE.fullmatch(part.replace("#", ""))
        if ranged is None:
            ids.append(int(part.lstrip("#")))
            continue
        span = True
        low, high = sorted((int(ranged["low"]), int(ranged["high"])))
        if high - low >= MAX_SPAN:
            return Numbers((), span=True, too_many=True)
        ids.extend(range(low, high + 1))
    unique = tuple(dict.fromkeys(ids))
    if len(unique) > MAX_SPAN:
        return Numbers((), span=True, too_many=True)
    return Numbers(unique, span=span)


def _several(action: Action) -> Builder:
    """ "delete tasks 2 and 3": the user named every task, so no question is needed. "delete
    tasks 1-4" names them as a range: they are looked up and named, and a yes acts."""

    def build(match: re.Match[str], text: str) -> Intent | None:
        said = numbers_of(match["ids"])
        if said is None or (len(said.ids) < 2 and not said.span):
            return None
        if said.too_many:
            return Intent("bulk", action=action, span=True, text=text)
        return Intent(
            "bulk", action=action, task_ids=said.ids, span=said.span, chosen=not said.span
        )

    return build
