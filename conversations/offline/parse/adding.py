"""New tasks: "add X" (one title or several, each with its attributes, and a description) and a
task said with only a task verb ("buy milk")."""

from __future__ import annotations

import re
from dataclasses import replace

from ..intents import Intent
from ..phrasings import (
    ACTION_VERBS,
    CLOCK,
    PRONOUNS,
    RECURRENCE_PATTERN,
    TASK_VERBS,
    WHEN_PATTERN,
)
from ..text import FLAGS, clean_title, strip_quotes
from .attributes import (
    Attributes,
    attributes,
    names_only_a_day,
    names_only_a_time,
    priority_of,
)
from .patterns import _DESC_WORD, _ORDINAL_REF, clean_ref

# "Add a task to my list: buy milk" → "buy milk"
_LIST_LEAD_IN = re.compile(
    r"^(?:to\s+)?(?:my|the)\s+(?:to-?do\s+|task\s+)?list(?:\s*[:,–—-]\s*|$)"
    # "add 3 tasks: milk, eggs, bread", "add these tasks: …": the list follows.
    r"|^(?:(?:\d+|two|three|four|five|six|seven|eight|these|the\s+following|some|a\s+few)\s+)"
    r"(?:tasks|things|items|todos|to-?dos)\s*:\s*",
    FLAGS,
)
_DESCRIPTION_SPLITS = [
    re.compile(rf"^(?P<title>.+?)\s*\(\s*{_DESC_WORD}\s*[:=-]\s*(?P<desc>.+?)\s*\)$", FLAGS),
    re.compile(
        rf"^(?P<title>.+?)[\s,;]+with\s+(?:the\s+|a\s+)?{_DESC_WORD}"
        r"(?:\s*:|\s+of|\s+saying|\s+that\s+says)?\s+(?P<desc>.+)$",
        FLAGS,
    ),
    re.compile(rf"^(?P<title>.+?)\s*[,;–—-]\s*{_DESC_WORD}\s*:\s*(?P<desc>.+)$", FLAGS),
]
_LIST_SPLIT = re.compile(r"\s*(?:[,;\n]|\s-\s)\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", FLAGS)


# A deed alone, without what it is done to: "read", "pick up", "drop off".
_VERBS = "|".join(sorted(verb for verb in ACTION_VERBS if verb))
_ONLY_A_VERB = re.compile(rf"(?:{_VERBS})(?:\s+(?:up|off|out|in|back|down|over))?", FLAGS)


def _titles(rest: str) -> tuple[str, ...]:
    """One title, or several when the text is a list of tasks.

    "pay rent, water plants and book flights" is three tasks (every part starts with a verb);
    so is "milk, eggs and bread" (three short parts, no verb). "buy milk, eggs and bread" and
    "salt and pepper" stay one task.
    """
    parts = [part for part in _LIST_SPLIT.split(rest) if part and part.strip()]
    if len(parts) > 1 and any(_ONLY_A_VERB.fullmatch(part.strip()) for part in parts[:-1]):
        # "pick up and drop off the kids", "read and sign the contract": deeds sharing the
        # object said last are one task (they were "Pick up" and "Drop off the kids").
        parts = [rest]
    if len(parts) > 1:
        firsts = [part.split()[0].lower() for part in parts]
        every_verb = all(first in ACTION_VERBS for first in firsts)
        short_nouns = (
            len(parts) >= 3
            and not any(first in ACTION_VERBS for first in firsts)
            and all(len(part.split()) <= 2 for part in parts)
        )
        # "add 'call mom' and 'pay rent'": each part quoted.
        every_quoted = all(strip_quotes(part) != part.strip() for part in parts)
        if every_verb or short_nouns or every_quoted:
            return tuple(title for title in map(clean_title, parts) if title)
    title = clean_title(rest)
    return (title,) if title else ()


