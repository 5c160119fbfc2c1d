"""A whole message read: a greeting in front, task numbers in words, two requests in one,
another user's tasks, typos, around the rules (``parse_intent``)."""

from __future__ import annotations

import re
from dataclasses import replace

from tasks.relative_dates import WORD_NUMBERS

from ..intents import Intent
from ..phrasings import PRONOUNS
from ..text import FLAGS, clean_request, correct_command_words, correct_first_word
from .adding import bare_task, timed_task
from .bulk import numbers_of
from .listing import _BOTH_STATUSES
from .patterns import clean_ref
from .reminders import with_reminder
from .rules import _parse
from .tool_names import tool_call

_GREETING_PREFIX = re.compile(
    r"^(?:hi|hello|hey|heya|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day))"
    r"(?:\s+(?:there|again|everyone|friend|bot|assistant))?\b[\s,!.:;-]*",
    FLAGS,
)


# Task numbers in words: "task three" (never "task a").
_NUMBER_WORDS = {word: n for word, n in WORD_NUMBERS.items() if word not in ("a", "an")}
# "delete task three", "mark task two as done": a task number in words.
_TASK_NUMBER_WORD = re.compile(
    rf"\b(?P<noun>tasks?|number|item|todo)\s+(?P<n>{'|'.join(_NUMBER_WORDS)})"
    r"(?=$|\s+(?:to|as|and|is|from|off|with)\b|\s*,)",
    FLAGS,
)


# "add milk and delete task 2": a second request after the first.
_SECOND_REQUEST = re.compile(
    r"^(?P<first>.+?)\s*(?:,?\s+and\s+then|,?\s+and|,?\s+then|;|,)\s+(?P<second>(?:add|create|delete"
    r"|remove|complete|finish|mark|show|list|rename|move|change|update|tag|remind\s+me)\b.+)$",
    FLAGS,
)


def _parse_alone(text: str) -> Intent:
    """What ``text`` means said on its own: a rule's reading, else a new task it starts with."""
    intent = _parse(text)
    if intent.kind == "unknown":
        return bare_task(text) or intent
    return intent


def _compound(text: str) -> Intent | None:
    """Two requests in one message: several adds are one add of all their tasks; anything else
    is answered with the requests one at a time, nothing done (a guess at how the two combine
    could change the wrong task)."""
    split = _SECOND_REQUEST.match(text)
    if split is None:
        return None
    first, second = _parse_alone(split["first"]), _parse_alone(split["second"])
    if (
        first.kind == "add"
        and len(first.extras) == 1
        and first.due
        and second == Intent("update", pronoun=True, reminder=second.reminder)
        and second.reminder
    ):
        # "add call mom tomorrow at 5pm and remind me an hour before": one task, its reminder.
        return with_reminder(first, second.reminder)
    if first.kind != "unknown" and _REMIND_ME.match(split["second"]):
        # "…, remind me at 4pm": when (the due day's 4pm, or today's?) is not for a guess.
        return Intent("compound", text=f"{split['first']}\n{split['second']}")
    if "unknown" in (first.kind, second.kind):
        return None
    if (
        first.kind == "add"
        and len(first.extras) >= 2
        and _ADDING.match(split["first"])
        and second.kind in ("complete", "delete")
        and second.task_id is None
        and not second.pronoun
    ):
        # "add call mom, buy milk, finish the report": a list of tasks to add, one of which
        # starts with a word that is also a request ("finish", "cancel").
        last = _parse_alone(f"add {split['second']}")
        if last.kind == "add" and len(last.extras) == 1:
            second = last
    if _priority_only(first) and _priority_only(second) and first.task_id != second.task_id:
        # "set task 1 to high and set task 2 to low": each number its own priority.
        assert first.task_id is not None and second.task_id is not None
        pairs = ((first.task_id, first.priority or ""), (second.task_id, second.priority or ""))
        return Intent("update", priorities=pairs, text=text)
    if first.kind == second.kind == "add" and first.extras and second.extras:
        extras = (*first.extras, *second.extras)
        return Intent("add", titles=tuple(item.title for item in extras), extras=extras)
    return Intent("compound", text=f"{split['first']}\n{split['second']}")


def _priority_only(intent: Intent) -> bool:
    """Whether ``intent`` sets one numbered task's priority and nothing else."""
    return intent.task_id is not None and intent == Intent(
        "update", task_id=intent.task_id, priority=intent.priority or "-"
    )


_REMIND_ME = re.compile(r"^remind\s+me\b", FLAGS)
_ADDING = re.compile(r"^(?:add|create|new|put|jot|note|remind|todo|to\s+do)\b", FLAGS)
_NEXT_NUMBER_WORD = re.compile(
    rf"(?<=\d)(?P<sep>\s*(?:,|and|&)\s*(?:task\s+)?)(?P<n>{'|'.join(_NUMBER_WORDS)})\b", FLAGS
)


