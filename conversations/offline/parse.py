"""Parsing: one user message → an :class:`Intent`. Pure, deterministic, never raises.

``RULES`` is a table of (pattern, builder) pairs tried in order; the first match wins. Rules
that address a task by number come before the free-text ones, so "delete task 2" never becomes
a search for a task named "task 2". A message no rule understands is tried again with its
first word, then all its command words, corrected for typos.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from tasks.relative_dates import WORD_NUMBERS

from .intents import Action, Intent, IntentKind, Status
from .phrasings import (
    ACTION_VERBS,
    BULK_NOUNS,
    BULK_STARTS,
    BULK_WORDS,
    CLOCK,
    DAYS,
    DONE_VERBS,
    EVERY_PART_OF_DAY,
    NO_WORDS,
    NOT_TOPICS,
    ORDINALS,
    PRIORITY_WORDS,
    PRONOUNS,
    RECURRENCE_PATTERN,
    REQUEST_VERBS,
    TASK_VERBS,
    VAGUE_WHEN,
    WEEKDAYS,
    WHEN_PATTERN,
    YES_WORDS,
)
from .text import (
    FLAGS,
    clean_request,
    clean_title,
    correct_command_words,
    correct_first_word,
    ref_words,
    strip_quotes,
)

__all__ = [
    "MAX_SPAN",
    "REMINDER_WHEN_DUE",
    "RULES",
    "bulk_of",
    "names_only_a_day",
    "names_only_a_time",
    "numbers_of",
    "parse_intent",
]

_ID = r"(?:(?:task|todo|to-do|item)\s*)?(?:number\s*|no\.?\s*)?#?\s*(?P<id>\d+)"
_DONE_WORD = r"(?:complete|completed|done|finished)"
# Words that only soften a when: "move it to sometime tomorrow" is "tomorrow".
_FILLER_WHEN = r"(?:sometime|some\s+time|anytime|any\s+time|later)"
_DAY_NAMES = "|".join(DAYS)
_UNDONE_WORD = r"(?:not\s+(?:done|complete|completed|finished)|undone|incomplete|pending|open)"
_DESC_WORD = r"(?:description|desc|notes?|details)"
_EDIT_VERB = r"(?:change|update|set|edit|replace)"
_DELETE_VERB = (
    # "drop off the parcel", "drop by the bank" are tasks of their own, not deletions.
    r"(?:delete|remove|erase|drop(?!\s+(?:off|by|in)\b)|cancel|discard|trash|scrap|scratch"
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

_PENDING_WORDS = re.compile(
    r"\b(?:pending|incomplete|unfinished|uncompleted|outstanding|open|remaining|left|still|undone"
    r"|not\s+(?:yet\s+)?(?:done|complete|completed|finished)|(?:have|need|got)\s+to\s+do"
    r"|should\s+i\s+do|to\s+be\s+done)\b",
    FLAGS,
)
_COMPLETED_WORDS = re.compile(
    r"\b(?:complete|completed|done|finished|finish|accomplished)\b", FLAGS
)
# Done tasks asked for along with the rest: "everything including completed", "done ones too",
# "pending and completed", "done or not".
_DONE_ADJ = r"(?:complete|completed|done|finished|checked(?:\s+off)?|ticked(?:\s+off)?)"
_OPEN_ADJ = r"(?:pending|open|incomplete|unfinished|uncompleted|undone|not\s+done|remaining)"
_BOTH_STATUSES = re.compile(
    rf"\b(?:including|incl\.?|inc\.?|with|plus|and\s+also|as\s+well\s+as|along\s+with|even)"
    rf"\s+(?:the\s+|my\s+|all\s+)?{_DONE_ADJ}\b"
    rf"|\b{_DONE_ADJ}\s+(?:ones?\s+|tasks?\s+|items?\s+)?(?:too|as\s+well|also|included)\b"
    rf"|\b{_DONE_ADJ}\s+(?:and|or|&|\+)\s+(?:the\s+)?{_OPEN_ADJ}\b"
    rf"|\b{_OPEN_ADJ}\s+(?:and|or|&|\+)\s+(?:the\s+)?{_DONE_ADJ}\b"
    rf"|\b{_DONE_ADJ}\s+or\s+not\b",
    FLAGS,
)
# "Add a task to my list: buy milk" → "buy milk"
_LIST_LEAD_IN = re.compile(
    r"^(?:to\s+)?(?:my|the)\s+(?:to-?do\s+|task\s+)?list(?:\s*[:,–—-]\s*|$)", FLAGS
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
_REF_PREFIX = re.compile(
    r"^(?:(?:the|my|a|an)\s+"
    r"|(?:task|todo|to-do|item|reminder)s?(?:\s+(?:called|named|titled|about|for))?\s+"
    r"|(?:called|named|titled|about)\s+)",
    FLAGS,
)
_REF_SUFFIX = re.compile(r"\s+(?:task|todo|to-do|item|reminder|one)$", FLAGS)
_LIST_SPLIT = re.compile(r"\s*(?:[,;\n]|\s-\s)\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", FLAGS)

Builder = Callable[[re.Match[str], str], Intent | None]
_ORDINAL = "|".join(ORDINALS)
# "the second one", "the last task": a position in the list the assistant just showed.
_ORDINAL_REF = re.compile(
    rf"(?P<ordinal>{_ORDINAL})(?:\s+(?:one|task|item))?(?:\s+on\s+the\s+list)?", FLAGS
)


def clean_ref(raw: str) -> str:
    """Reduce "the 'meeting' task" to "meeting"."""
    ref = raw
    previous = None
    while previous != ref:
        previous = ref
        ref = strip_quotes(ref)
        ref = _REF_PREFIX.sub("", ref)
        ref = _REF_SUFFIX.sub("", ref)
    return ref


def _titles(rest: str) -> tuple[str, ...]:
    """One title, or several when the text is a list of tasks.

    "pay rent, water plants and book flights" is three tasks (every part starts with a verb);
    so is "milk, eggs and bread" (three short parts, no verb). "buy milk, eggs and bread" and
    "salt and pepper" stay one task.
    """
    parts = [part for part in _LIST_SPLIT.split(rest) if part and part.strip()]
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


_PRIORITY = r"(?:high|low|medium|med|top|urgent|important|asap)"
_TAG = r"#(?P<tag>[^\W\d_][\w-]{0,29})"
_TAG_INLINE = re.compile(rf"(?:^|(?<=\s)){_TAG}(?=\s|$)", FLAGS)
_BANG_PRIORITY = re.compile(
    rf"(?:^|(?<=\s))!(?P<prio>{_PRIORITY})(?=\s|$)|(?:^|(?<=\s))!!+(?=\s|$)", FLAGS
)
# ", high priority", " - urgent", ". it's urgent", ", this is a high priority": a clause of its
# own after the title and its when.
_PRIORITY_CLAUSE = (
    r"[\s,;.(–—-]+(?:(?:it'?s|it\s+is|this\s+is|that'?s|that\s+is)\s+)?(?:with\s+|as\s+|at\s+)?"
    rf"(?:(?:a\s+)?(?P<level>{_PRIORITY})[\s-]+priority"
    rf"|priority\s*[:=]?\s*(?P<named>{_PRIORITY})|(?P<word>urgent(?:ly)?|important|asap))\)?"
)
_TRAILING_PRIORITY = re.compile(rf"{_PRIORITY_CLAUSE}$", FLAGS)
_LEADING_PRIORITY = re.compile(
    rf"^(?:(?P<level>{_PRIORITY})[\s-]+priority|(?P<word>urgent|important|asap))\s*[:–—-]\s*"
    r"|^(?P<adverb>urgently)\s+",
    FLAGS,
)
_TRAILING_TAGGED = re.compile(
    r"[\s,;]+(?:tagged|with\s+(?:the\s+)?tags?)\s+(?:with\s+|as\s+)?"
    r"(?P<tags>#?[^\W\d_][\w-]*(?:\s*(?:,|and|&)\s*#?[^\W\d_][\w-]*)*)$",
    FLAGS,
)
_RECURRENCE = re.compile(rf"(?P<rec>{RECURRENCE_PATTERN})", FLAGS)
_TRAILING_RECURRENCE = re.compile(rf"[\s,]+{_RECURRENCE.pattern}$", FLAGS)
# "every friday at 4pm": the series, and its time of day (on its day, when it names one).
_TRAILING_TIMED_RECURRENCE = re.compile(
    rf"[\s,]+{_RECURRENCE.pattern}[\s,]+(?:at\s+)?(?P<clock>{CLOCK})$", FLAGS
)
_TRAILING_PART_RECURRENCE = re.compile(rf"[\s,]+{EVERY_PART_OF_DAY}$", FLAGS)
_ONE_DAY = re.compile(
    r"^(?:every|each|on)\s+(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?$", FLAGS
)
_LEADING_RECURRENCE = re.compile(rf"^{_RECURRENCE.pattern}\s*[:,–—-]\s*", FLAGS)
_TRAILING_WHEN = re.compile(
    rf"[\s,]+(?P<prep>(?:(?:is\s+)?due(?:\s+(?:on|by|at))?|by|on|at|before|for)\s+)?"
    rf"(?P<when>{WHEN_PATTERN})$",
    FLAGS,
)


# "the 4th", "3rd", "1/2" or "3-4" ending a title is a due date only after "by", "on"…:
# "Celebrate the 4th", "Read chapter 1/2", "Read pages 3-4".
_BARE_ORDINAL = re.compile(
    r"^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)$|^\d{1,2}[/-]\d{1,2}(?:/\d{2}(?:\d{2})?)?$", FLAGS
)


def _needs_preposition(when: str) -> bool:
    """Whether a due phrase ending a title needs "by", "on"… before it to be a due date."""
    phrase = " ".join(when.lower().split())
    return phrase in VAGUE_WHEN or bool(_BARE_ORDINAL.match(phrase))


# A due phrase that says when in the day ("5pm", "at 9", "friday 5", "tomorrow morning",
# "tonight", "in 2 hours", "eod"): a task moved to it takes that time as said.
_TIME_OF_DAY = re.compile(
    rf"{CLOCK}|\bat\s+\d|(?:{_DAY_NAMES}|today|tomorrow|tmrw|tmr)\s*,?\s+\d{{1,2}}$"
    r"|\b(?:morning|afternoon|evening|night|tonight|noon|midday|midnight|eod|minutes?|mins?"
    r"|hours?)\b|\bend\s+of\s+(?:the\s+)?day\b|\bfirst\s+thing\b|\b(?:this|same)\s+time\b",
    FLAGS,
)


def names_only_a_day(when: str) -> bool:
    """ "friday", "dec 3", "the 1st": a day without a time of day ("friday at 5pm", "tonight",
    "next week" are not)."""
    phrase = " ".join(when.lower().split())
    return bool(phrase) and phrase not in VAGUE_WHEN and not _TIME_OF_DAY.search(phrase)


_ONLY_A_TIME = re.compile(rf"^(?:at\s+)?{CLOCK}$", FLAGS)


def names_only_a_time(when: str) -> bool:
    """ "5pm", "at 9:30": a time of day without a day ("friday at 5pm", "tonight" are not)."""
    return bool(_ONLY_A_TIME.match(" ".join(when.split())))


def priority_of(word: str) -> str:
    """ "urgent" → "high", "med" → "medium"."""
    return PRIORITY_WORDS.get(word.lower(), "high")


def recurrence_phrase(said: str) -> str:
    """The recurrence as the tools read it: "every other week" → "every 2 weeks", "mondays" →
    "every monday"."""
    text = " ".join(said.lower().split())
    text = re.sub(r"^(?:every|each)\s+other\s+(\w+?)s?$", r"every 2 \1s", text)
    if re.fullmatch(r"(?:on\s+)?\w+days(?:\s*(?:,|and|&)\s*\w+days)*", text):
        text = "every " + re.sub(r"(\w+day)s\b", r"\1", text.removeprefix("on "))
    return text


def _part_of_day_series(match: re.Match[str]) -> tuple[str, str]:
    """ "every morning" → daily, due the next morning; "every tuesday evening at 7" → every
    tuesday, due next tuesday evening at 7; "every weekday night" → weekdays, due the next
    night."""
    days = " ".join((match["days"] or "").lower().split())
    part = match["part"].lower()
    at = f" at {match['clock']}" if match["clock"] else ""
    if not days:
        return "daily", f"in the {part}{at}"
    if days in ("weekday", "weekend"):
        return f"{days}s", f"in the {part}{at}"
    one_day = re.fullmatch(r"\w+", days)
    return f"every {days}", f"{days if one_day else 'in the'} {part}{at}"


@dataclass(frozen=True)
class Attributes:
    """What a title carried besides its words: due date, priority, tags, recurrence."""

    title: str
    due: str | None = None
    priority: str | None = None
    tags: tuple[str, ...] = ()
    recurrence: str | None = None
    reminder: str | None = None

    def as_arguments(self) -> dict[str, Any]:
        """The tool arguments these attributes give (only those set)."""
        arguments: dict[str, Any] = {}
        if self.due:
            arguments["due"] = self.due
        if self.priority:
            arguments["priority"] = self.priority
        if self.tags:
            arguments["tags"] = list(self.tags)
        if self.recurrence:
            arguments["recurrence"] = self.recurrence
        if self.reminder:
            arguments["reminder"] = self.reminder
        return arguments


def attributes(raw: str) -> Attributes:
    """Pull "#family", "!high", "urgent", "every monday" and "by friday" off a title."""
    text = raw.strip()
    tags = tuple(dict.fromkeys(tag.lower() for tag in re.findall(_TAG_INLINE.pattern, text, FLAGS)))
    text = _TAG_INLINE.sub("", text)
    priority = None
    bang = _BANG_PRIORITY.search(text)
    if bang:
        priority = priority_of(bang["prio"]) if bang["prio"] else "high"
        text = _BANG_PRIORITY.sub("", text)
    text = " ".join(text.split())
    due = recurrence = None
    previous = None
    while previous != text and text:
        previous = text
        lead = _LEADING_PRIORITY.match(text)
        if lead and priority is None and lead.end() < len(text):
            word = lead["level"] or lead["word"] or lead["adverb"]
            priority, text = priority_of(word), text[lead.end() :]
        lead_rec = _LEADING_RECURRENCE.match(text)
        if lead_rec and recurrence is None and lead_rec.end() < len(text):
            recurrence, text = recurrence_phrase(lead_rec["rec"]), text[lead_rec.end() :]
        tagged = _TRAILING_TAGGED.search(text)
        if tagged and tagged.start() > 0:
            tags = tuple(dict.fromkeys(tags + tag_names(tagged["tags"])))
            text = text[: tagged.start()]
        trail = _TRAILING_PRIORITY.search(text)
        if trail and priority is None and trail.start() > 0:
            word = trail["level"] or trail["named"] or trail["word"]
            priority, text = priority_of(word), text[: trail.start()]
        timed = _TRAILING_TIMED_RECURRENCE.search(text)
        if timed and recurrence is None and due is None and timed.start() > 0:
            recurrence = recurrence_phrase(timed["rec"])
            day = _ONE_DAY.match(" ".join(timed["rec"].split()))
            due = f"{day['day']} {timed['clock']}" if day else timed["clock"]
            text = text[: timed.start()]
        part = _TRAILING_PART_RECURRENCE.search(text)
        if part and recurrence is None and due is None and part.start() > 0:
            recurrence, due = _part_of_day_series(part)
            text = text[: part.start()]
        rec = _TRAILING_RECURRENCE.search(text)
        if rec and recurrence is None and rec.start() > 0:
            recurrence, text = recurrence_phrase(rec["rec"]), text[: rec.start()]
        when = _TRAILING_WHEN.search(text)
        if (
            when
            and due is None
            and when.start() > 0
            and (when["prep"] or not _needs_preposition(when["when"]))
        ):
            due, text = " ".join(when["when"].split()), text[: when.start()]
        # "… by wednesday 5pm. it's urgent": the full stop ended the title's sentence.
        text = text.strip(" ,;.–—-")
    return Attributes(text, due, priority, tags, recurrence)


def _add(match: re.Match[str], _text: str) -> Intent:
    rest = _LIST_LEAD_IN.sub("", match["rest"].strip())
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


def _status_of(text: str) -> Status:
    if _BOTH_STATUSES.search(text):
        return "all"
    if _PENDING_WORDS.search(text):
        return "pending"
    if _COMPLETED_WORDS.search(text):
        return "completed"
    return "all"


_DUE_FILTERS = (
    # "what's due by friday", "anything due by tomorrow": up to the end of that day, overdue
    # included (read before the day alone, which is only that day).
    *(
        (re.compile(rf"\bdue\s+by\s+{day}\b", FLAGS), f"by_{day}")
        for day in ("tomorrow", *WEEKDAYS)
    ),
    (re.compile(r"\b(?:overdue|late|past\s+due)\b", FLAGS), "overdue"),
    # "what do I need to do today?", "what's on my plate today": what is due by the end of
    # today, overdue ones too.
    (
        re.compile(
            r"\b(?:(?:need|have|got)\s+to\s+(?:do|get\s+done|finish)|on\s+my\s+plate)\b.*\btoday\b",
            FLAGS,
        ),
        "by_today",
    ),
    (re.compile(r"\bdue\b.*\btoday\b|\btoday'?s\b.*\bdue\b", FLAGS), "today"),
    # "tomorrow" in a list request is always about tomorrow ("what do I have to do tomorrow");
    # "today" alone lists what is pending, the list of the day.
    (re.compile(r"\btomorrow'?s?\b", FLAGS), "tomorrow"),
    (
        # "what's on my plate this week", "what do I have this week" too; what was done this
        # week is not a due date (``_filtered``).
        re.compile(r"\bthis\s+week\b", FLAGS),
        "this_week",
    ),
    (
        re.compile(r"\b(?:no|without(?:\s+a)?)\s+(?:due\s+dates?|deadlines?)\b|\bundated\b", FLAGS),
        "none",
    ),
    # "next week" in a list request is always that span, Monday to Sunday ("list everything due
    # next week", "what do I have next week", "thursday next week" too: the week is said).
    (re.compile(r"\bnext\s+week'?s?\b", FLAGS), "next_week"),
    (re.compile(r"\b(?:due\s+)?soon\b", FLAGS), "soon"),
    *(
        # "what do I have on friday": that day; "next friday", "this friday" are not read (which
        # friday they mean is a guess), nor "every friday" (how a task repeats).
        (re.compile(rf"(?<!next\s)(?<!this\s)(?<!every\s)\b{day}\b", FLAGS), day)
        for day in WEEKDAYS
    ),
)
_TAGGED = re.compile(
    rf"\btagged\s+(?:with\s+|as\s+)?#?(?P<name>[^\W\d_][\w-]{{0,29}})|{_TAG}"
    r"|\btag\s+#?(?P<named>[^\W\d_][\w-]{0,29})",
    FLAGS,
)
_PRIORITY_FILTER = re.compile(
    rf"\b(?P<level>{_PRIORITY})[\s-]+priority\b|\bpriority\s+(?P<named>{_PRIORITY})\b"
    r"|\b(?P<word>urgent|important)\b",
    FLAGS,
)
# "due before friday", "due after dec 20" (both strict, as the tools' bounds are).
_DUE_BOUND = re.compile(
    rf"\bdue\s+(?P<side>before|after)\s+(?P<when>{WHEN_PATTERN})(?:\s|$)", FLAGS
)
# "sorted by due date", "by priority", "in alphabetical order".
_SORT = re.compile(
    r"\b(?:sort(?:ed)?|order(?:ed)?|by)\s+(?:them\s+)?(?:by\s+)?(?:(?P<due>due\s+dates?|due|dates?"
    r"|deadlines?)|(?P<priority>priority|importance)|(?P<title>titles?|names?|alphabet(?:ically)?))\b"
    r"|\b(?P<title2>alphabetical(?:ly)?)\b",
    FLAGS,
)
_TODAY = re.compile(r"\b(?:today|tonight)\b", FLAGS)
_SHOW_ALL = re.compile(r"\b(?:all|every|everything)\b", FLAGS)
# "one-off tasks", "tasks that don't repeat" (read before the repeating words they contain);
# "recurring tasks", "which tasks repeat".
_ONE_OFF = re.compile(
    r"\b(?:one[\s-]?(?:off|time)|non[\s-]?(?:recurring|repeating)"
    r"|(?:not|never|don'?t|do\s+not|doesn'?t|does\s+not)\s+(?:repeat|recur)\w*)\b",
    FLAGS,
)
_REPEATING = re.compile(r"\b(?:recurring|repeating|repeats?|recurs?|recurrent)\b", FLAGS)


def _recurring_of(text: str) -> bool | None:
    """True for a list of the tasks that repeat, False for the one-off ones, None for either."""
    if _ONE_OFF.search(text):
        return False
    return True if _REPEATING.search(text) else None


# "show me my work tasks", "what are my shopping tasks": one word between "my" and the noun;
# "show health tasks", "list work todos": the word right after the list verb.
_MY_TOPIC = re.compile(
    r"(?:\bmy|^(?:show|list|display|see|view)(?:\s+me)?)\s+(?P<topic>[^\W\d_][\w-]{0,29})"
    r"\s+(?:tasks?|todos?|to-?dos?|items|stuff|things)\b",
    FLAGS,
)
_LIST_WORDS = re.compile(r"^(?:tasks?|todos?|to-?dos?|list|items|ones|stuff|things|everything)$")


def _topic_of(text: str) -> str | None:
    """The word of "my <word> tasks" when it names no status or filter of its own ("my pending
    tasks", "my urgent tasks", "my recurring tasks" keep their meaning)."""
    found = _MY_TOPIC.search(text)
    if found is None:
        return None
    word = found["topic"].lower()
    if (
        word in NOT_TOPICS
        or word in PRIORITY_WORDS
        or word in BULK_WORDS
        or _LIST_WORDS.match(word)
    ):
        return None
    alone = _filtered("list", word)
    if alone != Intent("list") or _SHOW_ALL.search(word) or _SORT.search(word):
        return None
    return word


# "tell me about yourself": about the assistant, not a task.
_NOT_A_TASK_NAME = re.compile(r"^(?:you|yourself|this\s+app|me|us)$", FLAGS)


def _one_task(match: re.Match[str], _text: str) -> Intent | None:
    """ "tell me about the dentist", "what are the details of the plumber task", "show the
    plumber task": the tasks the name matches, as "find" shows them, not the whole list. Words
    that say which kind of tasks ("show the overdue task", "details of my tasks"), a pronoun or
    a position are read as before."""
    return _named_task(match["ref"])


def _named_task(raw: str) -> Intent | None:
    """The "find" of the task (or task number) that ``raw`` names, if it names one."""
    number = re.fullmatch(rf"(?:the\s+)?{_ID}", raw, FLAGS)
    if number:
        return Intent("find", task_id=int(number["id"]))
    ref = clean_ref(raw)
    named = ref.lower().split()
    if (
        not ref_words(ref)
        or ref.lower() in PRONOUNS
        or _NOT_A_TASK_NAME.match(ref)
        or _ORDINAL_REF.fullmatch(ref)
        or _SHOW_ALL.search(ref)
        or _filtered("list", ref) != Intent("list")
        or any(
            word in NOT_TOPICS
            or word in PRIORITY_WORDS
            or word in BULK_WORDS
            or _LIST_WORDS.match(word)
            for word in named
        )
    ):
        return None
    return Intent("find", ref=ref)


_ARTICLES = re.compile(r"(?<=\s)(?:the|a|an|my)\s+", FLAGS)


def _asking(asked: str) -> Builder:
    """A question about one task ("when is the plumber due?", "is task 3 done?", "how
    important is the rent?"): that task looked up as "find" does, and the one thing asked
    answered. "it" is the task the conversation is about."""

    def build(match: re.Match[str], text: str) -> Intent | None:
        ref = match["ref"].strip()
        if ref.lower() in PRONOUNS:
            return Intent("find", pronoun=True, asked=asked, text=text)
        # "did I water the plants?": articles within the name say nothing about which task.
        intent = _named_task(_ARTICLES.sub("", ref))
        return replace(intent, asked=asked) if intent is not None else None

    return build


def _filtered(kind: IntentKind, text: str) -> Intent:
    """A list or count, with the filters the text names (due, tag, priority, recurrence; for a
    list, the word of "my <word> tasks")."""
    status = _status_of(text)
    due_filter = next((name for pattern, name in _DUE_FILTERS if pattern.search(text)), None)
    # "tasks completed this week", "added this week": not when they are due.
    if (
        due_filter == "this_week"
        and not re.search(r"\bdue\b", text)
        and (status == "completed" or re.search(r"\b(?:added|created|made)\b", text))
    ):
        due_filter = None
    tagged = _TAGGED.search(text)
    tag = (tagged["name"] or tagged["tag"] or tagged["named"]).lower() if tagged else None
    level = _PRIORITY_FILTER.search(text)
    priority = priority_of(level["level"] or level["named"] or level["word"]) if level else None
    bound = _DUE_BOUND.search(text)
    due_before = bound["when"] if bound and bound["side"].lower() == "before" else None
    due_after = bound["when"] if bound and bound["side"].lower() == "after" else None
    order = _SORT.search(text)
    sort = next((key for key in ("due", "priority", "title") if order and order[key]), None)
    if order and order["title2"]:
        sort = "title"
    recurring = _recurring_of(text)
    # A tag said outright wins ("my work tasks tagged home" is about #home).
    topic = _topic_of(text) if kind == "list" and not tagged else None
    asked_all = _SHOW_ALL.search(text) or _BOTH_STATUSES.search(text)
    dated = due_filter or due_before or due_after
    filtering = dated or tag or priority or recurring is not None or topic
    if (filtering or _TODAY.search(text)) and status == "all" and not asked_all:
        # "what's due today", "high-priority ones", "my work tasks": what is still to do; so is
        # "anything for today?" ("today" alone lists what is pending, the list of the day).
        status = "pending"
    return Intent(
        kind,
        status=status,
        due_filter=None if (due_before or due_after) else due_filter,
        due_before=due_before,
        due_after=due_after,
        sort=sort,
        tags=(tag,) if tag else (),
        priority=priority,
        recurring=recurring,
        topic=topic,
    )


def _list(_match: re.Match[str], text: str) -> Intent:
    return _filtered("list", text)


def _filtered_list(_match: re.Match[str], text: str) -> Intent | None:
    """A list only when the text names which tasks ("which are overdue"; "which is it" is no
    list request)."""
    intent = _filtered("list", text)
    return None if intent == Intent("list") else intent


def _pending_list(_match: re.Match[str], _text: str) -> Intent:
    return Intent("list", status="pending")


def _bare(match: re.Match[str], _text: str) -> Intent:
    """ "delete" alone: a request without its task; the reply asks which one."""
    kind = {"done": "complete", "finish": "complete", "remove": "delete"}.get(
        match.group(0).lower(), match.group(0).lower()
    )
    if kind in ("rename", "edit", "change"):
        kind = "update"
    return Intent(kind, ref="")  # type: ignore[arg-type]


def _count(_match: re.Match[str], text: str) -> Intent:
    return _filtered("count", text)


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
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip


# "everything I've completed", "all the tasks that are done", "the ones I finished": the done
# ones, said as a clause.
_DONE_CLAUSE = re.compile(
    r"\s+(?:(?:that|which)\s+)?(?:i(?:'?ve|\s+have)?|(?:that|which)(?:'s|\s+is|\s+are|\s+were)"
    r"|(?:is|are))\s+(?:already\s+)?(?:completed|complete|done|finished|did|checked\s+off"
    r"|ticked\s+off)\b",
    FLAGS,
)


def bulk_of(ref: str, action: Action) -> Intent | None:
    """The bulk intent a reference stands for ("all", "everything", "completed ones"), if any."""
    lowered = re.sub(r"^(?:the|my)\s+", "", ref.strip().lower())
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


def _by_id_or_ref(kind: IntentKind, match: re.Match[str], **fields: Any) -> Intent:
    groups = match.groupdict()
    if groups.get("id"):
        return Intent(kind, task_id=int(groups["id"]), **fields)
    raw = groups.get("ref") or ""
    if kind in ("complete", "delete", "reopen"):
        bulk = bulk_of(strip_quotes(raw), kind)
        if bulk is not None:
            return bulk
    ref = clean_ref(raw)
    ordinal = _ORDINAL_REF.fullmatch(ref)
    if ordinal:
        return Intent(kind, choice=ORDINALS[ordinal["ordinal"].lower()], **fields)
    if ref.lower() in PRONOUNS or raw.strip().lower() in PRONOUNS:
        return Intent(kind, pronoun=True, **fields)
    return Intent(kind, ref=ref, **fields)


# "I emailed Sarah yesterday": when it was done is not part of the task's name.
_DONE_WHEN = re.compile(
    r"\s+(?:yesterday|today|this\s+(?:morning|afternoon|evening)|last\s+night|earlier(?:\s+today)?"
    r"|just\s+now|already|finally|at\s+last)$",
    FLAGS,
)


def _complete(match: re.Match[str], _text: str) -> Intent:
    intent = _by_id_or_ref("complete", match)
    if intent.ref:
        intent = replace(intent, ref=_DONE_WHEN.sub("", intent.ref) or intent.ref)
    return intent


def _complete_or_deadline(match: re.Match[str], text: str) -> Intent:
    """ "finish the report" completes it; "finish the report by friday" is a new task with a
    deadline (nobody completes a task "by friday")."""
    ref = match["ref"]
    # "finish the report by friday, it's urgent": the deadline is before the priority.
    trail = _TRAILING_PRIORITY.search(ref)
    if trail and trail.start() > 0:
        ref = ref[: trail.start()]
    when = _TRAILING_WHEN.search(ref)
    if when and when.start() > 0 and (when["prep"] or "").split()[:1] in (["by"], ["before"]):
        intent = _add_text(text)
        # "finish them by friday" names tasks already listed: no new one, and no guess which.
        return Intent("unknown", text=text) if _names_tasks(intent) else intent
    return _complete(match, text)


def _reopen(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("reopen", match)


def _still_open(match: re.Match[str], _text: str) -> Intent | None:
    """ "the plumber isn't done" reopens that task; "all of them aren't done" is news about
    many tasks, not a request: read as before."""
    intent = _by_id_or_ref("reopen", match)
    return intent if intent.kind == "reopen" else None


def _delete(match: re.Match[str], _text: str) -> Intent:
    intent = _by_id_or_ref("delete", match)
    if intent.kind != "delete" or not match.groupdict().get("ref"):
        return intent
    verb = " ".join(match.string[: match.start("ref")].lower().split())
    return replace(intent, verb=verb)


def _no_longer_needed(match: re.Match[str], _text: str) -> Intent | None:
    """ "never mind the gym", "X is no longer needed": a deletion that asks first. A pronoun, a
    position or "all" ("nevermind that") names no task here: read as before."""
    intent = _by_id_or_ref("delete", match)
    if intent.kind != "delete" or intent.pronoun or intent.choice is not None:
        return None
    return replace(intent, ask=True)


def _clear(match: re.Match[str], _text: str) -> Intent:
    return bulk_of(match["ref"], "delete") or Intent("unknown", text=_text)


_WHEN = re.compile(rf"(?:to|for|until|till)?\s*(?P<when>{WHEN_PATTERN})", FLAGS)


def _reschedule(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("reschedule", match, due=match["when"])


_UNTAG_VERB = r"(?:remove|delete|drop|take\s+off|take|strip|clear)"
# "the work tag", "tags work and home", "#work": the tags named in a removal.
_TAGS_NAMED = (
    r"(?:the\s+)?(?:tags?\s+(?P<tags>.+?)|(?P<tags2>#\S+(?:\s+#\S+)*)|(?P<tags3>.+?)\s+tags?)"
)
_SET_VERB = r"(?:set|change|update|make|put|mark)"
_SHIFT_VERB = r"(?P<shift>raise|increase|bump(?:\s+up)?|lower|decrease|reduce)"
_PRIORITY_LEVEL = rf"(?P<level>{_PRIORITY})(?:[\s-]+priority)?"
_PRIORITY_PHRASE = (
    rf"(?:(?:a\s+)?(?P<level>{_PRIORITY})(?:[\s-]+priority)?|priority\s+(?P<named>{_PRIORITY}))"
)


def _set_priority(match: re.Match[str], _text: str) -> Intent:
    groups = match.groupdict()
    word = groups.get("level") or groups.get("named") or "high"
    return _by_id_or_ref("update", match, priority=priority_of(word))


# "submit the report by friday, this is urgent": "this" is the task being said, not one to find;
# "which is urgent?" asks.
_NOT_NAMED = re.compile(r"[,.;–—-]\s*(?:it|this|that)$|^(?:which|what)(?:\s+ones?)?$", FLAGS)


def _named_is_urgent(match: re.Match[str], text: str) -> Intent | None:
    """ "the dentist is urgent" raises that task; "X, it is urgent" is X said with a priority;
    "which is urgent" is a list."""
    if _NOT_NAMED.search(match["ref"]):
        return None
    return _set_priority(match, text)


def _shift_priority(match: re.Match[str], _text: str) -> Intent:
    """ "raise the priority of task 3": one step up from its own (low → medium); "lower …":
    one step down."""
    raised = match["shift"].lower().split()[0] in ("raise", "increase", "bump")
    return _by_id_or_ref("update", match, priority_step=1 if raised else -1)


def tag_names(raw: str) -> tuple[str, ...]:
    """ "work, #home and family" → ("work", "home", "family")."""
    names = [name.lstrip("#").lower() for name in re.split(r"[\s,;&]+|\band\b", raw, flags=FLAGS)]
    return tuple(dict.fromkeys(name for name in names if name and name != "tags"))


def _add_tags(match: re.Match[str], _text: str) -> Intent:
    tags = tag_names(strip_quotes(match["tags"]))
    if not tags:
        return Intent("unknown", text=_text)
    return _by_id_or_ref("update", match, tags=tags)


def _remove_tags(match: re.Match[str], text: str) -> Intent:
    raw = match["tags"] or match["tags2"] or match["tags3"]
    tags = tag_names(strip_quotes(raw))
    if not tags:
        return Intent("unknown", text=text)
    return _by_id_or_ref("update", match, untags=tags)


def _remove_all_tags(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, untag_all=True)


def _set_due(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("reschedule", match, due=" ".join(match["when"].split()))


def _clear_due(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("reschedule", match, due="")


def _add_tags_named(match: re.Match[str], text: str) -> Intent:
    """ "add the tag work to task 3", "add #work to the dentist": only with "tag" or "#"."""
    raw = match["tags"] or match["tags2"] or match["tags3"]
    tags = tag_names(strip_quotes(raw))
    if match.groupdict().get("id"):
        return (
            Intent("update", task_id=int(match["id"]), tags=tags)
            if tags
            else Intent("unknown", text=text)
        )
    ref = clean_ref(match["ref"])
    if not tags or not ref:
        return Intent("unknown", text=text)
    return Intent("update", ref=ref, tags=tags)


_OFFSET = (
    r"(?:(?:(?:an?|one|half\s+an|\d+)\s+(?:minutes?|mins?|hours?|days?|weeks?)"
    r"|an?\s+hour\s+and\s+a\s+half|(?:a\s+couple\s+of|a\s+few)\s+(?:minutes|hours|days|weeks))"
    r"\s+before"
    r"|the\s+(?:day|night|evening|morning)\s+before(?:\s+at\s+\S+(?:\s*(?:am|pm))?)?"
    r"|on\s+the\s+day(?:\s+at\s+\S+(?:\s*(?:am|pm))?)?|when\s+it'?s\s+due)"
)


def reminder_phrase(said: str) -> str:
    """ "an hour before" → "1 hour before" (the tools' wording); other phrases as said."""
    text = " ".join(said.lower().split())
    text = re.sub(r"^half an hour before$", "30 minutes before", text)
    text = re.sub(r"^(?:an?|one)\s+(?!couple\b|few\b)", "1 ", text)
    return re.sub(r"\bmins?\b", "minutes", text)


def _remind_offset(match: re.Match[str], _text: str) -> Intent:
    """ "remind me an hour before": a reminder on the task the conversation is about."""
    reminder = reminder_phrase(match["offset"])
    if match.groupdict().get("id") or match.groupdict().get("ref"):
        return _by_id_or_ref("update", match, reminder=reminder)
    return Intent("update", pronoun=True, reminder=reminder)


def _remind_at(match: re.Match[str], _text: str) -> Intent:
    """ "remind me about task 3 at 9pm tonight"."""
    when = re.sub(r"^at\s+", "", " ".join(match["when"].split()), flags=FLAGS)
    return _by_id_or_ref("update", match, reminder=when)


_SNOOZE_UNITS = {"min": "minutes", "mins": "minutes", "hr": "hours", "hrs": "hours"}
_SNOOZE_MINUTES = {"minute": 1, "hour": 60, "day": 24 * 60}


def _snooze(match: re.Match[str], _text: str) -> Intent:
    """ "snooze the oven reminder for 10 minutes", "snooze it until tomorrow morning": the
    task's reminder set for then ("in 10 minutes", as the tools read a reminder)."""
    minutes = 0
    if match["when"]:
        reminder = " ".join(match["when"].split())
    else:
        amount, unit = match["amount"].lower(), match["unit"].lower()
        if amount == "half an":
            amount, unit = "30", "minutes"
        elif not amount.isdigit():
            amount = str(WORD_NUMBERS.get(amount, 1))
        unit = _SNOOZE_UNITS.get(unit, unit)
        reminder = f"in {amount} {unit.rstrip('s')}{'' if amount == '1' else 's'}"
        minutes = int(amount) * _SNOOZE_MINUTES[unit.rstrip("s")]
    number = re.fullmatch(rf"(?:the\s+)?{_ID}(?:'s)?(?:\s+reminder)?", match["ref"], FLAGS)
    if number:
        return Intent("update", task_id=int(number["id"]), reminder=reminder, snooze=minutes)
    return _by_id_or_ref("update", match, reminder=reminder, snooze=minutes)


# The reminder "remind me to X <when>" implies: at the due time, on every occurrence.
REMINDER_WHEN_DUE = "when it's due"


def _remind_to(match: re.Match[str], text: str) -> Intent:
    """ "remind me to call mom at 5pm", "remind me to call mom every monday": the task, due then
    (a repeating one: on its first day), with a reminder when it's due — which the tools move
    to each next occurrence ("… by friday" is a deadline: no reminder)."""
    intent = _add(match, text)
    if intent.kind != "add" or len(intent.extras) != 1 or not (intent.due or intent.recurrence):
        return intent
    if intent.due:
        deadline = rf"\b(?:by|before|due(?:\s+(?:on|by|at))?)\s+{re.escape(intent.due)}\b"
        if re.search(deadline, text, FLAGS):
            return intent
    reminder = REMINDER_WHEN_DUE
    return replace(
        intent, reminder=reminder, extras=(replace(intent.extras[0], reminder=reminder),)
    )


def _remind_about(match: re.Match[str], text: str) -> Intent:
    """ "remind me about the report tomorrow at 9": a reminder on the task it names, found as a
    name is; when no task is named so, that task, due then, with a reminder when it's due."""
    intent = _remind_at(match, text)
    if intent.ref is None:
        return intent
    said = f"remind me to {strip_quotes(match['ref'])} {match['when']}"
    new = _remind_to(re.match(r"remind me to (?P<rest>.+)", said, FLAGS), said)  # type: ignore[arg-type]
    return replace(intent, otherwise=new if new.kind == "add" else None)


def _remind_when_first(match: re.Match[str], _text: str) -> Intent:
    """ "remind me tomorrow at 9 to call the bank", "every day at 8am remind me to take my
    pills": as "remind me to call the bank tomorrow at 9", "… to take my pills every day at
    8am"."""
    said = f"remind me to {match['rest']} {match['when']}"
    return _remind_to(re.match(r"remind me to (?P<rest>.+)", said, FLAGS), said)  # type: ignore[arg-type]


def _when_first(match: re.Match[str], _text: str) -> Intent | None:
    """ "tomorrow I need to call the bank", "on friday: pick up the dry cleaning": a new task
    with that when, if the rest is one said with it at the end."""
    said = f"{match['rest']} {match['when']}"
    intent = _parse(said)
    return intent if intent.kind == "add" and intent.due else None


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


def bare_task(text: str) -> Intent | None:
    """ "buy milk", "call mom #family", "renew my passport": a message nothing else understands
    that starts with a task verb is a new task — unless a title would refer to tasks already on
    the list (then nothing is guessed)."""
    first = text.split()[0].lower() if text.split() else ""
    if first not in TASK_VERBS:
        return None
    intent = _add_text(text)
    if intent.kind != "add" or _names_tasks(intent):
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


_ASKING = re.compile(
    r"^(?:what|how|why|when|where|who|which|is|are|do|does|can|could|should"
    r"|whats|hows|whens|wheres|whos|whys|isnt|arent|dont|doesnt)\b",
    FLAGS,
)


_EDITING_VERBS = frozenset(
    {"update", "change", "edit", "rename", "move", "set", "reschedule", "postpone", "push"}
)


def _standalone(match: re.Match[str], text: str) -> Intent | None:
    """A task said with its when ("water plants every day", "call mom tomorrow at 5pm").

    Only when the rest is no other request and starts with a verb ("call", "pay") or, after
    "by"/"on"/"due", is not a question; otherwise the next rule decides."""
    rest = match["rest"]
    if _parse(rest).kind != "unknown":
        return None
    first = rest.split()[0].lower()
    if first in _EDITING_VERBS and re.search(
        rf"\s(?:to|until|till)(?:\s|$)|\b(?:it|that|this)\b|(?:^|\s){_ID}\b", rest, FLAGS
    ):
        # "update the dentist to 4pm", "move task 1 to sometime next week" ask to change a task
        # (a when the tools may not read); "update my resume by friday" is a new one.
        return None
    prep = (match.groupdict().get("prep") or "").strip().lower()
    if first in ACTION_VERBS:
        # A when does not make "pay it by friday" a new task: "it" is one already listed.
        intent = _add_text(text)
        if intent.kind == "add" and _names_tasks(intent):
            return None
        if (
            first in REQUEST_VERBS
            and intent.kind == "add"
            and not (intent.due or intent.recurrence)
        ):
            # "do the passport next month": a when kept in the title is no when, and these
            # verbs need one to be a new task.
            return None
        return intent
    if prep in ("by", "on", "due") and not _ASKING.match(rest):
        return _add_text(text)
    return None


def _repeating(match: re.Match[str], text: str) -> Intent | None:
    """ "every monday: take out the bins"."""
    if _parse(match["rest"]).kind != "unknown":
        return None
    return _add_text(text)


_DATED_TITLE = rf"(?P<rest>.+?)[\s,]+(?:(?:by|on|due|for)\s+)?(?P<when>{WHEN_PATTERN})"


def _update_title(match: re.Match[str], text: str) -> Intent:
    priority = re.fullmatch(_PRIORITY_PHRASE, match["title"].strip(), FLAGS)
    if priority:
        # "Set task 3 to high priority" changes its priority, not its title.
        word = priority["level"] or priority["named"]
        return _by_id_or_ref("update", match, priority=priority_of(word))
    when = _WHEN.fullmatch(match["title"].strip())
    if when:
        # "Change the meeting to tomorrow" moves it; it never renames it "Tomorrow".
        return _by_id_or_ref("reschedule", match, due=when["when"])
    repeat = re.fullmatch(
        rf"(?:(?:to\s+)?(?:repeat|recur)\s+)?(?P<rec>{RECURRENCE_PATTERN})",
        match["title"].strip(),
        FLAGS,
    )
    if repeat:
        # "Change task 3 to every other week" changes how it repeats, not its title.
        return _by_id_or_ref("update", match, recurrence=recurrence_phrase(repeat["rec"]))
    title = clean_title(re.sub(r"\s+instead$", "", match["title"].strip(), flags=FLAGS))
    if re.fullmatch(_DONE_WORD, title, FLAGS):
        # "Change task 3 to done" means complete it, not rename it to "Done".
        return _by_id_or_ref("complete", match)
    quoted = re.match(r"[\"'“«]", match["title"].strip())
    if quoted or match.string.split()[0].lower() in ("rename", "retitle"):
        # Said to be a title: taken as said ("rename task 1 to Review monday", "change task 1
        # to 'Call mom tonight'").
        return _by_id_or_ref("update", match, title=title)
    dated = re.fullmatch(_DATED_TITLE, title, FLAGS)
    if dated and not _needs_preposition(dated["when"]):
        rest = dated["rest"].strip()
        if re.fullmatch(_DONE_WORD, rest, FLAGS):
            # "Set task 1 to done tomorrow" is no title, nor clearly a completion.
            return Intent("unknown", text=text)
        if re.fullmatch(_FILLER_WHEN, rest, FLAGS):
            # "Change task 1 to sometime tomorrow" is only a when.
            return _by_id_or_ref("reschedule", match, due=dated["when"])
        # "Change task 1 to call mom tomorrow": the title, and the when as its due date.
        return _by_id_or_ref("update", match, title=clean_title(rest), due=dated["when"])
    if dated or re.match(rf"(?:{_FILLER_WHEN})\b", title, FLAGS):
        # "Change task 1 to sometime next week": a when the tools can't place, never a title.
        return Intent("unknown", text=text)
    return _by_id_or_ref("update", match, title=title)


def _stop_repeating(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, recurrence="")


def _repeat(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, recurrence=recurrence_phrase(match["rec"]))


def _clear_reminder(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, reminder="")


def _clear_description(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, description="")


def _clear_priority(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, priority="none")


def _update_description(match: re.Match[str], _text: str) -> Intent:
    return _by_id_or_ref("update", match, description=strip_quotes(match["desc"]))


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


# "delete everything except the rent task", "complete all but milk", "mark all done except task
# 3": what a bulk action leaves out.
_EXCEPT = (
    r"^(?P<head>.+?)(?:[\s,]+(?:but(?:\s+not)?|except(?:\s+for)?|excluding|other\s+than"
    r"|apart\s+from|aside\s+from|besides|save\s+for|minus)|\s*,\s*(?:not|leave|keep))\s+"
    r"(?P<keep>.+?)(?:\s+(?:alone|as\s+it\s+is))?$"
)


def _except(match: re.Match[str], _text: str) -> Intent | None:
    """ "delete all but milk": the bulk action the head asks for, leaving out what the rest
    names; a range less the numbers named ("complete 1-5 except 3"). Anything else is read as
    before."""
    head = _parse(match["head"])
    if head.kind != "bulk" or (head.task_ids and not head.span):
        return None
    keep = clean_ref(match["keep"])
    if head.task_ids:
        numbers = numbers_of(keep)
        if numbers is None or numbers.too_many:
            return None
        ids = tuple(task_id for task_id in head.task_ids if task_id not in numbers.ids)
        return replace(head, task_ids=ids) if ids else None
    if not keep or keep.lower() in PRONOUNS:
        return None
    return replace(head, keep=(keep,))


def _wish(match: re.Match[str], text: str) -> Intent:
    """ "I want to add milk" is "add milk"; "I want to buy milk" is a task."""
    intent = _parse(match["rest"])
    return _add(match, text) if intent.kind in ("unknown", "choose", "yes", "no") else intent


def _choose(match: re.Match[str], _text: str) -> Intent:
    if match.groupdict().get("id"):
        return Intent("choose", task_id=int(match["id"]))
    return Intent("choose", choice=ORDINALS[match["ordinal"].lower()])


def _fixed(kind: IntentKind) -> Builder:
    return lambda _match, text: Intent(kind, text=text)


def _rules(*pairs: tuple[str, Builder]) -> list[tuple[re.Pattern[str], Builder]]:
    return [(re.compile(pattern, FLAGS), build) for pattern, build in pairs]


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len)[::-1])


RULES = _rules(
    # Answers to the assistant's question
    (
        rf"^(?:{_alternatives(YES_WORDS)})(?:[\s,!.]+(?:please|thanks|do\s+it|go\s+ahead))*$",
        _fixed("yes"),
    ),
    (
        rf"^(?:{_alternatives(NO_WORDS)})(?:[\s,!.]+(?:thanks|thank\s+you|leave\s+it))*$",
        _fixed("no"),
    ),
    # "don't delete the milk task", "do not complete task 2", "no, don't": a change refused is
    # a no (to the open question, if any), never the change.
    (
        r"^(?:(?:no|nope|nah|wait)[\s,!.]+)?(?:please\s+)?(?:don't|dont|do\s+not|never|i\s+(?:don't"
        r"|dont|do\s+not)\s+want\s+(?:you\s+)?to)(?:\s+(?:delete|remove|erase|clear|wipe|complete"
        r"|finish|mark|check|tick|cross|change|rename|edit|update|move|postpone|reschedule|touch"
        r"|cancel|drop|scrap|undo|reopen|uncheck|do\s+(?:it|that|anything|this))\b.*)?$",
        _fixed("no"),
    ),
    (rf"^(?:the\s+)?(?P<ordinal>{_ORDINAL})(?:\s+(?:one|task|option))?$", _choose),
    (r"^(?:(?:task|number|no\.?)\s*)?#?\s*(?P<id>\d+)$", _choose),
    # Conversation
    (
        r"^(?:help(?:\s+me)?|\?|commands|menu|usage|what\s+can\s+(?:you|i)\s+(?:do|say|ask)"
        r"|what\s+do\s+you\s+do|how\s+does\s+this\s+work|how\s+do\s+i\s+use\s+(?:this|you)"
        r"|who\s+are\s+you|what\s+are\s+you|are\s+you\s+(?:a\s+|an\s+)?(?:bot|robot|ai|human"
        r"|person|real|machine))$",
        _fixed("help"),
    ),
    # "what's up", "how are you": a greeting.
    (
        r"^(?:what'?s\s+up|wh?at\s+up|sup|how\s+are\s+you(?:\s+doing)?(?:\s+today)?"
        r"|how'?s\s+it\s+going)$",
        _fixed("greeting"),
    ),
    (
        r"^(?:thanks|thank\s+you|thx|ty|cheers|ok(?:ay)?|great|perfect|awesome|cool|nice|got\s+it)"
        r"(?:\s+(?:so\s+much|a\s+lot|very\s+much))?$",
        _fixed("thanks"),
    ),
    # A bulk action with exceptions (before the bulk action itself, which would read the
    # exception as part of a name)
    (_EXCEPT, _except),
    # Several tasks by number
    (rf"^(?:complete|finish|check\s+off|tick\s+off|close)\s+{_NUMBERS}$", _several("complete")),
    (rf"^(?:mark|set)\s+{_NUMBERS}\s+(?:as\s+)?{_DONE_WORD}$", _several("complete")),
    (rf"^{_DELETE_VERB}\s+{_NUMBERS}$", _several("delete")),
    # Paging: the rest of the last list
    (
        r"^(?:show\s+(?:me\s+)?|see\s+|list\s+)?(?:(?:the\s+)?more|the\s+rest|next(?:\s+page)?"
        r"|(?:the\s+)?next\s+(?:page|ones|tasks)|more\s+tasks|keep\s+going)$",
        _fixed("more"),
    ),
    # Description, priority, reminder and recurrence of a task, cleared or set (before deleting:
    # "cancel the reminder on task 2", "remove the notes from task 2" change the task)
    (
        rf"^(?:clear|remove|delete|drop|erase)\s+(?:the\s+)?{_DESC_WORD}\s+(?:of|from|for|on)\s+"
        rf"(?:the\s+)?{_ID}$",
        _clear_description,
    ),
    (
        rf"^(?:remove|clear|drop|reset)\s+(?:the\s+)?priority\s+(?:of|from|for|on)\s+(?:the\s+)?{_ID}$",
        _clear_priority,
    ),
    (
        rf"^no\s+priority\s+(?:for|on)\s+(?:the\s+)?{_ID}$",
        _clear_priority,
    ),
    (
        rf"^{_DESC_WORD}\s+(?:for|of|on)\s+(?:the\s+)?{_ID}\s*:\s*(?P<desc>.+)$",
        _update_description,
    ),
    (rf"^{_ID}(?:'s)?\s+{_DESC_WORD}\s*:\s*(?P<desc>.+)$", _update_description),
    (
        rf"^(?:cancel|remove|delete|clear|drop|turn\s+off|disable)\s+(?:the\s+|my\s+)?reminders?"
        rf"\s+(?:on|for|from|of|about)\s+(?:the\s+)?{_ID}$",
        _clear_reminder,
    ),
    (
        rf"^(?:set|add|create|put|make)\s+(?:a\s+|the\s+)?reminder\s+(?:for|on|about)\s+(?:the\s+)?"
        rf"{_ID}\s+(?P<offset>{_OFFSET})$",
        _remind_offset,
    ),
    (
        rf"^(?:set|add|create|put|make)\s+(?:a\s+|the\s+)?reminder\s+(?:for|on|about)\s+(?:the\s+)?"
        rf"{_ID}\s+(?:for\s+)?(?P<when>{WHEN_PATTERN})$",
        _remind_at,
    ),
    (rf"^(?:stop\s+repeating|(?:don't|do\s+not)\s+repeat)\s+(?:the\s+)?{_ID}$", _stop_repeating),
    (
        rf"^(?:make|set)\s+(?:the\s+)?{_ID}\s+(?:not\s+(?:repeat|recur)(?:ring)?|non-?recurring"
        r"|(?:a\s+)?one-?(?:off|time)(?:\s+task)?)$",
        _stop_repeating,
    ),
    (
        r"^(?:remove|clear|delete|drop|cancel|stop)\s+(?:the\s+)?(?:recurrence|repeat|repetition"
        rf"|repeating|schedule)\s+(?:of|from|on|for)\s+(?:the\s+)?{_ID}$",
        _stop_repeating,
    ),
    (
        rf"^{_ID}\s+(?:should\s+)?(?:not|no\s+longer|doesn't|does\s+not)\s+(?:need\s+to\s+)?"
        r"(?:repeat|recur)(?:\s+any\s*more)?$",
        _stop_repeating,
    ),
    (
        rf"^(?:make|set|have)\s+(?:the\s+)?{_ID}\s+(?:to\s+)?(?:repeat|recur)\s+"
        rf"(?P<rec>{RECURRENCE_PATTERN})$",
        _repeat,
    ),
    # Priority, tags and due dates of a task
    (
        rf"^(?:make|mark|set|flag|change|bump)\s+(?:the\s+)?{_ID}\s+(?:as\s+|to\s+)?{_PRIORITY_PHRASE}$",
        _set_priority,
    ),
    (
        rf"^{_SET_VERB}\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(?:the\s+)?{_ID}"
        rf"\s+(?:to|as|at)\s+{_PRIORITY_LEVEL}$",
        _set_priority,
    ),
    (
        rf"^(?:{_SET_VERB}\s+)?(?:the\s+)?{_ID}(?:'s)?\s+priority\s+(?:to\s+|as\s+|at\s+|[:=]\s*)?"
        rf"{_PRIORITY_LEVEL}$",
        _set_priority,
    ),
    (
        rf"^{_SET_VERB}\s+(?:the\s+)?priority\s+(?:to\s+)?{_PRIORITY_LEVEL}\s+(?:for|on|of)"
        rf"\s+(?:the\s+)?{_ID}$",
        _set_priority,
    ),
    (
        rf"^{_SHIFT_VERB}\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(?:the\s+)?{_ID}$",
        _shift_priority,
    ),
    (rf"^prioriti[sz]e\s+(?:the\s+)?{_ID}$", _set_priority),
    (rf"^{_ID}\s+is\s+{_PRIORITY_PHRASE}$", _set_priority),
    (rf"^untag\s+(?:the\s+)?{_ID}$", _remove_all_tags),
    (
        rf"^{_UNTAG_VERB}\s+(?:all\s+)?(?:the\s+|its\s+)?tags\s+(?:from|off|of|on)\s+"
        rf"(?:the\s+)?{_ID}$",
        _remove_all_tags,
    ),
    (rf"^{_UNTAG_VERB}\s+{_TAGS_NAMED}\s+(?:from|off)\s+(?:the\s+)?{_ID}$", _remove_tags),
    (rf"^tag\s+(?:the\s+)?{_ID}\s+(?:with|as)\s+(?P<tags>.+)$", _add_tags),
    (
        r"^(?:add|put)\s+(?:the\s+|a\s+)?(?:tags?\s+(?P<tags>.+?)|(?P<tags2>#\S+(?:\s+#\S+)*)"
        rf"|(?P<tags3>.+?)\s+tags?)\s+(?:to|on)\s+(?:the\s+)?{_ID}$",
        _add_tags_named,
    ),
    (
        rf"^(?:remove|clear|delete|drop)\s+(?:the\s+)?due\s+date\s+(?:of|from|for|on)\s+(?:the\s+)?{_ID}$",
        _clear_due,
    ),
    (
        r"^(?:remove|clear|delete|drop)\s+(?:the\s+)?due\s+date\s+(?:of|from|for|on)\s+(?P<ref>.+)$",
        _clear_due,
    ),
    (
        rf"^(?:set|change|update|make|move)\s+(?:the\s+)?due\s+date\s+(?:of|for|on)\s+(?:the\s+)?{_ID}"
        r"\s+(?:to|as|for)\s+(?P<when>.+)$",
        _set_due,
    ),
    (
        rf"^(?:make|set)?\s*(?:the\s+)?{_ID}\s+(?:is\s+)?due\s+(?:on\s+|by\s+|at\s+)?(?P<when>.+)$",
        _set_due,
    ),
    (
        rf"^{_SET_VERB}\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(?P<ref>.+?)"
        rf"\s+(?:to|as|at)\s+{_PRIORITY_LEVEL}$",
        _set_priority,
    ),
    (
        rf"^{_SET_VERB}\s+(?:the\s+)?priority\s+(?:to\s+)?{_PRIORITY_LEVEL}\s+(?:for|on|of)"
        r"\s+(?P<ref>.+)$",
        _set_priority,
    ),
    (rf"^{_SHIFT_VERB}\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(?P<ref>.+)$", _shift_priority),
    (
        # "change rent priority to low", "set the dentist's priority to high".
        rf"^{_SET_VERB}\s+(?P<ref>.+?)(?:'s)?\s+priority\s+(?:to\s+|as\s+|at\s+|[:=]\s*)"
        rf"{_PRIORITY_LEVEL}$",
        _set_priority,
    ),
    (r"^prioriti[sz]e\s+(?P<ref>.+)$", _set_priority),
    (r"^untag\s+(?P<ref>.+)$", _remove_all_tags),
    (
        rf"^{_UNTAG_VERB}\s+(?:all\s+)?(?:the\s+|its\s+)?tags\s+(?:from|off|of|on)\s+(?P<ref>.+)$",
        _remove_all_tags,
    ),
    (rf"^{_UNTAG_VERB}\s+{_TAGS_NAMED}\s+(?:from|off)\s+(?P<ref>.+)$", _remove_tags),
    (r"^tag\s+(?P<ref>.+?)\s+(?:with|as)\s+(?P<tags>.+)$", _add_tags),
    (
        r"^(?:add|put)\s+(?:the\s+|a\s+)?(?:tags?\s+(?P<tags>.+?)|(?P<tags2>#\S+(?:\s+#\S+)*)"
        r"|(?P<tags3>.+?)\s+tags?)\s+(?:to|on)\s+(?P<ref>.+)$",
        _add_tags_named,
    ),
    (
        r"^(?:set|change|update|make|move)\s+(?:the\s+)?due\s+date\s+(?:of|for|on)\s+(?P<ref>.+?)"
        r"\s+(?:to|as|for)\s+(?P<when>.+)$",
        _set_due,
    ),
    (
        rf"^(?:make|mark|set|flag|bump)\s+(?P<ref>.+?)\s+(?:as\s+|to\s+)?{_PRIORITY_PHRASE}$",
        _set_priority,
    ),
    (
        r"^(?P<ref>.+?)\s+is\s+(?:(?:now\s+)?(?:urgent|important)|(?:a\s+)?(?:high|top)[\s-]+priority)$",
        _named_is_urgent,
    ),
    # Reopen (before completing: "mark task 3 as not done")
    (rf"^{_REOPEN_VERB}\s+(?:the\s+)?{_ID}$", _reopen),
    (rf"^(?:mark|set|flag)\s+(?:the\s+)?{_ID}\s+(?:as\s+)?{_UNDONE_WORD}$", _reopen),
    (rf"^{_ID}\s+(?:{_STILL_OPEN})$", _reopen),
    # Complete by number
    (rf"^(?:mark|set|flag)\s+(?:the\s+)?{_ID}\s+(?:as\s+)?{_DONE_WORD}$", _complete),
    (
        rf"^(?:complete|finish|close|check(?:\s+off)?|tick(?:\s+off)?)\s+(?:the\s+)?{_ID}(?:\s+off)?$",
        _complete,
    ),
    # "task 2 is done", and as a note: "task 2 done", "#2 done" (not by name: "get it done").
    (rf"^{_ID}\s+(?:is\s+)?(?:now\s+)?(?:all\s+)?{_DONE_WORD}$", _complete),
    (
        rf"^i(?:'ve|\s+have)?\s+(?:just\s+)?(?:finished|completed|done|did)\s+(?:with\s+)?{_ID}$",
        _complete,
    ),
    (rf"^(?:i(?:'m|\s+am)\s+)?(?:done|finished)\s+with\s+{_ID}$", _complete),
    (rf"^{_DONE_WORD}\s*:?\s+{_ID}$", _complete),
    # Delete by number
    (rf"^{_DELETE_VERB}\s+(?:the\s+)?{_ID}{_FROM_LIST}$", _delete),
    # Off the list: "take X off my list" deletes it, "cross X off my list" completes it (as
    # "cross off X" does); before lists, which "check the milk off my list" is not.
    (rf"^take\s+(?:the\s+)?{_ID}\s+off\s+{_THE_LIST}$", _delete),
    (rf"^take\s+(?P<ref>.+?)\s+off\s+{_THE_LIST}$", _delete),
    (rf"^{_CROSS_VERB}\s+(?:the\s+)?{_ID}\s+off(?:\s+{_THE_LIST})?$", _complete),
    (rf"^{_CROSS_VERB}\s+(?P<ref>.+?)\s+off\s+{_THE_LIST}$", _complete),
    # Update by number
    (
        rf"^{_EDIT_VERB}\s+(?:the\s+)?{_DESC_WORD}\s+(?:of|for|on)\s+{_ID}\s+(?:to|with|as)\s*:?\s+"
        r"(?P<desc>.+)$",
        _update_description,
    ),
    (
        rf"^{_EDIT_VERB}\s+{_ID}(?:'s)?\s+{_DESC_WORD}\s+(?:to|as)\s*:?\s+(?P<desc>.+)$",
        _update_description,
    ),
    (
        rf"^(?:add|set)\s+(?:a\s+|the\s+)?{_DESC_WORD}\s+(?:to|for|on)\s+{_ID}\s*:?\s+(?P<desc>.+)$",
        _update_description,
    ),
    (
        rf"^(?:{_EDIT_VERB}|rename|retitle)\s+(?:the\s+)?(?:(?:title|name)\s+(?:of|for)\s+)?{_ID}(?:'s)?"
        r"(?:\s+(?:title|name))?\s*(?:(?:to|as|into)\s*:?|:)\s*(?P<title>.+)$",
        _update_title,
    ),
    (
        r"^(?:bye|goodbye|good\s*night|see\s+you(?:\s+later)?|later|that'?s\s+all|nothing(?:\s+else)?)$",
        _fixed("bye"),
    ),
    (r"^(?:delete|remove|complete|finish|done|rename|edit|change|update)$", _bare),
    (
        r"^undo(?:\s+(?:that|it))?$",
        lambda _match, _text: Intent("reopen", pronoun=True, text="undo"),
    ),
    (
        r"^(?:i'?m|i\s+am)\s+(?:all\s+)?(?:done|finished|through)\s+for\s+(?:today|now|tonight"
        r"|the\s+(?:day|night|week))$",
        _fixed("bye"),
    ),
    (
        r"^(?:ok(?:ay)?\s+)?(?:that|it|this)(?:'s|\s+is)\s+(?:now\s+)?(?:all\s+)?(?:done|finished"
        r"|complete|completed)$",
        lambda _match, _text: Intent("complete", pronoun=True),
    ),
    # Moving a task to another day (due dates)
    (
        rf"^(?:move|postpone|reschedule|push|delay|shift|put\s+off)\s+(?:the\s+)?{_ID}\s+"
        rf"(?:back\s+)?(?:to|for|until|till|until)\s+(?P<when>{WHEN_PATTERN})$",
        _reschedule,
    ),
    (
        rf"^(?:move|postpone|reschedule|push|delay|shift|put\s+off)\s+(?P<ref>.+?)\s+"
        rf"(?:back\s+)?(?:to|for|until|till)\s+(?P<when>{WHEN_PATTERN})$",
        _reschedule,
    ),
    # Searching
    (
        r"^(?:find|search(?:\s+for)?|look\s+for|look\s+up|where(?:'s|\s+is))\s+(?:my\s+|the\s+)?"
        r"(?:tasks?\s+(?:about|with|for|called|named)\s+)?(?P<ref>.+?)(?:\s+tasks?)?$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    (
        r"^(?:do\s+i\s+have|is\s+there)\s+(?:a|any)\s+(?:tasks?|todos?)\s+(?:about|with|for|called"
        r"|named)\s+(?P<ref>.+)$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    # One task by its number
    (
        r"^(?:show|display|view|open|describe|tell\s+me\s+about|what(?:'s|\s+is|\s+are)"
        r"|details\s+(?:of|for|on))"
        r"\s+(?:me\s+)?(?:the\s+)?(?:details\s+(?:of|for|on)\s+)?(?:task|todo|item|number|#)\s*#?"
        r"(?P<id>\d+)(?:'s)?(?:\s+details)?$",
        lambda match, _text: Intent("find", task_id=int(match["id"])),
    ),
    # What to do next: the most pressing few pending tasks (before lists: "what's most
    # urgent?" is not only the high-priority ones).
    (
        r"^what\s+(?:should|shall|do|can|must)\s+i\s+(?:do|work\s+on|start\s+(?:on|with)|tackle"
        r"|focus\s+on|get\s+done|deal\s+with|handle)(?:\s+(?:next|first|now|right\s+now))?$"
        r"|^what\s+(?:next|now|to\s+do\s+(?:next|now|first))$"
        r"|^where\s+(?:should|do|shall|can)\s+i\s+(?:start|begin)$"
        r"|^what(?:'s|\s+is)\s+(?:the\s+)?most\s+(?:important|urgent|pressing)(?:\s+(?:thing|task"
        r"|one|to-?do|item))?(?:\s+(?:now|right\s+now))?$"
        r"|^what(?:'s|\s+is|\s+are)\s+my\s+top\s+(?:priority|priorities|tasks?)$"
        r"|^what\s+do\s+you\s+(?:suggest|recommend)(?:\s+i\s+do(?:\s+next|\s+first)?)?$",
        _fixed("suggest"),
    ),
    # Questions about one task: when it is due, whether it is done, its priority (before
    # lists: "what's the priority of the rent?" asks about one task, not for a list).
    (
        r"^(?:when(?:'s|\s+is)|what(?:'s|\s+is))\s+(?:my\s+|the\s+)?next\s+(?:task|deadline"
        r"|due\s+date|thing|to-?do|item)(?:\s+due)?$"
        r"|^what(?:'s|\s+is)\s+(?:due\s+)?next\s+(?:on|in)\s+(?:my\s+|the\s+)?(?:to-?do\s+)?"
        r"(?:list|tasks)$",
        _fixed("next"),
    ),
    (
        r"^what\s+(?:tasks?\s+)?(?:did|have)\s+i\s+(?:just\s+|recently\s+)?(?:add|added|create"
        r"|created)(?:\s+(?P<today>today|so\s+far\s+today|earlier\s+today|this\s+morning)"
        r"|\s+(?:recently|lately|just\s+now|last))?$"
        r"|^(?:show|list)\s+(?:me\s+)?(?:my\s+|the\s+)?(?:recent|recently\s+added|latest|newest"
        r"|last\s+added)\s+(?:tasks|todos|to-?dos|items)$",
        lambda match, _text: Intent("recent", asked="today" if match["today"] else None),
    ),
    (
        r"^(?:when(?:'s|\s+is)|what(?:'s|\s+is))\s+the\s+(?:due\s+date|deadline)\s+(?:of|for|on)"
        r"\s+(?P<ref>.+)$",
        _asking("due"),
    ),
    (r"^when(?:'s|\s+is|\s+are)\s+(?P<ref>.+?)(?:\s+due(?:\s+by)?)?$", _asking("due")),
    (
        r"^when\s+(?:do|should|must|will)\s+i\s+(?:(?:need|have|got)\s+to\s+)?(?P<ref>.+?)"
        r"(?:\s+by)?$",
        _asking("due"),
    ),
    (
        r"^(?:is|are)\s+(?P<ref>.+?)\s+(?:already\s+)?(?:done|complete|completed|finished"
        r"|checked\s+off|ticked\s+off)(?:\s+yet)?$",
        _asking("done"),
    ),
    # "did I delete the rent task?", "was the rent deleted?", "is the rent still on my list?":
    # whether the task is still listed, never a deletion (before "did I …", which would look
    # for a task named "delete rent").
    (
        r"^(?:did|have)\s+i\s+(?:already\s+|just\s+|ever\s+|accidentally\s+)?(?:delete|deleted"
        r"|remove|removed|erase|erased|get\s+rid\s+of|got\s+rid\s+of|trash|trashed)\s+"
        r"(?P<ref>.+?)(?:\s+(?:yet|already|by\s+(?:mistake|accident)|accidentally))?$",
        _asking("kept"),
    ),
    (
        r"^(?:was|is|were|are|has|have)\s+(?P<ref>.+?)\s+(?:been\s+|already\s+)?(?:deleted|removed"
        r"|erased|gone)(?:\s+(?:yet|already))?$",
        _asking("kept"),
    ),
    (r"^did\s+(?P<ref>.+?)\s+get\s+(?:deleted|removed|erased)$", _asking("kept")),
    (
        r"^(?:is|are)\s+(?P<ref>.+?)\s+still\s+(?:on|in)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?"
        r"list$",
        _asking("kept"),
    ),
    (
        r"^did\s+i\s+(?:already\s+|ever\s+)?(?:(?:finish|complete|do|get\s+done)\s+)?"
        r"(?P<ref>.+?)(?:\s+(?:yet|already))?$",
        _asking("done"),
    ),
    (
        rf"^have\s+i\s+(?:already\s+)?(?:finished|completed|done|{_HAVE_DONE_VERBS})\s+(?P<ref>.+?)"
        r"(?:\s+(?:yet|already))?$",
        _asking("done"),
    ),
    (
        r"^(?:what(?:'s|\s+is)\s+the\s+priority\s+(?:of|for|on)|how\s+(?:important|urgent)"
        r"\s+(?:is|are))\s+(?P<ref>.+)$",
        _asking("priority"),
    ),
    (r"^what\s+priority\s+(?:is|does)\s+(?P<ref>.+?)(?:\s+have)?$", _asking("priority")),
    # "is the rent high priority?", "is task 2 urgent?": answered with its priority, whatever it is.
    (
        r"^(?:is|are)\s+(?P<ref>.+?)\s+(?:(?:a\s+)?(?:high|low|medium|top)[\s-]+priority"
        r"|urgent|important|a\s+priority)$",
        _asking("priority"),
    ),
    (r"^what(?:'s|\s+is)\s+(?P<ref>.+?)'s\s+priority$", _asking("priority")),
    # One task by its name (before lists: "what are the details of the plumber task?")
    (
        r"^(?:(?:what\s+are|what(?:'s|\s+is)|show\s+(?:me\s+)?|give\s+me|get)\s+)?(?:the\s+)?"
        r"(?:details|info|information)\s+(?:of|for|on|about)\s+(?P<ref>.+)$",
        _one_task,
    ),
    (r"^(?:tell\s+me\s+(?:more\s+)?about|describe)\s+(?P<ref>.+)$", _one_task),
    (
        r"^(?:show|display|view|open|pull\s+up)\s+(?:me\s+)?(?P<ref>the\s+.+?\s+(?:task|todo|item))$",
        _one_task,
    ),
    # Counting
    (r"^how\s+many\b.*$", _count),
    (r"^(?:count|number\s+of)\s+(?:my\s+)?(?:\w+\s+)?(?:tasks|todos|items)\b.*$", _count),
    # The reminders set: "what reminders do I have", "show my reminders", "any reminders set",
    # "which tasks have reminders" (before the lists: the tasks of a reminder list are narrowed).
    (
        r"^(?:(?:show|list|display|view|see|get|give|check|read)(?:\s+me)?\s+(?:all\s+)?"
        r"(?:(?:my|the)\s+)?|(?:what|which)(?:\s+are)?\s+(?:all\s+)?(?:(?:my|the)\s+)?"
        r"|(?:do\s+i\s+have|have\s+i\s+(?:got|set)|are\s+there|any)\s+(?:any\s+)?"
        r"|(?:all\s+)?my\s+)?(?:active\s+|pending\s+|upcoming\s+|current\s+)?reminders"
        r"(?:\s+(?:do\s+i\s+have|have\s+i\s+(?:got|set)|are\s+there|are\s+set|i\s+(?:have|set)"
        r"|coming\s+up))?(?:\s+(?:set|on|now|right\s+now|at\s+the\s+moment))?$"
        r"|^(?:which|what)\s+(?:tasks?|todos?|to-?dos?|ones?|items)\s+(?:have|has)\s+(?:a\s+)?"
        r"reminders?(?:\s+(?:set|on))?$",
        lambda _match, _text: Intent("list", status="pending", reminders=True),
    ),
    # List
    (
        r"^(?:show|list|display|see|view|get(?!\s+rid\b)|give|tell|print|read|check(?!\s+off\b)"
        r"|let\s+me\s+(?:see|view|check|have\s+a\s+look\s+at)"
        r"|(?:take\s+a\s+)?look\s+(?:at|over)|pull\s+up|go\s+(?:over|through))\b.*\b(?:tasks?|todos?"
        r"|to-?dos?|list|items|everything|pending|completed|done|finished|overdue|tagged|priority"
        r"|urgent|important|due|recurring|repeating)\b.*$",
        _list,
    ),
    (
        r"^what(?:'?s|\s+is|\s+are|\s+were)\b.*\b(?:tasks?|todos?|to-?dos?|list|pending|left"
        r"|remaining|outstanding|open|incomplete|unfinished|done|completed|finished|due|plate"
        r"|overdue|late|tagged|urgent|important|priority)\b.*$",
        _list,
    ),
    (
        r"^what\s+(?:have|did)\s+i\s+(?:already\s+)?(?:complete|completed|finish|finished|done|do"
        r"|get\s+done|accomplish(?:ed)?)\b.*$",
        lambda match, text: replace(_filtered("list", text), status="completed", due_filter=None),
    ),
    (
        r"^what\s+(?:do|should|must)\s+i\s+(?:still\s+)?(?:(?:have|need|got)\s+)?(?:to\s+)?do\b.*$",
        _list,
    ),
    (
        r"^(?:do\s+i\s+have|have\s+i\s+got|is\s+there|are\s+there"
        r"|which\s+(?:tasks?\s+|ones?\s+)?(?:are|is)"
        r"|what\s+tasks?\s+(?:are|is)|any\s+tasks?)\s+(?:anything|something|any\s+tasks?|a\s+task|tasks?)?"
        r"\s*(?:about|with|for|mentioning|called|named|on)\s+(?P<ref>.+)$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    (
        # "do I have any meetings?": the tasks that name them (a list when the words are a
        # filter: "do I have any overdue tasks?").
        r"^(?:do|have)\s+i\s+(?:have|got)\s+any\s+(?P<ref>.+)$",
        lambda match, text: _named_task(match["ref"]) or _list(match, text),
    ),
    (r"^(?:do|have)\s+i\s+(?:have|got)\s+(?:any|anything|many)\b.*$", _list),
    (r"^(?:is|are)\s+there\s+(?:any|anything)\b.*$", _list),
    (
        r"^(?:is|are)\s+(?:anything|any\s+tasks?|something)\s+(?:overdue|late|due|urgent|left|pending)\b.*$"
        r"|^am\s+i\s+behind\b.*$",
        lambda match, text: _filtered("list", "overdue" if text.lower().startswith("am") else text),
    ),
    (r"^(?:what|which)\s+(?:tasks?|todos?|to-?dos?|items|things)\b.*$", _list),
    # "what about tomorrow?", "how about the overdue ones?": a list when the words are a filter.
    (r"^(?:what|how)\s+about\s+.+$", _filtered_list),
    # "which ones are due today", "which are overdue": as "which tasks …" when a filter is named.
    (r"^which(?:\s+ones?)?\s+(?:are|is)\s+.+$", _filtered_list),
    (
        r"^(?:what|which\s+ones?)\s+(?:repeats?|recurs?|(?:is|are)\s+(?:recurring|repeating))$",
        _list,
    ),
    (
        r"^(?:what'?s|what\s+is|show\s+(?:me\s+)?(?:my\s+)?)\s*(?:coming\s+up|upcoming(?:\s+tasks)?"
        r"|next\s+up)$",
        lambda _match, _text: Intent("list", status="pending", sort="due"),
    ),
    (
        r"^what\s+(?:do|have|did)\s+i\s+(?:got|have|get)\b.*$",
        lambda match, text: replace(_filtered("list", text), status="pending"),
    ),
    (
        r"^(?:what'?s|what\s+is)\s+(?:on\s+|up\s+|planned\s+)?(?:for\s+)?(?:tomorrow|next\s+week"
        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
        _list,
    ),
    (
        r"^(?:what'?s|what\s+is)\s+(?:next|(?:on\s+|up\s+|planned\s+)?(?:for\s+)?(?:today|tonight))$",
        _pending_list,
    ),
    (r"^(?:show|list|display|view|see)(?:\s+(?:all|everything|me|my|them|it))*$", _list),
    (
        r"^(?:any|anything)\s+(?:tasks?\s+)?(?:left|pending|remaining|due|to\s+do|urgent|important|for"
        r"|overdue|late|high[\s-]+priority)\b.*$",
        _list,
    ),
    (
        r"^(?:(?:my|all|all\s+my|the)\s+)?(?:(?:pending|open|incomplete|unfinished|outstanding"
        r"|remaining|completed|done|finished)\s+)?(?:tasks?|todos?|to-?dos?|to-?do\s+list|list)$",
        _list,
    ),
    (r"^(?:pending|completed|done|finished|open|remaining|outstanding)$", _list),
    (r"^(?:my\s+)?(?:tasks|todos|to-?dos)\b.*$", _list),
    (r"^my\s+[^\W\d_][\w-]*\s+(?:tasks|todos|to-?dos)$", _list),
    (r"^(?:sort|order)\s+(?:my\s+|the\s+)?(?:tasks|todos|to-?dos|list)\b.*$", _list),
    (
        r"^(?:(?:my|all|all\s+my|the)\s+)?(?:tasks?|todos?)\s+(?:tagged|with\s+(?:the\s+)?tag|due"
        r"|that\s+are\s+(?:overdue|due|urgent))\b.*$",
        _list,
    ),
    # Filters alone: "high-priority ones", "overdue", "#family", "!high", "urgent"
    (
        r"^(?:(?:the|my|all|all\s+my|any)\s+)?(?:(?:high|low|medium|top)[\s-]+priority|urgent|important"
        r"|overdue|#[^\W\d_][\w-]*|tagged\s+#?\w[\w-]*|due\s+(?:today|this\s+week)"
        r"|recurring|repeating|one-?off|one-?time|non-?recurring)"
        r"(?:\s+(?:ones|tasks?|todos?|items|stuff|things))?$",
        _list,
    ),
    (
        rf"^!(?P<prio>{_PRIORITY})$",
        lambda match, text: _filtered("list", match["prio"] + " priority"),
    ),
    # Bulk clean-up: "clear completed tasks", "clear my list"
    (r"^(?:clear|clean\s+up|purge|wipe|empty)\s+(?:out\s+)?(?P<ref>.+?)(?:\s+out)?$", _clear),
    # A note for a task named in free text (before the generic "add X")
    (
        rf"^(?:add|set)\s+(?:a\s+|the\s+)?{_DESC_WORD}\s+(?:to|for|on)\s+(?P<ref>.+?)\s*:\s*"
        r"(?P<desc>.+)$",
        _update_description,
    ),
    # The same, of a task named in free text
    (
        rf"^(?:clear|remove|delete|drop|erase)\s+(?:the\s+)?{_DESC_WORD}\s+(?:of|from|for|on)\s+"
        r"(?P<ref>.+)$",
        _clear_description,
    ),
    (
        r"^(?:remove|clear|drop|reset)\s+(?:the\s+)?priority\s+(?:of|from|for|on)\s+(?P<ref>.+)$",
        _clear_priority,
    ),
    (
        rf"^(?:make|set)\s+(?P<ref>.+?)\s+due\s+(?:on\s+|by\s+|at\s+|for\s+)?(?P<when>{WHEN_PATTERN})$",
        _set_due,
    ),
    (
        # "the dentist is on thursday", "the plumber is due friday", "buy milk should be
        # tomorrow", "the meeting is now at 5pm": a task already listed moves (never a new one
        # named "The plumber should be"); "add X is due Y" is left to adding.
        r"^(?!(?:add|put|create|new|jot|note|remind|todo|anything|something|everything|what|which)\b)"
        r"(?P<ref>.+?)\s+(?:is|should\s+be"
        r"|needs\s+to\s+be)\s+(?:now\s+)?(?:due\s+(?:on\s+|at\s+|for\s+|by\s+)?|(?:on|at|for)\s+"
        rf"|(?<=be\s)|(?<=now\s))(?P<when>{WHEN_PATTERN})(?:\s+(?:now|instead))?$",
        _set_due,
    ),
    (
        # "set the meeting for 3pm", "make the meeting at 2pm": a task already listed moves (a
        # lookup finds it, or says nothing matches), never a new "Set the meeting".
        r"^(?:set|make)\s+(?P<ref>the\s+.+?)\s+(?:for|at|to|on)\s+"
        rf"(?P<when>{WHEN_PATTERN})$",
        _set_due,
    ),
    (
        # "make it tomorrow", "make that friday at 5pm": the task just talked about moves.
        r"^(?:make|set|have|put)\s+(?P<ref>it|that|this|that\s+one|this\s+one)\s+"
        rf"(?:due\s+|for\s+|on\s+|to\s+)?(?P<when>{WHEN_PATTERN})$",
        _set_due,
    ),
    (
        r"^(?:cancel|remove|delete|clear|drop|turn\s+off|disable)\s+(?:the\s+|my\s+)?reminders?"
        r"\s+(?:on|for|from|of|about)\s+(?P<ref>.+)$",
        _clear_reminder,
    ),
    (
        r"^(?:set|add|create|put|make)\s+(?:a\s+|the\s+)?reminder\s+(?:for|on|about)\s+(?P<ref>.+?)"
        rf"\s+(?P<offset>{_OFFSET})$",
        _remind_offset,
    ),
    (
        r"^(?:set|add|create|put|make)\s+(?:a\s+|the\s+)?reminder\s+(?:for|on|about)\s+(?P<ref>.+?)"
        rf"\s+(?:for\s+)?(?P<when>{WHEN_PATTERN})$",
        _remind_at,
    ),
    (
        # "snooze the oven reminder for 10 minutes", "snooze it until tomorrow morning".
        r"^snooze\s+(?:the\s+reminder\s+(?:for|on|about|of)\s+)?(?P<ref>.+?)(?:'s)?"
        r"(?:\s+reminder)?\s+(?:(?:for\s+)?(?:another\s+)?(?P<amount>an?|one|half\s+an|\d+|"
        + "|".join(WORD_NUMBERS)
        + r")\s*(?P<unit>minutes?|mins?|hours?|hrs?|days?)(?:\s+more)?"
        rf"|(?:until|till|til|to)\s+(?P<when>{WHEN_PATTERN}))$",
        _snooze,
    ),
    (r"^(?:stop\s+repeating|(?:don't|do\s+not)\s+repeat)\s+(?P<ref>.+)$", _stop_repeating),
    (
        r"^(?:remove|clear|delete|drop|cancel|stop)\s+(?:the\s+)?(?:recurrence|repeat|repetition"
        r"|repeating)\s+(?:of|from|on|for)\s+(?P<ref>.+)$",
        _stop_repeating,
    ),
    (
        r"^(?:make|set|have)\s+(?P<ref>.+?)\s+(?:not\s+(?:repeat|recur)(?:ring)?|non-?recurring"
        r"|(?:a\s+)?one-?(?:off|time)(?:\s+task)?)$",
        _stop_repeating,
    ),
    (
        rf"^(?:make|set|have)\s+(?P<ref>.+?)\s+(?:to\s+)?(?:repeat|recur)\s+(?P<rec>{RECURRENCE_PATTERN})$",
        _repeat,
    ),
    # A task said with when it repeats or is due, without "add"
    (
        rf"^(?P<when>(?:on\s+|by\s+)?(?:today|tonight|tomorrow|tmrw|(?:next\s+|this\s+)?(?:{_DAY_NAMES})"
        r"(?:\s+(?:morning|afternoon|evening|night))?))\s*[:,–—-]?\s+(?P<rest>.+)$",
        _when_first,
    ),
    (rf"^{RECURRENCE_PATTERN}\s*[:–—-]\s*(?P<rest>.+)$", _repeating),
    (rf"^(?P<rest>.+?)[\s,]+{RECURRENCE_PATTERN}(?:{_PRIORITY_CLAUSE})?$", _standalone),
    (
        rf"^(?P<rest>.+?)[\s,]+(?:(?P<prep>by|on|due|at|before)\s+)?{WHEN_PATTERN}"
        rf"(?:{_PRIORITY_CLAUSE})?$",
        _standalone,
    ),
    # Add
    (
        rf"^(?:add|create|make|new)(?:\s+(?:a|an|another|one))?(?:\s+new)?(?:\s+{_ADD_NOUN})?$",
        _fixed("add_missing_title"),
    ),
    # "add a reminder to call the bank tomorrow": as "remind me to call the bank tomorrow".
    (
        r"^(?:add|create|make|new|put|set)(?:\s+(?:a|an|another|one))?(?:\s+new)?\s+reminder"
        r"(?:\s+to|\s*[:–—-])\s*(?P<rest>.+)$",
        _remind_to,
    ),
    (
        rf"^(?:add|create|make|new|put)(?:\s+(?:a|an|another|one))?(?:\s+new)?"
        r"(?:\s+(?P<adj>urgent|important|(?:high|low|medium)[\s-]priority))?\s+"
        rf"{_ADD_NOUN}s?\b"
        r"(?:\s+(?:to|called|named|titled|for|saying|that\s+says"
        r"|with\s+(?:the\s+|a\s+)?(?:title|name)(?:\s+of)?))?\s*[:–—-]?\s*(?P<rest>.+)$",
        _add,
    ),
    (rf"^(?:{_ADD_NOUN}|to\s+do|new|note\s+to\s+self|memo)\s*[:–—-]\s*(?P<rest>.+)$", _add),
    # "todo buy cheese": "todo" with no colon, before a task verb.
    (r"^(?:todo|to-do)\s+(?P<rest>(?P<verb>[^\W\d_]+)\b.*)$", _todo),
    # "add to do: clean room" ("to do" spelt apart, as a noun).
    (r"^(?:add|put)\s+(?:a\s+)?to\s+do\s*[:–—-]\s*(?P<rest>.+)$", _add),
    (r"^(?:add|put|jot\s+down|note\s+down|write\s+down)\s*:?\s+(?P<rest>.+)$", _add),
    (rf"^remind\s+me\s+(?P<offset>{_OFFSET})$", _remind_offset),
    (rf"^remind\s+me\s+(?:about|of)\s+(?:the\s+)?{_ID}\s+(?P<offset>{_OFFSET})$", _remind_offset),
    (rf"^remind\s+me\s+(?:about|of)\s+(?:the\s+)?{_ID}\s+(?P<when>{WHEN_PATTERN})$", _remind_at),
    (rf"^remind\s+me\s+(?:about|of)\s+(?P<ref>.+?)\s+(?P<offset>{_OFFSET})$", _remind_offset),
    (
        rf"^remind\s+me\s+(?P<when>(?:on\s+)?{WHEN_PATTERN})\s*,?\s+to\s+(?P<rest>.+)$",
        _remind_when_first,
    ),
    (
        rf"^remind\s+me\s+(?P<when>{RECURRENCE_PATTERN}(?:[\s,]+(?:at\s+)?{CLOCK})?)\s*,?\s+to\s+"
        r"(?P<rest>.+)$",
        _remind_when_first,
    ),
    (
        rf"^(?P<when>{RECURRENCE_PATTERN}(?:[\s,]+(?:at\s+)?{CLOCK})?)\s*,?\s+remind\s+me\s+to\s+"
        r"(?P<rest>.+)$",
        _remind_when_first,
    ),
    (
        r"^remind\s+me\s+(?P<offset>(?:an?|one|half\s+an|\d+)\s+(?:minutes?|mins?|hours?|days?|weeks?)"
        rf"\s+before)\s+(?:the\s+)?{_ID}$",
        _remind_offset,
    ),
    (
        r"^remind\s+me\s+(?P<offset>(?:an?|one|half\s+an|\d+)\s+(?:minutes?|mins?|hours?|days?|weeks?)"
        r"\s+before)\s+(?P<ref>.+)$",
        _remind_offset,
    ),
    (r"^remind\s+me\s+to\s+(?P<rest>.+)$", _remind_to),
    (
        rf"^remind\s+me\s+(?:about|of)\s+(?P<ref>it|that|this|that\s+one|this\s+one)\s+"
        rf"(?P<when>{WHEN_PATTERN})$",
        _remind_at,
    ),
    (
        rf"^remind\s+me\s+(?:about|of)\s+(?P<ref>.+?)\s+(?P<when>{WHEN_PATTERN})$",
        _remind_about,
    ),
    (r"^remind\s+me\s+about\s+(?P<rest>.+)$", _add),
    (
        r"^(?:i(?:'ve|\s+have|'ll|\s+will)?\s+)?(?:need\s+to|have\s+to|must|should|gotta|got\s+to"
        r"|want\s+to)\s+remember\s+(?:to\s+)?(?P<rest>.+)$",
        _add,
    ),
    (
        r"^(?:remember|don't\s+forget|do\s+not\s+forget|don't\s+let\s+me\s+forget)\s+to\s+"
        r"(?P<rest>.+)$",
        _add,
    ),
    (
        r"^(?:(?:don't|do\s+not)\s+(?:let\s+me\s+)?forget(?:\s+about)?|remember\s*:"
        r"|i\s+(?:keep|always)\s+forget(?:ting)?(?:\s+to)?)\s+(?P<rest>.+)$",
        _add,
    ),
    # Reopen / delete / update / complete a task named in free text
    (rf"^{_REOPEN_VERB}\s+(?P<ref>.+)$", _reopen),
    (rf"^(?:mark|set|flag)\s+(?P<ref>.+?)\s+(?:as\s+)?{_UNDONE_WORD}$", _reopen),
    (
        rf"^(?!(?:what|which|who|anything|something|everything|nothing)\b){_NOT_A_TASK}"
        rf"(?P<ref>.+?)\s+(?:{_STILL_OPEN})$",
        _still_open,
    ),
    # A task no longer needed, said as news: deleted only after a yes
    (rf"^{_NEVER_MIND}\s+(?:the\s+)?{_ID}$", _no_longer_needed),
    (rf"^(?:the\s+)?{_ID}\s+{_NOT_NEEDED}$", _no_longer_needed),
    (rf"^{_NEVER_MIND}\s+{_NOT_A_TASK}(?P<ref>.+)$", _no_longer_needed),
    (rf"^(?P<ref>.+?)\s+{_NOT_NEEDED}$", _no_longer_needed),
    (
        r"^(?:i\s+(?:don't|dont|do\s+not)\s+need|(?:there's\s+|there\s+is\s+)?no\s+need)\s+to\s+"
        r"(?P<ref>.+?)\s+any\s*more$",
        _no_longer_needed,
    ),
    (rf"^{_DELETE_VERB}\s+(?P<ref>.+?){_FROM_LIST}$", _delete),
    (
        rf"^{_EDIT_VERB}\s+(?:the\s+)?{_DESC_WORD}\s+(?:of|for|on)\s+(?P<ref>.+?)\s+(?:to|with|as)"
        r"\s*:?\s+(?P<desc>.+)$",
        _update_description,
    ),
    (
        r"^(?:rename|change|update|edit|retitle)\s+(?:the\s+)?(?P<ref>([\"'“«]).+?[\"'”»])"
        r"(?:\s+task)?\s+(?:to|as|into)\s+(?P<title>.+)$",
        _update_title,
    ),
    (
        r"^(?:rename|change|update|edit|retitle)\s+(?:the\s+)?(?:(?:title|name)\s+(?:of|for)\s+)?"
        r"(?P<ref>.+?)(?:'s\s+(?:title|name))?\s+(?:to|as|into)\s*:?\s+(?P<title>.+)$",
        _update_title,
    ),
    (
        r"^i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+)?(?:finished|completed|done)\s+"
        r"(?:with\s+)?(?P<ref>.+)$",
        _complete,
    ),
    (
        # Not "I've got to X" (a new task).
        rf"^i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+)?(?:{_DONE_VERBS})\s+(?!to\s)"
        r"(?P<ref>.+)$",
        _complete,
    ),
    (
        r"^(?:i(?:'m|\s+am)\s+)?(?:all\s+)?(?:done|finished|through)\s+(?:with\s+)?(?P<ref>.+)$",
        _complete,
    ),
    (rf"^(?:mark|set|flag)\s+(?P<ref>.+?)\s+(?:as\s+)?{_DONE_WORD}$", _complete),
    (r"^(?:check|tick)\s+(?P<ref>.+?)\s+off$", _complete),
    (
        r"^(?:complete|finish|check\s+off|tick\s+off|cross\s+off|cross\s+out|strike\s+off)\s+"
        r"(?P<ref>.+)$",
        _complete_or_deadline,
    ),
    (
        rf"^(?P<ref>.+?)\s+(?:is|are)\s+(?:now\s+)?(?:all\s+)?(?:{_DONE_WORD}|over|sorted|handled)$",
        _complete,
    ),
    (rf"^(?:{_BARE_DONE_VERBS})\s+(?P<ref>.+)$", _complete_or_deadline),
    (r"^i(?:\s+want|'d\s+like|\s+would\s+like)\s+to\s+(?P<rest>.+)$", _wish),
    # "I need to X", "I have to X": a new task (after "I need to remember to X")
    (
        r"^i(?:'ve)?\s+(?:really\s+)?(?:need\s+to|have\s+to|must|should|gotta|got\s+to|ought\s+to)"
        rf"\s+{_NOT_REGRET}(?P<rest>.+)$",
        _add,
    ),
    # … and without the "I" ("need to buy milk", "gotta call mom"; not "should I …?").
    (
        rf"^(?:really\s+)?(?:need\s+to|have\s+to|must|gotta|got\s+to)\s+{_NOT_REGRET}(?P<rest>.+)$",
        _add,
    ),
)


def _parse(cleaned: str) -> Intent:
    for pattern, build in RULES:
        match = pattern.match(cleaned)
        if match:
            intent = build(match, cleaned)
            if intent is not None:
                return intent
    return Intent("unknown", text=cleaned)


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
    if "unknown" in (first.kind, second.kind):
        return None
    if first.kind == second.kind == "add" and first.extras and second.extras:
        extras = (*first.extras, *second.extras)
        return Intent("add", titles=tuple(item.title for item in extras), extras=extras)
    return Intent("compound", text=f"{split['first']}\n{split['second']}")


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


def parse_intent(text: str) -> Intent:
    """Classify one user message. Pure and deterministic; never raises."""
    cleaned = clean_request(text)
    greeting = _GREETING_PREFIX.match(cleaned)
    if greeting:
        rest = clean_request(cleaned[greeting.end() :])
        if not rest:
            return Intent("greeting", text=cleaned)
        cleaned = rest
    if not cleaned:
        return Intent("help")
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
    if asked and _said_bare(text, said):
        # "delete task 2?", "complete the report?": a command said as a question may be one
        # ("should I?"): asked about first ("can you delete task 2?" is a request).
        if intent.kind in ("complete", "delete"):
            return replace(intent, ask=True)
        if intent.kind == "bulk" and intent.task_ids:
            return replace(intent, ask=True, chosen=False)
    return intent


def _said_bare(text: str, cleaned: str) -> bool:
    """Whether ``text`` starts with the request itself, no "can you" or "please" before it."""
    first = cleaned.split()[0].lower() if cleaned.split() else ""
    return " ".join(text.replace("’", "'").lower().split()).startswith(first)


# "book a hotel too", "buy bread as well": said after another request.
_ALSO = re.compile(r"[\s,]+(?:too|as\s+well)$", FLAGS)


# "delete user 2's tasks", "show tasks of user 5", "as user bob, delete task 1": another user's
# tasks, out of reach whatever is asked of them (not in a task being added: "add email user 5").
_OTHER_USERS = re.compile(
    r"^(?!(?:add|create|new|put|jot|note|remind|todo|to\s+do)\b)(?=.*(?:\buser\s*#?\d+\b"
    r"|\buser_?id\s*[=:]|\buser\s+[\w@.-]+'s\b|\b(?:of|as)\s+(?:the\s+)?user\s+[\w@.-]+"
    r"|\b(?:other|another|all|every)\s+users?\b|\busers'(?:\s|$)|\b(?:someone|somebody|anyone"
    r"|anybody|everyone|everybody)\s+else'?s\b|\b(?:everyone|everybody)'s\s+(?:tasks|lists?"
    r"|todos)\b))",
    FLAGS,
)


def _read(cleaned: str, *, asked: bool) -> Intent:
    """The intent of a cleaned message: another user's tasks, two requests, one rule's reading,
    a new task said with a task verb (not when ``asked`` — "buy milk?" adds nothing), or a
    reading with typos fixed."""
    if _OTHER_USERS.match(cleaned):
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
    return intent