def _add(match: re.Match[str], _text: str) -> Intent:
    rest = _LIST_LEAD_IN.sub("", match["rest"].strip())
    moved = _when_said_last(rest)
    if moved is not None and _carries_when(attributes(moved)):
        # "add tomorrow dentist 3pm", "add every monday gym": the when said first is the
        # task's, as it would be said last (it was kept in the title).
        rest = moved
    adjective = match.groupdict().get("adj")
    description = None
    for pattern in _DESCRIPTION_SPLITS:
        split = pattern.match(rest)
        if split:
            rest, description = split["title"], strip_quotes(split["desc"])
            break
    common = attributes(rest)
    parts = _titles(common.title) if description is None else _titles(common.title)[:1] or ()
    items = [attributes(part) for part in parts]
    # A title that is only "it" or "that" names no task to add.
    items = [
        item
        for item in items
        if clean_title(item.title) and clean_title(item.title).lower() not in PRONOUNS
    ]
    if not items:
        return Intent("add_missing_title")
    priority = common.priority or (priority_of(adjective.split()[0]) if adjective else None)
    # A when ending the message is every task's ("add milk, eggs and bread tomorrow"), unless
    # some tasks have their own: then it is the last one's ("pay the bill by friday, buy cat
    # food and call the vet tomorrow").
    per_task = any(item.due for item in items)
    merged = tuple(
        Attributes(
            clean_title(item.title),
            item.due or (common.due if not per_task or position == len(items) - 1 else None),
            item.priority or priority,
            tuple(dict.fromkeys(common.tags + item.tags)),
            item.recurrence or common.recurrence,
        )
        for position, item in enumerate(items)
    )
    titles = tuple(item.title for item in merged)
    if len(merged) == 1:
        only = merged[0]
        return Intent(
            "add",
            title=only.title,
            titles=titles,
            description=description or None,
            due=only.due,
            priority=only.priority,
            tags=only.tags,
            recurrence=only.recurrence,
            extras=merged,
        )
    return Intent("add", titles=titles, extras=merged)


def _carries_when(said: Attributes) -> bool:
    """Whether ``said`` has a due date or a recurrence, and a title besides."""
    return bool((said.due or said.recurrence) and clean_title(said.title))


def _todo(match: re.Match[str], text: str) -> Intent | None:
    """ "todo buy cheese": a new task when a task verb follows ("todo list" is no task)."""
    return _add(match, text) if match["verb"].lower() in ACTION_VERBS else None


def _add_text(text: str) -> Intent:
    """ "call mom tomorrow at 5pm" said without "add": a new task."""
    return _add(re.match(r"(?P<rest>.+)", text, re.DOTALL), text)  # type: ignore[arg-type]


# What a verb-led title without "add" may not hold, for it could mean tasks already on the
# list: the task just talked about ("pay it", "book that one"; "it's" is not a reference),
# many tasks, a task by number or by "the X one", or the list itself ("take a look at my list").
_REFERS_TO_TASKS = re.compile(
    r"\b(?:it(?!')|them|all|every|everything|each|both)\b"
    r"|\b(?:that|this|these|those)(?:\s+(?:ones?|tasks?|todos?|items?))?$"
    r"|\b(?:task|todo|to-do|item|number|no\.?)s?\s*#?\s*\d+|#\d+|^#?\d+$|\bones?$"
    r"|\b(?:my|the|our)\s+(?:to-?do\s+|task\s+)?(?:list|tasks|todos|to-?dos)\b"
    # "call the plumber on thursday instead": a change to a task already listed.
    r"|\binstead$",
    FLAGS,
)


# "put the report on hold", "put the gym off": a change to a task already listed.
_PUT_ASIDE = re.compile(r"\b(?:on\s+hold|on\s+ice|off|aside|away|back|under|into)\b", FLAGS)


def bare_task(text: str) -> Intent | None:
    """ "buy milk", "call mom #family", "renew my passport": a message nothing else understands
    that starts with a task verb is a new task — unless a title would refer to tasks already on
    the list (then nothing is guessed)."""
    first = text.split()[0].lower() if text.split() else ""
    if first not in TASK_VERBS or (first == "put" and _PUT_ASIDE.search(text)):
        return None
    intent = _add_text(text)
    if intent.kind != "add" or _names_tasks(intent):
        return None
    return replace(intent, implied=True, text=text)


# Words a title said without a verb may not start with or hold, for the message would be a
# question, news or a request about the list rather than a task: "what tomorrow", "anything
# friday", "tasks monday", "i'm free saturday".
_NOT_A_TIMED_TITLE = re.compile(
    r"^(?:what|whats|what's|wat|wats|when|which|who|where|why|how|is|are|am|do|does|did|can"
    r"|could|should|would|will|u|ur"
    r"|i|i'm|i'?ve|i'?ll|im|we|you|he|she|they|it|its|it's|that|this|there|here|no|not|yes|ok"
    r"|okay|nothing|anything|something|everything|all|any|show|list|due|the"
    # "sorry, I meant wednesday at 5pm", "oops, friday": a correction, not a task.
    r"|sorry|oops|whoops|wait|hmm+|um+|uh+|nah|nope|actually|meant)\b"
    r"|\bi\s+mean(?:t)?\b"
    r"|\b(?:tasks?|todos?|to-dos?|items?|list|due|overdue|done|left|pending|free|busy)\b",
    FLAGS,
)