def _numbers_in_words(text: str) -> str:
    """ "delete task three", "mark task one and two as done": the numbers as digits (never in
    what is being added: "add task two birds")."""
    if _ADDING.match(text):
        return text
    text = _TASK_NUMBER_WORD.sub(lambda m: f"{m['noun']} {_NUMBER_WORDS[m['n'].lower()]}", text)
    previous = None
    while previous != text:
        previous = text
        text = _NEXT_NUMBER_WORD.sub(lambda m: f"{m['sep']}{_NUMBER_WORDS[m['n'].lower()]}", text)
    return text


# A passage the message quotes first ("> …" lines, as ChatKit sends a quote): the request is
# what follows it.
_QUOTED = re.compile(r"^(?:[ \t]*>[^\n]*(?:\n|$))+\s*")


# "call mom ✅", "✅ call mom", "[x] buy milk", "done: call mom": a task ticked off.
_TICK = r"(?:✅|✔️?|☑️?|✓|✔)"
_TICKED = re.compile(
    rf"^\s*(?:{_TICK}|\[x\]|done\s*[:–—-])\s*(?P<head>[^\W\d_].*?)\s*$"
    rf"|^\s*(?P<tail>[^\W\d_].*?)\s*{_TICK}\s*$",
    FLAGS,
)
_SAID_DONE = re.compile(r"\b(?:done|finished|completed?)$", FLAGS)


def _ticked(text: str) -> Intent | None:
    """A task ticked off, read as "<task> done" (which asks first when it may be news) — only
    when that reads as a completion ("add buy milk ✅" is an add)."""
    ticked = _TICKED.match(text)
    if ticked is None:
        return None
    rest = clean_request(ticked["head"] or ticked["tail"])
    if parse_intent(rest).kind not in ("unknown", "add", "complete"):
        # "thanks ✅", "ok ✔️", "yes ✅": the words' own meaning, not a task's name.
        return None
    said = rest if _SAID_DONE.search(rest) else f"{rest} done"
    intent = parse_intent(said)
    return intent if intent.kind == "complete" else None


def parse_intent(text: str) -> Intent:
    """Classify one user message. Pure and deterministic; never raises."""
    unquoted = _QUOTED.sub("", text, count=1)
    text = unquoted if unquoted.strip() else text
    ticked = _ticked(text)
    if ticked is not None:
        return ticked
    cleaned = clean_request(text)
    greeting = _GREETING_PREFIX.match(cleaned)
    if greeting:
        rest = clean_request(cleaned[greeting.end() :])
        if not rest:
            return Intent("greeting", text=cleaned)
        cleaned = rest
    if not cleaned:
        return Intent("help")
    named = tool_call(cleaned)
    if named is not None:
        return named
    said = cleaned
    cleaned = _numbers_in_words(cleaned)
    asked = text.strip().endswith("?")
    intent = None
    alone = _ALSO.sub("", cleaned)
    # "and book a hotel too", "delete task 3 as well": the rest reads as if said alone (but
    # "show done ones too" asks for every task).
    if alone != cleaned and alone and not _BOTH_STATUSES.search(cleaned):
        trimmed = _read(alone, asked=asked)
        if trimmed.kind != "unknown":
            intent = trimmed
    intent = intent or _read(cleaned, asked=asked)
    if _SAID_ALSO.search(text) and (intent.kind == "unknown" or intent.implied):
        # "mom too", "and the milk as well", "also buy bread": maybe the same again as just
        # done to another task (what was just done decides; the words name the task).
        words = clean_ref(alone if alone != cleaned else cleaned)
        if words and words.lower() not in PRONOUNS and words.lower() not in _NOT_A_TASK:
            intent = replace(intent, also=True, ref=intent.ref or words)
    if intent.kind == "add" and _TRAILING_BANGS.search(text) and len(intent.extras) == 1:
        # "add buy gift next saturday !!": the "!!" ending the message is its priority, as
        # it is before the when ("add buy gift !! next saturday").
        only = intent.extras[0]
        if only.priority is None:
            intent = replace(intent, priority="high", extras=(replace(only, priority="high"),))
    if intent.kind in ("complete", "delete") and intent.ref and not intent.pronoun:
        several = _numbered_many(intent)
        if several is not None:
            return several
    if asked and _said_bare(text, said):
        # "delete task 2?", "complete the report?": a command said as a question may be one
        # ("should I?"): asked about first ("can you delete task 2?" is a request).
        if intent.kind in ("complete", "delete"):
            return replace(intent, ask=True)
        if intent.kind == "bulk" and intent.task_ids:
            return replace(intent, ask=True, chosen=False)
    return intent


