"""The words the rules are written with: regex fragments for verbs, spans, lists and
priorities that several sections of the table share, and the helpers that build the table."""

from __future__ import annotations

import re

from ...intents import Intent, IntentKind
from ...phrasings import (
    DONE_VERBS,
)
from ...text import FLAGS
from ..patterns import (
    _ID,
    _PRIORITY,
    Builder,
)

_UNDONE_WORD = r"(?:not\s+(?:done|complete|completed|finished)|undone|incomplete|pending|open)"


_EDIT_VERB = r"(?:change|update|set|edit|replace)"


_DELETE_VERB = (
    # "drop off the parcel", "drop by the bank" are tasks of their own, not deletions.
    r"(?:delete|remove|erase|drop(?!\s+(?:off|by|in)\b)|cancel|discard|trash|scrap|scratch"
    r"|throw\s+(?:away|out)|bin|ditch"
    r"|get\s+rid\s+of|clear|purge|forget(?:\s+about)?)"
)


# "never mind the gym", "nevermind about the gym" ("never mind" alone answers a question).
_NEVER_MIND = r"never\s*mind(?:\s+about)?"


# "never mind then", "never mind, I'll do it later": words about the chat, not a task's name.
_NOT_A_TASK = r"(?!(?:then|now|anyway|for\s+now)$|(?:i|i'll|i'm|i've|we|you)\b)"


# "I should have called mom", "I must have left it": a regret or a guess about the past, not a
# task to add ("I have to have the report done" is one).
_NOT_REGRET = (
    r"(?!(?:have|'ve)\s+(?:been|done|gone|had|made|got|gotten|bought|paid|sent|told|left|forgot"
    r"|forgotten|known|seen|taken|\w+ed)\b)"
)


_NOT_NEEDED = r"(?:is|are)\s+no\s+longer\s+needed"


_REOPEN_VERB = r"(?:uncheck|untick|reopen|re-open|unmark|unfinish|restore|undo)"


# "X isn't done", "X is not finished yet", "X is still open": said of a task, it reopens it.
_STILL_OPEN = (
    r"(?:is|are)(?:n't|\s+not)\s+(?:yet\s+)?(?:done|finished|complete|completed)(?:\s+yet)?"
    r"|(?:is|are)\s+still\s+(?:open|pending|not\s+done|to\s+do)"
)


_FROM_LIST = r"(?:\s+from\s+(?:my\s+|the\s+)?(?:to-?do\s+)?(?:list|tasks))?"


_THE_LIST = r"(?:my|the)\s+(?:to-?do\s+|task\s+)?list"


_CROSS_VERB = r"(?:cross|strike|check|tick)"


_ADD_NOUN = r"(?:task|todo|to-?do|item|reminder|entry)"


_DONE_VERBS = "|".join(verb.replace(" ", r"\s+") for verb in DONE_VERBS)


# "have I called the plumber?" (not "have I got …", which asks for a list).
_HAVE_DONE_VERBS = "|".join(
    verb.replace(" ", r"\s+") for verb in DONE_VERBS if verb not in ("got", "did")
)


# Without "I" in front, only verbs whose past tense differs from the imperative ("read" doesn't).
_BARE_DONE_VERBS = "|".join(
    verb.replace(" ", r"\s+")
    for verb in DONE_VERBS
    if verb not in ("read", "did", "finished", "completed")
)


# A span to move a due date by: "an hour", "2 days", "half an hour", "an hour and a half".
_SPAN = (
    r"(?P<amount>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|half\s+an?)\s*(?P<unit>minutes?|mins?|hours?"
    r"|hrs?|h|days?|weeks?)(?P<and_half>\s+and\s+a\s+half)?"
)


_SHIFTED = rf"(?:(?:the\s+)?{_ID}|(?P<ref>.+?))"


# "task 1 to high", "#2 low priority": one part of "set task 1 to high and task 2 to low".
_PRIORITY_PAIR = (
    rf"(?:the\s+)?(?:(?:task|todo|item|number)\s*)?#?\s*\d+\s+(?:to\s+|as\s+|at\s+)?(?:a\s+)?"
    rf"{_PRIORITY}(?:[\s-]+priority)?"
)


_PAIR = re.compile(
    rf"(?:(?:task|todo|item|number)\s*)?#?\s*(?P<id>\d+)\s+(?:to\s+|as\s+|at\s+)?(?:a\s+)?"
    rf"(?P<level>{_PRIORITY})\b",
    FLAGS,
)


_UNTAG_VERB = r"(?:remove|delete|drop|take\s+off|take|strip|clear)"


_DUE_WORDS = r"(?:due\s+date|deadline|due\s+time|due\s+day|date)"


# Taking a reminder off: every verb of a deletion, and "turn off", "stop", "disable".
_UNREMIND = rf"{_DELETE_VERB}|turn\s+off|switch\s+off|disable|stop"


# "the work tag", "tags work and home", "#work": the tags named in a removal.
_TAGS_NAMED = (
    r"(?:the\s+)?(?:tags?\s+(?P<tags>.+?)|(?P<tags2>#\S+(?:\s+#\S+)*)|(?P<tags3>.+?)\s+tags?)"
)


_SET_VERB = r"(?:set|change|update|make|put|mark)"


_SHIFT_VERB = r"(?P<shift>raise|increase|bump(?:\s+up)?|lower|decrease|reduce)"


_PRIORITY_LEVEL = rf"(?P<level>{_PRIORITY})(?:[\s-]+priority)?"


_ASKING = re.compile(
    r"^(?:what|how|why|when|where|who|which|is|are|do|does|can|could|should"
    r"|whats|hows|whens|wheres|whos|whys|isnt|arent|dont|doesnt)\b",
    FLAGS,
)


_EDITING_VERBS = frozenset(
    {"update", "change", "edit", "rename", "move", "set", "reschedule", "postpone", "push"}
)


# "delete everything except the rent task", "complete all but milk", "mark all done except task
# 3": what a bulk action leaves out.
_EXCEPT = (
    r"^(?P<head>.+?)(?:[\s,]+(?:but(?:\s+not)?|except(?:\s+for)?|excluding|other\s+than"
    r"|apart\s+from|aside\s+from|besides|save\s+for|minus)|\s*,\s*(?:not|leave|keep))\s+"
    r"(?P<keep>.+?)(?:\s+(?:alone|as\s+it\s+is))?$"
)


def _fixed(kind: IntentKind) -> Builder:
    return lambda _match, text: Intent(kind, text=text)


def _rules(*pairs: tuple[str, Builder]) -> list[tuple[re.Pattern[str], Builder]]:
    return [(re.compile(pattern, FLAGS), build) for pattern, build in pairs]


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len)[::-1])