# A when or a recurrence said before the title: "friday at 10am", "on monday", "every monday at
# 7", "tomorrow, …".
_WHEN_AHEAD = re.compile(rf"(?:on\s+)?(?:{WHEN_PATTERN})", FLAGS)
# A recurrence said first is more than one word: "weekly review", "daily standup" are names.
_SERIES_AHEAD = re.compile(
    rf"(?=\S+\s)(?:{RECURRENCE_PATTERN})(?:\s*,?\s+(?:at\s+)?{CLOCK})?", FLAGS
)


_JOINING = frozenset({"at", "on", "by", "in", "for", "from", "to", "and", "or", "is", "are"})


def _when_said_last(text: str) -> str | None:
    """ "every monday gym" → "gym every monday", "tomorrow dentist 3pm" → "dentist 3pm
    tomorrow": the longest when starting the message moved to its end; None without one."""
    words = text.split()
    for count in range(len(words) - 1, 0, -1):
        head = " ".join(words[:count]).rstrip(",:;–—-")
        if len(head) <= 3 and head.isalpha():
            # "sat exam prep", "sun cream", "wed dress": a short word is a title's own.
            continue
        # "every day at 7 meds": a when the pattern reads only in part ("at 7" is left).
        if words[count].lower() in _JOINING:
            continue
        rest = " ".join(words[count:])
        said = attributes(rest)
        if said.recurrence:
            # "every friday review every month": two of them is no guess.
            return None
        series = _SERIES_AHEAD.fullmatch(head)
        if series and not said.due:
            return f"{rest} {head}"
        # "tomorrow dentist 3pm": a day said first, a time of day last, are one due.
        day = _WHEN_AHEAD.fullmatch(head)
        if day and (not said.due or (names_only_a_day(head) and names_only_a_time(said.due))):
            return f"{rest} {head}"
    return None


_HANGING = re.compile(r"\b(?:to|until|till|into|from|for|at|by|with|and|or|the|a|an)$", FLAGS)
_NOT_A_TITLE_ALONE = frozenset({"off", "away", "out", "home", "late", "early", "sick", "again"})


def timed_task(text: str) -> Intent | None:
    """ "gym on mondays and thursdays", "dentist tomorrow at 10": a short title said with when
    it is due or how it repeats, and nothing else any rule understands, is a new task — adding
    changes no task already listed. Questions and words about the list are never read so.
    The when may come first ("every monday gym", "friday at 10am dentist", "tomorrow dentist
    3pm"): read as if said last, before the message is read as it stands (whose title would
    start with the when)."""
    moved = _when_said_last(text)
    intent = _timed(moved) if moved is not None else None
    return replace(intent, text=text) if intent is not None else _timed(text)


def _timed(text: str) -> Intent | None:
    """``timed_task`` for the message as it stands."""
    intent = _add_text(text)
    if intent.kind != "add" or len(intent.extras) != 1 or intent.title is None:
        return None
    if not (intent.due or intent.recurrence):
        return None
    title = intent.title
    if len(title.split()) > 4 or _NOT_A_TIMED_TITLE.search(title) or _REFERS_TO_TASKS.search(title):
        return None
    if re.search(r"\b(?:is|are|was|were|'s)$", title, FLAGS):
        # "today is friday": a sentence about a day, never a task named "Today is".
        return None
    if _HANGING.search(title):
        # "mvoe gym to friday": a change said with a typo ("move … to"), not a task "Mvoe gym to".
        return None
    if title.lower() in _NOT_A_TITLE_ALONE:
        # "tomorrow off", "friday late": news about the user's day, not a task "Off".
        return None
    if re.fullmatch(WHEN_PATTERN, title, FLAGS):
        # "friday at 3", "oops, friday at 3": only a when, no task ("Friday" is none).
        return None
    return replace(intent, implied=True, text=text)


def _names_tasks(intent: Intent) -> bool:
    """Whether a verb-led title said without "add" could mean tasks already on the list ("pay
    it", "finish them by friday", "book the flights one"), or is a verb alone."""
    for title in intent.titles:
        rest = title.split(maxsplit=1)[1] if len(title.split()) > 1 else ""
        if not rest or _REFERS_TO_TASKS.search(rest) or _ORDINAL_REF.fullmatch(clean_ref(rest)):
            return True
    return False