def _numbered_many(intent: Intent) -> Intent | None:
    """ "done with 1 and 4", "finished 2, 3": several task numbers where a name was looked for
    (no title is "1 and 4"): those tasks, asked about first as "complete 1 and 4?" is."""
    assert intent.ref is not None
    numbers = numbers_of(intent.ref)
    if numbers is None or numbers.too_many or len(numbers.ids) < 2:
        return None
    several = _parse(f"{intent.kind} {intent.ref}")
    if several.kind != "bulk" or not several.task_ids:
        return None
    return replace(several, ask=True, chosen=False)


def _said_bare(text: str, cleaned: str) -> bool:
    """Whether ``text`` starts with the request itself, no "can you" or "please" before it."""
    first = cleaned.split()[0].lower() if cleaned.split() else ""
    return " ".join(text.replace("’", "'").lower().split()).startswith(first)


# "!!" after a space ending the message: high priority ("buy milk!!" is only excitement).
_TRAILING_BANGS = re.compile(r"\s!!+\s*$")


# "and mom too", "also the milk", "plus the bread as well": said after another request.
_SAID_ALSO = re.compile(
    r"^\s*(?:and|also|plus|oh\s+and|and\s+also)\b|\b(?:too|as\s+well|also)\s*[.!]*\s*$", FLAGS
)
_NOT_A_TASK = frozenset({"me", "you", "us", "same", "the same", "same here", "ok", "that too"})


# "book a hotel too", "buy bread as well": said after another request.
_ALSO = re.compile(r"[\s,]+(?:too|as\s+well)$", FLAGS)


# "delete user 2's tasks", "show tasks of user 5", "as user bob, delete task 1": another user's
# tasks, out of reach whatever is asked of them (not in a task being added: "add email user 5").
_OTHER_USERS = re.compile(
    r"^(?!(?:add|create|new|put|jot|note|remind|todo|to\s+do)\b)(?=.*(?:\buser\s*#?\d+\b"
    r"|\buser_?id\s*[=:]|\buser\s+[\w@.-]+'s\b|\b(?:of|as)\s+(?:the\s+)?user\s+[\w@.-]+"
    r"|\b(?:other|another|all|every)\s+users?\b|\busers'(?:\s|$)|\b(?:someone|somebody|anyone"
    r"|anybody|everyone|everybody)\s+else'?s\b|\b(?:everyone|everybody)'s\s+(?:tasks|lists?"
    r"|todos)\b|\b(?:tasks|lists?|todos)\s+(?:of|for|from)\s+(?:everyone|everybody|all)\b))",
    FLAGS,
)
# "show bob's tasks", "what's on anna's list": someone else's list (never the user's own, shown
# as if it were; "show today's tasks", "monday's tasks" are the user's own).
_SOMEONES_LIST = re.compile(
    r"^(?:show|list|see|view|display|get|open|what\s+are|what'?s\s+(?:on|in)|what\s+is\s+(?:on|in))"
    r"\s+(?:me\s+)?(?!(?:my|your|our|the|today|tonight|tomorrow|yesterday|this|next|last|week"
    r"|weekend|month|year|mon|tue|wed|thu|fri|sat|sun)[a-z]*'s\b)[\w@.-]+'s\s+"
    r"(?:tasks|todos|to-?dos|list|to-?do\s+list)\b",
    FLAGS,
)


def _read(cleaned: str, *, asked: bool) -> Intent:
    """The intent of a cleaned message: another user's tasks, two requests, one rule's reading,
    a new task said with a task verb (not when ``asked`` — "buy milk?" adds nothing), or a
    reading with typos fixed."""
    if _OTHER_USERS.match(cleaned) or _SOMEONES_LIST.match(cleaned):
        return Intent("others", text=cleaned)
    compound = _compound(cleaned)
    if compound is not None:
        return compound
    intent = _parse(cleaned)
    if intent.kind != "unknown":
        return intent
    # The verb is spelt right and what follows it is a title, never corrected: a new task is
    # read before any typo is.
    task = None if asked else bare_task(cleaned)
    if task is not None:
        return task
    for corrected in (correct_first_word(cleaned), correct_command_words(cleaned)):
        if corrected != cleaned:
            retry = _parse(corrected)
            # A change of plans ("never mind the X") is free text: a guess at it is no request
            # ("nevermind that" is not "nevermind what").
            if retry.kind != "unknown" and not retry.ask:
                return replace(retry, corrected=True)
    return (None if asked else timed_task(cleaned)) or intent
